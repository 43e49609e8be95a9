#!/usr/bin/env bash
# Release packaging for krew (https://krew.sigs.k8s.io), the kubectl plugin manager.
#
#   scripts/krew.sh package [RUST_TARGET]    build (release) and pack dist/kubectl-lint-vX-OS-ARCH.tar.gz
#   scripts/krew.sh pack BINARY OS ARCH DIST pack an already built binary (with LICENSE and README.md)
#   scripts/krew.sh manifest DIST            print the krew manifest for the archives in DIST
#
# A release: run `package` once per target (x86_64/aarch64 Linux and macOS, x86_64 Windows)
# on a machine that builds it, upload dist/* to the release vX, then
#   scripts/krew.sh manifest dist > plugins/lint.yaml
# commit it and submit it to krew-index. Archives go to KREW_BASE_URL/vX/ (default: the GitHub
# release of this repository); KREW_ALLOW_MISSING=1 writes an all-zero sha256 for an archive
# not in DIST (the committed plugins/lint.yaml between releases). tests/krew.rs checks both.
set -euo pipefail
cd "$(dirname "$0")/.."

HOMEPAGE="${KREW_HOMEPAGE:-https://github.com/kubectl-lint/kubectl-lint}"
BASE_URL="${KREW_BASE_URL:-$HOMEPAGE/releases/download}"
VERSION="v$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -n 1)"
# krew's os/arch labels (Go's GOOS/GOARCH) and the Rust targets that build them.
PLATFORMS="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64"

rust_target() {
  case "$1" in
    linux/amd64) echo x86_64-unknown-linux-musl ;;
    linux/arm64) echo aarch64-unknown-linux-musl ;;
    darwin/amd64) echo x86_64-apple-darwin ;;
    darwin/arm64) echo aarch64-apple-darwin ;;
    windows/amd64) echo x86_64-pc-windows-msvc ;;
    *) echo "unknown platform $1" >&2; return 1 ;;
  esac
}

exe() { if [ "$1" = windows ]; then echo kubectl-lint.exe; else echo kubectl-lint; fi; }

archive() { echo "kubectl-lint-$VERSION-$1-$2.tar.gz"; }

pack() {
  local binary="$1" os="$2" arch="$3" dist="$4" stage
  stage="$(mktemp -d)"
  cp "$binary" "$stage/$(exe "$os")"
  cp LICENSE README.md "$stage/"
  mkdir -p "$dist"
  tar -C "$stage" -czf "$dist/$(archive "$os" "$arch")" "$(exe "$os")" LICENSE README.md
  rm -rf "$stage"
  echo "$dist/$(archive "$os" "$arch")"
}

manifest() {
  local dist="$1" platform os arch file sha
  cat <<YAML
# The krew manifest (https://krew.sigs.k8s.io/docs/developer-guide/plugin-manifest/), written by
# scripts/krew.sh manifest from the release archives; tests/krew.rs validates it as krew does.
apiVersion: krew.googlecontainertools.github.com/v1alpha2
kind: Plugin
metadata:
  name: lint
spec:
  version: $VERSION
  homepage: $HOMEPAGE
  shortDescription: Lint manifests offline, every finding at its line and column
  description: |
    Lints Kubernetes manifests before they reach a cluster: what the API server
    would refuse (field validation, immutable fields on update), what the
    scheduler and the kubelet would do with them, and common mistakes. Each
    finding is reported at the exact line and column of the offending field.
    Works offline; reads a cluster (GET only) only with --live.
    Output formats for CI: sarif, github, junit, json.
  caveats: |
    Usage:
      kubectl lint -f deploy/ -R
      kubectl lint rules
      kubectl lint explain selector-mismatch
  platforms:
YAML
  for platform in $PLATFORMS; do
    os="${platform%/*}"
    arch="${platform#*/}"
    file="$dist/$(archive "$os" "$arch")"
    if [ -f "$file" ]; then
      sha="$(sha256sum "$file" | cut -d' ' -f1)"
    elif [ "${KREW_ALLOW_MISSING:-}" = 1 ]; then
      sha="$(printf '0%.0s' $(seq 64))"
    else
      echo "missing $file (run: scripts/krew.sh package $(rust_target "$platform"))" >&2
      return 1
    fi
    cat <<YAML
    - selector:
        matchLabels:
          os: $os
          arch: $arch
      uri: $BASE_URL/$VERSION/$(archive "$os" "$arch")
      sha256: "$sha"
      files:
        - from: $(exe "$os")
          to: .
        - from: LICENSE
          to: .
      bin: $(exe "$os")
YAML
  done
}

case "${1:-}" in
  package)
    target="${2:-}"
    if [ -z "$target" ]; then
      cargo build --release --locked
      binary=target/release/kubectl-lint
      platform="$(uname -s | tr '[:upper:]' '[:lower:]')/$(uname -m | sed 's/x86_64/amd64/;s/aarch64/arm64/')"
    else
      cargo build --release --locked --target "$target"
      platform=""
      for p in $PLATFORMS; do [ "$(rust_target "$p")" = "$target" ] && platform="$p"; done
      [ -n "$platform" ] || { echo "no krew platform for $target" >&2; exit 2; }
      binary="target/$target/release/$(exe "${platform%/*}")"
    fi
    pack "$binary" "${platform%/*}" "${platform#*/}" dist
    ;;
  pack) pack "$2" "$3" "$4" "$5" ;;
  manifest) manifest "$2" ;;
  *) sed -n '2,14p' "$0" >&2; exit 2 ;;
esac
