#!/usr/bin/env bash
# Builds one generated corpus with panelpress and with Hugo, alternately, several times,
# and prints the median wall time, CPU time (user + system) and peak RSS of each, and the
# ratio, all from one run (this machine's speed drifts with its load).
#
#   bench/compare.sh [PAPERS] [MEETINGS] [RUNS]      defaults: 5000 500 5
#
# Environment: PANELPRESS, the binary to time (default: this checkout's release build);
# SEED (default 1); BENCH_DIR, the working folder (default
# /dev/shm/panelpress-bench: tmpfs, as repeated build-and-delete cycles on a disk add
# kernel time run after run). Installs Debian's hugo and GNU time if they are missing.
set -euo pipefail

papers=${1:-5000}
meetings=${2:-500}
runs=${3:-5}
seed=${SEED:-1}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
work=${BENCH_DIR:-/dev/shm/panelpress-bench}

need=()
command -v hugo >/dev/null || need+=(hugo)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    echo "installing ${need[*]} from Debian's packages" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q "${need[@]}" >/dev/null 2>&1 ||
        { apt-get update -q >/dev/null && apt-get install -y -q "${need[@]}" >/dev/null; }
fi

(cd "$repo" && cargo build --release -q --bin panelpress --example gen_corpus)
target=$(cd "$repo" && realpath -m "${CARGO_TARGET_DIR:-target}")
pp=${PANELPRESS:-$target/release/panelpress}
gen="$target/release/examples/gen_corpus"

rm -rf "$work"
mkdir -p "$work"
"$gen" --papers "$papers" --meetings "$meetings" --seed "$seed" --out "$work/pp"
"$gen" --papers "$papers" --meetings "$meetings" --seed "$seed" --out "$work/hugo" --hugo

# Runs a command under GNU time, appending "wall cpu rss_kb" to the file $1.
measure() {
    local record=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.txt" >>"$record"
}

: >"$work/pp.times"
: >"$work/hugo.times"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
    rm -rf "$work/pp-out" "$work/hugo-out"
    measure "$work/pp.times" "$pp" build --quiet --root "$work/pp" --output "$work/pp-out"
    measure "$work/hugo.times" hugo --quiet --source "$work/hugo" --destination "$work/hugo-out"
    echo "run $i: panelpress $(tail -1 "$work/pp.times")  hugo $(tail -1 "$work/hugo.times")  (wall s, cpu s, rss KB)"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

pw=$(median "$work/pp.times" 1)
hw=$(median "$work/hugo.times" 1)
echo
echo "$papers papers, $meetings meetings, seed $seed, $runs runs each, $(nproc) cores, on $work"
printf '%-11s %12s %12s %14s %14s\n' tool "wall s" "cpu s" "peak RSS MB" "files"
for tool in pp hugo; do
    name=$([ "$tool" = pp ] && echo panelpress || echo hugo)
    files=$(find "$work/$tool-out" -type f | wc -l)
    printf '%-11s %12s %12s %14s %14s\n' "$name" "$(median "$work/$tool.times" 1)" \
        "$(median "$work/$tool.times" 2)" "$(median "$work/$tool.times" 3 | awk '{ printf "%.0f", $1 / 1024 }')" "$files"
done
awk -v p="$pw" -v h="$hw" 'BEGIN { printf "panelpress / hugo wall time: %.3f (hugo takes %.1fx as long)\n", p / h, h / p }'
pc=$(median "$work/pp.times" 2)
hc=$(median "$work/hugo.times" 2)
awk -v p="$pc" -v h="$hc" 'BEGIN { printf "panelpress / hugo CPU time:  %.3f\n", p / h }'
