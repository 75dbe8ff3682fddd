// Loaded before the app (app.html), as a plain script so it runs even when the app's own chunks do not.
// A page opened before a redeploy asks for chunks whose hashed names no longer exist; the app then never
// starts and nothing says why. This turns a failed chunk load into a message with a reload button.
(function () {
  var shown = false;
  var CHUNK_FAILURE =
    /dynamically imported module|Importing a module script failed|error loading dynamically imported module/i;

  function show() {
    if (shown) return;
    shown = true;
    var box = document.createElement('div');
    box.setAttribute('role', 'alert');
    box.className = 'load-failure';
    box.style.cssText =
      'position:fixed;left:12px;right:12px;bottom:12px;z-index:1000;display:flex;flex-wrap:wrap;' +
      'align-items:center;gap:12px;padding:12px 16px;border-radius:8px;background:#1b1f24;color:#fff;' +
      'font:14px/1.45 system-ui,sans-serif;box-shadow:0 6px 18px rgb(0 0 0 / 30%)';
    var text = document.createElement('span');
    text.textContent =
      'Part of ArchScope could not be loaded, probably because the site was updated after this page ' +
      'was opened. Reload to get the current version.';
    var button = document.createElement('button');
    button.type = 'button';
    button.textContent = 'Reload';
    button.style.cssText =
      'padding:6px 14px;border:0;border-radius:6px;background:#7aa2ff;color:#0f1216;font:inherit;' +
      'font-weight:600;cursor:pointer';
    button.addEventListener('click', function () {
      location.reload();
    });
    box.append(text, button);
    (document.body || document.documentElement).append(box);
    button.focus();
  }

  function whenReady() {
    if (document.body) show();
    else document.addEventListener('DOMContentLoaded', show);
  }

  // Vite's preload helper announces a failed chunk of a lazy import (e.g. the live run) this way.
  window.addEventListener('vite:preloadError', whenReady);
  // SvelteKit's start-up script and client-side navigation import their chunks with import().
  window.addEventListener('unhandledrejection', function (e) {
    var reason = e.reason;
    if (CHUNK_FAILURE.test(String((reason && reason.message) || reason))) whenReady();
  });
})();
