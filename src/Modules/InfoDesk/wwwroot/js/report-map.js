// Charts of the statistics page and the report maps (public and back office): data from the page or from mappa.json.
(function () {
  'use strict';
  if (window.Chart) {
    document.querySelectorAll('canvas.stats-chart').forEach(function (c) {
      new Chart(c, {
        type: 'bar',
        data: { labels: JSON.parse(c.getAttribute('data-labels')), datasets: [{ label: 'Segnalazioni', data: JSON.parse(c.getAttribute('data-values')), backgroundColor: '#0066cc' }] },
        options: { plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
      });
    });
  }
  ['stats-map', 'public-map'].forEach(function (id) {
    var el = document.getElementById(id);
    if (!el || !window.L) { return; }
    var map = L.map(id).setView([43.77, 11.25], 11);
    if (window.addMapTiles) { window.addMapTiles(map); }
    fetch(el.getAttribute('data-source')).then(function (r) { return r.ok ? r.json() : []; }).then(function (points) {
      var layer = L.featureGroup();
      points.forEach(function (p) {
        var m = L.circleMarker([p.lat, p.lon], { radius: 7, color: p.open ? '#cc334d' : '#008055', fillOpacity: 0.6 });
        var link = document.createElement('a');
        link.href = p.url;
        link.textContent = p.categoryName + ' (' + p.state + ')';
        m.bindPopup(link);
        layer.addLayer(m);
      });
      layer.addTo(map);
      if (points.length) { map.fitBounds(layer.getBounds().pad(0.2)); }
      var count = document.getElementById(id + '-count');
      if (count) { count.textContent = points.length + ' segnalazioni sulla mappa.'; }
    });
  });
})();
