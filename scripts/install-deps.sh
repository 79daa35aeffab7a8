#!/usr/bin/env bash
# Installs the Debian 12 packages banenmonitor needs to build and test.
# Skips apt-get when every package is already there (so a second run is instant).
set -euo pipefail
PACKAGES=(
  cmake g++ make pkg-config python3 postgresql
  libfmt-dev libcli11-dev nlohmann-json3-dev libtomlplusplus-dev libssl-dev
  libsqlite3-dev libsqlitecpp-dev sqlite3 libsodium-dev libpqxx-dev libpq-dev
  libgtest-dev libgmock-dev libbenchmark-dev
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing: ${missing[*]}" >&2
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
