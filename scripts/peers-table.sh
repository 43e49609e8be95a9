#!/usr/bin/env bash
# Prints the README's table of peer checks from the catalog (each rule's `peers:`):
# what it checks, our rule id, and the kube-linter, kube-score and Polaris checks it stands for.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run -q -- --no-config rules -o json | python3 -c '
import json, sys
rules = [r for r in json.load(sys.stdin)["rules"] if any(r["peers"].get(t) for t in ("kube-linter", "kube-score", "polaris"))]
def cell(r, tool):
    return ", ".join("`%s`" % n for n in r["peers"].get(tool, [])) or "—"
print("| what it checks | rule | kube-linter | kube-score | Polaris |")
print("| --- | --- | --- | --- | --- |")
for r in sorted(rules, key=lambda r: r["id"]):
    print("| %s | `%s` | %s | %s | %s |" % (r["summary"], r["id"], cell(r, "kube-linter"), cell(r, "kube-score"), cell(r, "polaris")))
'
