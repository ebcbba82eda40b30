// Progressive enhancement only: every page works without this file.
// Marks the page as JavaScript-capable (the design system's styles key off these classes), then
// starts the design system's components (header menu, error summary focus, skip link, …).
// The import path below is replaced at start-up by the versioned path of the design system module.
import { initAll } from '__NHSUK_JS__';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
