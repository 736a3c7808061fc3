#!/usr/bin/env bash
# Cairn migrations vs Flyway on the same throwaway PostgreSQL, in one run: applies N generated
# migrations (default 1000) into a fresh database with each tool, several rounds with the order
# alternating, then a no-op migrate of the up-to-date database; prints every time, the medians
# and the ratios flyway/cairn (above 1 = Cairn faster).
#
#   bench/migrate-vs-flyway.sh [migrations=1000] [rounds=3]
#
# Needs: PostgreSQL server binaries (/usr/lib/postgresql/<major>/bin), Maven, cairn-migrate and
# cairn-embedded installed (mvn -pl cairn-migrate install -DskipTests). Flyway (flyway-core and
# flyway-database-postgresql) comes from Maven Central on the first run (bench/migrate/pom.xml,
# a separate project outside the root reactor).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BENCH=$ROOT/bench/migrate
CPFILE=$(mktemp /tmp/cairn-migrate-bench-cp.XXXXXX)
trap 'rm -f "$CPFILE"' EXIT

OFFLINE=-o
(cd "$BENCH" && mvn -B -q $OFFLINE dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null 2>&1) || OFFLINE=
(cd "$BENCH" && mvn -B -q $OFFLINE compile dependency:build-classpath -Dmdep.outputFile="$CPFILE" >/dev/null)
exec java -Xmx1g -cp "$BENCH/target/classes:$(cat "$CPFILE")" io.cairn.bench.migrate.MigrateVsFlyway "$@"
