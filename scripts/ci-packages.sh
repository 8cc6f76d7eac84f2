#!/usr/bin/env bash
# Installs the Debian packages the tests need and a CI machine may lack: PostgreSQL, Redis and
# Memcached for app/'s tests (they start real servers on loopback and, under CI=true, fail rather
# than skip without them; app/internal/testservers looks for initdb on PATH or in
# /usr/lib/postgresql/*/bin, valkey-server or redis-server, memcached), shellcheck for .ci/run,
# and python3 for provider/sdkcheck's Python check. One list for .ci/run (as root in a container)
# and the workflows (GitHub's runner user, with passwordless sudo): `./scripts/ci-packages.sh`.
# It installs only what is missing, so a prepared machine needs no network.
set -euo pipefail

need=()
command -v initdb >/dev/null || compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || need+=(postgresql)
command -v valkey-server >/dev/null || command -v redis-server >/dev/null || need+=(redis-server)
command -v memcached >/dev/null || need+=(memcached)
command -v shellcheck >/dev/null || need+=(shellcheck)
command -v python3 >/dev/null || need+=(python3)
if [ ${#need[@]} -eq 0 ]; then
  echo "ci-packages: everything is installed"
  exit 0
fi

# as_root runs a command as root: directly when this is root, else through sudo (which resets
# the environment, so DEBIAN_FRONTEND goes on its command line).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    DEBIAN_FRONTEND=noninteractive "$@"
  else
    sudo DEBIAN_FRONTEND=noninteractive "$@"
  fi
}
echo "ci-packages: installing ${need[*]}"
as_root apt-get update -qq
as_root apt-get install -y -qq --no-install-recommends "${need[@]}"
