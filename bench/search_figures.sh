#!/usr/bin/env bash
# Search figures for a site (docs/search.md): index build time and size, then bytes loaded
# and time for a few queries in headless Chromium from file://.
# Usage: bash bench/search_figures.sh [SITE_ROOT] [QUERY...]
#   SITE_ROOT defaults to the sample site (this repository); the queries default to a
#   typical set. Needs the browser tools: bash .ci/browser/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="${1:-.}"
shift || true
if [ "$#" -eq 0 ]; then
  set -- "policing" "neighbourhood policing" '"police and crime"' "precep" "budget 2025"
fi
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
cargo build --release --quiet --example search_figures
"${CARGO_TARGET_DIR:-target}/release/examples/search_figures" "$root" "$out/site"
echo
node bench/search_query.mjs "$out/site" "$@"
