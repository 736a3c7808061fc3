#!/usr/bin/env bash
# Seven days of a PostgreSQL database that changes ~1% of its rows a day, dumped every day both
# by Cairn (cairn dump: pg_dump -Fc -Z0 streamed into one deduplicated repository) and by plain
# `pg_dump -Fc` into files, as a user would otherwise keep them. Prints, per day, the size and
# time of each, and the ratios: repository / sum of the pg_dump files, repository / one file,
# growth of days 2..7 / day 1, and time of cairn dump / pg_dump -Fc.
#
#   bench/dump-vs-pgdump.sh [--workload typical|scattered] [--accounts 150000] [--events 250000]
#                           [--days 7]
#
# typical   = half the daily change appended, the rest updates of recently active rows + deletes
# scattered = 1% of all rows updated uniformly at random (worst case for chunk-based dedup)
# The defaults make a ~95 MiB uncompressed dump. Needs: PostgreSQL server and client binaries
# (/usr/lib/postgresql/<major>/bin) and Maven. Runs through the same Java API the CLI calls
# (io.cairn.bench.dump.SevenDayDumpBench in bench/dump, built with the modules it needs).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$(mktemp -d /tmp/cairn-dump-bench-lib.XXXXXX)
trap 'rm -rf "$LIB"' EXIT

# private copies of the jars and classes: a rebuild of any module during the run cannot change them
CP=$("$ROOT/bench/bench-classpath.sh" dump "$LIB")
java -Xmx1g -cp "$CP" io.cairn.bench.dump.SevenDayDumpBench "$@"
