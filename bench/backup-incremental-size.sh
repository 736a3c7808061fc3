#!/usr/bin/env bash
# What an incremental PostgreSQL backup adds after 1% of a pgbench_accounts-like table's rows are
# updated at random, for several fixed chunk sizes (pages per chunk), each in its own repository,
# on one throwaway PostgreSQL: per chunk size, the full backup's size and speed and what the
# incremental adds (logical and stored), then a restore of the first size's incremental. The
# numbers behind the pages-per-chunk default (docs/postgres-backup.md). Minutes at the default size.
#
#   bench/backup-incremental-size.sh [--mib 256] [--pages 1,2,4,8,16,32,128] [--filler blank|random]
#
# blank  = pgbench's filler (compresses ~20x); random = hex digits in the filler (compresses ~2x).
# Needs: PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin) and Maven. Runs through the
# Java API (io.cairn.bench.backup.IncrementalSizeBench in bench/backup, built with the modules it needs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$(mktemp -d /tmp/cairn-incremental-bench-lib.XXXXXX)
trap 'rm -rf "$LIB"' EXIT

# private copies of the jars and classes: a rebuild of any module during the run cannot change them
CP=$("$ROOT/bench/bench-classpath.sh" backup "$LIB")
java -Xmx1g -cp "$CP" io.cairn.bench.backup.IncrementalSizeBench "$@"
