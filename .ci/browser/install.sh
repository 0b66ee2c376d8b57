#!/usr/bin/env bash
# Installs what the browser tests (tests/browser.rs) need, skipping what is already there:
# Chromium and fonts, a Java runtime for the Nu HTML checker, and the npm packages pinned
# in package-lock.json (axe-core, playwright-core, vnu-jar); and poppler-utils, whose
# pdftotext the import tests need. Needs root for apt-get.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
need=""
command -v chromium >/dev/null || need="chromium fonts-liberation"
command -v java >/dev/null || need="$need default-jre-headless"
command -v node >/dev/null || need="$need nodejs npm"
# Not a browser tool: `import` reads PDFs with poppler's pdftotext (tests/import_formats.rs).
command -v pdftotext >/dev/null || need="$need poppler-utils"
if [ -n "$need" ]; then
  echo "== apt-get install $need"
  apt-get update -qq
  # shellcheck disable=SC2086 # a list of package names
  apt-get install -y -qq --no-install-recommends -o DPkg::Lock::Timeout=300 $need >/dev/null
fi
if ! npm ls --silent axe-core playwright-core vnu-jar >/dev/null 2>&1; then
  echo "== npm ci (.ci/browser)"
  npm ci --no-audit --no-fund --loglevel=error
fi
