#!/usr/bin/env bash
# Where a build's work goes, counted in instructions (repeatable on a noisy machine):
# runs one build of a generated corpus under callgrind and prints the inclusive share of
# the pipeline's main functions.
#
#   bench/profile.sh [PAPERS] [MEETINGS]      defaults: 1000 100
#
# Environment: PANELPRESS, the binary to profile (default: this checkout's release
# build); SEED (default 1); BENCH_DIR (default /dev/shm/panelpress-profile). Needs
# valgrind; installs Debian's package if it is missing.
set -euo pipefail

papers=${1:-1000}
meetings=${2:-100}
seed=${SEED:-1}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/dev/shm/panelpress-profile}

command -v valgrind >/dev/null ||
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q valgrind >/dev/null
(cd "$repo" && cargo build --release -q --bin panelpress --example gen_corpus)
target=$(cd "$repo" && realpath -m "${CARGO_TARGET_DIR:-target}")
pp=${PANELPRESS:-$target/release/panelpress}
gen="$target/release/examples/gen_corpus"

rm -rf "$work"
mkdir -p "$work"
"$gen" --papers "$papers" --meetings "$meetings" --seed "$seed" --out "$work/site" 2>/dev/null
# One thread, so that every instruction is counted under the function that asked for it.
RAYON_NUM_THREADS=1 valgrind --tool=callgrind --callgrind-out-file="$work/callgrind.out" \
    "$pp" build --quiet --root "$work/site" --output "$work/out" 2>"$work/valgrind.log"
total=$(grep -m1 '^summary:' "$work/callgrind.out" | awk '{ print $2 }')
echo "$papers papers, $meetings meetings: $(awk -v t="$total" 'BEGIN { printf "%.2f", t / 1e9 }') G instructions in all"
# Inclusive share of each function of panelpress's own, largest first, one line each.
callgrind_annotate --inclusive=yes --threshold=100 "$work/callgrind.out" 2>/dev/null |
    sed -nE 's/^ *[0-9,]+ \( *([0-9.]+)%\)  .*\.rs:(panelpress::.*) \[[^]]*\]$/\1 \2/p' |
    grep -vE '\{\{closure\}\}|^[0-9.]+ panelpress::main$' |
    awk '$1 >= 1.5 && !seen[$2]++ { printf "%6.1f %%  %s\n", $1, $2 }' | head -30
rm -rf "$work/site" "$work/out"
