#!/usr/bin/env bash
# Whether two panelpress binaries write the same archive: builds the sample in content/
# and a generated corpus (relative links, then with an absolute base_url) with both, and
# lists the files that differ.
#
#   bench/same_output.sh OLD_BINARY [PAPERS] [MEETINGS]      defaults: 2000 200
#
# Environment: NEW, the other binary (default: this checkout's release build); SEED
# (default 1); BENCH_DIR (default /dev/shm/panelpress-same); IGNORE, a regular expression
# of output paths left out of the comparison (e.g. '^search/' when the index format
# changed on purpose). Exits 1 if any other file differs.
set -euo pipefail

old=$1
papers=${2:-2000}
meetings=${3:-200}
seed=${SEED:-1}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_DIR:-/dev/shm/panelpress-same}

(cd "$repo" && cargo build --release -q --bin panelpress --example gen_corpus)
target=$(cd "$repo" && realpath -m "${CARGO_TARGET_DIR:-target}")
new=${NEW:-$target/release/panelpress}
gen="$target/release/examples/gen_corpus"

rm -rf "$work"
mkdir -p "$work"
mkdir -p "$work/sample"
for part in content site.toml themes static people; do
    [ -e "$repo/$part" ] && cp -r "$repo/$part" "$work/sample/"
done
"$gen" --papers "$papers" --meetings "$meetings" --seed "$seed" --out "$work/corpus" 2>/dev/null
cp -r "$work/corpus" "$work/corpus-base"
echo 'base_url = "https://example.org/panel/"' >>"$work/corpus-base/site.toml"

status=0
for site in sample corpus corpus-base; do
    # A fixed moment, as embargoes and "updated" dates depend on it.
    SOURCE_DATE_EPOCH=1767225600 "$old" build --quiet --root "$work/$site" --output "$work/$site-old"
    SOURCE_DATE_EPOCH=1767225600 "$new" build --quiet --root "$work/$site" --output "$work/$site-new"
    # Each differing file by its path in the output, then those IGNORE leaves out.
    differ=$({ diff -rq "$work/$site-old" "$work/$site-new" || true; } |
        sed -E -e "s#^Files $work/$site-old/([^ ]+) and .*#\1#" \
            -e "s#^Only in $work/$site-(old|new)/?([^:]*): (.*)#\2/\3#" -e 's#^/##' |
        { grep -v '^\.panelpress' || true; } | { grep -vE "${IGNORE:-^$}" || true; })
    count=$(printf '%s' "$differ" | grep -c . || true)
    echo "$site: $(find "$work/$site-new" -type f | wc -l) files, $count differ"
    [ "$count" -eq 0 ] || { printf '%s\n' "$differ" | head -20; status=1; }
done
rm -rf "$work"
exit $status
