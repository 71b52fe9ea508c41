#!/usr/bin/env bash
# The benchmark command: `npm run bench` (all suites) or `npm run bench -- <suite>…`.
# Prints figures with the machine and date; see docs/benchmarks.md for recorded results.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$REPO_ROOT"
ensure_node
ensure_node_modules
bash scripts/services.sh up
eval "$(bash scripts/services.sh env)"
bash tools/kube-build/build.sh
exec node --import tsx tools/bench/src/main.ts "$@"
