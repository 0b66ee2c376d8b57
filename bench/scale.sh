#!/usr/bin/env bash
# How panelpress's cost grows with the archive: builds and checks generated corpora of
# several sizes (one meeting per ten papers) and prints the medians and the time per paper.
#
#   bench/scale.sh [RUNS] [SIZES...]      defaults: 3 1000 5000 10000 20000
#
# Environment: PANELPRESS, the binary to time (default: this checkout's release build);
# SEED (default 1); BENCH_DIR (default /dev/shm/panelpress-scale, tmpfs).
# Needs GNU time (/usr/bin/time); installs Debian's `time` if it is missing.
set -euo pipefail

runs=${1:-3}
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 5000 10000 20000)
seed=${SEED:-1}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
work=${BENCH_DIR:-/dev/shm/panelpress-scale}

[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
(cd "$repo" && cargo build --release -q --bin panelpress --example gen_corpus)
target=$(cd "$repo" && realpath -m "${CARGO_TARGET_DIR:-target}")
pp=${PANELPRESS:-$target/release/panelpress}
gen="$target/release/examples/gen_corpus"

rm -rf "$work"
mkdir -p "$work"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-8s %-6s %8s %8s %8s %14s\n' papers cmd "wall s" "cpu s" "RSS MB" "ms per paper"
for n in "${sizes[@]}"; do
    site="$work/site-$n"
    "$gen" --papers "$n" --meetings $((n / 10)) --seed "$seed" --out "$site" 2>/dev/null
    for cmd in build check; do
        : >"$work/times"
        for _ in $(seq "$runs"); do
            /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$pp" "$cmd" --quiet --root "$site"
            awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.txt" >>"$work/times"
        done
        wall=$(median "$work/times" 1)
        printf '%-8s %-6s %8s %8s %8s %14.3f\n' "$n" "$cmd" "$wall" "$(median "$work/times" 2)" \
            "$(median "$work/times" 3 | awk '{ printf "%.0f", $1 / 1024 }')" "$(awk -v w="$wall" -v n="$n" 'BEGIN { print w * 1000 / n }')"
    done
    rm -rf "$site"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
