import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's resources/ folder, from src/analyse or dist/analyse alike. */
const RESOURCES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'resources');

/** Lines of a bundled tab-separated resource, without comments and blank lines, split on tabs. */
export function readResource(name: string): string[][] {
  return fs
    .readFileSync(path.join(RESOURCES, name), 'utf8')
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split('\t'));
}

/** The path of a bundled resource file (binary resources such as the tagger's models). */
export function resourcePath(name: string): string {
  return path.join(RESOURCES, name);
}
