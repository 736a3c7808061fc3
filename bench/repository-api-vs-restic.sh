#!/usr/bin/env bash
# Backs up the same data set with Cairn's repository and with restic, in one run: a first
# backup, a second one after changing ~1% of the data, and a restore of the latest snapshot.
# Prints wall time, CPU time and bytes stored for both, and the ratios (Cairn / restic).
#
#   bench/repository-api-vs-restic.sh [MEGABYTES=500] [WORKDIR=/tmp/cairn-vs-restic]
#
# (bench/repository-vs-restic.sh does the same through the cairn CLI jar; this one calls the
# Java API directly, so it runs before the CLI is built and shows the library alone.)
#
# Needs: restic (Debian package) and Maven. Cairn runs through the same Java API the CLI calls
# (io.cairn.bench.repository.RepositoryBench in bench/repository, built with the modules it needs).
set -euo pipefail
MEGABYTES=${1:-500}
WORK=${2:-/tmp/cairn-vs-restic}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

command -v restic >/dev/null || { echo "restic is not installed (apt-get install restic)" >&2; exit 13; }
rm -rf "$WORK"; mkdir -p "$WORK"
# private copies of the classes and jars, so that rebuilding a module during a run cannot break it
CP=$("$ROOT/bench/bench-classpath.sh" repository "$WORK/lib")
JAVA="java -Xmx512m -cp $CP"

export CAIRN_PASSWORD=bench-passphrase RESTIC_PASSWORD=bench-passphrase
DATA=$WORK/data
$JAVA io.cairn.bench.repository.BenchData generate "$DATA" "$MEGABYTES"
SOURCE_BYTES=$(du -sb "$DATA" | cut -f1)

# run LABEL COMMAND... : records "LABEL wall cpu" in $WORK/times
run() {
  local label=$1; shift
  /usr/bin/time -f "$label %e %U %S" -a -o "$WORK/times" "$@" > "$WORK/$label.out" 2>&1 \
    || { echo "$label failed:"; cat "$WORK/$label.out"; exit 1; }
}
size() { du -sb "$1" | cut -f1; }

$JAVA io.cairn.bench.repository.RepositoryBench init "$WORK/cairn-repo" >/dev/null
restic init -q -r "$WORK/restic-repo" >/dev/null

run cairn-backup1  $JAVA io.cairn.bench.repository.RepositoryBench backup "$WORK/cairn-repo" "$DATA"
run restic-backup1 restic -q -r "$WORK/restic-repo" backup "$DATA"
CAIRN_SIZE1=$(size "$WORK/cairn-repo"); RESTIC_SIZE1=$(size "$WORK/restic-repo")

$JAVA io.cairn.bench.repository.BenchData change "$DATA"
run cairn-backup2  $JAVA io.cairn.bench.repository.RepositoryBench backup "$WORK/cairn-repo" "$DATA"
run restic-backup2 restic -q -r "$WORK/restic-repo" backup "$DATA"
CAIRN_SIZE2=$(size "$WORK/cairn-repo"); RESTIC_SIZE2=$(size "$WORK/restic-repo")

run cairn-restore  $JAVA io.cairn.bench.repository.RepositoryBench restore "$WORK/cairn-repo" "$WORK/cairn-out"
run restic-restore restic -q -r "$WORK/restic-repo" restore latest --target "$WORK/restic-out"
diff -r "$DATA" "$WORK/cairn-out$DATA" >/dev/null && echo "cairn restore: identical to the source" \
  || echo "cairn restore: DIFFERS from the source"
diff -r "$DATA" "$WORK/restic-out$DATA" >/dev/null && echo "restic restore: identical to the source" \
  || echo "restic restore: DIFFERS from the source"

echo
echo "data set: $((SOURCE_BYTES / 1048576)) MiB in $(find "$DATA" -type f | wc -l) files, $(nproc) cores"
awk -v c1="$CAIRN_SIZE1" -v r1="$RESTIC_SIZE1" -v c2="$CAIRN_SIZE2" -v r2="$RESTIC_SIZE2" '
  { wall[$1] = $2; cpu[$1] = $3 + $4 }
  END {
    printf "%-10s %14s %14s %14s %14s %8s %8s\n", "step", "cairn wall s", "restic wall s", "cairn cpu s", "restic cpu s", "wall x", "cpu x"
    n = split("backup1 backup2 restore", steps, " ")
    for (i = 1; i <= n; i++) {
      s = steps[i]; cw = wall["cairn-" s]; rw = wall["restic-" s]; cc = cpu["cairn-" s]; rc = cpu["restic-" s]
      printf "%-10s %14.2f %14.2f %14.2f %14.2f %8.2f %8.2f\n", s, cw, rw, cc, rc, cw / rw, cc / rc
    }
    printf "%-10s %14s %14s %8s\n", "stored", "cairn MiB", "restic MiB", "x"
    printf "%-10s %14.1f %14.1f %8.2f\n", "after 1", c1 / 1048576, r1 / 1048576, c1 / r1
    printf "%-10s %14.1f %14.1f %8.2f\n", "added 2", (c2 - c1) / 1048576, (r2 - r1) / 1048576, (c2 - c1) / (r2 - r1)
  }' "$WORK/times"
