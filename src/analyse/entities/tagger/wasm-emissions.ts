/**
 * The emission sums of a compact 16-bit model (linear-chain.ts: live bitmap, ranks, kept rows) in
 * WebAssembly with SIMD: each feature's row is found by the bitmap and rank (i32.popcnt) and its
 * 13 weights added as two 16-byte loads widened to four vectors of 32-bit sums, instead of 13
 * bounds-checked scalar loads and adds in JavaScript. The module is assembled here from its bytes
 * (a few dozen instructions; no toolchain, nothing downloaded) and the model's rows copied into
 * its memory once per model. Integer sums, so the scores are exactly the JavaScript kernel's
 * (checked by test/entities-tagger.test.ts).
 */
import type { LinearChain } from './linear-chain.js';

/** Unsigned LEB128. */
function u(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 (small constants only). */
function s(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

const section = (id: number, body: number[]) => [id, ...u(body.length), ...body];
const name = (text: string) => [...u(text.length), ...Buffer.from(text, 'utf8')];

// Parameters and locals of sums(live, rank, weights, features, length, width, out, rowBytes), by index.
const LIVE = 0, RANK = 1, WEIGHTS = 2, FEAT = 3, LENGTH = 4, WIDTH = 5, OUT = 6, ROW_BYTES = 7;
const K = 8, F = 9, WORD = 10, BIT = 11, AT = 12, ADDR = 13;
const A0 = 14, A1 = 15, A2 = 16, A3 = 17, V = 18;

const get = (x: number) => [0x20, ...u(x)];
const set = (x: number) => [0x21, ...u(x)];
const tee = (x: number) => [0x22, ...u(x)];
const i32 = (n: number) => [0x41, ...s(n)];
const I32_LOAD = [0x28, 2, 0];
const simd = (op: number) => [0xfd, ...u(op)];
const V128_LOAD = (offset: number) => [...simd(0x00), 0, ...u(offset)];
const V128_STORE = (offset: number) => [...simd(0x0b), 0, ...u(offset)];
const EXTEND_LOW = simd(0xa7); // i32x4.extend_low_i16x8_s
const EXTEND_HIGH = simd(0xa8); // i32x4.extend_high_i16x8_s
const I32X4_ADD = simd(0xae);
const ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const [BLOCK, LOOP, END, BR_IF] = [[0x02, 0x40], [0x03, 0x40], [0x0b], 0x0d];
const [EQZ, LT_S, ADD, SUB, MUL, AND, SHL, SHR_U, POPCNT] = [0x45, 0x48, 0x6a, 0x6b, 0x6c, 0x71, 0x74, 0x76, 0x69];

/** acc += widen(half of v) */
const accumulate = (acc: number, half: number[]) => [...get(acc), ...get(V), ...half, ...I32X4_ADD, ...set(acc)];

/**
 * For each of `length` tokens: the sum of the rows of its `width` features (int32 features;
 * negative or not live: no row), written as 16 int32 lanes at out + token × rowBytes × 2 — the
 * lanes past the tag count spill into the next token's, which overwrites them, and then into the
 * padding after the output.
 */
const body = [
  ...BLOCK,
  ...get(LENGTH), EQZ, BR_IF, 0,
  ...LOOP,
  ...ZERO, ...set(A0), ...ZERO, ...set(A1), ...ZERO, ...set(A2), ...ZERO, ...set(A3),
  ...get(WIDTH), ...set(K),
  ...BLOCK,
  ...get(K), EQZ, BR_IF, 0,
  ...LOOP,
  ...BLOCK,
  ...get(FEAT), ...I32_LOAD, ...set(F),
  ...get(FEAT), ...i32(4), ADD, ...set(FEAT),
  ...get(F), ...i32(0), LT_S, BR_IF, 0,
  ...get(F), ...i32(5), SHR_U, ...i32(2), SHL, ...set(AT),
  ...get(LIVE), ...get(AT), ADD, ...I32_LOAD, ...set(WORD),
  ...i32(1), ...get(F), SHL, ...set(BIT), // i32.shl takes the count mod 32: 1 << (f & 31)
  ...get(WORD), ...get(BIT), AND, EQZ, BR_IF, 0,
  ...get(RANK), ...get(AT), ADD, ...I32_LOAD,
  ...get(WORD), ...get(BIT), ...i32(1), SUB, AND, POPCNT, ADD,
  ...get(ROW_BYTES), MUL, ...get(WEIGHTS), ADD, ...tee(ADDR),
  ...V128_LOAD(0), ...set(V),
  ...accumulate(A0, EXTEND_LOW), ...accumulate(A1, EXTEND_HIGH),
  ...get(ADDR), ...V128_LOAD(16), ...set(V),
  ...accumulate(A2, EXTEND_LOW), ...accumulate(A3, EXTEND_HIGH),
  ...END, // block: this feature
  ...get(K), ...i32(1), SUB, ...tee(K), BR_IF, 0,
  ...END, // loop: features
  ...END, // block
  ...get(OUT), ...get(A0), ...V128_STORE(0),
  ...get(OUT), ...get(A1), ...V128_STORE(16),
  ...get(OUT), ...get(A2), ...V128_STORE(32),
  ...get(OUT), ...get(A3), ...V128_STORE(48),
  ...get(OUT), ...get(ROW_BYTES), ...i32(1), SHL, ADD, ...set(OUT),
  ...get(LENGTH), ...i32(1), SUB, ...tee(LENGTH), BR_IF, 0,
  ...END, // loop: tokens
  ...END, // block
  ...END, // function
];

/** The module's bytes: one function, `sums`, over an imported memory. */
export function moduleBytes(): Uint8Array {
  const locals = [2, 6, 0x7f, 5, 0x7b]; // 6 i32, 5 v128
  const fn = [...locals, ...body];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [1, 0x60, 8, ...new Array<number>(8).fill(0x7f), 0]),
    ...section(2, [1, ...name('m'), ...name('memory'), 0x02, 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('sums'), 0x00, 0]),
    ...section(10, [1, ...u(fn.length), ...fn]),
  ]);
}

/**
 * The part of the WebAssembly API used here: the project's TypeScript libraries (ES2023 and
 * @types/node 20, no DOM) do not declare it, though Node has it.
 */
interface WasmMemory {
  buffer: ArrayBuffer;
}
interface WasmApi {
  validate(bytes: Uint8Array): boolean;
  Module: new (bytes: Uint8Array) => object;
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Instance: new (module: object, imports: { m: { memory: WasmMemory } }) => { exports: Record<string, unknown> };
}
const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

type Sums = (live: number, rank: number, weights: number, features: number, length: number, width: number, out: number, rowBytes: number) => void;

/** Tokens summed per call: the features and sums of a block sit in fixed areas of the memory. */
const BLOCK_FEATURES = 1 << 16;
const BLOCK_TOKENS = 2048;

/** A model's rows in a WebAssembly memory, and the kernel over them. */
export class WasmEmissions {
  private readonly sums: Sums;
  private readonly ints: Int32Array;
  private readonly live: number;
  private readonly rank: number;
  private readonly weights: number;
  private readonly features: number;
  private readonly out: number;
  private readonly tags: number;

  private constructor(model: LinearChain & { weights: Int16Array; live: Uint32Array; rank: Int32Array }, wasm: WasmApi, module: object) {
    this.tags = model.tags.length;
    const align = (x: number) => (x + 63) & ~63;
    this.live = 0;
    this.rank = align(this.live + model.live.byteLength);
    this.weights = align(this.rank + model.rank.byteLength);
    // 32 bytes past the last row: its second load reads beyond the row's 26.
    this.features = align(this.weights + model.weights.byteLength + 32);
    this.out = align(this.features + BLOCK_FEATURES * 4);
    const end = this.out + (BLOCK_TOKENS + 1) * 64;
    const memory = new wasm.Memory({ initial: Math.ceil(end / 65536) });
    const instance = new wasm.Instance(module, { m: { memory } });
    this.sums = instance.exports.sums as Sums;
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(new Uint8Array(model.live.buffer, model.live.byteOffset, model.live.byteLength), this.live);
    bytes.set(new Uint8Array(model.rank.buffer, model.rank.byteOffset, model.rank.byteLength), this.rank);
    bytes.set(new Uint8Array(model.weights.buffer, model.weights.byteOffset, model.weights.byteLength), this.weights);
    // The memory never grows, so this view stays attached.
    this.ints = new Int32Array(memory.buffer);
  }

  /** The kernel for a model, or null when it does not fit (not compact 16-bit rows of 9–16 tags) or this runtime has no WebAssembly SIMD. */
  static of(model: LinearChain): WasmEmissions | null {
    const cached = built.get(model);
    if (cached !== undefined) return cached;
    let made: WasmEmissions | null = null;
    const n = model.tags.length;
    const mod = compiled();
    if (api !== undefined && mod !== null && model.weights instanceof Int16Array && model.live !== undefined && model.rank !== undefined && n >= 9 && n <= 16) {
      made = new WasmEmissions({ ...model, weights: model.weights, live: model.live, rank: model.rank }, api, mod);
    }
    built.set(model, made);
    return made;
  }

  /** emit[i * tags + t] = the sum over k of the row of features[i * width + k], for i < length. */
  run(features: Int32Array, width: number, length: number, emit: Float64Array): void {
    const n = this.tags;
    const block = Math.max(1, Math.min(BLOCK_TOKENS, Math.floor(BLOCK_FEATURES / width)));
    const ints = this.ints;
    const out = this.out >>> 2;
    for (let from = 0; from < length; from += block) {
      const count = Math.min(block, length - from);
      ints.set(features.subarray(from * width, (from + count) * width), this.features >>> 2);
      this.sums(this.live, this.rank, this.weights, this.features, count, width, this.out, 2 * n);
      for (let j = 0, o = from * n, end = count * n; j < end; j++) emit[o + j] = ints[out + j]!;
    }
  }
}

const built = new WeakMap<LinearChain, WasmEmissions | null>();
let compiledModule: object | null | undefined;

/** The module, compiled once per process; null where WebAssembly or its SIMD instructions are missing (validate says no). */
function compiled(): object | null {
  if (compiledModule === undefined) {
    const bytes = moduleBytes();
    compiledModule = api !== undefined && api.validate(bytes) ? new api.Module(bytes) : null;
  }
  return compiledModule;
}
