// Follows an import job: polls its status and moves the progress bar; reloads the page when the job ends.
(function () {
  const box = document.querySelector('[data-import-status]');
  if (!box) { return; }
  const bar = document.querySelector('.progress');
  const fill = bar.querySelector('.progress-bar');
  async function tick() {
    const res = await fetch(box.dataset.importStatus, { headers: { 'Accept': 'application/json' } });
    if (!res.ok) { return; }
    const s = await res.json();
    bar.setAttribute('aria-valuenow', s.percent);
    fill.style.width = s.percent + '%';
    fill.textContent = s.percent + '%';
    if (s.done) { window.location.reload(); } else { setTimeout(tick, 1000); }
  }
  setTimeout(tick, 1000);
})();
