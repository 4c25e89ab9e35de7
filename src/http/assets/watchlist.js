/* global document, window, fetch, setTimeout */
// Live progress of a watch-list run (GET /watchlists/ID): polls /api/watchlists/ID every second,
// fills the progress figures, and reloads once when the run ends so the server renders the
// results. Without JavaScript a meta refresh inside <noscript> reloads the page instead.
(() => {
  'use strict';
  const status = document.getElementById('watchlist-progress');
  if (!status) return;
  const id = status.dataset.watchlistId;
  const tick = async () => {
    try {
      const response = await fetch(`/api/watchlists/${id}`, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const { progress } = await response.json();
      if (!progress || progress.state !== 'running') {
        window.location.reload();
        return;
      }
      const text = status.querySelector('[data-field="text"]');
      if (text) text.textContent = `Searching: ${progress.done} of ${progress.total} names${progress.eta !== null ? ` · about ${progress.eta} s left` : ''}`;
      const bar = status.querySelector('progress');
      if (bar) bar.value = progress.done;
    } catch {
      // The server may be busy or restarting: try again on the next tick.
    }
    setTimeout(tick, 1000);
  };
  setTimeout(tick, 1000);
})();
