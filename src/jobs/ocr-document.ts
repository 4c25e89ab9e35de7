import type { TextAnalyser } from '../analyse/index.js';
import { ocrPages, type ImageStore, type OcrEngine } from '../extract/index.js';
import { analyseDocument } from '../index/index.js';
import type { OcrReply, OcrTask } from './catalogue.js';

/**
 * OCR the pages of one document and analyse the whole document (OCR'd pages and the pages that
 * had text) for the index. Runs inside an extraction process.
 */
export async function ocrDocument(task: OcrTask, file: string, engine: OcrEngine, images: ImageStore, analyser: () => TextAnalyser): Promise<OcrReply> {
  const outcomes = await ocrPages({ file, mime: task.mime, pages: task.pages, pageCount: task.pageCount, langs: task.langs, timeoutMs: task.timeoutMs }, engine, images);
  const read = new Map(outcomes.flatMap((o) => (o.ok ? [[o.page, o.text] as const] : [])));
  const pages = [...task.otherPages.filter((p) => !read.has(p.page)), ...[...read].map(([page, text]) => ({ page, text }))].sort((a, b) => a.page - b.page);
  const analysis = pages.some((p) => p.text.trim() !== '') ? analyseDocument(analyser(), { title: task.title, path: task.path, metadata: task.metadata, pages }) : null;
  return { outcomes, analysis };
}
