// The meeting pack's Print button. The button is hidden in the page and shown here, so
// that a reader without script never sees a button that does nothing; the pack prints
// from the browser's own Print command either way.
(function () {
  'use strict';
  var button = document.getElementById('print-pack');
  if (!button || typeof window.print !== 'function') return;
  button.addEventListener('click', function () { window.print(); });
  button.hidden = false;
})();
