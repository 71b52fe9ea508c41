#!/usr/bin/env bash
# The test command: `npm test`. Installs what is missing, starts the real services, then runs every
# quality gate in order. The first failing gate stops the run with its output and a non-zero exit.
#
#   npm test                    every gate
#   npm test -- unit lint       only the named gates (typecheck lint unit integration e2e)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"

all_gates=(typecheck lint unit integration e2e)
gates=("$@")
[ ${#gates[@]} -eq 0 ] && gates=("${all_gates[@]}")
for gate in "${gates[@]}"; do
  [[ " ${all_gates[*]} " == *" $gate "* ]] || die "unknown gate '$gate' (gates: ${all_gates[*]})"
done
wants() { [[ " ${gates[*]} " == *" $1 "* ]]; }

ensure_node
ensure_node_modules
if wants e2e; then
  ensure_debian_packages chromium fonts-liberation
fi
if wants integration || wants e2e; then
  bash scripts/services.sh up
  eval "$(bash scripts/services.sh env)"
fi
if wants integration; then
  # kube-apiserver, kube-controller-manager, kubectl and etcd from Go modules: minutes the first
  # time on a machine, a no-op afterwards (cached outside the checkout, keyed by version).
  bash tools/kube-build/build.sh
fi

summary=()
run_gate() {
  local name=$1
  shift
  say "gate: $name"
  local started=$SECONDS
  if "$@"; then
    summary+=("  ok    $name ($((SECONDS - started))s)")
  else
    summary+=("  FAIL  $name ($((SECONDS - started))s)")
    printf '%s\n' "${summary[@]}" >&2
    die "gate '$name' failed"
  fi
}

wants typecheck && run_gate typecheck npm run --silent typecheck
wants lint && run_gate lint npm run --silent lint
wants unit && run_gate unit npx vitest run --project unit
wants integration && run_gate integration npx vitest run --project integration
# The e2e stack runs the API embedded on a fresh state directory, independent of the services.
wants e2e && run_gate e2e env -u DATABASE_URL -u REDIS_URL -u NATS_URL PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
  npx playwright test -c apps/web/playwright.config.ts

say "all gates passed"
printf '%s\n' "${summary[@]}"
