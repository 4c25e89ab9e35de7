/* global document, location */
// Dossier workbench: small progressive enhancements. Every page works without this file.
(function () {
  'use strict';

  // Search: changing the mode re-runs the query at once.
  var form = document.getElementById('search-form');
  if (form) {
    var q = form.querySelector('input[name="q"]');
    form.querySelectorAll('input[name="mode"]').forEach(function (radio) {
      radio.addEventListener('change', function () {
        if (q && q.value.trim()) form.submit();
      });
    });
  }

  // Document: bring the first match of the linked page into view, and let n / p step through matches.
  var marks = Array.prototype.slice.call(document.querySelectorAll('.page-text mark'));
  if (marks.length) {
    var current = -1;
    var target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
    if (target) {
      var first = target.querySelector('.page-text mark');
      if (first) {
        current = marks.indexOf(first);
        first.scrollIntoView({ block: 'center' });
      }
    }
    document.addEventListener('keydown', function (event) {
      var el = event.target;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable)) return;
      if (event.key !== 'n' && event.key !== 'p') return;
      current = event.key === 'n' ? Math.min(marks.length - 1, current + 1) : Math.max(0, current - 1);
      marks.forEach(function (m) { m.classList.remove('current'); });
      marks[current].classList.add('current');
      marks[current].scrollIntoView({ block: 'center' });
    });
  }
})();
