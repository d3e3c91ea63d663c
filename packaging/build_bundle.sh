#!/usr/bin/env bash
# Build the PyInstaller bundle: `packaging/build_bundle.sh [PYTHON]` → dist/reader/.
#
# Builds from build/venv, a venv holding only the runtime dependencies, PyInstaller and the
# project itself (for its metadata), all at the versions in constraints.txt: packages of the
# machine's own Python or of the development venv cannot leak into the bundle.
# index/ must exist (`reader-cli build-index`; `./dev setup` builds it).
set -euo pipefail
cd "$(dirname "$0")/.."
py=${1:-python3}
venv=build/venv
stamp=$venv/.bundle-stamp
want=$( (cat pyproject.toml constraints.txt; "$py" -c 'import sys; print(sys.version)') | sha1sum | cut -d' ' -f1)

say() { printf '\033[1m[bundle]\033[0m %s\n' "$*" >&2; }

[ -f index/.complete ] || { say "index/ is missing: run reader-cli build-index first"; exit 1; }

if [ ! -x $venv/bin/python ] || [ "$(cat $stamp 2>/dev/null)" != "$want" ]; then
  say "creating $venv (runtime dependencies and PyInstaller only)"
  rm -rf $venv
  "$py" -m venv $venv
  $venv/bin/python -m pip install -q --upgrade pip
  # Editable: the spec analyses reader/ in this checkout; the install adds only its metadata.
  $venv/bin/python -m pip install -q -c constraints.txt -e ".[bundle]"
  echo "$want" >$stamp
fi

say "pyinstaller build.spec"
started=$(date +%s)
$venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath dist --workpath build/pyinstaller build.spec
say "built dist/reader in $(( $(date +%s) - started )) s"
