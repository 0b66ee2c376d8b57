#!/usr/bin/env bash
# Installs what the browser tests (tests/browser.rs) need, skipping what is already there:
# Chromium and fonts, a Java runtime for the Nu HTML checker, Node.js 20 or later, and the
# npm packages pinned in package-lock.json (axe-core, playwright-core, vnu-jar); and
# poppler-utils, whose pdftotext the import tests need.
#
# Debian 12's own Node.js is 18, older than playwright-core accepts; when the machine's
# Node is missing or older than 20, the Node binary of the npm package node-linux-<arch>
# is installed into .ci/browser/node/ (tests/browser.rs and .ci/test use it from there).
# apt-get needs root; without it the script names the packages to install and stops.
set -euo pipefail
cd "$(dirname "$0")"
export DEBIAN_FRONTEND=noninteractive
NODE_MAJOR=20
NODE_VERSION=20.20.2 # the pinned node-linux-<arch> package, when the machine's Node is too old
LOCAL_NODE="$PWD/node/node_modules/.bin/node"

# The major version of the node program given, or 0 when it does not run.
node_major() {
  local v
  v=$("$1" --version 2>/dev/null) || { echo 0; return; }
  v=${v#v}
  echo "${v%%.*}"
}

need=""
command -v chromium >/dev/null || need=" chromium fonts-liberation"
command -v java >/dev/null || need="$need default-jre-headless"
command -v node >/dev/null || need="$need nodejs"
command -v npm >/dev/null || need="$need npm"
# Not a browser tool: `import` reads PDFs with poppler's pdftotext (tests/import_formats.rs).
command -v pdftotext >/dev/null || need="$need poppler-utils"
if [ -n "$need" ]; then
  if ! command -v apt-get >/dev/null || [ "$(id -u)" -ne 0 ]; then
    echo "error: the tests need these programs, which are not installed:$need" >&2
    echo "  help: as root on Debian or Ubuntu: apt-get install$need" >&2
    echo "        elsewhere: Chromium, a Java runtime (17 or later), Node.js $NODE_MAJOR or later and npm" >&2
    exit 1
  fi
  echo "== apt-get update"
  apt-get update
  # Chromium and Java are a few hundred MB: apt's own progress lines show it is working.
  echo "== apt-get install$need (a few minutes on a new machine)"
  # shellcheck disable=SC2086 # a list of package names
  apt-get install -y --no-install-recommends -o DPkg::Lock::Timeout=300 $need
fi

if [ "$(node_major node)" -lt "$NODE_MAJOR" ] && [ "$(node_major "$LOCAL_NODE")" -lt "$NODE_MAJOR" ]; then
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64 | arm64) arch=arm64 ;;
    *) arch="" ;;
  esac
  if [ -z "$arch" ]; then
    echo "error: Node.js $(node --version 2>/dev/null || echo '(none)') is older than $NODE_MAJOR, which playwright-core needs" >&2
    echo "  help: install Node.js $NODE_MAJOR or later (https://nodejs.org/) and run this again" >&2
    exit 1
  fi
  echo "== Node.js $(node --version) is older than $NODE_MAJOR: npm install node-linux-$arch@$NODE_VERSION into .ci/browser/node/ (about 50 MB)"
  npm install --prefix node --no-save --no-package-lock --no-audit --no-fund "node-linux-$arch@$NODE_VERSION"
  "$LOCAL_NODE" --version >/dev/null
fi
if [ "$(node_major "$LOCAL_NODE")" -ge "$NODE_MAJOR" ]; then
  PATH="$(dirname "$LOCAL_NODE"):$PATH"
fi

# What npm ci last installed, as long as package-lock.json has not changed since (`npm ls`
# is no test: Debian's npm 9 exits 0 on a folder with nothing installed).
installed() {
  [ node_modules/.package-lock.json -nt package-lock.json ] &&
    [ -f node_modules/axe-core/axe.min.js ] &&
    [ -f node_modules/playwright-core/package.json ] &&
    [ -f node_modules/vnu-jar/build/dist/vnu.jar ]
}
if ! installed; then
  echo "== npm ci (.ci/browser, with Node.js $(node --version))"
  npm ci --no-audit --no-fund
fi
