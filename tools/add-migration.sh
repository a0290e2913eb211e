#!/usr/bin/env bash
# Adds a migration for one module database on both providers.
# Usage: tools/add-migration.sh <DbContext> <Folder> <MigrationName>
#   e.g. tools/add-migration.sh KernelDb Kernel Initial
set -euo pipefail
cd "$(dirname "$0")/.."
ctx=${1:?DbContext name, e.g. KernelDb}
folder=${2:?output folder, e.g. Kernel}
name=${3:?migration name}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" \
    --project "src/Migrations/$provider" --startup-project "src/Migrations/$provider" \
    --context "$ctx" --output-dir "$folder"
done
