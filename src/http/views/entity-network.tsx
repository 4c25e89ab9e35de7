/** The entities that appear with one entity, as a star: the nearer and thicker, the more documents shared. */
export interface NetworkNode {
  id: number;
  name: string;
  type: string;
  documents: number;
}

const COLOURS: Record<string, string> = { PERSON: '#1f5fa8', LOCATION: '#1d7a3e', ORGANIZATION: '#8a4b08' };

/** An SVG picture (no script, no inline style) of an entity and up to 16 entities seen with it. */
export function EntityNetwork({ centre, nodes, documents }: { centre: NetworkNode; nodes: NetworkNode[]; documents: number }) {
  const shown = nodes.slice(0, 16);
  const size = 640;
  const mid = size / 2;
  const most = Math.max(1, ...shown.map((n) => n.documents));
  const placed = shown.map((node, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, shown.length) - Math.PI / 2;
    // Entities sharing more documents sit nearer the centre.
    const radius = 230 - 110 * (node.documents / most);
    const cos = Math.cos(angle);
    // Labels sit outside their node, away from the centre, so they do not cover the spokes.
    const label = { x: mid + (radius + 18) * cos, y: mid + (radius + 18) * Math.sin(angle) + 4, anchor: cos > 0.3 ? 'start' : cos < -0.3 ? 'end' : 'middle' };
    return { node, x: mid + radius * cos, y: mid + radius * Math.sin(angle), label };
  });
  return (
    <svg class="network" viewBox={`0 0 ${size} ${size}`} role="group" aria-labelledby="network-title network-desc">
      <title id="network-title">{`Entities that appear with ${centre.name}`}</title>
      <desc id="network-desc">{`${centre.name} appears in ${documents} documents; ${shown.map((n) => `${n.name} shares ${n.documents}`).join(', ')}.`}</desc>
      {placed.map((p) => (
        <line x1={mid} y1={mid} x2={p.x.toFixed(1)} y2={p.y.toFixed(1)} stroke="#8896a5" stroke-width={(1 + (5 * p.node.documents) / most).toFixed(1)} stroke-opacity="0.7" />
      ))}
      <circle cx={mid} cy={mid} r="30" fill={COLOURS[centre.type] ?? '#444'} />
      <text x={mid} y={mid + 48} text-anchor="middle" class="network-centre">{centre.name}</text>
      {placed.map((p) => (
        <a href={`/entities/${p.node.id}`}>
          <circle cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r={(8 + (10 * p.node.documents) / most).toFixed(1)} fill={COLOURS[p.node.type] ?? '#444'} />
          <text x={p.label.x.toFixed(1)} y={p.label.y.toFixed(1)} text-anchor={p.label.anchor} class="network-label">{`${p.node.name} (${p.node.documents})`}</text>
        </a>
      ))}
    </svg>
  );
}
