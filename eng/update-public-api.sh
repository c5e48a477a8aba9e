#!/usr/bin/env bash
# Brings src/<project>/PublicAPI.Unshipped.txt in line with the code: adds every public symbol the build reports as
# undeclared (RS0016) and removes every declared one that no longer exists (RS0017).
# Run it after a deliberate public API change, then review the diff: that diff is the API change.
# Usage: eng/update-public-api.sh [project folder under src, default QueueCore]
set -euo pipefail
cd "$(dirname "$0")/.."
project=${1:-QueueCore}
file=src/$project/PublicAPI.Unshipped.txt
out=$(dotnet build "src/$project" --no-incremental 2>&1 || true)
added=$(grep -oE "RS0016: Symbol '.*' is not part of the declared public API" <<<"$out" \
  | sed -E "s/RS0016: Symbol '(.*)' is not part of the declared public API/\1/" | sort -u || true)
removed=$(grep -oE "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" <<<"$out" \
  | sed -E "s/RS0017: Symbol '(.*)' is part of the declared API.*/\1/" | sort -u || true)
if [ -z "$added" ] && [ -z "$removed" ]; then echo "public API unchanged"; exit 0; fi
{
  tail -n +2 "$file" | grep -vxF -f <(printf '%s\n' "$removed" | sed '/^$/d') || true
  printf '%s\n' "$added" | sed '/^$/d'
} | sort -u | { echo "#nullable enable"; cat; } > "$file.tmp" && mv "$file.tmp" "$file"
echo "symbols added: $(printf '%s\n' "$added" | sed '/^$/d' | wc -l), removed: $(printf '%s\n' "$removed" | sed '/^$/d' | wc -l)"
