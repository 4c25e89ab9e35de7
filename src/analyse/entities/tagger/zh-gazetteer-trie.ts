/**
 * The Chinese gazetteer's entries (zh-gazetteer.ts) as a trie over UTF-16 codes, for the features'
 * walk along the text (zhFeatures): each step from a prefix to the next character is an integer
 * probe, where looking the longer prefix up in the entries' Map cut a new substring and hashed it
 * at every step. Every prefix of an entry is itself an entry (with the PREFIX bit), so a node's
 * bits are the Map's for its prefix. Built from the Map once per gazetteer, on first use.
 */
import type { ZhGazetteer } from './zh-gazetteer.js';

export interface GazetteerTrie {
  /** Per slot: parent node × 65536 + code (exact in a double), 0 when empty (node 0, the root, has no code 0 child). */
  keys: Float64Array;
  /** Per slot: the child node. */
  children: Int32Array;
  mask: number;
  /** Per node: the entry's bits (types and PREFIX). */
  bits: Uint8Array;
}

/** The first slot to probe for the child of `node` by `code` (integer arithmetic: the key is a double). */
function slotOf(node: number, code: number, mask: number): number {
  return ((Math.imul(node, 0x9e3779b1) ^ Math.imul(code, 0x85ebca6b)) >>> 7) & mask;
}

/** The node reached from `node` by the character `code`, −1 when no entry goes on so. */
export function childOf(trie: GazetteerTrie, node: number, code: number): number {
  const key = node * 65536 + code;
  const { keys, mask } = trie;
  for (let slot = slotOf(node, code, mask); ; slot = (slot + 1) & mask) {
    const k = keys[slot]!;
    if (k === key) return trie.children[slot]!;
    if (k === 0) return -1;
  }
}

let built: { of: ZhGazetteer; trie: GazetteerTrie } | null = null;

/** The trie of `gaz`'s entries (kept for the last gazetteer asked for: a process has one). */
export function gazetteerTrie(gaz: ZhGazetteer): GazetteerTrie {
  if (built?.of !== gaz) built = { of: gaz, trie: buildTrie(gaz.entries) };
  return built.trie;
}

function buildTrie(entries: ReadonlyMap<string, number>): GazetteerTrie {
  let size = 1024;
  while (size < entries.size * 2) size *= 2;
  const trie: GazetteerTrie = { keys: new Float64Array(size), children: new Int32Array(size), mask: size - 1, bits: new Uint8Array(entries.size + 1) };
  let nodes = 1;
  // The nodes along the previous key: the shipped file is sorted, so a key mostly shares all but
  // its last character with the one before it, and only the rest is looked up (116 → ~30 ms).
  const path = [0];
  let previous = '';
  for (const [key, bits] of entries) {
    let shared = 0;
    while (shared < key.length && shared < previous.length && key.charCodeAt(shared) === previous.charCodeAt(shared)) shared++;
    let node = path[shared]!;
    for (let i = shared; i < key.length; i++) {
      const code = key.charCodeAt(i);
      let next = childOf(trie, node, code);
      if (next < 0) {
        // A node for each prefix on the way; one that is no entry (a half of a character outside
        // the BMP, which the shipped file cannot hold alone) keeps bits 0 until it is met as one.
        const k = node * 65536 + code;
        let slot = slotOf(node, code, trie.mask);
        while (trie.keys[slot] !== 0) slot = (slot + 1) & trie.mask;
        if (nodes >= trie.bits.length) trie.bits = grow(trie.bits);
        if (2 * nodes >= trie.keys.length) throw new Error('gazetteer trie: table full');
        trie.keys[slot] = k;
        trie.children[slot] = next = nodes++;
      }
      node = next;
      path[i + 1] = node;
    }
    previous = key;
    trie.bits[node] = bits;
  }
  return trie;
}

function grow(bits: Uint8Array): Uint8Array {
  const out = new Uint8Array(bits.length * 2);
  out.set(bits);
  return out;
}
