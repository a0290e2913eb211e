// Routing areas page: draws the stored areas and, while the administrator types or picks a file, a preview of the new polygon.
(function () {
  'use strict';
  var el = document.getElementById('area-map');
  if (!el || !window.L) { return; }
  var map = L.map('area-map').setView([43.77, 11.25], 9);
  if (window.addMapTiles) { window.addMapTiles(map); }
  var note = document.getElementById('area-map-note');
  var stored = L.geoJSON(JSON.parse(el.getAttribute('data-geojson')), {
    style: function (f) { return { color: f.properties && f.properties.territorio ? '#0066cc' : '#cc334d', weight: 2, fillOpacity: 0.15 }; },
    onEachFeature: function (f, layer) { if (f.properties && f.properties.nome) { layer.bindTooltip(f.properties.nome); } }
  }).addTo(map);
  if (stored.getLayers().length) { map.fitBounds(stored.getBounds().pad(0.1)); }
  var preview = null;
  function show(text) {
    if (preview) { map.removeLayer(preview); preview = null; }
    if (!text || !text.trim()) { return; }
    try {
      preview = L.geoJSON(JSON.parse(text), { style: { color: '#008055', weight: 3, dashArray: '6 4', fillOpacity: 0.1 } }).addTo(map);
      if (preview.getLayers().length) { map.fitBounds(preview.getBounds().pad(0.1)); }
      if (note) { note.textContent = 'Anteprima del poligono inserito (tratteggiato in verde); la verifica completa avviene al salvataggio.'; }
    } catch (e) {
      if (note) { note.textContent = 'Il testo inserito non è ancora un GeoJSON leggibile.'; }
    }
  }
  var area = document.getElementById('GeoJson');
  if (area) { area.addEventListener('change', function () { show(area.value); }); }
  var file = document.getElementById('file');
  if (file) {
    file.addEventListener('change', function () {
      if (!file.files || !file.files[0]) { return; }
      file.files[0].text().then(show);
    });
  }
})();
