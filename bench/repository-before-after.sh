#!/usr/bin/env bash
# Compares cairn-repository at an older git revision with the working tree on the same data,
# alternating runs so that load on a shared machine hits both alike: a second backup (~1%
# changed, from a copy of the repository after the first) and a restore, ROUNDS times each.
# Prints every run and the mean wall and CPU seconds (user + sys) per version.
#
#   bench/repository-before-after.sh REVISION [MEGABYTES=200] [ROUNDS=3] [WORKDIR=/tmp/cairn-before-after]
#
# Needs: Maven, cairn-repository built (mvn -pl cairn-repository install); the old revision is
# compiled with javac against the current dependency set.
set -euo pipefail
REVISION=$1; MEGABYTES=${2:-200}; ROUNDS=${3:-3}; WORK=${4:-/tmp/cairn-before-after}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODULE=$ROOT/cairn-repository

(cd "$ROOT" && mvn -B -q -o -pl cairn-repository test-compile >/dev/null)
(cd "$MODULE" && mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK.cp" >/dev/null)
rm -rf "$WORK"; mkdir -p "$WORK/old-source" "$WORK/old" "$WORK/new"
(cd "$ROOT" && git archive "$REVISION" cairn-repository) | tar -x -C "$WORK/old-source"
javac -nowarn -d "$WORK/old" -cp "$(cat "$WORK.cp")" $(find "$WORK/old-source/cairn-repository/src/main/java" \
    "$WORK/old-source/cairn-repository/src/test/java/io/cairn/repository/bench" -name '*.java') 2>&1 | grep -v '^Note:' || true
cp -r "$MODULE/target/classes/." "$WORK/new/"; cp -r "$MODULE/target/test-classes/." "$WORK/new/"
OLD="java -Xmx512m -cp $WORK/old:$(cat "$WORK.cp")"
NEW="java -Xmx512m -cp $WORK/new:$(cat "$WORK.cp")"
export CAIRN_PASSWORD=bench-passphrase

$NEW io.cairn.repository.bench.BenchData generate "$WORK/data" "$MEGABYTES"
$NEW io.cairn.repository.bench.RepositoryBench init "$WORK/first" >/dev/null
$NEW io.cairn.repository.bench.RepositoryBench backup "$WORK/first" "$WORK/data" >/dev/null
$NEW io.cairn.repository.bench.BenchData change "$WORK/data"
for round in $(seq "$ROUNDS"); do
  for version in OLD NEW; do
    rm -rf "$WORK/repo"; cp -r "$WORK/first" "$WORK/repo"
    /usr/bin/time -f "$version backup2 %e %U %S" -a -o "$WORK/times" ${!version} \
        io.cairn.repository.bench.RepositoryBench backup "$WORK/repo" "$WORK/data" >/dev/null
  done
done
for round in $(seq "$ROUNDS"); do
  for version in OLD NEW; do
    rm -rf "$WORK/out"
    /usr/bin/time -f "$version restore %e %U %S" -a -o "$WORK/times" ${!version} \
        io.cairn.repository.bench.RepositoryBench restore "$WORK/repo" "$WORK/out" >/dev/null
  done
done
diff -r "$WORK/data" "$WORK/out$WORK/data" >/dev/null && echo "restore: identical to the source" \
  || echo "restore: DIFFERS from the source"
echo "$REVISION (OLD) against the working tree (NEW), $MEGABYTES MiB, $ROUNDS rounds, $(nproc) cores"
awk '{ key = $1 " " $2; runs[key]++; wall[key] += $3; cpu[key] += $4 + $5; print }
  END { for (key in runs) printf "mean %-16s wall %6.2f s  cpu %6.2f s  (%d runs)\n", key, wall[key] / runs[key], cpu[key] / runs[key], runs[key] }' \
  "$WORK/times" | sort
