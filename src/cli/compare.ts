import { operator } from '../domain/actor.js';
import { compareDocuments } from '../publish/index.js';
import type { App } from './app.js';
import { printJson } from './output.js';
import { documentId } from './similar.js';

/** `dossier compare A B [--json]`: text, invisible and metadata differences between two copies. */
export async function compareCommand(app: App, aText: string, bText: string, options: { json?: boolean }): Promise<void> {
  const a = documentId(aText);
  const b = documentId(bText);
  const result = await compareDocuments(app.records, { actor: operator(), a, b, blobs: app.blobs });
  if (options.json) return printJson({ a: { id: a, path: result.a.path }, b: { id: b, path: result.b.path }, text: result.text, invisible: result.invisible, metadata: result.metadata });
  const show = (s: string) => JSON.stringify(s.length > 80 ? `${s.slice(0, 77)}…` : s);
  console.log(`A [${a}] ${result.a.path}\nB [${b}] ${result.b.path}`);
  console.log(`\ntext: ${result.text.length} difference${result.text.length === 1 ? '' : 's'}`);
  for (const d of result.text) console.log(`  ${d.kind.padEnd(8)} A p${d.pageA} ${d.startA}–${d.endA} ${show(d.a)}  →  B p${d.pageB} ${d.startB}–${d.endB} ${show(d.b)}`);
  console.log(`\ninvisible: ${result.invisible.length}`);
  for (const d of result.invisible) console.log(`  ${d.kind.padEnd(10)} in ${d.side.toUpperCase()} page ${d.page} at ${d.start}: ${d.char} where the other has ${JSON.stringify(d.other)}`);
  console.log(`\nmetadata: ${result.metadata.length}`);
  for (const d of result.metadata) console.log(`  ${d.field}: ${JSON.stringify(d.a)} → ${JSON.stringify(d.b)}`);
}
