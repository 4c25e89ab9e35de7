import type { BoilerplateProgress, IngestProgress } from '../jobs/index.js';
import { formatBytes, formatDuration } from './output.js';

/** One status line for an ingest: files and bytes stored of total, documents read, rate, ETA. */
export function formatProgress(p: IngestProgress): string {
  const rate = p.elapsed > 0 ? p.extracted / p.elapsed : 0;
  const parts = [
    p.phase === 'scanning' ? `scanning… ${p.filesTotal} files` : `files ${p.filesDone}/${p.filesTotal}`,
    `${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}`,
    `read ${p.extracted} docs${p.failed ? ` (${p.failed} failed)` : ''}, ${p.queued} queued`,
    `${rate.toFixed(1)} docs/s`,
    ...(p.ocrPages || p.ocrQueued ? [`OCR ${p.ocrPages} pages (${p.elapsed > 0 ? ((p.ocrPages * 60) / p.elapsed).toFixed(1) : '0'}/min), ${p.ocrQueued} docs queued`] : []),
    `${formatBytes(p.elapsed > 0 ? p.bytesDone / p.elapsed : 0)}/s`,
    p.phase === 'done' ? `done in ${formatDuration(p.elapsed)}` : `ETA ${p.eta === null ? '?' : formatDuration(p.eta)}`,
  ];
  return parts.join(' · ');
}

/** Draws the progress line in place on a terminal, or every few seconds to a log. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: IngestProgress) => void {
  let last = 0;
  return (p) => {
    const line = formatProgress(p);
    if (stream.isTTY) {
      stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 120) - 1)}${p.phase === 'done' ? '\n' : ''}`);
      return;
    }
    const now = Date.now();
    if (p.phase === 'done' || now - last > 10_000) {
      last = now;
      stream.write(`${line}\n`);
    }
  };
}

/** The boilerplate detection after an ingest: documents counted, then looked at for re-indexing; every few seconds to a log. */
export function boilerplatePrinter(stream: NodeJS.WriteStream = process.stderr): (p: BoilerplateProgress) => void {
  let last = 0;
  const started = Date.now();
  return (p) => {
    const now = Date.now();
    const finished = p.done === p.total;
    if (!stream.isTTY && !finished && now - last < 10_000) return;
    last = now;
    const rate = p.done / Math.max(0.001, (now - started) / 1000);
    const line = `boilerplate of "${p.collection}": ${p.step} ${p.done}/${p.total} docs${p.step === 'reindexing' ? `, ${p.reindexed} re-indexed` : ''} · ${rate.toFixed(0)} docs/s${finished ? '' : ` · ETA ${formatDuration((p.total - p.done) / Math.max(rate, 0.001))}`}`;
    stream.write(stream.isTTY ? `\r\x1b[2K${line}${finished ? '\n' : ''}` : `${line}\n`);
  };
}
