/* global document, window, location, history */
// The reader of a long document: j / k go to the next / previous page, keeping the address in
// step (#page-N) so the back button and links work. n / p (matches) are dossier.js's. Every page
// is also reachable without this file, by its link.
(function () {
  'use strict';
  var pages = Array.prototype.slice.call(document.querySelectorAll('.reader .page[data-page]'));
  if (pages.length < 2) return;

  function currentIndex() {
    // The last page whose top is above the upper third of the window.
    var line = window.innerHeight / 3;
    var index = 0;
    for (var i = 0; i < pages.length; i++) {
      if (pages[i].getBoundingClientRect().top <= line) index = i;
      else break;
    }
    return index;
  }

  function go(index) {
    var target = pages[Math.max(0, Math.min(pages.length - 1, index))];
    target.scrollIntoView({ block: 'start' });
    var heading = target.querySelector('h3');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
    }
    if (history.replaceState) history.replaceState(null, '', '#' + target.id);
    var status = document.getElementById('reader-status');
    if (status) status.textContent = 'Page ' + target.getAttribute('data-page') + ' of ' + pages.length;
  }

  var status = document.createElement('p');
  status.id = 'reader-status';
  status.className = 'visually-hidden';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  document.body.appendChild(status);

  var last = -1;
  document.addEventListener('keydown', function (event) {
    var el = event.target;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable)) return;
    if (event.key !== 'j' && event.key !== 'k') return;
    event.preventDefault();
    var here = last >= 0 && location.hash === '#' + pages[last].id ? last : currentIndex();
    last = Math.max(0, Math.min(pages.length - 1, here + (event.key === 'j' ? 1 : -1)));
    go(last);
  });
})();
