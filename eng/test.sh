#!/usr/bin/env bash
# Builds the solution and runs every test. The one test command (README, CI).
# Needs only the .NET SDK pinned in global.json; NuGet packages are restored from the configured feed.
set -euo pipefail
cd "$(dirname "$0")/.."

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
