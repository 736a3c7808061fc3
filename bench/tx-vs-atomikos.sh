#!/usr/bin/env bash
# Cairn two-phase commit vs Atomikos (JTA over XA data sources) on the same throwaway PostgreSQL 15
# and MariaDB, in one run: the same transfer (one UPDATE on each database) committed atomically by
# each coordinator, next to a local single-database commit and two independent local commits.
# Prints commits per second, p50/p99 latency and the ratios (above 1 = Cairn faster).
#
#   bench/tx-vs-atomikos.sh [transactions=2000] [threads=1,4]
#
# Needs: PostgreSQL and MariaDB server binaries, Maven. Atomikos comes from Maven Central on the
# first run (bench/tx/pom.xml, built with the modules it needs by the root -Pbench profile).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
LIB=$(mktemp -d /tmp/cairn-tx-bench-lib.XXXXXX)
trap 'rm -rf "$LIB"' EXIT
CP=$("$ROOT/bench/bench-classpath.sh" tx "$LIB")
java -Xmx1g -cp "$CP" io.cairn.bench.tx.TwoPhaseVsAtomikos "$@"
