/**
 * Entry point of an extraction process (forked by the worker pool). Like main.ts it constructs the
 * adapters it needs: the blob store, the OCR engine and the analysis chain (loaded on first use,
 * with the workspace's dictionary); it has no database. It exits when its parent goes away, so a
 * killed ingest leaves no orphans.
 */
import { analyserWithNames, type TextAnalyser } from './analyse/index.js';
import { choosePdfEngine, type OcrEngine } from './extract/index.js';
import type { DictionaryEntry, WorkerReply, WorkerRequest } from './jobs/index.js';
import { ocrDocument, processDocument } from './jobs/index.js';
import { FsBlobStore } from './platform/blobs/fs-blob-store.js';
import { chooseOcrEngine } from './platform/ocr/choose-ocr-engine.js';

const blobRoot = process.env.DOSSIER_BLOBS;
if (!blobRoot || !process.send) {
  console.error('the extraction process must be started by dossier with DOSSIER_BLOBS set');
  process.exit(2);
}
const blobs = new FsBlobStore(blobRoot);
let dictionary: DictionaryEntry[] = [];
let analyser: TextAnalyser | null = null;
let engine: Promise<OcrEngine> | null = null;
// Which PDF reader this process uses is decided here, once, where PDFs are read: not at every command's start.
let pdfEngine: Promise<'poppler' | 'pdfjs'> | null = null;

const getAnalyser = (): TextAnalyser => (analyser ??= analyserWithNames(dictionary));

const reply = (message: WorkerReply) => process.send?.(message);

process.on('message', (request: WorkerRequest) => {
  if ('init' in request) {
    dictionary = request.init.dictionary;
    return;
  }
  const fail = (error: unknown) => reply({ id: request.id, failure: { reason: 'crashed', message: `the parser failed: ${error instanceof Error ? error.message : String(error)}` } });
  if ('task' in request) {
    pdfEngine ??= choosePdfEngine((process.env.DOSSIER_PDF_ENGINE ?? 'auto') as 'auto');
    pdfEngine.then((pdf) => processDocument(request.task, blobs, getAnalyser, pdf)).then((extract) => reply({ id: request.id, extract }), fail);
    return;
  }
  engine ??= chooseOcrEngine(process.env.DOSSIER_OCR_ENGINE ?? 'auto');
  engine
    .then((ocr) => blobs.withLocalFile(request.ocr.sha256, (file) => ocrDocument(request.ocr, file, ocr, blobs, getAnalyser)))
    .then((result) => reply({ id: request.id, ocr: result }), fail);
});
process.on('disconnect', () => process.exit(0));
