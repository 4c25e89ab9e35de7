/* global document, window, fetch, setTimeout */
// Live progress of an upload (GET /uploads/ID): polls /api/uploads/ID once a second and fills the
// page's data-field figures; reloads once when the ingest ends, or when a document fails, so the
// server renders the final figures and the list of failures. Without JavaScript a meta refresh
// inside <noscript> reloads the page instead.
(() => {
  'use strict';
  const section = document.getElementById('upload-progress');
  if (!section) return;
  const id = section.dataset.uploadId;
  const STATES = { queued: 'waiting for the upload before it', running: 'reading', done: 'done', failed: 'stopped by an error' };
  const bytes = (n) => {
    if (n < 1024) return `${n} B`;
    const units = ['KB', 'MB', 'GB', 'TB'];
    let v = n;
    let u = -1;
    do {
      v /= 1024;
      u++;
    } while (v >= 1024 && u < units.length - 1);
    return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
  };
  const seconds = (s) => {
    if (s === null || s === undefined || !Number.isFinite(s)) return 'unknown';
    s = Math.max(0, Math.round(s));
    const h = Math.floor(s / 3600);
    const m = Math.floor((s % 3600) / 60);
    const pad = (x) => String(x).padStart(2, '0');
    return h ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
  };
  const set = (key, value) => {
    const el = section.querySelector(`[data-field="${key}"]`);
    if (el && el.textContent !== value) el.textContent = value;
  };
  let failedSeen = Number.NaN;
  const tick = async () => {
    let upload;
    try {
      const res = await fetch(`/api/uploads/${encodeURIComponent(id)}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok) throw new Error(String(res.status));
      upload = (await res.json()).upload;
    } catch {
      setTimeout(tick, 3000);
      return;
    }
    const p = upload.progress || {};
    const d = upload.documents;
    set('state', STATES[upload.state] || upload.state);
    set('files', `${p.filesDone ?? 0} of ${p.filesTotal ?? upload.files}`);
    set('bytes', `${bytes(p.bytesDone ?? 0)} of ${bytes(p.bytesTotal ?? upload.bytes)}`);
    set('read', String(p.extracted ?? 0));
    set('documents', `${d.ok} ok, ${d.failed} failed${d.pending ? `, ${d.pending} pending` : ''}`);
    set('queued', `${p.queued ?? 0}${p.ocrQueued ? ` (and ${p.ocrQueued} waiting for OCR)` : ''}`);
    set('rate', `${(p.rate ?? 0).toFixed(1)} documents/s`);
    set('eta', seconds(p.eta));
    set('elapsed', seconds(p.elapsed ?? 0));
    const bar = document.getElementById('upload-files-bar');
    if (bar) {
      bar.max = Math.max(1, p.filesTotal ?? upload.files);
      bar.value = p.filesDone ?? 0;
    }
    section.dataset.state = upload.state;
    if (upload.state === 'done' || upload.state === 'failed' || (!Number.isNaN(failedSeen) && d.failed !== failedSeen)) {
      window.location.reload();
      return;
    }
    failedSeen = d.failed;
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 500);
})();
