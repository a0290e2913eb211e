// Draws the statistics charts from the data attributes the page renders; the same figures are in the page's tables.
(function () {
    if (typeof Chart === 'undefined') { return; }
    var colours = ['#0066cc', '#008055', '#cc7a00', '#5c2f91'];
    document.querySelectorAll('canvas.applications-chart').forEach(function (canvas) {
        var labels = JSON.parse(canvas.dataset.labels || '[]');
        var series = JSON.parse(canvas.dataset.series || '[]');
        new Chart(canvas, {
            type: canvas.dataset.kind || 'bar',
            data: {
                labels: labels,
                datasets: series.map(function (s, i) { return { label: s.label, data: s.values, backgroundColor: colours[i % colours.length] }; })
            },
            options: { responsive: true, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
        });
    });
})();
