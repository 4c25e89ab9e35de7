import { openApp } from '../src/main.js';
import { searchDocuments } from '../src/search/index.js';
const app = await openApp({ workspace: '/tmp/wsA' });
const a = app.analyser();
for (const [q, mode] of [['新疆', 'normalised'], ['人民法院', 'normalised'], ['"中华人民共和国"', 'normalised'], ['kernel', 'normalised'], ['Xi Jinping', 'cross-script'], ['renmin fayuan', 'cross-script'], ['patch*', 'normalised'], ['国务院 规定', 'normalised']] as const) {
  await searchDocuments(app.db, app.searchIndex, a, q, { mode });
  const t0 = performance.now();
  const r = await searchDocuments(app.db, app.searchIndex, a, q, { mode });
  const t1 = performance.now();
  await app.searchIndex.query(app.db, null as never, {}, { limit: 1, offset: 0 }).catch(() => 0);
  console.log(q, mode, r.total, (t1 - t0).toFixed(1), 'ms');
}
