/** One run of a diff between two sequences: equal items, or items only in A (delete) or only in B (insert). */
export interface DiffRun {
  op: 'equal' | 'delete' | 'insert';
  /** Item ranges [aStart, aEnd) and [bStart, bEnd). */
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/**
 * Myers' O(ND) difference algorithm ("An O(ND) Difference Algorithm and Its Variations", 1986)
 * over two sequences of strings, after trimming their common prefix and suffix. Past
 * `maxEdits` edits the middle is reported as one delete + insert, so two unrelated pages cost
 * O(maxEdits²) memory, not O(N·M).
 */
export function diffSequences(a: readonly string[], b: readonly string[], maxEdits = 2000): DiffRun[] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const runs: DiffRun[] = [];
  const push = (op: DiffRun['op'], aStart: number, aEnd: number, bStart: number, bEnd: number) => {
    if (aEnd === aStart && bEnd === bStart) return;
    const last = runs[runs.length - 1];
    if (last && last.op === op) {
      last.aEnd = aEnd;
      last.bEnd = bEnd;
    } else runs.push({ op, aStart, aEnd, bStart, bEnd });
  };
  push('equal', 0, pre, 0, pre);
  const middle = middleRuns(a, b, pre, a.length - suf, pre, b.length - suf, maxEdits);
  for (const r of middle) push(r.op, r.aStart, r.aEnd, r.bStart, r.bEnd);
  push('equal', a.length - suf, a.length, b.length - suf, b.length);
  return runs;
}

function middleRuns(a: readonly string[], b: readonly string[], a0: number, a1: number, b0: number, b1: number, maxEdits: number): DiffRun[] {
  const n = a1 - a0;
  const m = b1 - b0;
  if (n === 0 && m === 0) return [];
  if (n === 0) return [{ op: 'insert', aStart: a0, aEnd: a0, bStart: b0, bEnd: b1 }];
  if (m === 0) return [{ op: 'delete', aStart: a0, aEnd: a1, bStart: b0, bEnd: b0 }];
  const max = Math.min(n + m, maxEdits);
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2));
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0));
      let x = down ? (v[offset + k + 1] ?? 0) : (v[offset + k - 1] ?? 0) + 1;
      let y = x - k;
      while (x < n && y < m && a[a0 + x] === b[b0 + y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) return [{ op: 'delete', aStart: a0, aEnd: a1, bStart: b0, bEnd: b0 }, { op: 'insert', aStart: a1, aEnd: a1, bStart: b0, bEnd: b1 }];
  // Walk back through the saved frontiers; trace[d] holds v[-d-1 .. d+1] as it was before step d.
  const reversed: DiffRun[] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] ?? new Int32Array(0);
    const at = (k: number) => prev[k + d + 1] ?? 0;
    const k = x - y;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevX = at(prevK);
    const prevY = prevX - prevK;
    const startX = down ? prevX : prevX + 1;
    const startY = down ? prevY + 1 : prevY;
    if (x > startX) reversed.push({ op: 'equal', aStart: a0 + startX, aEnd: a0 + x, bStart: b0 + startY, bEnd: b0 + y });
    if (down) reversed.push({ op: 'insert', aStart: a0 + prevX, aEnd: a0 + prevX, bStart: b0 + prevY, bEnd: b0 + startY });
    else reversed.push({ op: 'delete', aStart: a0 + prevX, aEnd: a0 + startX, bStart: b0 + prevY, bEnd: b0 + prevY });
    x = prevX;
    y = prevY;
  }
  if (x > 0) reversed.push({ op: 'equal', aStart: a0, aEnd: a0 + x, bStart: b0, bEnd: b0 + y });
  return reversed.reverse();
}
