#!/usr/bin/env bash
# Smoke test of a frozen build: `packaging/smoke_test.sh [DIST_DIR]` (default dist/reader).
# Runs the bundled command line and the app offscreen against a fresh user data folder.
set -euo pipefail
dist=${1:-dist/reader}
data=$(mktemp -d)
shot=$(mktemp --suffix=.png)
trap 'rm -rf "$data" "$shot"' EXIT
export READER_DATA_DIR="$data" QT_QPA_PLATFORM=offscreen
here=$(cd "$(dirname "$0")/.." && pwd)

"$dist/reader-cli" search 碳中和 --limit 3 --json | grep -q '"total"'
"$dist/reader-cli" split "$here/seeds/004_bf5e8a97a1a13c8b.txt" --json | grep -q '"documents"'
"$dist/reader-cli" list --json | grep -q '"doc_number"'
"$dist/reader" --screenshot "$shot" --search 配电网
test -s "$shot"
echo "frozen build OK: $dist"
