#!/usr/bin/env bash
# How far behind the server WAL archiving runs under the same write load, side by side in one
# run: the Cairn agent streaming WAL into its encrypted repository (`cairn agent`, wal: stream,
# asynchronous with the default partial-interval 10s, and synchronous: store before confirming
# each flush) and pg_receivewal (default: fsync when a segment is complete; --synchronous: fsync
# on every flush). All four stream from one PostgreSQL 15 server through their own slots while
# `pgbench -c 2` writes. Every second the server's view is sampled (pg_stat_replication:
# current WAL position - flush_lsn = WAL a disaster would lose from that archive right now),
# and the agent's own lag estimate from /api/wal. Prints mean / p95 / max bytes behind for each
# stream, the ratios Cairn / pg_receivewal (below 1 = Cairn closer to the server), the archive
# sizes, and pgbench's tps.
#
#   bash bench/wal-lag-vs-pg_receivewal.sh [SECONDS]     (load duration, default 60)
#
# Needs (as root): PostgreSQL 15 in /usr/lib/postgresql/15/bin (pgbench, pg_receivewal), python3,
# setpriv, the Cairn jar (mvn -B -q -DskipTests package). The server runs as `nobody`.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
jar=$PWD/cairn-cli/target/cairn.jar
pgbin=/usr/lib/postgresql/15/bin
for tool in setpriv python3 curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 13; }
done
[ -x "$pgbin/postgres" ] || { echo "PostgreSQL 15 server binaries missing in $pgbin" >&2; exit 13; }
[ -f "$jar" ] || { echo "$jar is missing: run mvn -B -q -DskipTests package" >&2; exit 13; }
[ "$(id -u)" = 0 ] || { echo "run as root (the server is started as nobody)" >&2; exit 13; }

work=$(mktemp -d /tmp/cairn-wal-lag-XXXXXX)
chmod 755 "$work"
pgdata=$work/pgdata sock=$work/sock
as_pg() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ -f "$pgdata/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port) agent_port=$(free_port)
user=bench db=bench
password=bench-db-password-$RANDOM$RANDOM
token=bench-viewer-token-$RANDOM$RANDOM
printf '%s' "$password" >"$work/db-password"
printf '%s' "bench-passphrase" >"$work/repo-password"
chmod 600 "$work/db-password" "$work/repo-password"
mkdir -p "$pgdata" "$sock" "$work/pglog" "$work/receivewal_async" "$work/receivewal_sync"
chown nobody:nogroup "$pgdata" "$sock" "$work/pglog"

echo "== PostgreSQL 15 on 127.0.0.1:$port"
cp "$work/db-password" "$work/initdb-pw"; chown nobody "$work/initdb-pw"
as_pg "$pgbin/initdb" -D "$pgdata" -U "$user" --pwfile="$work/initdb-pw" --auth-local=trust \
  --auth-host=scram-sha-256 >"$work/initdb.log"
cat >>"$pgdata/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
shared_buffers = 128MB
max_wal_size = 1GB
EOF
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$work/pglog/server.log" -w start >/dev/null
export PGPASSWORD=$password
psql() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U "$user" -X -q "$@"; }
psql -d postgres -c "CREATE DATABASE $db"
"$pgbin/pgbench" -h 127.0.0.1 -p "$port" -U "$user" -i -q -s 10 "$db" 2>&1 | tail -1

echo "== starting the Cairn agent (two streams: asynchronous and synchronous) and two pg_receivewal"
cat >"$work/cairn.yaml" <<EOF
databases:
  main:      { type: postgresql, url: "postgresql://$user@127.0.0.1:$port/$db", password: "\${file:$work/db-password}" }
  main-sync: { type: postgresql, url: "postgresql://$user@127.0.0.1:$port/$db", password: "\${file:$work/db-password}" }
repository: { url: $work/cairn-repo, password-file: $work/repo-password }
agent:
  listen: 127.0.0.1:$agent_port
  state: $work/agent-state
  tokens: { viewer: "$token" }
wal:
  stream: [main, main-sync]
  main-sync: { synchronous: true }
EOF
CAIRN_CONFIG=$work/cairn.yaml java -jar "$jar" repo init >/dev/null
CAIRN_CONFIG=$work/cairn.yaml java -jar "$jar" agent >"$work/agent.log" 2>&1 &
pids+=($!)
receivewal() { # NAME EXTRA...
  local name=$1; shift
  "$pgbin/pg_receivewal" -d "host=127.0.0.1 port=$port user=$user application_name=$name" \
    -D "$work/$name" --slot="$name" --create-slot --if-not-exists >/dev/null 2>&1
  "$pgbin/pg_receivewal" -d "host=127.0.0.1 port=$port user=$user application_name=$name" \
    -D "$work/$name" --slot="$name" --no-loop "$@" >"$work/$name.log" 2>&1 &
  pids+=($!)
}
receivewal receivewal_async
receivewal receivewal_sync --synchronous
names="cairn_main cairn_main_sync receivewal_async receivewal_sync"
deadline=$((SECONDS + 120))
until [ "$(psql -d postgres -At -c "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")" = 4 ]; do
  [ $SECONDS -lt $deadline ] || { echo "streams did not connect; agent log:" >&2; tail -20 "$work/agent.log" >&2; exit 1; }
  sleep 0.5
done

echo "== pgbench -c 2 -T $seconds, sampling every second"
"$pgbin/pgbench" -h 127.0.0.1 -p "$port" -U "$user" -c 2 -T "$seconds" -n "$db" >"$work/pgbench.log" 2>&1 &
bench_pid=$!
: >"$work/samples"
while kill -0 "$bench_pid" 2>/dev/null; do
  psql -d postgres -At -F ' ' -c "SELECT application_name, pg_current_wal_lsn() - flush_lsn FROM pg_stat_replication" \
    >>"$work/samples" || true
  agent=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$agent_port/api/wal" || true)
  printf '%s' "$agent" | python3 -c 'import json,sys
try:
    for s in json.load(sys.stdin)["streams"]: print("agent-estimate-" + s["db"], s["lagSeconds"])
except Exception: pass' >>"$work/samples"
  sleep 1
done
grep -E '^tps' "$work/pgbench.log" | head -1

python3 - "$work/samples" <<'EOF'
import sys, statistics
rows = {}
for line in open(sys.argv[1]):
    parts = line.split()
    if len(parts) == 2 and parts[1] not in ("", "None"):
        rows.setdefault(parts[0], []).append(float(parts[1]))
def p95(values):
    ordered = sorted(values); return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
print(f"{'stream':<22}{'samples':>8}{'mean':>14}{'p95':>14}{'max':>14}   (bytes behind the server)")
stats = {}
for name in ("cairn_main", "receivewal_async", "cairn_main_sync", "receivewal_sync"):
    values = rows.get(name, [])
    if values:
        stats[name] = (statistics.mean(values), p95(values), max(values))
        print(f"{name:<22}{len(values):>8}{stats[name][0]:>14,.0f}{stats[name][1]:>14,.0f}{stats[name][2]:>14,.0f}")
def ratio(a, b, i):
    return f"{stats[a][i] / stats[b][i]:.2f}" if a in stats and b in stats and stats[b][i] else "n/a"
print(f"ratio cairn async / pg_receivewal async: mean {ratio('cairn_main', 'receivewal_async', 0)}, max {ratio('cairn_main', 'receivewal_async', 2)}")
print(f"ratio cairn sync  / pg_receivewal sync:  mean {ratio('cairn_main_sync', 'receivewal_sync', 0)}, max {ratio('cairn_main_sync', 'receivewal_sync', 2)}")
for name in ("agent-estimate-main", "agent-estimate-main-sync"):
    values = rows.get(name, [])
    if values:
        print(f"{name}: lag estimate mean {statistics.mean(values):.1f} s, max {max(values):.1f} s (agent's /api/wal)")
EOF
echo "archive sizes: cairn repository (both streams, compressed + encrypted) $(du -sh "$work/cairn-repo" | cut -f1);" \
  "pg_receivewal $(du -sh "$work/receivewal_async" | cut -f1) + $(du -sh "$work/receivewal_sync" | cut -f1) (plain)"
