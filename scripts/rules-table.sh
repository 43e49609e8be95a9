#!/usr/bin/env bash
# Prints the README's rule table from the catalog: kubectl lint rules -o json, grouped by category.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -- --no-config rules -o json | python3 -c '
import json, sys
order = ["correctness", "security", "reliability", "best-practice", "pedantic", "restriction"]
rules = json.load(sys.stdin)["rules"]
print("| rule | category | default | |")
print("| --- | --- | --- | --- |")
for r in sorted(rules, key=lambda r: (order.index(r["category"]), r["id"])):
    print("| `%s` | %s | %s | %s |" % (r["id"], r["category"], r["level"], r["summary"]))
'
