#!/usr/bin/env bash
# The run command: `npm start` (embedded, no services needed) or `npm start -- --services`
# (PostgreSQL, Redis and NATS JetStream installed and started locally, one process per role).
# `--dev` runs the web app with `next dev` (hot reload) instead of the production build.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

use_services=0
for arg in "$@"; do
  case "$arg" in
    --services) use_services=1 ;;
    --dev) export HKS_WEB_MODE=dev ;;
    -h | --help)
      sed -n '2,4p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    *) die "unknown option: $arg (try --services, --dev)" ;;
  esac
done

ensure_node
ensure_node_modules
mkdir -p "$STATE_DIR"
export HKS_STATE_DIR="$STATE_DIR"

if [ "$use_services" -eq 1 ]; then
  bash "$REPO_ROOT/scripts/services.sh" up
  eval "$(bash "$REPO_ROOT/scripts/services.sh" env)"
else
  unset DATABASE_URL REDIS_URL NATS_URL
fi

if [ "${HKS_WEB_MODE:-production}" != "dev" ]; then
  bash "$REPO_ROOT/scripts/build-web.sh"
fi

exec node --import tsx tools/launcher/src/run-platform.ts
