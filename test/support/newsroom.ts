/**
 * A newsroom for the workbench tests: a workspace with two collections and the people who work
 * on them, built with the real CLI, and the workbench serving it.
 *
 * - `alpha`: the fictional leak of examples/ (Chinese and English: PDF, DOCX, HTML, GBK text,
 *   e-mails, a ZIP).
 * - `bravo-secret`: a second leak that the reporter is NOT granted: two files written here whose
 *   every trace carries the marker ZEBRAFINCH (and which also mention 新疆, like alpha, so a search
 *   for 新疆 would find them if access leaked), plus real fixtures (a two-page PDF, a DOCX) and,
 *   when asked, an OCR'd image so page images exist.
 *
 * Accounts: `admin` (admin), `alice` (reporter, granted alpha only), `erin` (editor, granted alpha only).
 */
import fs from 'node:fs';
import path from 'node:path';
import { FIXTURES, ROOT, ingest, makeTempDir, makeWorkspace, removeDir } from './cli.js';
import { addUser, grant, startWorkbench, type Workbench } from './workbench.js';

export const ALPHA = 'alpha';
export const BRAVO = 'bravo-secret';
export const PASSWORDS = { admin: 'admin-pass-4f9c2e1a', alice: 'alice-pass-7b3d9e0c', erin: 'erin-pass-2a8f6c4d' } as const;
/** A marker every one of bravo's own files, notes, tags and uploads carries (compare lower-cased). */
export const BRAVO_MARKER = 'zebrafinch';

const BRAVO_LEDGER = [
  'ZEBRAFINCH-B-4471 内部账本（虚构）',
  '欧阳振华同志于2019年3月在喀什地区视察新疆职业技能教育培训中心，并会见了阿不都热合曼·买买提。',
  'Ouyang Zhenhua inspected the Kashgar training centre in March 2019. Code name ZEBRAFINCH.',
  '',
].join('\n');

const BRAVO_MINUTES = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>Zebrafinch minutes 斑胸草雀会议纪要</title></head>
<body><h1>斑胸草雀会议纪要 (ZEBRAFINCH)</h1>
<p>会议讨论了新疆喀什地区的安置计划。出席：欧阳振华、努尔兰·别克。</p>
<p>The Zebrafinch meeting discussed the Kashgar resettlement plan. Fictional test document.</p>
</body></html>
`;

export interface Newsroom {
  workspace: string;
  /** Where bravo's generated files were written. */
  bravoDir: string;
  server: Workbench;
  url: string;
  /** Stop the server and remove the workspace and bravo's files. */
  close(): Promise<void>;
}

/** Build the workspace (ingest, accounts, grants) and start `dossier serve` on it. */
export async function openNewsroom(options: { ocr?: boolean; serverEnv?: Record<string, string> } = {}): Promise<Newsroom> {
  const workspace = makeWorkspace('workbench');
  const bravoDir = makeTempDir('dossier-zebrafinch-');
  let server: Workbench | undefined;
  try {
    fs.writeFileSync(path.join(bravoDir, 'zebrafinch-ledger.txt'), BRAVO_LEDGER);
    fs.writeFileSync(path.join(bravoDir, 'zebrafinch-minutes.html'), BRAVO_MINUTES);
    const bravoFiles = [path.join(bravoDir, 'zebrafinch-ledger.txt'), path.join(bravoDir, 'zebrafinch-minutes.html'), path.join(FIXTURES, 'pdf', 'two-pages.pdf'), path.join(FIXTURES, 'office', 'sample.docx')];
    if (options.ocr) bravoFiles.push(path.join(FIXTURES, 'ocr', 'english.png'));
    await ingest(workspace, [path.join(ROOT, 'examples')], { collection: ALPHA, ocr: false });
    await ingest(workspace, bravoFiles, { collection: BRAVO, ocr: options.ocr ?? false });
    await addUser(workspace, 'admin', 'admin', PASSWORDS.admin);
    await addUser(workspace, 'alice', 'reporter', PASSWORDS.alice);
    await addUser(workspace, 'erin', 'editor', PASSWORDS.erin);
    await grant(workspace, 'alice', ALPHA);
    await grant(workspace, 'erin', ALPHA);
    server = await startWorkbench(workspace, options.serverEnv);
  } catch (error) {
    await server?.stop();
    removeDir(workspace);
    removeDir(bravoDir);
    throw error;
  }
  const running = server;
  return {
    workspace,
    bravoDir,
    server: running,
    url: running.url,
    async close() {
      await running.stop();
      removeDir(workspace);
      removeDir(bravoDir);
    },
  };
}
