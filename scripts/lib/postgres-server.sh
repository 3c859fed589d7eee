# Sourced by scripts/test: the test suite runs against a real PostgreSQL server. When no DATABASE_URL is
# given and Debian's server binaries are missing, install them (root only; otherwise say what to do).
if [ -z "${DATABASE_URL:-}" ] && ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "tidings: installing PostgreSQL server from Debian packages" >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
  else
    echo "tidings: no PostgreSQL server found. Install Debian's 'postgresql' package or set DATABASE_URL." >&2
    exit 1
  fi
fi
