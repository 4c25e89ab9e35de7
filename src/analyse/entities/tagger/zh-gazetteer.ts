/**
 * The Chinese tagger's gazetteer: every name and every prefix of one with its type bits, the
 * two-character keys again in an integer table (most lookups stop there), and the surnames. Built
 * by the training script, shipped as resources/ner/zh-gazetteer.tsv.gz, read by ner-resources.ts;
 * zh-features.ts walks it for each character.
 */
/** Bits of a gazetteer entry's types. */
export const GAZ_TYPES = { PER: 1, LOC: 2, ORG: 4 } as const;
/** The bit of an entry that is also the prefix of a longer one. */
export const PREFIX = 8;

export interface ZhGazetteer {
  /** Every entry and every prefix of one: the entry's type bits, and PREFIX when longer entries go on. */
  entries: Map<string, number>;
  surnames: Set<number>;
  maxLength: number;
  /**
   * The two-character keys of `entries` in an open-addressed table keyed by their two codes
   * (first << 16 | second, never 0): most lookups stop there, and an integer probe needs neither a
   * substring nor a Map's hashing of a number beyond the small-integer range.
   */
  pairs: PairTable;
}

export interface PairTable {
  keys: Int32Array;
  bits: Uint8Array;
  mask: number;
}

function pairSlot(key: number, mask: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 12 & mask;
}

function pairsOf(entries: Map<string, number>): PairTable {
  let count = 0;
  for (const key of entries.keys()) if (key.length === 2) count++;
  let size = 1024;
  while (size < count * 2) size *= 2;
  const table: PairTable = { keys: new Int32Array(size), bits: new Uint8Array(size), mask: size - 1 };
  for (const [key, bits] of entries) {
    if (key.length !== 2) continue;
    const k = (key.charCodeAt(0) << 16) | key.charCodeAt(1);
    let at = pairSlot(k, table.mask);
    while (table.keys[at] !== 0 && table.keys[at] !== k) at = (at + 1) & table.mask;
    table.keys[at] = k;
    table.bits[at] = bits;
  }
  return table;
}

/** The bits of a two-character entry (or prefix), 0 when there is none. */
export function pairBits(table: PairTable, first: number, second: number): number {
  const k = (first << 16) | second;
  for (let at = pairSlot(k, table.mask); ; at = (at + 1) & table.mask) {
    const key = table.keys[at]!;
    if (key === k) return table.bits[at]!;
    if (key === 0) return 0;
  }
}

export function buildZhGazetteer(names: Iterable<[string, keyof typeof GAZ_TYPES]>, surnames: Iterable<string>): ZhGazetteer {
  const entries = new Map<string, number>();
  let maxLength = 0;
  for (const [name, type] of names) {
    if (name.length < 2 || name.length > 12) continue;
    maxLength = Math.max(maxLength, name.length);
    entries.set(name, (entries.get(name) ?? 0) | GAZ_TYPES[type]);
    for (let k = 1; k < name.length; k++) {
      const p = name.slice(0, k);
      entries.set(p, (entries.get(p) ?? 0) | PREFIX);
    }
  }
  const set = new Set<number>();
  for (const s of surnames) if (s.length === 1) set.add(s.charCodeAt(0));
  return { entries, surnames: set, maxLength, pairs: pairsOf(entries) };
}

/**
 * The gazetteer as shipped (resources/ner/zh-gazetteer.tsv.gz): a line per entry or prefix with its
 * bits, surnames on the first line, so loading is one Map.set a line rather than a rebuild.
 */
export function serializeZhGazetteer(gaz: ZhGazetteer): string {
  const lines = [`#\t${gaz.maxLength}\t${String.fromCharCode(...gaz.surnames)}`];
  for (const [key, bits] of [...gaz.entries].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) lines.push(`${key}\t${bits}`);
  return lines.join('\n') + '\n';
}

export function parseZhGazetteer(text: string): ZhGazetteer {
  const entries = new Map<string, number>();
  let maxLength = 0;
  const surnames = new Set<number>();
  let at = 0;
  while (at < text.length) {
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < end) {
      const key = text.slice(at, tab);
      if (key === '#') {
        const [max, names] = text.slice(tab + 1, end).split('\t');
        maxLength = Number(max);
        for (let i = 0; i < (names ?? '').length; i++) surnames.add(names!.charCodeAt(i));
      } else entries.set(key, Number(text.slice(tab + 1, end)));
    }
    at = end + 1;
  }
  return { entries, surnames, maxLength, pairs: pairsOf(entries) };
}
