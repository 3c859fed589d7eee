# Sourced by scripts/mesh and scripts/test: makes a fresh machine able to run Tidings.
# Installs Node 24 LTS from the npm registry into .tools/ (the machines ship an end-of-life Node 20),
# puts it first on PATH, and installs the locked dependencies when they are missing or stale.
set -euo pipefail

TIDINGS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
TIDINGS_NODE_VERSION="$(cat "$TIDINGS_ROOT/.nvmrc")"
TIDINGS_TOOLS="$TIDINGS_ROOT/.tools"
node_prefix="$TIDINGS_TOOLS/node-$TIDINGS_NODE_VERSION"

if [ ! -x "$node_prefix/node_modules/.bin/node" ]; then
  echo "tidings: installing Node $TIDINGS_NODE_VERSION into $node_prefix" >&2
  npm install --silent --no-save --prefix "$node_prefix" "node@$TIDINGS_NODE_VERSION" >&2
fi
export PATH="$node_prefix/node_modules/.bin:$PATH"

# Not `npm ci`: the registry mirror these machines use carries only the Linux builds of biome's and turbo's
# optional platform binaries, so the lockfile cannot list the others and `npm ci` refuses it. `npm install`
# installs exactly what the lockfile pins; with TIDINGS_FROZEN_LOCKFILE=1 (CI) a lockfile it would have to
# change fails the run instead. npm leaves node_modules/.package-lock.json behind; reinstall when older.
if [ ! -f "$TIDINGS_ROOT/node_modules/.package-lock.json" ] ||
  [ "$TIDINGS_ROOT/package-lock.json" -nt "$TIDINGS_ROOT/node_modules/.package-lock.json" ]; then
  echo "tidings: installing dependencies" >&2
  lock_before="$(sha256sum "$TIDINGS_ROOT/package-lock.json")"
  (cd "$TIDINGS_ROOT" && npm install --no-audit --no-fund >&2)
  if [ "${TIDINGS_FROZEN_LOCKFILE:-0}" = "1" ] && [ "$lock_before" != "$(sha256sum "$TIDINGS_ROOT/package-lock.json")" ]; then
    echo "tidings: package-lock.json is out of date with package.json; run npm install and commit it" >&2
    exit 1
  fi
fi
