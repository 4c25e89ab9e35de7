/* global document, window, fetch, setTimeout */
// Live progress of an upload (GET /uploads/ID): polls /api/uploads/ID once a second, fills the
// page's data-field figures and the table of failed documents, and reloads once when the ingest
// ends so the server renders the final page. Without JavaScript a meta refresh inside <noscript>
// reloads the page instead.
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
  /** The failures table, rebuilt from the API's list (text only, never markup from a file name). */
  const showFailures = (failed) => {
    if (!failed || failed.length === 0) return;
    let table = document.getElementById('upload-failures');
    if (!table) {
      const none = document.getElementById('upload-no-failures');
      table = document.createElement('table');
      table.id = 'upload-failures';
      table.className = 'failures';
      const head = table.createTHead().insertRow();
      for (const label of ['Document', 'Reason', 'Message']) {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = label;
        head.appendChild(th);
      }
      table.createTBody();
      if (none) none.replaceWith(table);
      else return;
    }
    const body = table.tBodies[0];
    if (body.rows.length === failed.length) return;
    body.replaceChildren(
      ...failed.map((f) => {
        const row = document.createElement('tr');
        row.dataset.reason = f.reason || '';
        const link = document.createElement('a');
        link.href = `/documents/${f.id}`;
        link.textContent = f.path;
        const code = document.createElement('code');
        code.textContent = f.reason || '';
        row.insertCell().appendChild(link);
        row.insertCell().appendChild(code);
        row.insertCell().textContent = f.message || '';
        return row;
      }),
    );
  };
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
    showFailures(upload.failed);
    section.dataset.state = upload.state;
    // Once the ingest ends, the server renders the final page (summary, links, no polling).
    if (upload.state === 'done' || upload.state === 'failed') {
      window.location.reload();
      return;
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 500);
})();
