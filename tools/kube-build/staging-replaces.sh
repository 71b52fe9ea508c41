#!/usr/bin/env bash
# Prints the replace lines that map every staging module of a k8s.io/kubernetes go.mod
# to its published version. Usage: staging-replaces.sh <path/to/kubernetes.go.mod> <v0.X.Y>
#
# Upstream writes them as `k8s.io/foo => ./staging/src/k8s.io/foo`, either inside a
# `replace ( ... )` block or as single `replace` lines; both are handled.
set -euo pipefail
mod_file="$1"
staging_version="$2"
awk -v ver="$staging_version" '
  {
    line = $0
    sub(/^[[:space:]]*replace[[:space:]]+/, "", line)
    if (match(line, /^[[:space:]]*[^[:space:]]+[[:space:]]+=>[[:space:]]+\.\/staging\/src\//)) {
      split(line, f, /[[:space:]]+/)
      module = (f[1] == "" ? f[2] : f[1])
      printf "\t%s => %s %s\n", module, module, ver
    }
  }
' "$mod_file"
