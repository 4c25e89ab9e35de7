/**
 * A real PostgreSQL 15 for a test file: initdb into a temporary folder owned by the `postgres`
 * user (PostgreSQL refuses to run as root), listening only on a Unix socket in that folder, fsync
 * off. `startPostgres()` in beforeAll, `stop()` in afterAll. Each call to `createDatabase` gives a
 * fresh, empty database and its connection URL.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = process.env.DOSSIER_PG_BIN ?? '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** The socket folder (the `host` of a connection). */
  socketDir: string;
  /** A new empty database; its URL for DOSSIER_DATABASE_URL. */
  createDatabase(name?: string): string;
  stop(): void;
}

/** True when the PostgreSQL 15 server binaries are installed. */
export function postgresAvailable(): boolean {
  return fs.existsSync(path.join(BIN, 'initdb'));
}

const asRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Run a PostgreSQL program as the `postgres` user when we are root, else as ourselves. */
function pgRun(program: string, args: string[]): string {
  const file = path.join(BIN, program);
  const [cmd, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

let counter = 0;

export function startPostgres(): TestPostgres {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-pg-'));
  fs.chmodSync(dir, 0o777);
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'sock');
  fs.mkdirSync(socketDir);
  if (asRoot) execFileSync('chown', ['-R', 'postgres:postgres', dir]);
  pgRun('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync']);
  const options = `-c listen_addresses='' -c unix_socket_directories='${socketDir}' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=100 -c shared_buffers=32MB`;
  pgRun('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-o', options, '-w', 'start']);
  const url = (db: string) => `postgres://postgres@/${db}?host=${encodeURIComponent(socketDir)}`;
  return {
    socketDir,
    createDatabase(name) {
      const db = name ?? `t${process.pid}_${++counter}`;
      pgRun('createdb', ['-h', socketDir, '-U', 'postgres', db]);
      return url(db);
    },
    stop() {
      spawnSync(asRoot ? 'runuser' : path.join(BIN, 'pg_ctl'), asRoot ? ['-u', 'postgres', '--', path.join(BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'] : ['-D', data, '-m', 'immediate', 'stop'], { stdio: 'ignore' });
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
