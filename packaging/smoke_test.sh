#!/usr/bin/env bash
# Smoke test of a frozen build: `packaging/smoke_test.sh [DIST_DIR]` (default dist/reader).
# Runs the bundled command line and the app offscreen against a fresh user data folder.
set -euo pipefail
dist=$(cd "${1:-dist/reader}" && pwd)
data=$(mktemp -d)
shot=$(mktemp --suffix=.png)
trap 'rm -rf "$data" "$shot"' EXIT
export READER_DATA_DIR="$data/user" XDG_CACHE_HOME="$data/cache" QT_QPA_PLATFORM=offscreen
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$data"  # nothing may depend on the folder it is started from

"$dist/reader-cli" --version | grep -q '^reader-cli [0-9]'
"$dist/reader" --version | grep -q '^reader [0-9]'
"$dist/reader-cli" search 碳中和 --limit 3 --json | grep -q '"total"'
"$dist/reader-cli" split "$here/seeds/004_bf5e8a97a1a13c8b.txt" --json | grep -q '"documents"'
"$dist/reader-cli" list --json | grep -q '"doc_number"'
# Every format reader is in the bundle (they are imported by name), PDFium's library too.
for kind in pdf docx html; do
  "$dist/reader-cli" split "$here/packaging/smoke/notice.$kind" --json | grep -q '某政办〔2025〕12号'
done
# Traditional characters are matched simplified: OpenCC's t2s data is in the bundle.
"$dist/reader-cli" split "$here/tests/corpus/fixtures/traditional_notices.txt" --json \
  | grep -q '"doc_number": "国办发〔2024〕12号"'
# build-index never writes into the bundle: it needs --out, and builds from named compilations.
for out in "" "--out $dist/index"; do
  # shellcheck disable=SC2086
  if "$dist/reader-cli" build-index $out 2>/dev/null; then echo "build-index wrote into the bundle" >&2; exit 1; fi
done
test ! -e "$dist/index"
mkdir "$data/seeds" && cp "$here/seeds/004_bf5e8a97a1a13c8b.txt" "$data/seeds/"
"$dist/reader-cli" build-index --seeds "$data/seeds" --out "$data/index" --workers 1 2>/dev/null
test -f "$data/index/.complete"
# jieba's dictionary ships compressed; indexing unpacked it into the user's cache folder.
test ! -e "$dist/_internal/jieba/dict.txt"
test -s "$data/cache/policy-reader/jieba-"*"-dict.txt"
"$dist/reader" --screenshot "$shot" --search 配电网
test -s "$shot"
# One window per data folder: a second start brings the first forward (over the socket in the
# data folder) and ends.
"$dist/reader" >"$data/first.log" 2>&1 &
first=$!
trap 'kill "$first" 2>/dev/null || true; rm -rf "$data" "$shot"' EXIT
for _ in $(seq 600); do [ -S "$READER_DATA_DIR/.window.sock" ] && break; sleep 0.1; done
test -S "$READER_DATA_DIR/.window.sock"
"$dist/reader" 2>"$data/second.log"
grep -q '已在另一个窗口中打开' "$data/second.log" || { cat "$data/first.log" "$data/second.log" >&2; exit 1; }
kill "$first"; wait "$first" || true
echo "frozen build OK: $dist"
