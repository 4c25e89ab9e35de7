import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { DossierError } from '../../domain/errors.js';
import type { Repositories } from '../../platform/db/records.js';
import type { Derivative, DerivativePage, DerivativeSource, ImageStore } from '../ports.js';

const run = promisify(execFile);
const LIMIT = { timeout: 120_000, maxBuffer: 256 * 1024 * 1024 };

/** MuPDF script: drop the Info dictionary and the XMP stream, then rewrite the whole file (no incremental save keeps the old objects). */
const STRIP_SCRIPT = `var doc = new PDFDocument(scriptArgs[0]);
var trailer = doc.getTrailer();
trailer.delete("Info");
var root = trailer.get("Root");
root.delete("Metadata");
root.delete("PieceInfo");
doc.save(scriptArgs[1], "garbage=4,compress,sanitize");
`;

/** Fields pdfinfo prints only when the file still carries them. */
const METADATA_FIELDS = /^(Title|Subject|Keywords|Author|Creator|Producer|CreationDate|ModDate):/m;

/**
 * The derivative of a PDF with nothing marked for redaction: the file rewritten in full by
 * MuPDF without its Info dictionary and XMP metadata, its page images rendered afresh from the
 * derivative (new blobs, never the original's), its text read from the derivative, and a check
 * that no metadata is left. It stands in until the redaction stage's `produceDerivative`
 * (which burns marked boxes too) is wired in main.ts; both answer the same port.
 */
export class StrippedDerivativeSource implements DerivativeSource {
  constructor(private readonly deps: { records: Pick<Repositories, 'publications'>; blobs: ImageStore }) {}

  async produce(input: { documentId: number }): Promise<Derivative> {
    const source = await this.deps.records.publications.sourceDocument(input.documentId);
    if (!source || source.status !== 'ok' || !source.sha256) throw new DossierError('not_found', `no readable document ${input.documentId}`);
    if (source.mime !== 'application/pdf') throw new DossierError('invalid_argument', `document ${input.documentId} is ${source.mime ?? 'of unknown type'}: only PDFs are published (their redacted derivative)`);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-derivative-'));
    try {
      const script = path.join(dir, 'strip.js');
      const out = path.join(dir, 'derivative.pdf');
      fs.writeFileSync(script, STRIP_SCRIPT);
      await run('mutool', ['run', script, this.deps.blobs.pathOf(source.sha256), out], LIMIT);
      const derivative = await this.deps.blobs.putBuffer(fs.readFileSync(out));
      const info = (await run('pdfinfo', [out], LIMIT)).stdout;
      const count = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
      const pages: DerivativePage[] = [];
      for (let page = 1; page <= count; page++) {
        const text = (await run('pdftotext', ['-f', String(page), '-l', String(page), '-enc', 'UTF-8', out, '-'], LIMIT)).stdout.replace(/\f/g, '').trim();
        const prefix = path.join(dir, `p${page}`);
        await run('pdftoppm', ['-f', String(page), '-l', String(page), '-r', '110', '-png', '-singlefile', out, prefix], LIMIT);
        const png = fs.readFileSync(`${prefix}.png`);
        const image = await this.deps.blobs.putBuffer(png);
        pages.push({ page, text, image: image.sha256, width: png.readUInt32BE(16), height: png.readUInt32BE(20) });
      }
      const meta = (await run('pdfinfo', ['-meta', out], LIMIT)).stdout.trim();
      const leaks = [...(METADATA_FIELDS.test(info) ? [{ page: 0, text: `metadata: ${METADATA_FIELDS.exec(info)![1]}` }] : []), ...(meta ? [{ page: 0, text: 'metadata: XMP stream' }] : [])];
      return { sha256: derivative.sha256, pages, check: { ok: leaks.length === 0, leaks } };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
