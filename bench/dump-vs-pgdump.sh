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
# (/usr/lib/postgresql/<major>/bin), Maven, and cairn-dump built (mvn -pl cairn-dump install).
# Runs through the same Java API the CLI calls (io.cairn.dump.bench.SevenDayDumpBench).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=$ROOT/cairn-dump
LIB=$(mktemp -d /tmp/cairn-dump-bench-lib.XXXXXX)
trap 'rm -rf "$LIB"' EXIT

(cd "$ROOT" && mvn -B -q -o -pl cairn-dump test-compile >/dev/null)
(cd "$MODULE" && mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$LIB/cp" >/dev/null)
# private copies of the jars and classes: a rebuild of any module during the run cannot change them
cp -r "$MODULE/target/classes" "$LIB/classes"; cp -r "$MODULE/target/test-classes" "$LIB/test-classes"
CP=$LIB/classes:$LIB/test-classes
for jar in $(tr ':' ' ' < "$LIB/cp"); do cp "$jar" "$LIB/"; CP=$CP:$LIB/$(basename "$jar"); done
java -Xmx1g -Dlogback.configurationFile="$MODULE/src/test/resources/logback-test.xml" \
  -cp "$CP" io.cairn.dump.bench.SevenDayDumpBench "$@"
