/** Mentions per month as bars, an SVG picture with the figures in its description for screen readers. */
export function TimelineChart({ name, periods }: { name: string; periods: Array<{ period: string; documents: number; mentions: number }> }) {
  if (periods.length === 0) return <p>None of the documents that mention it has a date of its own.</p>;
  const months = fillMonths(periods.map((p) => p.period));
  const counts = new Map(periods.map((p) => [p.period, p.mentions]));
  const width = 640;
  const height = 180;
  const bar = Math.max(2, Math.min(40, (width - 40) / months.length - 2));
  const most = Math.max(1, ...periods.map((p) => p.mentions));
  const step = (width - 40) / months.length;
  return (
    <svg class="timeline" viewBox={`0 0 ${width} ${height + 30}`} role="img" aria-labelledby="timeline-title timeline-desc">
      <title id="timeline-title">{`Mentions of ${name} by month of the document's date`}</title>
      <desc id="timeline-desc">{periods.map((p) => `${p.period}: ${p.mentions} mentions in ${p.documents} documents`).join('; ')}</desc>
      <line x1="30" y1={height} x2={width - 5} y2={height} stroke="#666" />
      <text x="0" y="12" class="axis-label">{String(most)}</text>
      {months.map((month, i) => {
        const n = counts.get(month) ?? 0;
        const h = (n / most) * (height - 20);
        const x = 35 + i * step;
        return (
          <g>
            {n > 0 ? <rect x={x.toFixed(1)} y={(height - h).toFixed(1)} width={bar.toFixed(1)} height={h.toFixed(1)} fill="#1f5fa8"><title>{`${month}: ${n}`}</title></rect> : null}
            {labelled(months, i) ? <text x={x.toFixed(1)} y={height + 18} class="axis-label">{months.length > 24 ? month.slice(0, 4) : month}</text> : null}
          </g>
        );
      })}
    </svg>
  );
}

/** Which months get a label: all of a short span; else some Januaries, at most about ten labels. */
function labelled(months: string[], i: number): boolean {
  if (months.length <= 12) return true;
  const month = months[i]!;
  if (months.length <= 24) return i === 0 || month.endsWith('-01') || month.endsWith('-07');
  const years = Math.ceil(months.length / 12);
  const every = Math.max(1, Math.ceil(years / 10));
  return month.endsWith('-01') && Number(month.slice(0, 4)) % every === 0;
}

/** Every month from the first to the last (YYYY-MM), so gaps show as gaps; years alone stay as they are. */
function fillMonths(periods: string[]): string[] {
  const monthly = periods.filter((p) => /^\d{4}-\d{2}$/.test(p)).sort();
  if (monthly.length !== periods.length || monthly.length < 2) return [...periods].sort();
  const out: string[] = [];
  let [y, m] = monthly[0]!.split('-').map(Number) as [number, number];
  const last = monthly[monthly.length - 1]!;
  while (out.length < 600) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) break;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}
