#!/usr/bin/env bash
# Builds the pinned local Kubernetes control plane (kube-apiserver, kube-controller-manager,
# kubectl, etcd) from the Go module proxy and caches the binaries OUTSIDE the checkout:
#
#   ${HKS_KUBE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-kaas/kube}/<kube>-etcd<etcd>/bin/
#
# The directory is keyed by the versions in versions.env, so a second run (or a fresh clone on
# the same machine) only verifies that the binaries are there. The build happens in a sibling
# temporary directory that is renamed into place when every binary has been built and has
# answered --version, so an interrupted build is never mistaken for a finished one.
#
# Usage: build.sh              build if needed, print the bin dir on the last line
#        build.sh --print-bin-dir   print the bin dir without building
#        build.sh --force      rebuild even if the cache is complete
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=versions.env
source "$here/versions.env"

cache_root="${HKS_KUBE_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/hexabase-kaas/kube}"
key="${KUBE_VERSION}-etcd${ETCD_VERSION}"
final_dir="$cache_root/$key"
bin_dir="$final_dir/bin"
binaries=(kube-apiserver kube-controller-manager kubectl etcd)

force=0
case "${1:-}" in
  --print-bin-dir) echo "$bin_dir"; exit 0 ;;
  --force) force=1 ;;
  "") ;;
  *) echo "usage: $0 [--print-bin-dir|--force]" >&2; exit 2 ;;
esac

log() { printf '[kube-build %4ss] %s\n' "$SECONDS" "$*" >&2; }
fail() {
  printf '\nkube-build: ERROR: %s\n' "$1" >&2
  shift
  for hint in "$@"; do printf '  - %s\n' "$hint" >&2; done
  exit 1
}

is_complete() {
  [[ -f "$final_dir/COMPLETE" ]] || return 1
  for b in "${binaries[@]}"; do [[ -x "$bin_dir/$b" ]] || return 1; done
}

if [[ $force -eq 0 ]] && is_complete; then
  log "up to date: $key ($bin_dir)"
  echo "$bin_dir"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  fail "the Go toolchain ('go') is not on PATH; it is needed to build Kubernetes $KUBE_VERSION and etcd $ETCD_VERSION." \
    "install Go >= 1.26 from https://go.dev/dl/ (or your package manager) and make sure 'go version' works" \
    "then re-run: tools/kube-build/build.sh"
fi
go_version="$(go env GOVERSION)"
if ! go_minor="$(sed -n 's/^go1\.\([0-9]*\).*/\1/p' <<<"$go_version")" || [[ -z "$go_minor" || "$go_minor" -lt 25 ]]; then
  fail "found $go_version, but Kubernetes $KUBE_VERSION needs Go >= 1.25 (etcd $ETCD_VERSION needs >= 1.26)." \
    "install a newer Go from https://go.dev/dl/, or set GOTOOLCHAIN=auto so go fetches one, then re-run tools/kube-build/build.sh"
fi

mkdir -p "$cache_root"
# Serialize concurrent builds (parallel test files in a fresh clone): the second waits, then
# finds the cache complete.
exec 9>"$cache_root/.build.lock"
if ! flock -n 9; then
  log "another build of the control plane is running; waiting for it"
  flock 9
fi
if [[ $force -eq 0 ]] && is_complete; then
  log "up to date (built by a concurrent run): $key"
  echo "$bin_dir"
  exit 0
fi

work_dir="$(mktemp -d "$cache_root/.$key.partial.XXXXXX")"
trap 'rm -rf "$work_dir"' EXIT
mkdir -p "$work_dir/bin"

# Same build date for every build of a version: the module's publication time.
kube_info="$(go mod download -json "k8s.io/kubernetes@$KUBE_VERSION" 2>/dev/null | sed -n 's/^[[:space:]]*"Info": "\(.*\)",$/\1/p' || true)"
build_date="$( { [[ -n "$kube_info" ]] && sed -n 's/.*"Time":"\([^"]*\)".*/\1/p' "$kube_info"; } || true)"
build_date="${build_date:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}"
build_date="${build_date%Z}"; build_date="${build_date%%.*}Z"

kube_major="$(cut -d. -f1 <<<"${KUBE_VERSION#v}")"
kube_minor="$(cut -d. -f2 <<<"${KUBE_VERSION#v}")"
# Same variables upstream's hack/lib/version.sh stamps: component-base/version feeds the
# servers' /version, client-go/pkg/version feeds `kubectl version`'s client side.
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=$kube_major -X $pkg.gitMinor=$kube_minor"
  ldflags+=" -X $pkg.gitTreeState=archive -X $pkg.buildDate=$build_date"
done

# Static binaries, as upstream releases them. -mod=readonly: build exactly the checked-in
# go.mod/go.sum (any -mod the caller's GOFLAGS carries would conflict, so it is dropped).
export CGO_ENABLED=0 GOFLAGS="$(sed -E 's/(^| )-mod=[^ ]*//g' <<<"${GOFLAGS:-}") -mod=readonly"
log "building Kubernetes $KUBE_VERSION (kube-apiserver, kube-controller-manager, kubectl) with $go_version"
log "this takes 10-30 minutes on a small machine the first time; later builds reuse GOCACHE ($(go env GOCACHE))"
if ! (cd "$here/kubernetes" && go build -trimpath -ldflags "$ldflags" -o "$work_dir/bin/" \
  k8s.io/kubernetes/cmd/kube-apiserver \
  k8s.io/kubernetes/cmd/kube-controller-manager \
  k8s.io/kubernetes/cmd/kubectl); then
  fail "go build of Kubernetes $KUBE_VERSION failed (see the compiler output above)." \
    "if modules could not be downloaded: check GOPROXY ($(go env GOPROXY)) and network access to it" \
    "if go.mod/go.sum are reported inconsistent: run tools/kube-build/generate-modules.sh" \
    "if the compiler ran out of memory: close other builds and re-run with GOMAXPROCS=1" \
    "then re-run: tools/kube-build/build.sh"
fi
log "building etcd $ETCD_VERSION"
if ! (cd "$here/etcd" && go build -trimpath -ldflags "-s -w" -o "$work_dir/bin/etcd" go.etcd.io/etcd/server/v3); then
  fail "go build of etcd $ETCD_VERSION failed (see the compiler output above)." \
    "check GOPROXY ($(go env GOPROXY)); if go.mod/go.sum are inconsistent run tools/kube-build/generate-modules.sh" \
    "then re-run: tools/kube-build/build.sh"
fi

log "verifying the binaries"
for b in kube-apiserver kube-controller-manager; do
  out="$("$work_dir/bin/$b" --version)" || fail "$b --version failed after the build"
  [[ "$out" == *"$KUBE_VERSION"* ]] || fail "$b reports '$out', expected $KUBE_VERSION (version stamping broken)"
  log "  $b: $out"
done
out="$("$work_dir/bin/kubectl" version --client 2>&1)" || fail "kubectl version --client failed after the build"
[[ "$out" == *"$KUBE_VERSION"* ]] || fail "kubectl reports '$out', expected $KUBE_VERSION (version stamping broken)"
log "  kubectl: $(head -1 <<<"$out")"
out="$("$work_dir/bin/etcd" --version)" || fail "etcd --version failed after the build"
[[ "$out" == *"${ETCD_VERSION#v}"* ]] || fail "etcd reports '$out', expected $ETCD_VERSION"
log "  etcd: $(head -1 <<<"$out")"

printf 'kube=%s\netcd=%s\ngo=%s\nbuilt=%s\n' "$KUBE_VERSION" "$ETCD_VERSION" "$go_version" "$(date -u +%FT%TZ)" > "$work_dir/COMPLETE"
rm -rf "$final_dir"
mv "$work_dir" "$final_dir"
trap - EXIT
log "done: $bin_dir"
echo "$bin_dir"
