#!/usr/bin/env bash
# Runs PeerBot on this machine: Azurite for storage, the bot on http://127.0.0.1:3978 with the
# fictional demo network, and the Microsoft 365 Agents Playground to chat with it as if in Teams.
# Ctrl-C stops all three.
#
#   ./scripts/run.sh
#
# PEERBOT_PORT and PLAYGROUND_PORT override the ports (3978 and 56150).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/lib.sh

BOT_PORT="${PEERBOT_PORT:-3978}"
PLAYGROUND_PORT="${PLAYGROUND_PORT:-56150}"
LOGS="$PWD/.local/logs"

# Process-group leaders started here, in start order; each child runs in its own session so that
# stopping it takes its children (dotnet run's app, npm's node) along.
groups=()
names=()

# Stops one service and everything it started: politely, then by force after 10 s.
stop_group() {
  local pid=$1 name=$2
  kill -TERM -- "-$pid" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 -- "-$pid" 2>/dev/null || return 0
    sleep 0.2
  done
  warn "$name did not stop within 10 s; killing it"
  kill -KILL -- "-$pid" 2>/dev/null || true
}

# Newest first, so that the bot is gone before its storage.
stop_all() {
  trap - INT TERM EXIT
  local i
  for ((i = ${#groups[@]} - 1; i >= 0; i--)); do
    stop_group "${groups[i]}" "${names[i]}"
  done
}
trap 'echo; say "Stopping"; stop_all; exit 130' INT TERM
trap stop_all EXIT

# start NAME DIR LOG COMMAND...: runs COMMAND in DIR, in a new session, output to LOG.
start() {
  local name=$1 dir=$2 log=$3
  shift 3
  (cd "$dir" && exec setsid "$@") >"$log" 2>&1 </dev/null &
  groups+=("$!")
  names+=("$name")
}

alive() { kill -0 "$1" 2>/dev/null; }

# Fails with the tail of a service's log when it has exited.
check_alive() {
  local pid=$1 name=$2 log=$3
  if ! alive "$pid"; then
    echo "----- last lines of $log -----" >&2
    tail -n 40 "$log" >&2 || true
    die "$name exited unexpectedly (log: $log)"
  fi
}

require_toolchain
ensure_node_tools
mkdir -p "$LOGS" .local/azurite .local/playground

# Storage
if port_open 10002; then
  say "Something already answers on 127.0.0.1:10002; using it as Azurite rather than starting another."
else
  say "Starting Azurite on 127.0.0.1:10000-10002 (data in .local/azurite)"
  start azurite . "$LOGS/azurite.log" node tools/node_modules/azurite/dist/src/azurite.js \
    --silent --location .local/azurite --skipApiVersionCheck --disableProductStyleUrl \
    --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1
  for _ in $(seq 1 150); do
    port_open 10002 && break
    check_alive "${groups[-1]}" Azurite "$LOGS/azurite.log"
    sleep 0.2
  done
  port_open 10002 || die "Azurite did not listen on 127.0.0.1:10002 within 30 s (log: $LOGS/azurite.log)"
fi

# Bot
if port_open "$BOT_PORT"; then
  die "port $BOT_PORT is taken (is PeerBot already running?). Stop that process or set PEERBOT_PORT."
fi
say "Building and starting the bot on http://127.0.0.1:$BOT_PORT (the first build takes a minute or two)"
# Local use is unauthenticated: no app id, so the Playground's unsigned requests are accepted.
start bot . "$LOGS/bot.log" env Demo__Seed=true MicrosoftAppType= MicrosoftAppId= MicrosoftAppPassword= \
  dotnet run --project bot/PeerBot --no-launch-profile --urls "http://127.0.0.1:$BOT_PORT"
bot_pid="${groups[-1]}"
status=000
for _ in $(seq 1 600); do
  check_alive "$bot_pid" "The bot" "$LOGS/bot.log"
  status="$(http_status "http://127.0.0.1:$BOT_PORT/healthz")"
  [ "$status" = 200 ] && break
  sleep 0.5
done
[ "$status" = 200 ] || die "the bot did not report healthy within 5 minutes (last /healthz status: $status; log: $LOGS/bot.log)"

# Playground
say "Starting the Microsoft 365 Agents Playground"
start playground .local/playground "$LOGS/playground.log" env TEAMSAPPTESTER_BROWSER=none \
  TEAMSAPPTESTER_LOGFILE="$LOGS/playground-events.log" \
  node "$PWD/tools/node_modules/@microsoft/m365agentsplayground/cli.js" \
  -e "http://127.0.0.1:$BOT_PORT/api/messages" -c msteams -p "$PLAYGROUND_PORT" --disable-telemetry
playground_pid="${groups[-1]}"
playground_port=""
for _ in $(seq 1 150); do
  check_alive "$playground_pid" "The Playground" "$LOGS/playground.log"
  # It falls back to a random port when the requested one is taken, and says which.
  playground_port="$(sed -n 's/^Listening on \([0-9]*\).*/\1/p' "$LOGS/playground.log" | head -n 1)"
  [ -n "$playground_port" ] && break
  sleep 0.2
done
[ -n "$playground_port" ] || die "the Playground did not start within 30 s (log: $LOGS/playground.log)"

cat <<MSG

  PeerBot is running.

  Open      http://localhost:$playground_port   (Microsoft 365 Agents Playground)
  and type  /findpeer VP marketing

  Bot       http://127.0.0.1:$BOT_PORT/api/messages   (health: http://127.0.0.1:$BOT_PORT/healthz)
  Storage   Azurite on 127.0.0.1:10000-10002, data kept in .local/azurite
  Logs      .local/logs/bot.log, azurite.log, playground.log

  Press Ctrl-C to stop.

MSG

# Stay in the foreground until Ctrl-C, or until one of the services dies.
while true; do
  for i in "${!groups[@]}"; do
    if ! alive "${groups[i]}"; then
      die "${names[i]} stopped unexpectedly (log: $LOGS/${names[i]}.log); stopping the rest."
    fi
  done
  sleep 1
done
