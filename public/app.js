// Progressive enhancement only: every page works without this file.
// Marks the page as JavaScript-capable (the design system's styles key off these classes), then
// starts the design system's components (header menu, error summary focus, skip link, …).
// The import path below is replaced at start-up by the versioned path of the design system module.
import { initAll } from '__NHSUK_JS__';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();

// Statement batches: while a batch runs, its page polls its progress and redraws the part that
// changes (rendered by the server, as on a reload), announcing the progress to screen readers; it
// stops when the batch is done. Without JavaScript the page refreshes itself instead (<noscript>).
const batch = document.getElementById('batch-live');
if (batch && batch.dataset.pending === 'true' && batch.dataset.progressUrl) {
  const announce = document.getElementById('batch-announce');
  let last = '';
  const poll = async () => {
    try {
      const res = await fetch(batch.dataset.progressUrl, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!res.ok || !(res.headers.get('content-type') || '').includes('json')) return;
      const p = await res.json();
      batch.innerHTML = p.html;
      const said = p.pending ? p.text : `${p.status}. ${p.text}`;
      if (announce && said !== last) announce.textContent = said;
      last = said;
      if (!p.pending) return;
    } catch {
      // a network blip: try again
    }
    setTimeout(poll, 1500);
  };
  setTimeout(poll, 1500);
}
