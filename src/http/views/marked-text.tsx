/** Text with the given [start, end) spans wrapped in <mark> (JSX escapes the rest). */
export function MarkedText({ text, spans }: { text: string; spans: Array<[number, number]> }) {
  const parts: unknown[] = [];
  let cursor = 0;
  for (const [s, e] of spans) {
    if (s < cursor || e > text.length) continue;
    if (s > cursor) parts.push(text.slice(cursor, s));
    parts.push(<mark>{text.slice(s, e)}</mark>);
    cursor = e;
  }
  parts.push(text.slice(cursor));
  return <>{parts}</>;
}
