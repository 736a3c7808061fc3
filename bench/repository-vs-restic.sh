#!/usr/bin/env bash
# Backs up the same data set with Cairn and with restic, in one run: a first backup, a second
# after changing ~1% of the data, and a restore of the second. Prints time, bytes stored and
# restore time for both, and the Cairn/restic ratios (below 1 = Cairn smaller/faster).
#
#   bash bench/repository-vs-restic.sh [SIZE_MB]        (default 300)
#
# Needs: restic (apt-get install restic), the Cairn jar (mvn -B -q -DskipTests package).
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-300}
jar=cairn-cli/target/cairn.jar
command -v bc >/dev/null || { echo "bc is not installed: apt-get install bc" >&2; exit 13; }
command -v restic >/dev/null || { echo "restic is not installed: apt-get install restic" >&2; exit 13; }
[ -f "$jar" ] || { echo "$jar is missing: run mvn -B -q -DskipTests package" >&2; exit 13; }

work=$(mktemp -d /tmp/cairn-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
export CAIRN_PASSWORD=bench-passphrase RESTIC_PASSWORD=bench-passphrase
data=$work/data

now() { date +%s.%N; }
elapsed() { echo "$(now) - $1" | bc; }
stored() { du -sb "$1" | cut -f1; }

echo "generating ${size_mb} MB: half compressible text-like files, half incompressible binary…"
python3 - "$data" "$size_mb" <<'PY'
import os, random, sys
root, total = sys.argv[1], int(sys.argv[2]) * 1024 * 1024
random.seed(42)
words = [''.join(random.choice('abcdefghijklmnopqrstuvwxyz') for _ in range(random.randint(3, 10))) for _ in range(5000)]
written, n = 0, 0
while written < total:
    d = os.path.join(root, f"dir{n % 20:02d}")
    os.makedirs(d, exist_ok=True)
    size = random.randint(64 * 1024, 4 * 1024 * 1024)
    path = os.path.join(d, f"file{n:05d}")
    with open(path, "wb") as f:
        if n % 2 == 0:
            out, got = [], 0
            while got < size:
                line = (' '.join(random.choice(words) for _ in range(12)) + '\n').encode()
                out.append(line); got += len(line)
            f.write(b''.join(out)[:size])
        else:
            f.write(os.urandom(size))
    written += size; n += 1
print(f"{n} files")
PY

change_one_percent() {
  python3 - "$data" <<'PY'
import os, random, sys
random.seed(7)
files = sorted(os.path.join(d, f) for d, _, fs in os.walk(sys.argv[1]) for f in fs)
total = sum(os.path.getsize(f) for f in files)
budget, changed = total // 100, 0
while changed < budget:
    f = random.choice(files)
    size = os.path.getsize(f)
    n = min(64 * 1024, size, budget - changed)
    with open(f, "r+b") as fh:
        fh.seek(random.randint(0, size - n)); fh.write(os.urandom(n))
    changed += n
print(f"changed {changed} bytes in place")
PY
}

cairn() { java -jar "$jar" "$@"; }

echo "== Cairn"
cairn repo init --repo "$work/cairn-repo" >/dev/null
t=$(now); cairn backup files "$data" --repo "$work/cairn-repo" >/dev/null; cairn_first=$(elapsed "$t")
cairn_first_size=$(stored "$work/cairn-repo")
echo "== restic"
restic init --repo "$work/restic-repo" >/dev/null
t=$(now); restic backup --repo "$work/restic-repo" "$data" >/dev/null; restic_first=$(elapsed "$t")
restic_first_size=$(stored "$work/restic-repo")

change_one_percent

t=$(now); cairn backup files "$data" --repo "$work/cairn-repo" >/dev/null; cairn_second=$(elapsed "$t")
cairn_second_size=$(( $(stored "$work/cairn-repo") - cairn_first_size ))
t=$(now); restic backup --repo "$work/restic-repo" "$data" >/dev/null; restic_second=$(elapsed "$t")
restic_second_size=$(( $(stored "$work/restic-repo") - restic_first_size ))

t=$(now); cairn restore latest --target "$work/cairn-out" --repo "$work/cairn-repo" >/dev/null; cairn_restore=$(elapsed "$t")
t=$(now); restic restore latest --target "$work/restic-out" --repo "$work/restic-repo" >/dev/null; restic_restore=$(elapsed "$t")
diff -r "$data" "$work/cairn-out$data" >/dev/null && echo "Cairn restore is identical to the source"
diff -r "$data" "$work/restic-out$data" >/dev/null && echo "restic restore is identical to the source"

ratio() { echo "scale=2; $1 / $2" | bc; }
printf '\n%-28s %14s %14s %8s\n' "measure (${size_mb} MB)" "cairn" "restic" "ratio"
printf '%-28s %13.1fs %13.1fs %8s\n' "first backup" "$cairn_first" "$restic_first" "$(ratio "$cairn_first" "$restic_first")"
printf '%-28s %14d %14d %8s\n' "stored after first (bytes)" "$cairn_first_size" "$restic_first_size" "$(ratio "$cairn_first_size" "$restic_first_size")"
printf '%-28s %13.1fs %13.1fs %8s\n' "second backup (1% changed)" "$cairn_second" "$restic_second" "$(ratio "$cairn_second" "$restic_second")"
printf '%-28s %14d %14d %8s\n' "added by second (bytes)" "$cairn_second_size" "$restic_second_size" "$(ratio "$cairn_second_size" "$restic_second_size")"
printf '%-28s %13.1fs %13.1fs %8s\n' "restore" "$cairn_restore" "$restic_restore" "$(ratio "$cairn_restore" "$restic_restore")"
