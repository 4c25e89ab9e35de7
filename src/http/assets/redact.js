/* global document, window, Node */
// The redaction page (/documents/ID/redact): selecting text inside one page's text fills the
// "Mark text" form with the passage and its page, as notes.js does for the note form.
(() => {
  'use strict';
  const text = document.getElementById('redact-text-field');
  const page = document.getElementById('redact-text-page');
  const status = document.getElementById('redact-selection');
  if (!text || !page) return;
  const pageTextOf = (node) => {
    const el = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
    return el ? el.closest('section.page .page-text') : null;
  };
  document.addEventListener('selectionchange', () => {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
    const range = sel.getRangeAt(0);
    const textEl = pageTextOf(range.startContainer);
    if (!textEl || pageTextOf(range.endContainer) !== textEl) return;
    const quote = range.toString().trim();
    const m = /^page-(\d+)$/.exec(textEl.closest('section.page').id);
    if (!quote || !m) return;
    text.value = quote;
    page.value = m[1];
    if (status) status.textContent = `Selected on page ${m[1]}: “${quote.slice(0, 80)}”. Mark it with the button below.`;
  });
})();
