#!/usr/bin/env bash
# Compares cairn-repository at an older git revision with the working tree on the same data,
# alternating runs so that load on a shared machine hits both alike: a second backup (~1%
# changed, from a copy of the repository after the first) and a restore, ROUNDS times each.
# Prints every run and the mean wall and CPU seconds (user + sys) per version.
#
#   bench/repository-before-after.sh REVISION [MEGABYTES=200] [ROUNDS=3] [WORKDIR=/tmp/cairn-before-after]
#
# Needs: Maven. The working tree runs bench/repository (built with the modules it needs); the old
# revision's cairn-repository and its bench driver (bench/repository, or before it moved there
# cairn-repository/src/test/.../bench) are compiled with javac against the current dependency set.
set -euo pipefail
REVISION=$1; MEGABYTES=${2:-200}; ROUNDS=${3:-3}; WORK=${4:-/tmp/cairn-before-after}
ROOT=$(cd "$(dirname "$0")/.." && pwd)

rm -rf "$WORK"; mkdir -p "$WORK/old-source" "$WORK/old"
NEW_CP=$("$ROOT/bench/bench-classpath.sh" repository "$WORK/new")
# the old side: everything but the new classes and the new cairn-repository jar
DEPS=$(tr ':' '\n' <<<"$NEW_CP" | grep -v -e '/classes$' -e '/cairn-repository-[^/]*\.jar$' | paste -sd:)
(cd "$ROOT" && git archive "$REVISION" cairn-repository $(git ls-tree -d --name-only "$REVISION" bench/repository)) \
    | tar -x -C "$WORK/old-source"
if [ -d "$WORK/old-source/bench/repository" ]; then
  OLD_BENCH=$WORK/old-source/bench/repository/src/main/java; OLD_PACKAGE=io.cairn.bench.repository
else
  OLD_BENCH=$WORK/old-source/cairn-repository/src/test/java/io/cairn/repository/bench; OLD_PACKAGE=io.cairn.repository.bench
fi
javac -nowarn -d "$WORK/old" -cp "$DEPS" $(find "$WORK/old-source/cairn-repository/src/main/java" "$OLD_BENCH" \
    -name '*.java') 2>&1 | grep -v '^Note:' || true
OLD="java -Xmx512m -cp $WORK/old:$DEPS $OLD_PACKAGE.RepositoryBench"
NEW="java -Xmx512m -cp $NEW_CP io.cairn.bench.repository.RepositoryBench"
NEW_DATA="java -Xmx512m -cp $NEW_CP io.cairn.bench.repository.BenchData"
export CAIRN_PASSWORD=bench-passphrase

$NEW_DATA generate "$WORK/data" "$MEGABYTES"
$NEW init "$WORK/first" >/dev/null
$NEW backup "$WORK/first" "$WORK/data" >/dev/null
$NEW_DATA change "$WORK/data"
for round in $(seq "$ROUNDS"); do
  for version in OLD NEW; do
    rm -rf "$WORK/repo"; cp -r "$WORK/first" "$WORK/repo"
    /usr/bin/time -f "$version backup2 %e %U %S" -a -o "$WORK/times" ${!version} \
        backup "$WORK/repo" "$WORK/data" >/dev/null
  done
done
for round in $(seq "$ROUNDS"); do
  for version in OLD NEW; do
    rm -rf "$WORK/out"
    /usr/bin/time -f "$version restore %e %U %S" -a -o "$WORK/times" ${!version} \
        restore "$WORK/repo" "$WORK/out" >/dev/null
  done
done
diff -r "$WORK/data" "$WORK/out$WORK/data" >/dev/null && echo "restore: identical to the source" \
  || echo "restore: DIFFERS from the source"
echo "$REVISION (OLD) against the working tree (NEW), $MEGABYTES MiB, $ROUNDS rounds, $(nproc) cores"
awk '{ key = $1 " " $2; runs[key]++; wall[key] += $3; cpu[key] += $4 + $5; print }
  END { for (key in runs) printf "mean %-16s wall %6.2f s  cpu %6.2f s  (%d runs)\n", key, wall[key] / runs[key], cpu[key] / runs[key], runs[key] }' \
  "$WORK/times" | sort
