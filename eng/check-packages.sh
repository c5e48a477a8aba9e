#!/usr/bin/env bash
# Checks the NuGet packages as a consumer gets them (run before publishing; not part of eng/test.sh, it packs and
# restores). Packs src/QueueCore, src/QueueCore.Grpc and src/QueueCore.Grpc.Contracts into a temporary feed, reads each
# package (metadata, README, symbols, docs, what must and must not be in it), then builds fresh projects from that
# feed: the engine package README's code (run), and the contracts package README's gRPC client (built, and checked
# not to need ASP.NET Core). Prints what is wrong and exits 1.
# Needs unzip. Usage: bash eng/check-packages.sh [work directory, default a new temporary one]
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
work=${1:-$(mktemp -d)}
feed=$work/feed
mkdir -p "$feed"
problems=0
fail() { echo "FAIL: $*"; problems=$((problems + 1)); }

echo "packing into $feed"
dotnet pack src/QueueCore -c Release -o "$feed" --nologo -v quiet
dotnet pack src/QueueCore.Grpc -c Release -o "$feed" --nologo -v quiet -p:QueueCoreBrowserPages=false
dotnet pack src/QueueCore.Grpc.Contracts -c Release -o "$feed" --nologo -v quiet

check_package() { # id, version
  local id=$1 version=$2 nupkg="$feed/$1.$2.nupkg" listing nuspec readme
  [ -f "$nupkg" ] || { fail "$id: $nupkg was not made"; return; }
  [ -f "$feed/$id.$version.snupkg" ] || fail "$id: no symbol package (snupkg)"
  listing=$(unzip -Z1 "$nupkg")
  nuspec=$(unzip -p "$nupkg" "$id.nuspec")
  grep -q '<license type="expression">MIT</license>' <<<"$nuspec" || fail "$id: no MIT license expression"
  grep -q '<readme>README.md</readme>' <<<"$nuspec" || fail "$id: no package README"
  grep -q '<description>' <<<"$nuspec" || fail "$id: no description"
  grep -Eq '<repository type="git"[^>]* commit="[0-9a-f]{40}"' <<<"$nuspec" || fail "$id: no repository commit"
  # Source Link maps a hosted remote (https, ssh) only: a clone whose origin is a local path gets no URL either.
  if git -C "$repo" remote get-url origin 2>/dev/null | grep -Eq '^(https?://|ssh://|git@)'; then
    grep -q '<repository type="git" url="' <<<"$nuspec" || fail "$id: origin is a hosted remote but the package has no repository URL"
  else
    echo "note: no hosted git origin remote, so $id has no repository URL and no Source Link (expected in this clone)"
  fi
  grep -q "^lib/net10.0/$id.xml$" <<<"$listing" || fail "$id: no XML documentation file"
  grep -Eiq 'PublicAPI|appsettings|\.(cs|csproj|user)$' <<<"$listing" && fail "$id: ships files that are not for consumers: $(grep -Ei 'PublicAPI|appsettings|\.(cs|csproj|user)$' <<<"$listing" | tr '\n' ' ')"
  grep -Eq 'id="(Microsoft\.NET\.Test\.Sdk|xunit[^"]*|Microsoft\.CodeAnalysis\.[^"]*|Microsoft\.NET\.StringTools|BenchmarkDotNet)"' <<<"$nuspec" \
    && fail "$id: declares a build-only or test dependency: $(grep -Eo 'id="(Microsoft\.NET\.Test\.Sdk|xunit[^"]*|Microsoft\.CodeAnalysis\.[^"]*|Microsoft\.NET\.StringTools|BenchmarkDotNet)"' <<<"$nuspec" | tr '\n' ' ')"
  readme=$(unzip -p "$nupkg" README.md 2>/dev/null || true)
  # nuget.org renders the README alone: a link or image must be absolute.
  grep -Eo '\]\([^)]*\)' <<<"$readme" | grep -Ev '^\]\((https?://|#)' | sed "s/^/FAIL: $id: README link that does not resolve from nuget.org: /" | grep . && problems=$((problems + 1))
  return 0
}
check_package QueueCore 0.1.0
check_package QueueCore.Grpc 0.1.0-preview
grpc_listing=$(unzip -Z1 "$feed/QueueCore.Grpc.0.1.0-preview.nupkg" 2>/dev/null || true)
for proto in src/QueueCore.Grpc/Protos/queuecore/v1/*.proto; do
  grep -qx "protos/queuecore/v1/$(basename "$proto")" <<<"$grpc_listing" || fail "QueueCore.Grpc: $(basename "$proto") not under protos/queuecore/v1/"
done
for f in build/QueueCore.Grpc.props build/QueueCore.Grpc.targets; do
  grep -qx "$f" <<<"$grpc_listing" || fail "QueueCore.Grpc: no $f (Grpc.Tools cannot find the contracts)"
done

# The contracts package: the files and the build file only, no assembly and no dependency.
contracts_nupkg=$feed/QueueCore.Grpc.Contracts.0.1.0.nupkg
if [ -f "$contracts_nupkg" ]; then
  contracts_listing=$(unzip -Z1 "$contracts_nupkg")
  contracts_nuspec=$(unzip -p "$contracts_nupkg" QueueCore.Grpc.Contracts.nuspec)
  for proto in src/QueueCore.Grpc/Protos/queuecore/v1/*.proto; do
    grep -qx "protos/queuecore/v1/$(basename "$proto")" <<<"$contracts_listing" || fail "QueueCore.Grpc.Contracts: $(basename "$proto") not under protos/queuecore/v1/"
  done
  for f in build/QueueCore.Grpc.Contracts.props build/QueueCore.Grpc.Contracts.targets README.md; do
    grep -qx "$f" <<<"$contracts_listing" || fail "QueueCore.Grpc.Contracts: no $f"
  done
  grep -q '^lib/' <<<"$contracts_listing" && fail "QueueCore.Grpc.Contracts: ships an assembly (lib/)"
  grep -q '<dependency ' <<<"$contracts_nuspec" && fail "QueueCore.Grpc.Contracts: declares dependencies"
  grep -q '<license type="expression">MIT</license>' <<<"$contracts_nuspec" || fail "QueueCore.Grpc.Contracts: no MIT license expression"
else
  fail "QueueCore.Grpc.Contracts: $contracts_nupkg was not made"
fi

# Consumers: their own NuGet folder, so the packages just made are the ones restored.
consumer=$work/consumer
rm -rf "$consumer" && mkdir -p "$consumer/embed" "$consumer/client"
cp global.json "$consumer/"
echo '<Project />' >"$consumer/Directory.Build.props"
echo '<Project />' >"$consumer/Directory.Build.targets"
echo '<Project />' >"$consumer/Directory.Packages.props"
cat >"$consumer/nuget.config" <<EOF
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config><add key="globalPackagesFolder" value="$consumer/packages" /></config>
  <fallbackPackageFolders><add key="shared" value="${NUGET_PACKAGES:-$HOME/.nuget/packages}" /></fallbackPackageFolders>
  <packageSources><clear /><add key="local" value="$feed" /><add key="nuget.org" value="https://api.nuget.org/v3/index.json" /></packageSources>
</configuration>
EOF

cat >"$consumer/embed/embed.csproj" <<'EOF'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable></PropertyGroup>
  <ItemGroup><PackageReference Include="QueueCore" Version="0.1.0" /></ItemGroup>
</Project>
EOF
# The package README's first example, as a reader would paste it.
awk '/^```csharp/ { c = 1; next } c && /^```/ { exit } c' src/QueueCore/README.md >"$consumer/embed/Program.cs"
if out=$(dotnet run --project "$consumer/embed" 2>&1) && grep -q '^A001: ' <<<"$out"; then
  echo "ok: the QueueCore package README's example runs: $(grep '^A001: ' <<<"$out")"
else
  fail "the QueueCore package README's example does not run:"; echo "$out" | tail -n 20
fi

# A .NET gRPC client from the contracts package, as its README says (project file and code from the README).
{
  echo '<Project Sdk="Microsoft.NET.Sdk">'
  echo '  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings><Nullable>enable</Nullable><TreatWarningsAsErrors>true</TreatWarningsAsErrors></PropertyGroup>'
  awk '/^## A .NET client/ { f = 1 } f && /^```xml/ { c = 1; next } c && /^```/ { exit } c' src/QueueCore.Grpc.Contracts/README.md
  echo '</Project>'
} >"$consumer/client/client.csproj"
awk '/^## A .NET client/ { f = 1 } f && /^```csharp/ { c = 1; next } c && /^```/ { exit } c' src/QueueCore.Grpc.Contracts/README.md \
  >"$consumer/client/Program.cs" 2>/dev/null || true
if [ ! -s "$consumer/client/Program.cs" ] || ! grep -q QueueCore.Grpc.Contracts "$consumer/client/client.csproj"; then
  fail "the QueueCore.Grpc.Contracts package README has no .NET client example (## A .NET client: a project file and code)"
elif out=$(dotnet build "$consumer/client" -o "$consumer/client/out" 2>&1); then
  echo "ok: a gRPC client generated from the QueueCore.Grpc.Contracts package builds"
  if grep -q 'Microsoft.AspNetCore.App' "$consumer/client/out/client.runtimeconfig.json"; then
    fail "a client of the contracts package needs the ASP.NET Core runtime (its runtimeconfig names Microsoft.AspNetCore.App)"
  else
    echo "ok: the client needs only the .NET runtime (no ASP.NET Core)"
  fi
else
  fail "a gRPC client from the QueueCore.Grpc.Contracts package does not build:"; echo "$out" | grep -E 'error' | sort -u | head -n 10
fi

if [ "$problems" -gt 0 ]; then
  echo "$problems problem(s) with the packages (work directory: $work)"
  exit 1
fi
echo "the packages hold up (work directory: $work)"
