#!/usr/bin/env bash
# Regenerates docs/capacity-report.png, the README's picture of the simulator's report: the township day as the
# README runs it (20 replications, seed 1), its report.html rendered whole by headless Chromium (CHROMIUM_PATH, or
# chromium on the PATH). Run it after changing the report's table, charts or labels, and look at the picture.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
dotnet run -c Release --project bench/QueueCore.Simulator -- run bench/scenarios/township.json --replications 20 --seed 1 --out "$out" >/dev/null
# 1050 pixels wide as the page's 1000-pixel column with its margins; tall enough for the table, its notes and the
# three charts (the page ends with the wait distribution, whose axis label says what a point holds).
"${CHROMIUM_PATH:-chromium}" --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1050,2300 \
  --screenshot="$PWD/docs/capacity-report.png" "file://$out/report.html" 2>/dev/null
echo "wrote docs/capacity-report.png"
