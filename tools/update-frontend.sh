#!/usr/bin/env bash
# Refreshes the front-end libraries served from src/Web/wwwroot/lib from the versions pinned in
# src/Web/package.json. The copied files are committed so that running the platform needs only the .NET SDK.
set -euo pipefail
cd "$(dirname "$0")/../src/Web"
npm install --no-audit --no-fund --ignore-scripts
src=node_modules/bootstrap-italia/dist
dst=wwwroot/lib/bootstrap-italia
rm -rf "$dst" && mkdir -p "$dst/css" "$dst/js" "$dst/svg" "$dst/fonts"
cp "$src/css/bootstrap-italia.min.css" "$dst/css/"
cp "$src/js/bootstrap-italia.bundle.min.js" "$dst/js/"
cp "$src/svg/sprites.svg" "$dst/svg/"
for family in Titillium_Web Roboto_Mono Lora; do
  mkdir -p "$dst/fonts/$family"
  cp "$src/fonts/$family"/*.woff2 "$src/fonts/$family"/*.woff "$dst/fonts/$family/"
  [ -f "$src/fonts/$family/LICENSE.txt" ] && cp "$src/fonts/$family/LICENSE.txt" "$dst/fonts/$family/"
done
cp node_modules/bootstrap-italia/LICENSE "$dst/LICENSE" 2>/dev/null || true
echo "bootstrap-italia $(node -p "require('./node_modules/bootstrap-italia/package.json').version") copied to $dst"

# Maps (Leaflet) and charts (Chart.js) for the report map and the statistics pages.
rm -rf wwwroot/lib/leaflet && mkdir -p wwwroot/lib/leaflet/images
cp node_modules/leaflet/dist/leaflet.js node_modules/leaflet/dist/leaflet.css wwwroot/lib/leaflet/
cp node_modules/leaflet/dist/images/*.png wwwroot/lib/leaflet/images/
cp node_modules/leaflet/LICENSE wwwroot/lib/leaflet/LICENSE
rm -rf wwwroot/lib/chart.js && mkdir -p wwwroot/lib/chart.js
cp node_modules/chart.js/dist/chart.umd.min.js wwwroot/lib/chart.js/
cp node_modules/chart.js/LICENSE.md wwwroot/lib/chart.js/LICENSE.md
echo "leaflet $(node -p "require('./node_modules/leaflet/package.json').version") and chart.js $(node -p "require('./node_modules/chart.js/package.json').version") copied"
