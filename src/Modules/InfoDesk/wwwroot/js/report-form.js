// Public report form: map pin (Leaflet, no external tiles needed), questions of the chosen category, nearby similar reports.
(function () {
  'use strict';
  var form = document.getElementById('report-form');
  if (!form) { return; }
  var category = document.getElementById('Category');
  var lat = document.getElementById('Latitude');
  var lon = document.getElementById('Longitude');
  var similar = document.getElementById('similar');

  function showQuestions() {
    document.querySelectorAll('.category-questions').forEach(function (fs) {
      var on = fs.getAttribute('data-category') === category.value;
      fs.hidden = !on;
      fs.disabled = !on;
    });
  }
  category.addEventListener('change', function () { showQuestions(); lookSimilar(); });
  showQuestions();

  // Each change of category or place asks again; only the answer to the latest question is shown.
  var asked = 0;
  function lookSimilar() {
    var question = ++asked;
    if (!category.value || !lat.value || !lon.value) { similar.innerHTML = ''; return; }
    var url = form.getAttribute('data-similar-url') + '?categoria=' + encodeURIComponent(category.value) +
      '&lat=' + encodeURIComponent(lat.value) + '&lon=' + encodeURIComponent(lon.value);
    fetch(url, { headers: { 'Accept': 'application/json' } }).then(function (r) { return r.ok ? r.json() : []; }).then(function (items) {
      if (question !== asked) { return; }
      similar.innerHTML = '';
      if (!items.length) { return; }
      var box = document.createElement('div');
      box.className = 'alert alert-info';
      var h = document.createElement('h2');
      h.className = 'h6';
      h.textContent = 'Segnalazioni simili già aperte qui vicino: puoi sostenerne una invece di inviarne un\'altra.';
      box.appendChild(h);
      var ul = document.createElement('ul');
      items.forEach(function (it) {
        var li = document.createElement('li');
        var a = document.createElement('a');
        a.href = it.url;
        a.textContent = it.categoryName + ' a ' + it.distanceMeters + ' m: ' + it.description;
        li.appendChild(a);
        li.appendChild(document.createTextNode(' (' + it.state + ', ' + it.supporters + ' sostenitori)'));
        ul.appendChild(li);
      });
      box.appendChild(ul);
      var p = document.createElement('p');
      p.className = 'mb-0';
      p.textContent = 'Se il problema è un altro, prosegui pure con l\'invio.';
      box.appendChild(p);
      similar.appendChild(box);
    });
  }
  lat.addEventListener('change', lookSimilar);
  lon.addEventListener('change', lookSimilar);

  if (window.L) {
    var block = document.getElementById('map-block');
    block.hidden = false;
    var start = lat.value && lon.value ? [parseFloat(lat.value), parseFloat(lon.value)] : [43.7696, 11.2558];
    var map = L.map('report-map', { keyboard: true }).setView(start, 13);
    if (window.addMapTiles) { window.addMapTiles(map); }
    fetch('/enti/' + form.getAttribute('data-similar-url').split('/')[2] + '/segnalazioni/aree.json').then(function (r) { return r.ok ? r.json() : null; }).then(function (g) {
      if (g) { var layer = L.geoJSON(g, { style: { weight: 1, fillOpacity: 0.05 } }).addTo(map); if (!(lat.value && lon.value)) { map.fitBounds(layer.getBounds()); } }
    });
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng, { keyboard: false }).addTo(map); }
      lat.value = latlng.lat.toFixed(6);
      lon.value = latlng.lng.toFixed(6);
      lookSimilar();
    }
    if (lat.value && lon.value) { place(L.latLng(start[0], start[1])); }
    map.on('click', function (e) { place(e.latlng); });
  }
})();
