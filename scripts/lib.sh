# Shared by scripts/run.sh and scripts/test.sh. Source it; do not run it.

say() { printf '\033[1m==>\033[0m %s\n' "$*"; }
warn() { printf '\033[33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Fails with a clear message unless the .NET SDK named in global.json (major version) and Node.js 20+ are on PATH.
require_toolchain() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET SDK is not installed (need $(sdk_wanted)). Install it from https://dot.net and re-run."
  local wanted major
  wanted="$(sdk_wanted)"
  major="${wanted%%.*}"
  if ! dotnet --list-sdks 2>/dev/null | grep -q "^${major}\."; then
    die ".NET SDK ${wanted} (or a later ${major}.x) is required; found: $(dotnet --list-sdks 2>/dev/null | cut -d' ' -f1 | tr '\n' ' ')"
  fi
  command -v node >/dev/null 2>&1 || die "Node.js is not installed (need 20 or later) for Azurite and the Agents Playground."
  command -v npm >/dev/null 2>&1 || die "npm is not installed (it comes with Node.js 20 or later)."
  local node_major
  node_major="$(node -p 'process.versions.node.split(".")[0]')"
  [ "$node_major" -ge 20 ] || die "Node.js 20 or later is required; found $(node --version)."
}

sdk_wanted() {
  sed -n 's/.*"version": *"\([^"]*\)".*/\1/p' global.json | head -n 1
}

# npm ci when tools/node_modules is missing or older than the lockfile (npm records each install in .package-lock.json).
ensure_node_tools() {
  if [ ! -f tools/node_modules/.package-lock.json ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
    say "Installing local tools (npm ci --prefix tools)"
    npm ci --prefix tools --no-audit --no-fund
  fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# HTTP status of a GET (000 when nothing answers); Node is already a prerequisite, curl may not be.
http_status() {
  node -e '
    const ctl = AbortSignal.timeout(3000);
    fetch(process.argv[1], { signal: ctl }).then(r => console.log(r.status), () => console.log("000"));
  ' "$1"
}
