#!/usr/bin/env bash
# Installs checkov (from PyPI) into a virtual environment under target/, then runs the
# throughput benchmark, which finds it there and times it on the same generated corpus as
# kubectl-lint (a subset: checkov runs about 150 objects/s here).
#
#   scripts/bench-checkov.sh [OBJECTS] [OBJECTS_PER_FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/checkov-venv
if [ ! -x "$venv/bin/checkov" ]; then
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --upgrade pip
  "$venv/bin/pip" install --quiet checkov
fi
"$venv/bin/checkov" --version
KUBECTL_LINT_CHECKOV="$venv/bin/checkov" cargo bench --bench throughput -- "$@"
