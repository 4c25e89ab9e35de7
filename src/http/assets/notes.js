/* global document, window, Node, NodeFilter */
// Notes on the document page (/documents/ID), two enhancements of server-rendered forms:
// 1. Selecting text inside one page's text fills the add-note form: page, passage, and the
//    passage's character offsets in that page's text (counted in the DOM text of .page-text,
//    which the server renders 1:1 from the stored text; the server checks the offsets against
//    the passage and looks for it nearby when they disagree).
// 2. Noted passages are marked in the text (<mark class="note-mark">), each linked to its note.
(() => {
  'use strict';
  const form = document.getElementById('add-note');
  const pageTextOf = (node) => {
    const el = node && (node.nodeType === Node.ELEMENT_NODE ? node : node.parentElement);
    return el ? el.closest('section.page .page-text') : null;
  };
  const pageNumberOf = (textEl) => {
    const section = textEl.closest('section.page');
    const m = section && /^page-(\d+)$/.exec(section.id);
    return m ? Number(m[1]) : null;
  };
  /** Offset of (node, offset) within container's text. */
  const offsetIn = (container, node, offset) => {
    const range = document.createRange();
    range.selectNodeContents(container);
    range.setEnd(node, offset);
    return range.toString().length;
  };

  if (form) {
    const field = (id) => document.getElementById(id);
    const status = field('note-selection');
    document.addEventListener('selectionchange', () => {
      const sel = window.getSelection();
      if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return;
      const range = sel.getRangeAt(0);
      const textEl = pageTextOf(range.startContainer);
      // Only a selection within one page's text becomes a passage.
      if (!textEl || pageTextOf(range.endContainer) !== textEl) return;
      const quote = range.toString();
      if (!quote.trim()) return;
      const start = offsetIn(textEl, range.startContainer, range.startOffset);
      const end = offsetIn(textEl, range.endContainer, range.endOffset);
      const page = pageNumberOf(textEl);
      if (page === null) return;
      field('note-page').value = String(page);
      field('note-quote').value = quote;
      field('note-start').value = String(start);
      field('note-end').value = String(end);
      if (status) status.textContent = `Passage selected on page ${page} (${quote.length} characters): write your note below and add it.`;
    });
    // A passage typed or edited by hand has no offsets: the server finds it on the page.
    const clearOffsets = () => {
      field('note-start').value = '';
      field('note-end').value = '';
    };
    field('note-quote').addEventListener('input', clearOffsets);
    field('note-page').addEventListener('input', clearOffsets);
  }

  /** Wrap [start, end) of container's text in marks, one per text node it crosses. */
  const markRange = (container, start, end, noteId) => {
    const walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
    const pieces = [];
    let pos = 0;
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const len = node.data.length;
      const from = Math.max(start, pos);
      const to = Math.min(end, pos + len);
      if (from < to) pieces.push([node, from - pos, to - pos]);
      pos += len;
      if (pos >= end) break;
    }
    pieces.forEach(([node, from, to], i) => {
      const range = document.createRange();
      range.setStart(node, from);
      range.setEnd(node, to);
      const mark = document.createElement('mark');
      mark.className = 'note-mark';
      mark.dataset.note = noteId;
      if (i === 0) mark.id = `passage-${noteId}`;
      mark.title = 'A noted passage: see the note';
      range.surroundContents(mark);
      mark.addEventListener('click', () => {
        const note = document.getElementById(`note-${noteId}`);
        if (note) note.scrollIntoView({ block: 'center' });
      });
    });
  };

  document.querySelectorAll('#notes-list li[data-start]').forEach((li) => {
    const page = li.dataset.page;
    const start = Number(li.dataset.start);
    const end = Number(li.dataset.end);
    if (!page || li.dataset.start === '' || !(end > start)) return;
    const textEl = document.querySelector(`#page-${page} .page-text`);
    if (!textEl) return;
    // The stored offsets, unless the rendered text differs (line ends): then the quote nearby.
    const quoteEl = li.querySelector('.note-quote');
    const quote = quoteEl ? quoteEl.textContent : '';
    const text = textEl.textContent || '';
    let from = start;
    if (quote && text.slice(start, end) !== quote) {
      const found = text.indexOf(quote, Math.max(0, start - 200));
      if (found === -1) return;
      from = found;
    }
    markRange(textEl, from, from + (quote ? quote.length : end - start), li.dataset.noteId);
    const where = li.querySelector('.note-where a');
    if (where) where.setAttribute('href', `#passage-${li.dataset.noteId}`);
  });
})();
