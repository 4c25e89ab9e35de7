/**
 * The emission sums of a compact 16-bit model (linear-chain.ts: live bitmap, ranks, kept rows) in
 * WebAssembly with SIMD: each feature's row is found by the bitmap and rank (i32.popcnt) and its
 * 13 weights added as two 16-byte loads widened to four vectors of 32-bit sums, instead of 13
 * bounds-checked scalar loads and adds in JavaScript. The module is assembled here from its bytes
 * (a few dozen instructions; no toolchain, nothing downloaded) and the model's rows copied into
 * its memory once per model. The grouped templates' memos (grouped-emissions.ts) live in the same
 * memory: each token's four keys are probed there and their sums added in the same pass, and a
 * key not seen yet is filled by JavaScript (`miss`: grouped-emissions.ts' Memo over the same memory). Integer
 * sums, so the scores are exactly the JavaScript path's (checked by test/entities-tagger.test.ts).
 */
import { CAPACITY, Memo } from './grouped-emissions.js';
import type { LinearChain } from './linear-chain.js';
import { GROUPS } from './zh-features.js';

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

// Parameters and locals of sums(live, rank, weights, features, length, width, out, rowBytes, keys, groups), by index.
const LIVE = 0, RANK = 1, WEIGHTS = 2, FEAT = 3, LENGTH = 4, WIDTH = 5, OUT = 6, ROW_BYTES = 7, KEYS = 8, GROUPS_AT = 9;
const K = 10, F = 11, WORD = 12, BIT = 13, AT = 14, ADDR = 15, G = 16, DESC = 17, KEY = 18, SLOT = 19, MASK = 20, INDEX = 21;
const A0 = 22, A1 = 23, A2 = 24, A3 = 25, V = 26;
const PARAMS = 10;
const I32_LOCALS = 12;
/** The imported function (index 0) that fills a memo entry: miss(group, key) → its index. */
const MISS = 0;

const get = (x: number) => [0x20, ...u(x)];
const set = (x: number) => [0x21, ...u(x)];
const tee = (x: number) => [0x22, ...u(x)];
const i32 = (n: number) => [0x41, ...s(n)];
const load = (offset: number) => [0x28, 2, ...u(offset)];
const simd = (op: number) => [0xfd, ...u(op)];
const V128_LOAD = (offset: number) => [...simd(0x00), 0, ...u(offset)];
const V128_STORE = (offset: number) => [...simd(0x0b), 0, ...u(offset)];
const EXTEND_LOW = simd(0xa7); // i32x4.extend_low_i16x8_s
const EXTEND_HIGH = simd(0xa8); // i32x4.extend_high_i16x8_s
const I32X4_ADD = simd(0xae);
const ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const [BLOCK, LOOP, IF, END, BR, BR_IF, CALL] = [[0x02, 0x40], [0x03, 0x40], [0x04, 0x40], [0x0b], 0x0c, 0x0d, 0x10];
const [EQZ, EQ, LT_S, LT_U, ADD, SUB, MUL, AND, SHL, SHR_U, POPCNT] = [0x45, 0x46, 0x48, 0x49, 0x6a, 0x6b, 0x6c, 0x71, 0x74, 0x76, 0x69];

/** acc += widen(half of v) */
const accumulate = (acc: number, half: number[]) => [...get(acc), ...get(V), ...half, ...I32X4_ADD, ...set(acc)];
/** acc += the four int32 lanes at addr + offset */
const addLanes = (acc: number, offset: number) => [...get(acc), ...get(ADDR), ...V128_LOAD(offset), ...I32X4_ADD, ...set(acc)];

/**
 * The grouped templates' sums (grouped-emissions.ts) of one token, added to the accumulators:
 * for each of the four groups, its key (keys[4i + g]) is found in the group's memo — an
 * open-addressed table of [key, index] pairs probed as Memo.slotOf does, whose sums are 16 int32
 * lanes an index — or filled by `miss`. The groups' table, mask and sums addresses are 16 bytes
 * a group at `groups`.
 */
const groupSumsCode = [
  ...BLOCK,
  ...get(KEYS), EQZ, BR_IF, 0,
  ...i32(0), ...set(G),
  ...get(GROUPS_AT), ...set(DESC),
  ...LOOP,
  ...get(KEYS), ...load(0), ...set(KEY),
  ...get(DESC), ...load(4), ...set(MASK),
  ...get(KEY), ...i32(0x9e3779b1 | 0), MUL, ...i32(16), SHR_U, ...get(MASK), AND, ...set(SLOT),
  ...BLOCK,
  ...LOOP,
  ...get(DESC), ...load(0), ...get(SLOT), ...i32(3), SHL, ADD, ...tee(ADDR), ...load(0), ...tee(F),
  ...get(KEY), EQ, ...IF, ...get(ADDR), ...load(4), ...set(INDEX), BR, 2, ...END,
  ...get(F), ...i32(-1), EQ, ...IF, ...get(G), ...get(KEY), CALL, ...u(MISS), ...set(INDEX), BR, 2, ...END,
  ...get(SLOT), ...i32(1), ADD, ...get(MASK), AND, ...set(SLOT),
  BR, 0,
  ...END, // loop: probe
  ...END, // block: found
  ...get(DESC), ...load(8), ...get(INDEX), ...i32(6), SHL, ADD, ...set(ADDR),
  ...addLanes(A0, 0), ...addLanes(A1, 16), ...addLanes(A2, 32), ...addLanes(A3, 48),
  ...get(KEYS), ...i32(4), ADD, ...set(KEYS),
  ...get(DESC), ...i32(16), ADD, ...set(DESC),
  ...get(G), ...i32(1), ADD, ...tee(G), ...i32(4), LT_U, BR_IF, 0,
  ...END, // loop: groups
  ...END, // block
];

/**
 * For each of `length` tokens: the sum of the rows of its `width` features (int32 features;
 * negative or not live: no row), plus its groups' memo sums when `keys` is not 0, written as 16
 * int32 lanes at out + token × rowBytes × 2 — the lanes past the tag count spill into the next
 * token's, which overwrites them, and then into the padding after the output.
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
  ...get(FEAT), ...load(0), ...set(F),
  ...get(FEAT), ...i32(4), ADD, ...set(FEAT),
  ...get(F), ...i32(0), LT_S, BR_IF, 0,
  ...get(F), ...i32(5), SHR_U, ...i32(2), SHL, ...set(AT),
  ...get(LIVE), ...get(AT), ADD, ...load(0), ...set(WORD),
  ...i32(1), ...get(F), SHL, ...set(BIT), // i32.shl takes the count mod 32: 1 << (f & 31)
  ...get(WORD), ...get(BIT), AND, EQZ, BR_IF, 0,
  ...get(RANK), ...get(AT), ADD, ...load(0),
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
  ...groupSumsCode,
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

/** The module's bytes: `sums` (function 1), over an imported memory, calling the imported `miss` (function 0). */
export function moduleBytes(): Uint8Array {
  const locals = [2, I32_LOCALS, 0x7f, 5, 0x7b];
  const fn = [...locals, ...body];
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0,
    ...section(1, [2, 0x60, PARAMS, ...new Array<number>(PARAMS).fill(0x7f), 0, 0x60, 2, 0x7f, 0x7f, 1, 0x7f]),
    ...section(2, [2, ...name('m'), ...name('memory'), 0x02, 0x00, 1, ...name('m'), ...name('miss'), 0x00, 1]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('sums'), 0x00, 1]),
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
  Instance: new (module: object, imports: { m: { memory: WasmMemory; miss: (group: number, key: number) => number } }) => { exports: Record<string, unknown> };
}
const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;

type Sums = (live: number, rank: number, weights: number, features: number, length: number, width: number, out: number, rowBytes: number, keys: number, groups: number) => void;

/** Tokens summed per call: the features, keys and sums of a block sit in fixed areas of the memory. */
const BLOCK_FEATURES = 1 << 16;
const BLOCK_TOKENS = 2048;
/** int32 lanes of a memo entry's sums (16: aligned vectors, whatever the tag count up to 16). */
const LANES = 16;

/** A model's rows and its grouped templates' memos in a WebAssembly memory, and the kernel over them. */
export class WasmEmissions {
  private readonly sums: Sums;
  private readonly ints: Int32Array;
  private readonly live: number;
  private readonly rank: number;
  private readonly weights: number;
  private readonly features: number;
  private readonly keys: number;
  private readonly out: number;
  private readonly groups: number;
  private readonly tags: number;
  /** Per group: the memo whose table and sums are views of the memory (the kernel probes them, Memo fills them). */
  private readonly memos: Memo[] = [];

  private constructor(
    private readonly model: LinearChain,
    rows: { weights: Int16Array; live: Uint32Array; rank: Int32Array },
    wasm: WasmApi,
    module: object,
  ) {
    this.tags = model.tags.length;
    const align = (x: number) => (x + 63) & ~63;
    let at = 0;
    const take = (bytes: number) => {
      const start = at;
      at = align(at + bytes);
      return start;
    };
    this.live = take(rows.live.byteLength);
    this.rank = take(rows.rank.byteLength);
    // 32 bytes past the last row: its second load reads beyond the row's 26.
    this.weights = take(rows.weights.byteLength + 32);
    this.features = take(BLOCK_FEATURES * 4);
    this.keys = take(BLOCK_TOKENS * GROUPS.length * 4);
    this.out = take((BLOCK_TOKENS + 1) * 64);
    this.groups = take(GROUPS.length * 16);
    const areas = CAPACITY.map((capacity) => ({ capacity, table: take(2 * capacity * 8), sums: take(capacity * LANES * 4) }));
    const memory = new wasm.Memory({ initial: Math.ceil(at / 65536) });
    const instance = new wasm.Instance(module, { m: { memory, miss: (group: number, key: number) => this.miss(group, key) } });
    this.sums = instance.exports.sums as Sums;
    const bytes = new Uint8Array(memory.buffer);
    bytes.set(new Uint8Array(rows.live.buffer, rows.live.byteOffset, rows.live.byteLength), this.live);
    bytes.set(new Uint8Array(rows.rank.buffer, rows.rank.byteOffset, rows.rank.byteLength), this.rank);
    bytes.set(new Uint8Array(rows.weights.buffer, rows.weights.byteOffset, rows.weights.byteLength), this.weights);
    // The memory never grows, so this view stays attached.
    this.ints = new Int32Array(memory.buffer);
    areas.forEach(({ capacity, table, sums }, g) => {
      const slots = 2 * capacity;
      this.memos.push(new Memo(model, g, { table: new Int32Array(memory.buffer, table, 2 * slots), sums: new Int32Array(memory.buffer, sums, capacity * LANES), stride: LANES }));
      this.ints.set([table, slots - 1, sums], (this.groups >>> 2) + 4 * g);
    });
  }

  /** The kernel for a model, or null when it does not fit (not compact 16-bit rows of 9–16 tags) or this runtime has no WebAssembly SIMD. */
  static of(model: LinearChain): WasmEmissions | null {
    const cached = built.get(model);
    if (cached !== undefined) return cached;
    let made: WasmEmissions | null = null;
    const n = model.tags.length;
    const mod = compiled();
    if (api !== undefined && mod !== null && model.weights instanceof Int16Array && model.live !== undefined && model.rank !== undefined && n >= 9 && n <= LANES) {
      made = new WasmEmissions(model, { weights: model.weights, live: model.live, rank: model.rank }, api, mod);
      // The model's rows now live in the memory too: the model reads them there (the JavaScript
      // paths, the memos' fills), so the process holds one copy of the 14 MB, not two.
      model.weights = made.weightView(model.weights.length);
    }
    built.set(model, made);
    return made;
  }

  /** The rows in the memory, as an Int16Array (the memory never grows, so the view stays attached). */
  private weightView(length: number): Int16Array {
    return new Int16Array(this.ints.buffer, this.weights, length);
  }

  /**
   * emit[i * tags + t] = the sum over k of the row of features[i * width + k], for i < length,
   * plus the grouped templates' sums for keys[4i + g] when `keys` is given (zhFeatures' grouped:
   * only for a model GroupedEmissions.fits).
   */
  run(features: Int32Array, width: number, length: number, emit: Float64Array, keys?: Int32Array): void {
    const n = this.tags;
    const block = Math.max(1, Math.min(BLOCK_TOKENS, Math.floor(BLOCK_FEATURES / width)));
    const ints = this.ints;
    const out = this.out >>> 2;
    const groups = GROUPS.length;
    for (let from = 0; from < length; from += block) {
      const count = Math.min(block, length - from);
      ints.set(features.subarray(from * width, (from + count) * width), this.features >>> 2);
      if (keys !== undefined) ints.set(keys.subarray(from * groups, (from + count) * groups), this.keys >>> 2);
      this.sums(this.live, this.rank, this.weights, this.features, count, width, this.out, 2 * n, keys === undefined ? 0 : this.keys, this.groups);
      for (let j = 0, o = from * n, end = count * n; j < end; j++) emit[o + j] = ints[out + j]!;
    }
  }

  /** A key the kernel did not find in its group's memo: Memo fills it (emptying the table first when full); returns the entry's index. */
  private miss(group: number, key: number): number {
    return this.memos[group]!.slotOf(key) / LANES;
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
