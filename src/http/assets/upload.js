/* global document, window, DataTransfer, FormData, XMLHttpRequest */
// The upload form (GET /upload), enhanced: files dropped anywhere on the drop zone join the file
// input, the chosen files are listed, and the form is sent with XMLHttpRequest so a progress bar
// shows the transfer; then the browser goes to the upload's progress page. Without JavaScript the
// same form posts as it is.
(() => {
  'use strict';
  const form = document.getElementById('upload-form');
  const input = document.getElementById('upload-files');
  const zone = document.getElementById('drop-zone');
  if (!form || !input || !zone) return;
  const list = document.getElementById('upload-file-list');
  const status = document.getElementById('upload-status');
  const bar = document.getElementById('upload-transfer');
  const submit = document.getElementById('upload-submit');
  const maxBytes = Number(form.dataset.maxBytes || 0);

  const show = () => {
    if (!list) return;
    list.replaceChildren(
      ...Array.from(input.files || []).map((f) => {
        const li = document.createElement('li');
        li.textContent = `${f.name} (${f.size.toLocaleString()} bytes)`;
        return li;
      }),
    );
  };
  input.addEventListener('change', show);

  const stop = (e) => {
    e.preventDefault();
    e.stopPropagation();
  };
  ['dragenter', 'dragover'].forEach((type) =>
    zone.addEventListener(type, (e) => {
      stop(e);
      zone.classList.add('drop-zone-active');
    }),
  );
  ['dragleave', 'drop'].forEach((type) => zone.addEventListener(type, (e) => {
    stop(e);
    zone.classList.remove('drop-zone-active');
  }));
  zone.addEventListener('drop', (e) => {
    const dropped = e.dataTransfer && e.dataTransfer.files;
    if (!dropped || dropped.length === 0) return;
    const all = new DataTransfer();
    Array.from(input.files || []).forEach((f) => all.items.add(f));
    Array.from(dropped).forEach((f) => all.items.add(f));
    input.files = all.files;
    show();
  });

  form.addEventListener('submit', (e) => {
    const files = Array.from(input.files || []);
    const total = files.reduce((sum, f) => sum + f.size, 0);
    if (maxBytes && total > maxBytes) {
      e.preventDefault();
      if (status) status.textContent = `These files hold ${total.toLocaleString()} bytes: more than the limit of ${maxBytes.toLocaleString()} bytes per upload.`;
      return;
    }
    e.preventDefault();
    const data = new FormData(form);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/uploads');
    xhr.setRequestHeader('X-CSRF-Token', String(data.get('csrf') || ''));
    xhr.responseType = 'json';
    if (bar) {
      bar.hidden = false;
      bar.value = 0;
    }
    if (submit) submit.disabled = true;
    xhr.upload.addEventListener('progress', (ev) => {
      if (!ev.lengthComputable) return;
      const pct = Math.round((ev.loaded / ev.total) * 100);
      if (bar) bar.value = pct;
      if (status) status.textContent = `Sending: ${pct}%`;
    });
    xhr.addEventListener('load', () => {
      const body = xhr.response || {};
      if (xhr.status === 202 && body.upload) {
        window.location.assign(body.upload.url);
        return;
      }
      if (submit) submit.disabled = false;
      if (status) status.textContent = (body.error && body.error.message) || `The upload was refused (${xhr.status}).`;
    });
    xhr.addEventListener('error', () => {
      if (submit) submit.disabled = false;
      if (status) status.textContent = 'The upload could not be sent: is the server still running? Nothing was stored.';
    });
    xhr.send(data);
  });
})();
