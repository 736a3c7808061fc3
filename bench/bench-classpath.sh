#!/usr/bin/env bash
# Builds the bench project bench/NAME together with the Cairn modules it needs, in the root reactor
# (profile "bench"; nothing is installed into ~/.m2), copies its classes and run-time jars into DIR,
# so that a rebuild of any module during a run cannot change them, and prints their class path.
# Used by the bench/*.sh scripts that run a bench project.
#
#   bench/bench-classpath.sh NAME DIR
set -euo pipefail
NAME=$1; DIR=$2
ROOT=$(cd "$(dirname "$0")/.." && pwd)
build() { (cd "$ROOT" && mvn -B -q "$@" -Pbench -pl "bench/$NAME" -am -Dmaven.test.skip=true package); }
# offline first (everything is usually in ~/.m2 already); online, with the errors shown, if that fails
build -o >/dev/null 2>&1 || build >&2
mkdir -p "$DIR"
rm -rf "$DIR/classes"; cp -r "$ROOT/bench/$NAME/target/classes" "$DIR/classes"
CP=$DIR/classes
for jar in $(tr ':' ' ' < "$ROOT/bench/$NAME/target/bench.classpath"); do
  cp "$jar" "$DIR/"; CP=$CP:$DIR/$(basename "$jar")
done
echo "$CP"
