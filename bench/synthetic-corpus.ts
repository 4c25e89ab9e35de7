// The synthetic mixed corpus of bench:ingest (BENCH_CORPUS=synthetic): real text reshuffled into
// SCALE times the e-mails and statutes of prc-laws + email-linux-man, plus PDFs and DOCX made
// from that text by LibreOffice and ZIP archives made by zip(1). Built once into /work/cache (or
// BENCH_CACHE) and reused: a `.complete` file records what was made. Deterministic (seeded).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface SyntheticCorpus {
  dir: string;
  counts: Record<string, number>;
}

/** xorshift32: the same corpus on every machine. */
function random(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32;
  };
}

interface Pools {
  headers: Array<{ from: string; to: string; subject: string; date: string }>;
  mailParagraphs: string[];
  lawTitles: string[];
  lawParagraphs: string[];
}

const header = (head: string, name: string) => new RegExp(`^${name}:[ \\t]*(.*(?:\\n[ \\t].*)*)`, 'im').exec(head)?.[1]?.replace(/\s+/g, ' ').trim() ?? '';

/** Paragraphs of plain-text e-mails (no MIME parts, no transfer encoding) and of the statutes. */
function readPools(lawsDir: string, emailDir: string): Pools {
  const pools: Pools = { headers: [], mailParagraphs: [], lawTitles: [], lawParagraphs: [] };
  for (const name of fs.readdirSync(emailDir).sort()) {
    const raw = fs.readFileSync(path.join(emailDir, name), 'utf8');
    const split = raw.indexOf('\n\n');
    if (split < 0) continue;
    const head = raw.slice(0, split);
    const from = header(head, 'From');
    if (from) pools.headers.push({ from, to: header(head, 'To') || 'linux-man@vger.kernel.org', subject: header(head, 'Subject') || '(no subject)', date: header(head, 'Date') || 'Wed, 11 May 2022 09:16:08 +0000' });
    if (/^content-type:\s*multipart|^content-transfer-encoding:\s*(base64|quoted-printable)/im.test(head)) continue;
    for (const p of raw.slice(split + 2).split(/\n\s*\n/)) if (p.trim().length > 20) pools.mailParagraphs.push(p.trim());
  }
  const walk = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name)).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.md') ? [path.join(dir, e.name)] : []));
  for (const file of walk(lawsDir)) {
    const text = fs.readFileSync(file, 'utf8').replace(/^---[\s\S]*?---\n/, '');
    const title = /^# (.+)$/m.exec(text)?.[1]?.trim();
    if (title) pools.lawTitles.push(title);
    for (const p of text.split(/\n\s*\n/)) if (p.trim().length > 10 && !p.startsWith('<!--')) pools.lawParagraphs.push(p.trim());
  }
  return pools;
}

class Writer {
  readonly next: () => number;
  constructor(
    readonly pools: Pools,
    seed: number,
  ) {
    this.next = random(seed);
  }
  pick<T>(xs: T[]): T {
    return xs[Math.floor(this.next() * xs.length)]!;
  }
  between(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  email(i: number): string {
    const h = this.pick(this.pools.headers);
    const body = Array.from({ length: this.between(3, 12) }, () => this.pick(this.pools.mailParagraphs));
    // One e-mail in ten quotes a statute: the corpus is mixed-script, as a leak is.
    if (this.next() < 0.1) body.splice(1, 0, `> ${this.pick(this.pools.lawTitles)}\n> ${this.pick(this.pools.lawParagraphs)}`);
    const subject = this.next() < 0.5 ? `Re: ${h.subject.replace(/^(re:\s*)+/i, '')}` : h.subject;
    return [`From: ${h.from}`, `To: ${h.to}`, `Subject: ${subject}`, `Date: ${h.date}`, `Message-ID: <synthetic-${i}@dossier.invalid>`, 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', body.join('\n\n'), ''].join('\n');
  }
  statute(i: number, paragraphs: [number, number]): string {
    const body = Array.from({ length: this.between(...paragraphs) }, () => this.pick(this.pools.lawParagraphs));
    return `# ${this.pick(this.pools.lawTitles)}（汇编 ${i}）\n\n${body.join('\n\n')}\n`;
  }
}

function run(command: string, args: string[], cwd: string): void {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.status !== 0) throw new Error(`${command} ${args.slice(0, 4).join(' ')}… failed: ${r.error?.message ?? r.stderr.slice(-500)}`);
}

/**
 * The corpus for `scale` (10: ten times the e-mails and statutes of the two corpora), built on
 * first use. Per unit of scale: 2,000 e-mails, 1,586 statutes (Markdown), 10 PDFs and 10 DOCX
 * made by LibreOffice from statute-and-e-mail text, 20 ZIPs of 8 fresh e-mails and statutes.
 */
export function syntheticCorpus(cacheRoot: string, lawsDir: string, emailDir: string, scale: number): SyntheticCorpus {
  const dir = path.join(cacheRoot, `ingest-synthetic-x${scale}`);
  const marker = path.join(dir, '.complete');
  if (fs.existsSync(marker)) return { dir, counts: (JSON.parse(fs.readFileSync(marker, 'utf8')) as { counts: Record<string, number> }).counts };
  fs.rmSync(dir, { recursive: true, force: true });
  const started = Date.now();
  console.log(`building the synthetic corpus ×${scale} in ${dir} (once) …`);
  const w = new Writer(readPools(lawsDir, emailDir), 0x5eed + scale);
  const counts = { eml: 2000 * scale, md: 1586 * scale, pdf: 10 * scale, docx: 10 * scale, zip: 20 * scale, zipMembers: 0 };
  let serial = 0;
  const emit = (sub: string, name: string, text: string) => {
    fs.mkdirSync(path.join(dir, sub), { recursive: true });
    fs.writeFileSync(path.join(dir, sub, name), text);
  };
  // Spread over folders of 1,000 files, as exported mailboxes and shares are.
  for (let i = 0; i < counts.eml; i++) emit(`mail/${String(Math.floor(i / 1000)).padStart(3, '0')}`, `${String(i).padStart(6, '0')}.eml`, w.email(serial++));
  for (let i = 0; i < counts.md; i++) emit(`laws/${String(Math.floor(i / 1000)).padStart(3, '0')}`, `statute-${String(i).padStart(6, '0')}.md`, w.statute(serial++, [20, 80]));
  // Office documents through LibreOffice, as a leak's are made: text in, PDF and DOCX out.
  const staging = path.join(dir, '.staging');
  for (const format of ['pdf', 'docx'] as const) {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.mkdirSync(staging, { recursive: true });
    const sources: string[] = [];
    for (let i = 0; i < counts[format]; i++) {
      const name = `${format}-${String(i).padStart(5, '0')}.txt`;
      const text = `${w.statute(serial++, [5, 25])}\n${w.pick(w.pools.mailParagraphs)}\n`;
      fs.writeFileSync(path.join(staging, name), text);
      sources.push(name);
    }
    const out = path.join(dir, format);
    fs.mkdirSync(out, { recursive: true });
    run('soffice', [`-env:UserInstallation=file://${path.join(staging, 'profile')}`, '--headless', '--convert-to', format === 'pdf' ? 'pdf' : 'docx:MS Word 2007 XML', '--outdir', out, ...sources], staging);
    counts[format] = fs.readdirSync(out).length; // what LibreOffice actually wrote
  }
  fs.rmSync(staging, { recursive: true, force: true });
  // Archives of fresh files (not copies of the loose ones: those would be deduplicated).
  const members = path.join(dir, '.members');
  for (let i = 0; i < counts.zip; i++) {
    fs.rmSync(members, { recursive: true, force: true });
    fs.mkdirSync(members, { recursive: true });
    for (let k = 0; k < 4; k++) fs.writeFileSync(path.join(members, `message-${k}.eml`), w.email(serial++));
    for (let k = 0; k < 4; k++) fs.writeFileSync(path.join(members, `statute-${k}.md`), w.statute(serial++, [10, 40]));
    counts.zipMembers += 8;
    fs.mkdirSync(path.join(dir, 'zip'), { recursive: true });
    run('zip', ['-q', '-r', path.join(dir, 'zip', `bundle-${String(i).padStart(4, '0')}.zip`), '.'], members);
  }
  fs.rmSync(members, { recursive: true, force: true });
  fs.writeFileSync(marker, JSON.stringify({ scale, counts, seconds: Math.round((Date.now() - started) / 1000) }, null, 2) + '\n');
  console.log(`built in ${Math.round((Date.now() - started) / 1000)} s: ${JSON.stringify(counts)}`);
  return { dir, counts };
}
