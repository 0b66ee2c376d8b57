#!/usr/bin/env bash
# What people and the record cost: builds one generated corpus without `--people` and with
# it, alternately, several times, then checks the `--people` corpus as often, and prints
# the median wall time, CPU time (user + system) and peak RSS of each, the difference,
# the warnings `check` gave (there should be none) and the number of people pages written.
#
#   bench/record.sh [PAPERS] [MEETINGS] [RUNS]      defaults: 5000 500 5
#
# Environment: PANELPRESS, the binary to time (default: this checkout's release build);
# SEED (default 1); BENCH_DIR, the working folder (default /dev/shm/panelpress-record,
# tmpfs); PROFILE, the cargo profile to build (default release; `dev` for a quick try of
# the script on a small corpus). Installs Debian's GNU time if it is missing.
set -euo pipefail

papers=${1:-5000}
meetings=${2:-500}
runs=${3:-5}
seed=${SEED:-1}
profile=${PROFILE:-release}
repo=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"
work=${BENCH_DIR:-/dev/shm/panelpress-record}

[ -x /usr/bin/time ] || DEBIAN_FRONTEND=noninteractive apt-get install -y -q time >/dev/null
(cd "$repo" && cargo build --profile "$profile" -q --bin panelpress --example gen_corpus)
target=$(cd "$repo" && realpath -m "${CARGO_TARGET_DIR:-target}")
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
pp=${PANELPRESS:-$target/$dir/panelpress}
gen="$target/$dir/examples/gen_corpus"

rm -rf "$work"
mkdir -p "$work"
"$gen" --papers "$papers" --meetings "$meetings" --seed "$seed" --out "$work/plain"
"$gen" --papers "$papers" --meetings "$meetings" --seed "$seed" --out "$work/people" --people

# Runs a command under GNU time, appending "wall cpu rss_kb" to the file $1; the
# command's standard error goes to $work/stderr.txt.
measure() {
    local record=$1
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" >/dev/null 2>"$work/stderr.txt"
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $4 }' "$work/time.txt" >>"$record"
}

: >"$work/plain.times"
: >"$work/people.times"
: >"$work/check.times"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
    rm -rf "$work/plain-out" "$work/people-out"
    measure "$work/plain.times" "$pp" build --quiet --root "$work/plain" --output "$work/plain-out"
    measure "$work/people.times" "$pp" build --quiet --root "$work/people" --output "$work/people-out"
    echo "run $i: without $(tail -1 "$work/plain.times")  with --people $(tail -1 "$work/people.times")  (wall s, cpu s, rss KB)"
done
for _ in $(seq "$runs"); do
    measure "$work/check.times" "$pp" check --quiet --root "$work/people"
done
warnings=$(grep -c ': warning: ' "$work/stderr.txt" || true)
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

echo
echo "$papers papers, $meetings meetings, seed $seed, $runs runs each, $(nproc) cores, on $work"
printf '%-22s %10s %10s %14s %10s\n' corpus "wall s" "cpu s" "peak RSS MB" files
row() {
    local out=$2
    printf '%-22s %10s %10s %14s %10s\n' "$1" "$(median "$work/$3.times" 1)" "$(median "$work/$3.times" 2)" \
        "$(median "$work/$3.times" 3 | awk '{ printf "%.0f", $1 / 1024 }')" "$([ -n "$out" ] && find "$out" -type f | wc -l || echo -)"
}
row "build" "$work/plain-out" plain
row "build --people" "$work/people-out" people
row "check --people" "" check
# The difference of column $1 between the builds with and without people, divided by $2,
# in the unit $3.
difference() {
    awk -v a="$(median "$work/plain.times" "$1")" -v b="$(median "$work/people.times" "$1")" -v s="$2" -v u="$3" \
        'BEGIN { printf "%+.2f %s (%+.1f %%)", (b - a) / s, u, (a > 0 ? (b - a) * 100 / a : 0) }'
}
echo "difference with --people: wall $(difference 1 1 s), cpu $(difference 2 1 s), peak RSS $(difference 3 1024 MB)"
echo "people: $(find "$work/people/people" -name '*.md' | wc -l) in people/, $(find "$work/people-out/people" -mindepth 2 -name index.html | wc -l) people pages written"
echo "check of the --people corpus: $warnings warnings"
