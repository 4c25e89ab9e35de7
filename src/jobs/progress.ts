/** A snapshot of an ingest in progress, emitted a few times a second. */
export interface IngestProgress {
  /** Files found on disk and their bytes (known once the scan is done). */
  filesTotal: number;
  bytesTotal: number;
  /** Files stored and registered so far, and their bytes. */
  filesDone: number;
  bytesDone: number;
  /** Documents read (ok or failed) in this run, and those still queued, members included. */
  extracted: number;
  queued: number;
  failed: number;
  /** Pages read by OCR, and documents waiting for OCR. */
  ocrPages: number;
  ocrQueued: number;
  /** Seconds since the start. */
  elapsed: number;
  /** Estimated seconds left, or null while unknown. */
  eta: number | null;
  phase: 'scanning' | 'storing' | 'extracting' | 'done';
}

/** Estimate what is left from the share of bytes stored and the rate of documents read. */
export function estimateRemaining(p: Omit<IngestProgress, 'eta'>): number | null {
  if (p.elapsed < 1) return null;
  const storeLeft = p.bytesTotal > 0 && p.bytesDone < p.bytesTotal ? (p.elapsed * (p.bytesTotal - p.bytesDone)) / Math.max(p.bytesDone, 1) : 0;
  const rate = p.extracted / p.elapsed;
  const ocrRate = p.ocrPages / p.elapsed;
  // Without a measured OCR rate, assume tesseract's typical 2.5 s per page on one core.
  const ocrLeft = p.ocrQueued > 0 ? p.ocrQueued / (ocrRate > 0 ? ocrRate : 0.4) : 0;
  const extractLeft = rate > 0 ? p.queued / rate + ocrLeft : null;
  if (extractLeft === null) return storeLeft > 0 ? storeLeft : null;
  return Math.max(storeLeft, extractLeft);
}
