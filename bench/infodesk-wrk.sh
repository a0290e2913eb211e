#!/usr/bin/env bash
# InfoDesk public lists under wrk (the load generator of the machine's reference figures), against a running platform
# seeded with `infodesk seed`: bench/infodesk-wrk.sh [base URL] [connections] [seconds]
# "live" is the platform's cheapest endpoint (/health/live), measured in the same run as the ceiling of the pipeline.
set -euo pipefail
url=${1:-http://localhost:5090}
conns=${2:-64}
secs=${3:-20}
here=$(cd "$(dirname "$0")" && pwd)
start=$(date -u -d '-90 days' +%Y-%m-%dT%H:%M:%SZ)
end=$(date -u +%Y-%m-%dT%H:%M:%SZ)
for scenario in ${SCENARIOS:-live open311 open311-page map-category map-all nearby}; do
  wrk -t2 -c"$conns" -d5s -s "$here/wrk/infodesk.lua" "$url" -- "$scenario" "$start" "$end" > /dev/null
  echo "== $scenario: $conns connections, ${secs} s (after 5 s of warm-up)"
  wrk -t2 -c"$conns" -d"${secs}s" --latency -s "$here/wrk/infodesk.lua" "$url" -- "$scenario" "$start" "$end" \
    | grep -E "^ +(Latency|50%|90%|99%)|Requests/sec|Transfer/sec|Non-2xx|Socket errors"
done
