/**
 * The shipped model files (resources/ner/*.model.gz): gzip of a 4-byte header length, a JSON
 * header, then the model as it sits in memory — a bit per hash bucket saying whether its row of
 * weights is kept, the kept rows as 16-bit integers (bucket order), and the transitions as 32-bit
 * floats in the same units. Weights too small to matter were zeroed when the model was written,
 * and rows left all zero are not stored: loading is a gunzip and two copies (the dense layout this
 * replaced took a second of CPU to unpack and compact).
 */
import zlib from 'node:zlib';
import { compactRows, type LinearChain } from './linear-chain.js';

interface Header {
  format: 2;
  types: string[];
  tags: string[];
  buckets: number;
  width: number;
  /** Rows kept. */
  rows: number;
  /** The feature templates the model was trained with, in order (zh-features.ts), when they are chosen. */
  templates?: number[];
}

/** Rank of each 32-bucket word: the number of kept rows before it. */
function ranksOf(live: Uint32Array): Int32Array {
  const rank = new Int32Array(live.length);
  let r = 0;
  for (let w = 0; w < live.length; w++) {
    rank[w] = r;
    let x = live[w]!;
    while (x !== 0) {
      x &= x - 1;
      r++;
    }
  }
  return rank;
}

export function encodeModel(model: LinearChain & { weights: Float32Array }, prune: number): { bytes: Buffer; kept: number } {
  let max = 0;
  for (let i = 0; i < model.weights.length; i++) max = Math.max(max, Math.abs(model.weights[i]!));
  for (let i = 0; i < model.transitions.length; i++) max = Math.max(max, Math.abs(model.transitions[i]!));
  const q = 32000 / (max || 1);
  const weights = new Int16Array(model.weights.length);
  let kept = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = model.weights[i]!;
    if (Math.abs(w) < prune) continue;
    weights[i] = Math.round(w * q);
    if (weights[i] !== 0) kept++;
  }
  const transitions = Float32Array.from(model.transitions, (t) => t * q);
  const compact = compactRows(weights, model.buckets, model.tags.length);
  return { bytes: writeModel({ ...model, transitions, ...compact }), kept };
}

/** The file of a model already in its compact, quantised form. */
export function writeModel(model: LinearChain & { weights: Int16Array; live: Uint32Array }): Buffer {
  const header: Header = { format: 2, types: [...model.types], tags: [...model.tags], buckets: model.buckets, width: model.width, rows: model.weights.length / model.tags.length, ...(model.templates ? { templates: [...model.templates] } : {}) };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const pad = Buffer.alloc((4 - ((4 + json.length) % 4)) % 4);
  const body = Buffer.concat([length, json, pad, Buffer.from(model.live.buffer, model.live.byteOffset, model.live.byteLength), Buffer.from(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength), Buffer.from(model.transitions.buffer, model.transitions.byteOffset, model.transitions.byteLength)]);
  return zlib.gzipSync(body, { level: 9 });
}

export function decodeModel(gz: Buffer): LinearChain {
  const body = zlib.gunzipSync(gz);
  const length = body.readUInt32LE(0);
  const header = JSON.parse(body.subarray(4, 4 + length).toString('utf8')) as Header;
  if (header.format !== 2) throw new Error('an entity model file in an older format: run npm run train:ner');
  let at = 4 + length;
  at += (4 - (at % 4)) % 4;
  const n = header.tags.length;
  // Copy into aligned arrays: the gunzipped buffer may sit at any offset of a pooled slab.
  const copy = <T extends Uint32Array | Int16Array | Float32Array>(into: T): T => {
    new Uint8Array(into.buffer).set(body.subarray(at, at + into.byteLength));
    at += into.byteLength;
    return into;
  };
  const live = copy(new Uint32Array((header.buckets + 31) >>> 5));
  const weights = copy(new Int16Array(header.rows * n));
  const transitions = copy(new Float32Array((n + 1) * n));
  return { types: header.types, tags: header.tags, buckets: header.buckets, width: header.width, ...(header.templates ? { templates: header.templates } : {}), transitions, weights, live, rank: ranksOf(live) };
}
