#!/usr/bin/env bash
# Backs up one throwaway PostgreSQL 15 server with Cairn (`cairn pg backup`), pgBackRest and
# pg_basebackup, in one run: a full backup of a pgbench database, `pgbench -T 20 -c 2` writes,
# an incremental backup (Cairn, pgBackRest; PostgreSQL 15 has none), then a restore of the
# newest backup of each into an empty directory (files + recovery settings, server not started;
# pg_basebackup: untar of its full backup). Prints time, bytes stored and restore time, and
# the Cairn/pgBackRest and Cairn/pg_basebackup ratios (below 1 = Cairn smaller/faster).
#
#   bash bench/pg-backup-vs-pgbackrest.sh [SCALE]       (pgbench scale, default 20 ≈ 300 MB)
#
# Stored sizes: Cairn = growth of its repository (the backup's own WAL included; no WAL
# archiving between backups). pgBackRest = growth of repo/backup (compress-type=zst,
# process-max=2); the WAL archive it fills through archive_command is printed separately.
# pg_basebackup = its -Ft -z output (base.tar.gz + pg_wal.tar.gz).
# Needs (as root): PostgreSQL 15 in /usr/lib/postgresql/15/bin, pgbackrest, bc, setpriv, the
# Cairn jar (mvn -B -q -DskipTests package). The server and pgBackRest run as `nobody`.
set -euo pipefail
cd "$(dirname "$0")/.."
scale=${1:-20}
jar=cairn-cli/target/cairn.jar
pgbin=/usr/lib/postgresql/15/bin
for tool in bc setpriv pgbackrest python3; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed" >&2; exit 13; }
done
[ -x "$pgbin/postgres" ] || { echo "PostgreSQL 15 server binaries missing in $pgbin" >&2; exit 13; }
[ -f "$jar" ] || { echo "$jar is missing: run mvn -B -q -DskipTests package" >&2; exit 13; }
[ "$(id -u)" = 0 ] || { echo "run as root (the server is started as nobody)" >&2; exit 13; }

work=$(mktemp -d /tmp/cairn-pgbench-XXXXXX)
chmod 755 "$work"
pgdata=$work/pgdata sock=$work/sock pgbr=$work/pgbackrest
as_pg() { setpriv --reuid=nobody --regid=nogroup --clear-groups -- "$@"; }
cleanup() {
  for dir in "$pgdata" "$work"/*-restore; do
    [ -f "$dir/postmaster.pid" ] && as_pg "$pgbin/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
port=$(free_port)
user=bench db=bench
password=bench-db-password-$RANDOM$RANDOM
printf '%s' "$password" >"$work/db-password"
printf '%s' "bench-passphrase" >"$work/repo-password"
chmod 600 "$work/db-password" "$work/repo-password"
mkdir -p "$pgdata" "$sock" "$work/pglog" "$pgbr"/{repo,log,lock,spool} "$work/pgbr-restore"
chown nobody:nogroup "$pgdata" "$sock" "$work/pglog" "$work/pgbr-restore"
chown -R nobody:nogroup "$pgbr"

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
stored() { du -sb "$1" | cut -f1; }

echo "== PostgreSQL 15 on 127.0.0.1:$port, data in $pgdata"
cp "$work/db-password" "$work/initdb-pw"; chown nobody "$work/initdb-pw"
as_pg "$pgbin/initdb" -D "$pgdata" -U "$user" --pwfile="$work/initdb-pw" --auth-local=trust \
  --auth-host=scram-sha-256 --data-checksums >"$work/initdb.log"
cat >>"$pgdata/postgresql.conf" <<EOF
port = $port
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
archive_mode = on
archive_command = 'pgbackrest --config=$pgbr/pgbackrest.conf --stanza=bench archive-push %p'
shared_buffers = 128MB
max_wal_size = 1GB
EOF
cat >"$pgbr/pgbackrest.conf" <<EOF
[global]
repo1-path=$pgbr/repo
repo1-retention-full=2
log-path=$pgbr/log
lock-path=$pgbr/lock
spool-path=$pgbr/spool
compress-type=zst
process-max=2
start-fast=y
log-level-console=warn
log-level-file=info

[bench]
pg1-path=$pgdata
pg1-port=$port
pg1-socket-path=$sock
pg1-user=$user
EOF
chown nobody:nogroup "$pgbr/pgbackrest.conf"
as_pg "$pgbin/pg_ctl" -D "$pgdata" -l "$work/pglog/server.log" -w start >/dev/null
export PGPASSWORD=$password
psql() { "$pgbin/psql" -h 127.0.0.1 -p "$port" -U "$user" -X -q "$@"; }
history_rows() { psql -d "$db" -At -c "SELECT count(*) FROM pgbench_history"; }
psql -d postgres -c "CREATE DATABASE $db"
echo "pgbench -i -s $scale …"
"$pgbin/pgbench" -h 127.0.0.1 -p "$port" -U "$user" -i -q -s "$scale" "$db" 2>&1 | tail -1
psql -d "$db" -c CHECKPOINT
echo "database size: $(psql -d "$db" -At -c "SELECT pg_size_pretty(pg_database_size('$db'))"), data directory: $(du -sh "$pgdata" | cut -f1)"

cat >"$work/cairn.yaml" <<EOF
databases:
  main: { type: postgresql, url: "postgresql://$user@127.0.0.1:$port/$db", password: "\${file:$work/db-password}" }
repository: { url: $work/cairn-repo, password-file: $work/repo-password }
EOF
cairn() { CAIRN_CONFIG=$work/cairn.yaml java -jar "$jar" "$@"; }
pgbackrest() { as_pg /usr/bin/pgbackrest --config="$pgbr/pgbackrest.conf" --stanza=bench "$@"; }
pgbr_backup_size() { stored "$pgbr/repo/backup"; }

echo "== full backups"
cairn repo init >/dev/null
t=$(now); cairn pg backup --db main --type full >"$work/cairn-full.log"; cairn_full=$(elapsed "$t")
sed 's/^/  cairn: /' "$work/cairn-full.log"
cairn_full_size=$(stored "$work/cairn-repo")
pgbackrest stanza-create
t=$(now); pgbackrest backup --type=full; pgbr_full=$(elapsed "$t")
pgbr_full_size=$(pgbr_backup_size)
t=$(now); "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$port" -U "$user" -D "$work/basebackup" -Ft -z -c fast
basebackup_full=$(elapsed "$t")
basebackup_full_size=$(stored "$work/basebackup")

echo "== pgbench -T 20 -c 2"
"$pgbin/pgbench" -h 127.0.0.1 -p "$port" -U "$user" -T 20 -c 2 -n "$db" 2>&1 | grep -E '^(number of transactions actually processed|tps)' || true

incr_rows=$(history_rows)
echo "== incremental backups"
cairn_before=$(stored "$work/cairn-repo")
t=$(now); cairn pg backup --db main --type incr >"$work/cairn-incr.log"; cairn_incr=$(elapsed "$t")
sed 's/^/  cairn: /' "$work/cairn-incr.log"
cairn_incr_size=$(( $(stored "$work/cairn-repo") - cairn_before ))
t=$(now); pgbackrest backup --type=incr; pgbr_incr=$(elapsed "$t")
pgbr_incr_size=$(( $(pgbr_backup_size) - pgbr_full_size ))
pgbr_archive_size=$(stored "$pgbr/repo/archive")

echo "== restores (newest backup, files only)"
t=$(now); cairn pg restore --db main --to "$work/cairn-restore" --immediate >"$work/cairn-restore.log"
cairn_restore=$(elapsed "$t")
t=$(now); pgbackrest restore --pg1-path="$work/pgbr-restore" --type=immediate --target-action=promote; pgbr_restore=$(elapsed "$t")
mkdir -p "$work/basebackup-restore"
t=$(now)
tar -xzf "$work/basebackup/base.tar.gz" -C "$work/basebackup-restore"
tar -xzf "$work/basebackup/pg_wal.tar.gz" -C "$work/basebackup-restore/pg_wal"
basebackup_restore=$(elapsed "$t")
# Not timed: start each restored directory on its own port, wait for the end of recovery and
# compare pgbench_history with the source (incr: rows at the incremental backup; full: none).
verify_restore() { # DIR EXPECTED_ROWS
  local dir=$work/$1 expected=$2 vport rows="" deadline=$((SECONDS + 120))
  vport=$(free_port)
  chown -R nobody:nogroup "$dir"; chmod 700 "$dir"
  as_pg "$pgbin/pg_ctl" -D "$dir" -l "$work/pglog/$1.log" -w -t 120 start \
    -o "-p $vport -c listen_addresses=127.0.0.1 -c unix_socket_directories=$sock -c archive_mode=off" >/dev/null
  while [ $SECONDS -lt $deadline ]; do
    if [ "$("$pgbin/psql" -h 127.0.0.1 -p "$vport" -U "$user" -X -At -d "$db" -c 'SELECT pg_is_in_recovery()' 2>/dev/null)" = f ]; then
      rows=$("$pgbin/psql" -h 127.0.0.1 -p "$vport" -U "$user" -X -At -d "$db" -c 'SELECT count(*) FROM pgbench_history'); break
    fi
    sleep 0.5
  done
  as_pg "$pgbin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
  if [ "$rows" = "$expected" ]; then echo "$1: $(du -sh "$dir" | cut -f1), recovered, pgbench_history = $rows rows (expected $expected): OK"
  else echo "$1: pgbench_history = '${rows:-recovery did not finish}', expected $expected: MISMATCH (log: tail $work/pglog/$1.log)"; tail -5 "$work/pglog/$1.log"; fi
}
verify_restore cairn-restore "$incr_rows"
verify_restore pgbr-restore "$incr_rows"
verify_restore basebackup-restore 0

ratio() { printf '%.2f' "$(echo "scale=3; $1 / $2" | bc)"; }
mib() { echo "scale=1; $1 / 1048576" | bc; }
printf '\n%-26s %11s %11s %13s %9s %9s\n' "measure (pgbench -s $scale)" "cairn" "pgbackrest" "pg_basebackup" "c/pgbr" "c/pg_bb"
printf '%-26s %10.1fs %10.1fs %12.1fs %9s %9s\n' "full backup" "$cairn_full" "$pgbr_full" "$basebackup_full" \
  "$(ratio "$cairn_full" "$pgbr_full")" "$(ratio "$cairn_full" "$basebackup_full")"
printf '%-26s %10sM %10sM %12sM %9s %9s\n' "full stored (MiB)" "$(mib "$cairn_full_size")" "$(mib "$pgbr_full_size")" \
  "$(mib "$basebackup_full_size")" "$(ratio "$cairn_full_size" "$pgbr_full_size")" "$(ratio "$cairn_full_size" "$basebackup_full_size")"
printf '%-26s %10.1fs %10.1fs %13s %9s %9s\n' "incr backup" "$cairn_incr" "$pgbr_incr" "n/a" "$(ratio "$cairn_incr" "$pgbr_incr")" "n/a"
printf '%-26s %10sM %10sM %13s %9s %9s\n' "incr stored (MiB)" "$(mib "$cairn_incr_size")" "$(mib "$pgbr_incr_size")" "n/a" \
  "$(ratio "$cairn_incr_size" "$pgbr_incr_size")" "n/a"
printf '%-26s %10.1fs %10.1fs %12.1fs %9s %9s\n' "restore (newest)" "$cairn_restore" "$pgbr_restore" "$basebackup_restore" \
  "$(ratio "$cairn_restore" "$pgbr_restore")" "$(ratio "$cairn_restore" "$basebackup_restore")"
printf '%-26s %11s %10sM %13s\n' "pgBackRest WAL archive" "-" "$(mib "$pgbr_archive_size")" "-"
echo "(pg_basebackup restore = untar of its full backup; Cairn and pgBackRest restore the incr)"
