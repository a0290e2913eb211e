// Chart of the payment-timeliness indicator page: one bar per quarter (days, negative when paying early); the data come
// from the page, which also shows them as a table.
(function () {
  'use strict';
  if (!window.Chart) { return; }
  document.querySelectorAll('canvas.timeliness-chart').forEach(function (c) {
    var values = JSON.parse(c.getAttribute('data-values'));
    new Chart(c, {
      type: 'bar',
      data: {
        labels: JSON.parse(c.getAttribute('data-labels')),
        datasets: [{
          label: 'Giorni (media ponderata sugli importi)',
          data: values,
          backgroundColor: values.map(function (v) { return v !== null && v > 0 ? '#cc334d' : '#008055'; })
        }]
      },
      options: { plugins: { legend: { display: false } }, scales: { y: { title: { display: true, text: 'giorni' } } } }
    });
  });
})();
