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

# CI (TIDINGS_FROZEN_LOCKFILE=1) uses `npm ci`: it installs exactly the lockfile and refuses one out of step
# with package.json. The lockfile lists every platform's biome and turbo binary; `npm ci` fetches only this
# machine's, so it does not matter which of the others the registry mirror happens to carry that day.
# Developers get `npm install`, which updates the lockfile when package.json changed.
# npm leaves node_modules/.package-lock.json behind; reinstall when it is older than the lockfile.
if [ ! -f "$TIDINGS_ROOT/node_modules/.package-lock.json" ] ||
  [ "$TIDINGS_ROOT/package-lock.json" -nt "$TIDINGS_ROOT/node_modules/.package-lock.json" ]; then
  echo "tidings: installing dependencies" >&2
  if [ "${TIDINGS_FROZEN_LOCKFILE:-0}" = "1" ]; then
    (cd "$TIDINGS_ROOT" && npm ci --no-audit --no-fund >&2) || {
      echo "tidings: npm ci failed; if package-lock.json is out of date with package.json, run npm install and commit it" >&2
      exit 1
    }
  else
    (cd "$TIDINGS_ROOT" && npm install --no-audit --no-fund >&2)
  fi
fi
