/** Start of the period a partial ISO date names, and the start of the period after it. */
function period(value: string): { start: string; next: string } | null {
  const m = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/.exec(value);
  if (!m) return null;
  const year = Number(m[1]);
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  if (month !== null && (month < 1 || month > 12)) return null;
  if (day !== null && (day < 1 || day > 31)) return null;
  const iso = (y: number, mo: number, d: number) => new Date(Date.UTC(y, mo - 1, d)).toISOString().slice(0, 10);
  if (month === null) return { start: iso(year, 1, 1), next: iso(year + 1, 1, 1) };
  if (day === null) return { start: iso(year, month, 1), next: iso(year, month + 1, 1) };
  return { start: iso(year, month, day), next: iso(year, month, day + 1) };
}

/**
 * Parse date:VALUE: 2017, 2017-03, 2017-03-05, or a range A..B of those where either end may
 * be left open. Returns an inclusive start and an exclusive end as ISO dates.
 */
export function parseDateRange(value: string): { from: string | null; to: string | null } | null {
  const parts = value.split('..');
  if (parts.length === 1) {
    const p = period(value);
    return p ? { from: p.start, to: p.next } : null;
  }
  if (parts.length !== 2) return null;
  const [a, b] = parts as [string, string];
  const from = a === '' ? null : period(a)?.start;
  const to = b === '' ? null : period(b)?.next;
  if (from === undefined || to === undefined || (from === null && to === null)) return null;
  if (from && to && from >= to) return null;
  return { from, to };
}
