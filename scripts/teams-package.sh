#!/usr/bin/env bash
# Builds the Teams app package artifacts/peerbot-teams.zip (manifest.json, color.png, outline.png).
# Settings: APP_ID, BOT_ID, BOT_DOMAIN (required), APP_VERSION, DEVELOPER_NAME, WEBSITE_URL, PRIVACY_URL,
# TERMS_URL (optional), from environment variables or a JSON file given as --settings FILE.
#   APP_ID=... BOT_ID=... BOT_DOMAIN=my-peerbot.azurewebsites.net scripts/teams-package.sh
#   scripts/teams-package.sh --settings manifest/teams/settings.example.json
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -d "$root/tools/node_modules/@microsoft/app-manifest" ]; then
  npm ci --prefix "$root/tools" --no-audit --no-fund >/dev/null
fi
exec node "$root/manifest/teams/build/package.mjs" "$@"
