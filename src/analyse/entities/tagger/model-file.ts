/**
 * The shipped model files (resources/ner/*.model.gz): gzip of a 4-byte header length, a JSON
 * header, the emission weights as 16-bit integers (bucket-major) and the transitions as 32-bit
 * floats in the same units. Weights too small to matter were zeroed when the model was written,
 * which is what makes the gzip small.
 */
import zlib from 'node:zlib';
import { compactRows, type LinearChain } from './linear-chain.js';

interface Header {
  types: string[];
  tags: string[];
  buckets: number;
  width: number;
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
  const header: Header = { types: [...model.types], tags: [...model.tags], buckets: model.buckets, width: model.width };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  const body = Buffer.concat([length, json, Buffer.alloc((4 - ((4 + json.length) % 4)) % 4), Buffer.from(weights.buffer), Buffer.from(transitions.buffer)]);
  return { bytes: zlib.gzipSync(body, { level: 9 }), kept };
}

export function decodeModel(gz: Buffer): LinearChain {
  const body = zlib.gunzipSync(gz);
  const length = body.readUInt32LE(0);
  const header = JSON.parse(body.subarray(4, 4 + length).toString('utf8')) as Header;
  let at = 4 + length;
  at += (4 - (at % 4)) % 4;
  const n = header.tags.length;
  // Copy into aligned arrays: the gunzipped buffer may sit at any offset of a pooled slab.
  const dense = new Int16Array(header.buckets * n);
  new Uint8Array(dense.buffer).set(body.subarray(at, at + dense.byteLength));
  at += dense.byteLength;
  const transitions = new Float32Array((n + 1) * n);
  new Uint8Array(transitions.buffer).set(body.subarray(at, at + transitions.byteLength));
  return { types: header.types, tags: header.tags, buckets: header.buckets, width: header.width, transitions, ...compactRows(dense, header.buckets, n) };
}
