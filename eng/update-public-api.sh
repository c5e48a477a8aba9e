#!/usr/bin/env bash
# Appends every public symbol the build reports as undeclared (RS0016) to src/QueueCore/PublicAPI.Unshipped.txt.
# Run it after a deliberate public API change, then review the diff: that diff is the API change.
set -euo pipefail
cd "$(dirname "$0")/.."
file=src/QueueCore/PublicAPI.Unshipped.txt
new=$(dotnet build src/QueueCore --no-incremental 2>&1 \
  | grep -oE "RS0016: Symbol '.*' is not part of the declared public API" \
  | sed -E "s/RS0016: Symbol '(.*)' is not part of the declared public API/\1/" | sort -u || true)
[ -z "$new" ] && { echo "public API unchanged"; exit 0; }
{ tail -n +2 "$file"; echo "$new"; } | sort -u | { echo "#nullable enable"; cat; } > "$file.tmp" && mv "$file.tmp" "$file"
echo "$new" | wc -l | xargs echo "symbols added:"
