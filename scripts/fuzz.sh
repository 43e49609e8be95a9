#!/usr/bin/env bash
# Fuzzes the loader and the whole check pipeline with cargo fuzz (libFuzzer) for a bounded
# time per target: `scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]` (default 60 s, targets
# `load` and `lint`). Seeds each corpus from fixtures/ and, when present, the shared corpus
# beside the repository; copies are made at run time and never committed. A finding leaves
# its input in fuzz/artifacts/TARGET/ and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(load lint)

if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi
# libFuzzer needs nightly flags; the one stable toolchain accepts them with RUSTC_BOOTSTRAP.
export RUSTC_BOOTSTRAP=1

shared=""
for d in ../shared/corpus /work/shared/corpus; do
  if [ -d "$d" ]; then shared="$d"; break; fi
done
for t in "${targets[@]}"; do
  mkdir -p "fuzz/corpus/$t"
  find fixtures tests/data ${shared:+"$shared"} -type f \
    \( -name '*.yaml' -o -name '*.yml' -o -name '*.json' \) -size -64k -print0 |
    while IFS= read -r -d '' f; do
      cp "$f" "fuzz/corpus/$t/seed-$(printf '%s' "$f" | cksum | cut -d' ' -f1)"
    done
done

# Safe Rust: the address sanitizer adds little, and costs half the speed.
cargo fuzz build -s none -O 2>&1 | tail -n 3
for t in "${targets[@]}"; do
  echo "fuzz: $t for ${seconds}s"
  cargo fuzz run -s none -O "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$seconds" -max_len=65536 -timeout=20 -rss_limit_mb=2048 \
    -dict=fuzz/yaml.dict -print_final_stats=1 2>&1 | grep -E '^(#[0-9]+[[:space:]]+(DONE|INITED)|stat::|==|SUMMARY|.*panicked|Test unit written|artifact_prefix)' || true
  # crash-, timeout-, oom- and leak- inputs are findings; slow-unit- ones are only reported.
  found=$(find "fuzz/artifacts/$t" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' \
    -o -name 'leak-*' \) 2>/dev/null || true)
  if [ -n "$found" ]; then
    echo "fuzz: $t found a failing input:" $found
    exit 1
  fi
done
