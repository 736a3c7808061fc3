#!/usr/bin/env bash
# Runs every Cairn test. Tests start real servers (PostgreSQL, MariaDB, Redis, an S3-compatible
# server and a MongoDB-wire-compatible server) on free loopback ports and stop them afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-dependencies.sh
exec mvn -B verify "$@"
