#!/usr/bin/env bash
# Builds and lints infra/ with the Bicep CLI from NuGet (Azure.Bicep.CommandLine.linux-x64), then checks
# the compiled template for the settings PeerBot's security depends on. Any warning or error fails.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
version=0.49.2
packages="${NUGET_PACKAGES:-$HOME/.nuget/packages}"
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [ ! -x "$bicep" ]; then
  # A restore fetches the package once; afterwards it comes from the local NuGet cache (offline).
  dotnet restore "$root/scripts/checks/bicep/BicepCli.csproj" -p:BicepVersion="$version" --verbosity quiet >/dev/null
  chmod +x "$bicep"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
failed=0
run() {
  local log="$out/log"
  if ! "$bicep" "$@" >"$out/stdout" 2>"$log" || grep -Eq ' : (Warning|Error) ' "$log"; then
    echo "bicep $*: FAILED"
    cat "$log"
    failed=1
  else
    echo "bicep $1 ${2##*/}: clean"
  fi
}
run build "$root/infra/main.bicep" --outfile "$out/main.json"
run lint "$root/infra/main.bicep"
run build-params "$root/infra/main.bicepparam" --outfile "$out/main.parameters.json"
run lint "$root/infra/main.bicepparam"
[ "$failed" = 0 ] || exit 1
node "$root/scripts/checks/bicep/policy.mjs" "$out/main.json"
