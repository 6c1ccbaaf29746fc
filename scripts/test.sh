#!/usr/bin/env bash
# The test command: installs what the tests need, builds the solution, runs every test project and
# every check under scripts/checks/, and ends with one summary line. Exits non-zero on any failure.
#
#   ./scripts/test.sh                       everything
#   ./scripts/test.sh --filter "FullyQualifiedName~Demo"   pass-through to dotnet test (checks are skipped)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib.sh

CONFIGURATION=Debug
RESULTS="$PWD/.local/test-results"

require_toolchain
ensure_node_tools

# The end-to-end tests drive Debian's Chromium; never a browser downloaded by a test tool.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    say "Installing Chromium (apt-get install chromium)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends chromium
  else
    warn "/usr/bin/chromium is missing and this is not root: the end-to-end tests will fail. Install it with: sudo apt-get install chromium"
  fi
fi

say "Building PeerBot.sln ($CONFIGURATION)"
if ! dotnet build PeerBot.sln -c "$CONFIGURATION" -nologo; then
  echo "summary: 0 passed, 1 failed (the build failed)"
  exit 1
fi

say "Running the tests"
rm -rf "$RESULTS"
mkdir -p "$RESULTS"
set +e
# The tests start many app hosts at once; none needs its configuration files watched, and each watcher takes one of
# the user's few inotify instances (128 by default).
DOTNET_hostBuilder__reloadConfigOnChange=false \
dotnet test PeerBot.sln -c "$CONFIGURATION" --no-build -nologo \
  --logger "console;verbosity=normal" --logger trx --results-directory "$RESULTS" "$@"
test_exit=$?
set -e

# Sum the counters of every test project's TRX report (skipped tests count as not executed).
counter() {
  local value
  value="$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$2")"
  echo "${value:-0}"
}
passed=0
failed=0
skipped=0
shopt -s nullglob
for trx in "$RESULTS"/*.trx; do
  counters="$(tr '>' '\n' <"$trx" | grep -m 1 '<Counters ' || true)"
  passed=$((passed + $(counter passed "$counters")))
  failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") + $(counter timeout "$counters") + $(counter aborted "$counters")))
  skipped=$((skipped + $(counter notExecuted "$counters")))
done
shopt -u nullglob
if [ "$test_exit" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The runner failed without reporting a failed test (a crash, a hang, no test assembly).
  failed=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
if [ "$failed" -ne 0 ]; then
  # The runner's own output can be long; name the failures (and their first lines) where they will be read.
  shopt -s nullglob
  python3 scripts/failed-tests.py "$RESULTS"/*.trx || true
  shopt -u nullglob
fi

checks_passed=0
checks_failed=0
if [ "$#" -eq 0 ]; then
  shopt -s nullglob
  for check in scripts/checks/*.sh; do
    say "Check: $check"
    if bash "$check"; then
      checks_passed=$((checks_passed + 1))
    else
      warn "$check failed"
      checks_failed=$((checks_failed + 1))
    fi
  done
  shopt -u nullglob
  echo "checks: $checks_passed passed, $checks_failed failed"
fi

total_passed=$((passed + checks_passed))
total_failed=$((failed + checks_failed))
echo "summary: $total_passed passed, $total_failed failed, $skipped skipped"
if [ "$total_failed" -ne 0 ] || [ "$total_passed" -eq 0 ]; then
  exit 1
fi
