#!/usr/bin/env bash
# Runs every test of PenToscana: unit, integration on SQLite and on PostgreSQL, browser journeys.
# Installs what the suite needs when it is missing (Debian chromium, PostgreSQL) and starts PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '\n== %s\n' "$*"; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
apt_updated=""
apt_install() {
  if [ -z "$apt_updated" ]; then $SUDO apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "$@" >/dev/null
}

# 1. Headless Chromium for the browser tests (never a browser download).
if [ ! -x /usr/bin/chromium ]; then
  log "Installing Debian chromium"
  apt_install chromium
fi

# 2. PostgreSQL: the machine's cluster, started; installed when absent.
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "Installing PostgreSQL"
  apt_install postgresql
fi
PG_VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$PG_VERSION main$"; then
  $SUDO pg_createcluster "$PG_VERSION" main >/dev/null
fi
if ! pg_lsclusters -h | grep -q "^$PG_VERSION *main .*online"; then
  log "Starting PostgreSQL $PG_VERSION"
  $SUDO pg_ctlcluster "$PG_VERSION" main start
fi
PG_PORT=$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1==v && $2=="main" {print $3}')
for _ in $(seq 1 30); do pg_isready -q -h localhost -p "$PG_PORT" && break; sleep 1; done
as_postgres psql -q -p "$PG_PORT" -tc "SELECT 1 FROM pg_roles WHERE rolname='pentoscana_test'" | grep -q 1 \
  || as_postgres psql -q -p "$PG_PORT" -c "CREATE ROLE pentoscana_test LOGIN CREATEDB PASSWORD 'pentoscana_test'"
export TEST_PG="Host=localhost;Port=$PG_PORT;Username=pentoscana_test;Password=pentoscana_test"

# 3. Build once, then run each suite.
log "Building"
dotnet build PenToscana.slnx -c Release -warnaserror -nologo -v q

results=$(mktemp -d)
status=0
run() {
  local name=$1; shift
  log "$name"
  if ! "$@" 2>&1 | tee "$results/$name.log"; then status=1; fi
}
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
run unit        dotnet test --project tests/UnitTests -c Release --no-build
run sqlite      env TEST_DB=sqlite dotnet test --project tests/IntegrationTests -c Release --no-build
run postgres    env TEST_DB=postgres dotnet test --project tests/IntegrationTests -c Release --no-build
run browser     dotnet test --project tests/BrowserTests -c Release --no-build

passed=0; failed=0; skipped=0
for f in "$results"/*.log; do
  p=$(sed -n 's/^ *succeeded: *\([0-9]*\).*/\1/p' "$f" | tail -n1); fl=$(sed -n 's/^ *failed: *\([0-9]*\).*/\1/p' "$f" | tail -n1)
  sk=$(sed -n 's/^ *skipped: *\([0-9]*\).*/\1/p' "$f" | tail -n1)
  passed=$((passed + ${p:-0})); failed=$((failed + ${fl:-0})); skipped=$((skipped + ${sk:-0}))
done
if [ "$passed" -eq 0 ]; then status=1; echo "No test ran."; fi
[ "$failed" -gt 0 ] && status=1
if [ "$failed" -gt 0 ]; then
  # The names and first lines of the failures, last, where a truncated CI log still shows them.
  echo
  echo "Failed tests:"
  for f in "$results"/*.log; do
    grep -A8 '^failed ' "$f" | grep -v 'Standard output\|^ *\[[0-9:]* [A-Z]*\]' | cut -c1-240 | sed "s|^|  [$(basename "$f" .log)] |" || true
  done
fi
echo
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
