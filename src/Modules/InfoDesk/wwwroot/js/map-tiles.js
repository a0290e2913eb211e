// The maps' background: the tile server configured on the platform (Maps:TileUrl, on the page's body), with its
// attribution as the tile provider's licence requires. No server configured: areas and pins only.
(function () {
  'use strict';
  function escape(text) {
    return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  }
  window.addMapTiles = function (map) {
    var body = document.body;
    var url = body.getAttribute('data-tiles');
    if (!url || !window.L) { return false; }
    var text = body.getAttribute('data-tiles-attribution') || '';
    var link = body.getAttribute('data-tiles-attribution-url');
    var attribution = link ? '<a href="' + escape(link) + '">' + escape(text || link) + '</a>' : escape(text);
    L.tileLayer(url, { maxZoom: 19, attribution: attribution }).addTo(map);
    return true;
  };
})();
