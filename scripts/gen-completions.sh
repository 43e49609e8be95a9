#!/usr/bin/env bash
# Regenerates completions/ from the command-line definitions (tests/completions.rs checks them).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build -q
bin=target/debug/kubectl-lint
$bin completions bash > completions/kubectl-lint.bash
$bin completions zsh > completions/_kubectl-lint
$bin completions fish > completions/kubectl-lint.fish
$bin completions powershell > completions/kubectl-lint.ps1
