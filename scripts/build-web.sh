#!/usr/bin/env bash
# Builds the web app's production bundle, skipping the build when neither its sources nor the API
# origin it proxies to have changed since the last build (a build takes minutes on 2 cores).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

api_origin="${HKS_API_ORIGIN:-http://${HKS_HOST:-127.0.0.1}:${HKS_PORT:-8080}}"
stamp="$STATE_DIR/web-build.sha256"
want="$(
  {
    echo "$api_origin"
    find apps/web packages/contracts packages/api-client \
      \( -name node_modules -o -name .next -o -name 'test-results' -o -name e2e \) -prune -o -type f -print0 \
      | sort -z | xargs -0 sha256sum
    sha256sum package-lock.json
  } | sha256sum | cut -d' ' -f1
)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ] && [ -f apps/web/.next/BUILD_ID ]; then
  exit 0
fi
say "building the web app (next build)"
(cd apps/web && HKS_API_ORIGIN="$api_origin" NEXT_TELEMETRY_DISABLED=1 npx next build) || die "next build failed"
mkdir -p "$STATE_DIR"
echo "$want" >"$stamp"
