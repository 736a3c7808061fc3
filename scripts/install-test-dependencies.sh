#!/usr/bin/env bash
# Installs the Debian packages Cairn's tests need (real servers they start on loopback) when
# they are missing. Needs root for apt-get; as another user it only reports what is missing.
set -euo pipefail

# binary that must exist -> Debian package that provides it
declare -A needed=(
  [/usr/lib/postgresql/15/bin/postgres]=postgresql-15
  [/usr/lib/postgresql/15/bin/initdb]=postgresql-15
  [/usr/sbin/mariadbd]=mariadb-server
  [/usr/bin/mariadb-install-db]=mariadb-server
  [/usr/bin/mariadb]=mariadb-client
  [/usr/bin/redis-server]=redis-server
  [/usr/bin/setpriv]=util-linux
  [/usr/bin/chromium]=chromium
)

missing=()
for binary in "${!needed[@]}"; do
  [ -x "$binary" ] || missing+=("${needed[$binary]}")
done
[ ${#missing[@]} -eq 0 ] && exit 0
packages=$(printf '%s\n' "${missing[@]}" | sort -u | tr '\n' ' ')

if [ "$(id -u)" -ne 0 ]; then
  echo "cairn tests need these Debian packages: $packages" >&2
  echo "install them with: sudo apt-get install -y $packages" >&2
  exit 1
fi

echo "installing test dependencies: $packages" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Debian's maintainer scripts would start the system's own servers; the tests never use them.
policy=/usr/sbin/policy-rc.d
created_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy" && created_policy=1
fi
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $packages >/dev/null
[ "$created_policy" -eq 1 ] && rm -f "$policy"
exit 0
