// Export page: polls the export's status and moves the progress bar; shows the download link when the file is ready.
(function () {
  'use strict';
  var box = document.getElementById('export');
  if (!box) { return; }
  var bar = document.getElementById('export-bar');
  var status = document.getElementById('export-status');
  var link = document.getElementById('export-download');
  function poll() {
    fetch(box.getAttribute('data-status'), { headers: { 'Accept': 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) { setTimeout(poll, 3000); return; }
        bar.style.width = s.percent + '%';
        bar.setAttribute('aria-valuenow', s.percent);
        if (status.textContent !== s.message) { status.textContent = s.message; }
        if (s.download) {
          link.href = s.download;
          link.classList.remove('d-none');
          return;
        }
        if (s.status === 'failed') { bar.classList.add('bg-danger'); return; }
        setTimeout(poll, 1000);
      })
      .catch(function () { setTimeout(poll, 3000); });
  }
  poll();
})();
