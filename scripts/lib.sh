# Shared helpers for the project's scripts. Sourced, not run.
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
STATE_DIR="${HKS_STATE_DIR:-$REPO_ROOT/.state}"
case "$STATE_DIR" in /*) ;; *) STATE_DIR="$REPO_ROOT/$STATE_DIR" ;; esac

say() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }
warn() { printf '\033[1;33mwarning:\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31merror:\033[0m %s\n' "$*" >&2; exit 1; }

# Installs Debian packages that are missing. `apt-get update` runs at most once per call, and only
# when something is actually missing, so a second run of any script is fast.
APT_UPDATED=0
ensure_debian_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "need root or sudo to install: ${missing[*]}"
    sudo="sudo"
  fi
  say "installing Debian packages: ${missing[*]}"
  if [ "$APT_UPDATED" -eq 0 ]; then
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 update -qq >&2 || die "apt-get update failed"
    APT_UPDATED=1
  fi
  # policy-rc.d would be the polite way to stop postinst from starting system services; the
  # packages' own services are harmless here because ours run on other ports and directories.
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 install -y -qq --no-install-recommends "${missing[@]}" >&2 \
    || die "apt-get install ${missing[*]} failed"
}

# Installs npm dependencies when the lockfile changed since the last successful install.
ensure_node_modules() {
  local stamp="$STATE_DIR/npm-ci.sha256"
  local want
  want="$(cat "$REPO_ROOT/package-lock.json" "$REPO_ROOT/package.json" | sha256sum | cut -d' ' -f1)"
  if [ -d "$REPO_ROOT/node_modules" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return 0
  fi
  say "installing npm dependencies (npm ci)"
  # Browsers come from Debian (chromium), never from a test tool's own download.
  (cd "$REPO_ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error) \
    || die "npm ci failed"
  mkdir -p "$STATE_DIR"
  echo "$want" >"$stamp"
}

node_version_ok() {
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit((a===20&&b>=19)||a>=22?0:1)'
}

ensure_node() {
  command -v node >/dev/null || die "Node.js is not installed (need 20.19+ or 22+)"
  node_version_ok || die "Node.js $(node --version) is too old (need 20.19+ or 22+)"
}
