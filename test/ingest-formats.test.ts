/**
 * Ingest every file of test/fixtures once and check, fixture by fixture, what test/fixtures/README.md
 * says it must produce: the type found from the content, the text (with its markers, in every
 * encoding), pages, metadata, and the child documents of e-mails, mailboxes and archives.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  byPath,
  FAILURE_REASONS,
  FIXTURES,
  ingest,
  ls,
  makeWorkspace,
  removeDir,
  sha256Of,
  show,
  showMany,
  status,
  walkFiles,
  type IngestSummary,
  type LsRow,
  type ShowView,
} from './support/cli.js';

const COLLECTION = 'fixtures';
/** Paths are shown as given on the command line: the tests run the CLI from the repository root. */
const rel = (p: string) => `test/fixtures/${p}`;

let workspace: string;
let summary: IngestSummary;
let rows: LsRow[];
let views: Map<number, ShowView>;
let row: (p: string) => LsRow;
/** The `show --json` view of the document at a fixture path (relative to test/fixtures). */
const doc = (p: string): ShowView => {
  const view = views.get(row(rel(p)).id);
  if (!view) throw new Error(`show --json was not fetched for ${p}`);
  return view;
};
const childrenOf = (p: string): LsRow[] => rows.filter((r) => r.parent === row(rel(p)).id);

beforeAll(async () => {
  workspace = makeWorkspace('formats');
  summary = await ingest(workspace, ['test/fixtures'], { collection: COLLECTION, ocr: false });
  rows = await ls(workspace);
  row = byPath(rows);
  // `show` costs a process start: fetch the documents whose text or metadata the tests read.
  const wanted = rows.filter((r) => r.status === 'ok' && !/README\.md$/.test(r.path) && !/\.(zip|tar|tgz)$/.test(r.path) && !/(traversal|symlink|gbk-names)\.zip!/.test(r.path));
  views = await showMany(
    workspace,
    wanted.map((r) => r.id),
  );
}, 400_000);

afterAll(() => removeDir(workspace));

describe('the ingest as a whole', () => {
  it('reads every fixture file as one top-level document and leaves nothing pending', () => {
    const files = walkFiles(FIXTURES).map((f) => rel(path.relative(FIXTURES, f)));
    const topLevel = rows.filter((r) => r.parent === null).map((r) => r.path);
    expect(summary.files).toBe(files.length);
    // Two fixtures could share content and be one document with two paths; none do today.
    expect(new Set(topLevel)).toEqual(new Set(files));
    expect(summary.pending).toBe(0);
    expect(rows.filter((r) => r.status === 'pending')).toEqual([]);
    expect(summary.documents).toBe(rows.length);
    expect(summary.ok + summary.failed).toBe(rows.length);
    expect(summary.collection).toBe(COLLECTION);
  });

  it('ls --json has id, path, mime, status, parent, collection, sha256 on every line, and reason when failed', () => {
    expect(rows.length).toBeGreaterThan(40);
    for (const r of rows) {
      expect(r, r.path).toMatchObject({ id: expect.any(Number), path: expect.any(String), collection: COLLECTION });
      expect(['ok', 'failed', 'pending'], r.path).toContain(r.status);
      expect(r.parent === null || typeof r.parent === 'number', r.path).toBe(true);
      expect('mime' in r && 'sha256' in r, r.path).toBe(true);
      if (r.status === 'failed') {
        expect(FAILURE_REASONS as readonly string[], `${r.path} reason`).toContain(r.reason);
      } else {
        expect(r.reason ?? null, r.path).toBeNull();
        expect(r.sha256, r.path).toMatch(/^[0-9a-f]{64}$/);
        expect(r.mime, r.path).toMatch(/^[a-z]+\/[\w.+-]+$/);
      }
    }
  });

  it('stores each top-level file under the SHA-256 of its bytes', () => {
    for (const file of walkFiles(FIXTURES)) {
      expect(row(rel(path.relative(FIXTURES, file))).sha256, file).toBe(sha256Of(file));
    }
  });

  it('status --json counts the same documents as ls', async () => {
    const counts = await status(workspace);
    expect(counts.documents).toBe(rows.length);
    const byStatus = counts.byStatus as Record<string, number>;
    expect(byStatus.ok ?? 0).toBe(rows.filter((r) => r.status === 'ok').length);
    expect(byStatus.failed ?? 0).toBe(rows.filter((r) => r.status === 'failed').length);
    expect(counts.needsOcr).toBe(rows.filter((r) => r.needsOcr).length);
  });

  it('gives ids that are unique and parents that exist', () => {
    const ids = new Set(rows.map((r) => r.id));
    expect(ids.size).toBe(rows.length);
    for (const r of rows) if (r.parent !== null) expect(ids.has(r.parent), r.path).toBe(true);
  });
});

describe('type detection from the content, not the name', () => {
  const expected: Array<[string, string]> = [
    ['text/utf8.txt', 'text/plain'],
    ['text/utf16le-bom.txt', 'text/plain'],
    ['text/utf16be-bom.txt', 'text/plain'],
    ['text/gbk.txt', 'text/plain'],
    ['text/gb18030.txt', 'text/plain'],
    ['text/big5.txt', 'text/plain'],
    ['office/sample.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['office/sample.odt', 'application/vnd.oasis.opendocument.text'],
    ['office/sample.rtf', 'application/rtf'],
    ['office/gbk.rtf', 'application/rtf'],
    ['pdf/two-pages.pdf', 'application/pdf'],
    ['pdf/encrypted-user-password.pdf', 'application/pdf'],
    ['pdf/truncated.pdf', 'application/pdf'],
    ['pdf/no-text.pdf', 'application/pdf'],
    ['html/page.html', 'text/html'],
    ['html/gbk-meta.html', 'text/html'],
    ['email/no-extension-message', 'message/rfc822'],
    ['email/with-attachment.eml', 'message/rfc822'],
    ['email/sample.mbox', 'application/mbox'],
    ['archive/nested.zip', 'application/zip'],
    ['archive/gbk-names.zip', 'application/zip'],
    ['archive/utf8-names-noflag.zip', 'application/zip'],
    ['archive/traversal.zip', 'application/zip'],
    ['archive/symlink.zip', 'application/zip'],
    ['archive/bomb.zip', 'application/zip'],
    ['archive/encrypted.zip', 'application/zip'],
    ['archive/sample.tar', 'application/x-tar'],
    ['archive/sample.tgz', 'application/gzip'],
    ['bad/garbage.bin', 'application/octet-stream'],
    ['bad/pdf-named.docx', 'application/pdf'],
    ['bad/png-named.txt', 'image/png'],
    ['image/photo.jpg', 'image/jpeg'],
    ['image/scan.tiff', 'image/tiff'],
  ];
  it.each(expected)('%s is %s', (file, mime) => {
    expect(row(rel(file)).mime).toBe(mime);
  });

  it('bad/empty.bin is typed as empty or octet-stream', () => {
    expect(row(rel('bad/empty.bin')).mime).toMatch(/^application\/(x-empty|octet-stream)$/);
  });
});

describe('plain text in every encoding', () => {
  const ZH_SC = ['新疆维吾尔自治区', '职业技能教育培训中心', '新党办发〔2017〕12号', '习近平', '陈全国'];
  const cases: Array<{ file: string; encoding: RegExp; markers: string[] }> = [
    { file: 'text/utf8.txt', encoding: /^utf-?8$/i, markers: ['marker-text-utf8', ...ZH_SC] },
    { file: 'text/utf16le-bom.txt', encoding: /^utf-?16-?le$/i, markers: ['marker-text-utf16le', ...ZH_SC] },
    { file: 'text/utf16be-bom.txt', encoding: /^utf-?16-?be$/i, markers: ['marker-text-utf16be', ...ZH_SC] },
    { file: 'text/gbk.txt', encoding: /^(gbk|gb18030|cp936)$/i, markers: ['marker-text-gbk', '红柳泉县', '新党办发〔2017〕12号', ...ZH_SC] },
    { file: 'text/gb18030.txt', encoding: /^gb18030$/i, markers: ['marker-text-gb18030', ...ZH_SC, '㐀', '𠀀'] },
    { file: 'text/big5.txt', encoding: /^big5/i, markers: ['marker-text-big5', '習近平', '陳全國', '新疆維吾爾自治區'] },
  ];

  it.each(cases)('$file is read with its markers and Chinese text', ({ file, markers }) => {
    const view = doc(file);
    expect(view.status).toBe('ok');
    for (const marker of markers) expect(view.text, marker).toContain(marker);
    expect(view.text).not.toContain('\uFFFD');
  });

  it.each(cases)('$file records the encoding it was read as', ({ file, encoding }) => {
    expect(String(doc(file).metadata.encoding)).toMatch(encoding);
  });

  it('keeps no byte-order mark in the text of the UTF-16 files', () => {
    for (const file of ['text/utf16le-bom.txt', 'text/utf16be-bom.txt']) {
      expect(doc(file).text, file).not.toContain('\uFEFF');
      expect(doc(file).text.startsWith('UTF-16'), file).toBe(true);
    }
  });

  it('has the four-byte GB18030 characters exactly as written (U+3400 and U+20000)', () => {
    const text = doc('text/gb18030.txt').text;
    expect([...text].some((ch) => ch.codePointAt(0) === 0x3400)).toBe(true);
    expect([...text].some((ch) => ch.codePointAt(0) === 0x20000)).toBe(true);
  });
});

describe('PDF', () => {
  it('keeps the text of each page on its own page', () => {
    const view = doc('pdf/two-pages.pdf');
    expect(view.status).toBe('ok');
    expect(view.pages.map((p) => p.page)).toEqual([1, 2]);
    const [one, two] = view.pages;
    expect(one!.text).toContain('marker-page-one');
    expect(one!.text).toContain('第一页');
    expect(one!.text).toContain('新疆维吾尔自治区');
    expect(one!.text).not.toContain('marker-page-two');
    expect(two!.text).toContain('marker-page-two');
    expect(two!.text).toContain('第二页');
    expect(two!.text).toContain('习近平');
    expect(two!.text).not.toContain('marker-page-one');
    expect(view.needsOcr).toBe(false);
  });

  it('records the title and author', () => {
    const view = doc('pdf/two-pages.pdf');
    expect(view.title).toBe('Two-page fixture 两页测试');
    expect(view.metadata.title).toBe('Two-page fixture 两页测试');
    expect(view.metadata.author).toBe('Fixture Author 测试作者');
    expect(Number(view.metadata.pages)).toBe(2);
  });

  it('reads a PDF named .docx as a PDF', () => {
    const view = doc('bad/pdf-named.docx');
    expect(view.status).toBe('ok');
    expect(view.text).toContain('marker-mislabelled-pdf');
  });

  it('marks a PDF with only a picture as needing OCR', () => {
    const view = doc('pdf/no-text.pdf');
    expect(view.status).toBe('ok');
    expect(view.needsOcr).toBe(true);
    expect(view.text.trim()).toBe('');
    expect(row(rel('pdf/no-text.pdf')).needsOcr).toBe(true);
  });
});

describe('office documents', () => {
  const cases = [
    { file: 'office/sample.docx', markers: ['marker-docx-alpha', 'marker-docx-alpha-table', '新疆维吾尔自治区'], title: 'DOCX fixture title 标题', author: 'Fixture Author 测试作者' },
    { file: 'office/sample.odt', markers: ['marker-odt-alpha', 'marker-odt-alpha-table', '新疆维吾尔自治区'], title: 'ODT fixture title 标题', author: 'Fixture Author 测试作者' },
    { file: 'office/sample.rtf', markers: ['marker-rtf-alpha', 'marker-rtf-alpha-table', '新疆维吾尔自治区'], title: 'RTF fixture title 标题', author: 'Fixture Author 测试作者' },
    { file: 'office/gbk.rtf', markers: ['marker-rtf-gbk', '新疆维吾尔自治区'], title: 'GBK RTF 测试标题', author: '测试作者' },
  ];

  it.each(cases)('$file has its text (body and table) and Chinese', ({ file, markers }) => {
    const view = doc(file);
    expect(view.status).toBe('ok');
    for (const marker of markers) expect(view.text, marker).toContain(marker);
  });

  it.each(cases)('$file has title "$title" and author "$author"', ({ file, title, author }) => {
    const view = doc(file);
    expect(view.title).toBe(title);
    expect(view.metadata.title).toBe(title);
    expect(view.metadata.author).toBe(author);
  });

  it('has the DOCX and ODT markers in both the heading and the body', () => {
    for (const [file, marker] of [['office/sample.docx', 'marker-docx-alpha'], ['office/sample.odt', 'marker-odt-alpha']] as const) {
      const plain = doc(file).text.split(`${marker}-table`).join('');
      expect(plain.split(marker).length - 1, file).toBeGreaterThanOrEqual(2);
    }
  });

  it('drops the RTF "?" fallbacks of \\uN characters', () => {
    const text = doc('office/sample.rtf').text;
    expect(text).not.toMatch(/\?[\u4e00-\u9fff]|[\u4e00-\u9fff]\?/);
  });

  it('reads escaped braces and backslashes of the GBK RTF literally', () => {
    const text = doc('office/gbk.rtf').text;
    expect(text).toContain('Braces {like these} and a backslash \\ are escaped.');
    expect(text).toContain("\\'hh");
  });
});

describe('HTML', () => {
  it('has the title and the visible text with entities decoded', () => {
    const view = doc('html/page.html');
    expect(view.title).toBe('marker-html-title 测试页面');
    expect(view.text).toContain('marker-html-body');
    expect(view.text).toContain('新疆维吾尔自治区');
    expect(view.text).toContain('café & 新疆 <tag>');
  });

  it('keeps script, style and comment content out of the text', () => {
    const view = doc('html/page.html');
    for (const secret of ['SCRIPTSECRET', 'STYLESECRET', 'COMMENTSECRET']) expect(view.text, secret).not.toContain(secret);
  });

  it('reads a GBK page by its meta charset', () => {
    const view = doc('html/gbk-meta.html');
    expect(view.title).toBe('GBK 编码网页 marker-html-gbk-title');
    for (const marker of ['marker-html-gbk', '新疆维吾尔自治区政府网站', '新党办发〔2017〕12号']) expect(view.text, marker).toContain(marker);
    expect(String(view.metadata.encoding)).toMatch(/^(gbk|gb18030|gb2312|cp936)$/i);
  });
});

describe('e-mail', () => {
  it('reads the headers of a message without a file extension', () => {
    const { metadata, title, text } = doc('email/no-extension-message');
    expect(title).toBe('测试邮件 marker-email-subject');
    expect(metadata.subject).toBe('测试邮件 marker-email-subject');
    expect(String(metadata.from)).toContain('sender@example.org');
    expect(String(metadata.from)).toContain('测试发件人');
    const to = (metadata.to as string[]).join(', ');
    expect(to).toContain('one@example.org');
    expect(to).toContain('two@example.org');
    expect((metadata.cc as string[]).join(', ')).toContain('cc@example.org');
    expect(metadata.messageId).toBe('<fixture-no-ext@example.org>');
    expect(String(metadata.date)).toMatch(/^2017-11-14T14:41:07/);
    expect(text).toContain('marker-email-plain');
  });

  it('keeps the attachment of a message as a child document at message!/name', () => {
    const parent = row(rel('email/no-extension-message'));
    const children = childrenOf('email/no-extension-message');
    expect(children.map((c) => c.path)).toEqual([`${parent.path}!/notes.txt`]);
    const child = views.get(children[0]!.id)!;
    expect(child.status).toBe('ok');
    expect(child.mime).toBe('text/plain');
    expect(child.parent).toBe(parent.id);
    expect(child.text).toContain('marker-email-attachment-txt');
    expect(doc('email/no-extension-message').children).toEqual([child.id]);
  });

  it('reads a PDF attached to a message', () => {
    const { metadata, text } = doc('email/with-attachment.eml');
    expect(metadata.subject).toBe('PDF attached / 附件是PDF');
    expect(text).toContain('marker-eml-body');
    const parent = row(rel('email/with-attachment.eml'));
    const children = childrenOf('email/with-attachment.eml');
    expect(children.map((c) => c.path)).toEqual([`${parent.path}!/report.pdf`]);
    const pdf = views.get(children[0]!.id)!;
    expect(pdf.mime).toBe('application/pdf');
    expect(pdf.status).toBe('ok');
    expect(pdf.text).toContain('marker-eml-attached-pdf');
  });

  it('splits an mbox into three messages, with ">From " unescaped', () => {
    const parent = row(rel('email/sample.mbox'));
    const messages = childrenOf('email/sample.mbox').map((c) => views.get(c.id)!);
    expect(messages).toHaveLength(3);
    for (const m of messages) {
      expect(m.mime, m.path).toBe('message/rfc822');
      expect(m.status, m.path).toBe('ok');
      expect(m.path.startsWith(`${parent.path}!/`), m.path).toBe(true);
    }
    expect(messages.map((m) => m.metadata.subject)).toEqual(['mbox message one', 'Re: mbox message one', '第三封邮件']);
    expect(messages[0]!.text).toContain('marker-mbox-one');
    expect(messages[1]!.text).toContain('marker-mbox-two');
    expect(messages[1]!.metadata.inReplyTo).toBe('<mbox-1@example.org>');
    expect(messages[1]!.text).toMatch(/^From the county office, /m);
    expect(messages[1]!.text).not.toContain('>From the county office');
    expect(messages[2]!.text).toContain('marker-mbox-three');
    expect(messages[2]!.text).toContain('新疆红柳泉县');
  });
});

describe('archives (well-formed)', () => {
  const members = (p: string) => childrenOf(p).map((c) => c.path.slice(row(rel(p)).path.length));

  it('unpacks a zip inside a zip', () => {
    expect(members('archive/nested.zip').sort()).toEqual(['!/dir/a.txt', '!/inner.zip']);
    expect(doc('archive/nested.zip!/dir/a.txt').text).toContain('marker-zip-a');
    const inner = row(rel('archive/nested.zip!/inner.zip'));
    expect(inner.mime).toBe('application/zip');
    const b = doc('archive/nested.zip!/inner.zip!/b.txt');
    expect(b.parent).toBe(inner.id);
    expect(b.text).toContain('marker-zip-inner-b');
  });

  it('unpacks a tar, Chinese folder names included', () => {
    expect(members('archive/sample.tar').sort()).toEqual(['!/dir/c.txt', '!/中文目录/说明.txt']);
    expect(doc('archive/sample.tar!/dir/c.txt').text).toContain('marker-tar-c');
    expect(doc('archive/sample.tar!/中文目录/说明.txt').text).toContain('marker-tar-zh');
  });

  it('unpacks a gzipped tar', () => {
    expect(members('archive/sample.tgz').sort()).toEqual(['!/docs/d.txt', '!/docs/报告.txt']);
    expect(doc('archive/sample.tgz!/docs/d.txt').text).toContain('marker-tgz-d');
    expect(doc('archive/sample.tgz!/docs/报告.txt').text).toContain('marker-tgz-zh');
  });

  it('decodes UTF-8 member names written without the UTF-8 flag', () => {
    expect(members('archive/utf8-names-noflag.zip')).toEqual(['!/资料/新疆报告.txt']);
    expect(doc('archive/utf8-names-noflag.zip!/资料/新疆报告.txt').text).toContain('marker-zip-utf8-noflag');
  });
});

describe('images', () => {
  it('keeps the EXIF make, model and position of a photo and marks it as needing OCR', () => {
    const view = doc('image/photo.jpg');
    expect(view.status).toBe('ok');
    expect(view.needsOcr).toBe(true);
    expect(view.metadata.make).toBe('Dossier Fixture Camera Co.');
    expect(view.metadata.model).toBe('DFC-100 marker-exif-model');
    expect(Number(view.metadata.latitude)).toBeCloseTo(43.8256, 3);
    expect(Number(view.metadata.longitude)).toBeCloseTo(87.6168, 3);
  });

  it('marks a TIFF scan and a PNG named .txt as needing OCR, with no text read from the bytes', () => {
    for (const file of ['image/scan.tiff', 'bad/png-named.txt']) {
      const view = doc(file);
      expect(view.status, file).toBe('ok');
      expect(view.needsOcr, file).toBe(true);
      expect(view.text.trim(), file).toBe('');
    }
  });

  it('records the EXIF date as the camera wrote it, whatever the time zone of the machine', async () => {
    // DateTimeOriginal is "2017:11:14 22:41:07" with no zone: the stored value must not shift
    // with the TZ of the process that read it.
    const zoned = makeWorkspace('formats-tz');
    try {
      await ingest(zoned, [path.join(FIXTURES, 'image', 'photo.jpg')], { env: { TZ: 'Asia/Shanghai' }, ocr: false });
      const [photo] = await ls(zoned);
      const view = await show(zoned, photo!.id);
      expect(view.metadata.make).toBe('Dossier Fixture Camera Co.');
      expect(String(view.metadata.dateTimeOriginal)).toMatch(/^2017-11-14T22:41:07/);
    } finally {
      removeDir(zoned);
    }
  });
});

describe('fixtures that must fail', () => {
  it('records every failure with a stable reason and a message', () => {
    const failed = rows.filter((r) => r.status === 'failed');
    expect(failed.map((r) => r.path).sort()).toEqual(
      expect.arrayContaining([rel('pdf/encrypted-user-password.pdf'), rel('pdf/truncated.pdf'), rel('bad/empty.bin'), rel('bad/garbage.bin')]),
    );
    for (const r of failed) {
      expect(FAILURE_REASONS as readonly string[], r.path).toContain(r.reason);
      expect(typeof r.message === 'string' && r.message.length > 0, r.path).toBe(true);
    }
  });
});
