#!/usr/bin/env python3
"""Regenerates data/kubernetes-schemas.json.gz from the PyPI package `kubernetes-validate`
(Apache-2.0), which ships the strict JSON Schemas derived from the official OpenAPI of every
Kubernetes version we support.

    python3 scripts/gen-schemas.py [WHEEL]

Without WHEEL it downloads the newest wheel with pip. For each version 1.25..1.37 it reads
`v1.X.0-local-strict/_definitions.json`, keeps only what validation needs (drops
descriptions and patch hints), and stores every distinct definition once:

    {"source": "kubernetes-validate 1.37.0",
     "definitions": [<schema>, ...],
     "versions": {"1.25": {"<name>": <index>, ...}, ...}}
"""
import glob
import gzip
import json
import os
import subprocess
import sys
import tempfile
import zipfile

VERSIONS = [f"1.{m}" for m in range(25, 38)]
KEEP = {
    "type", "properties", "additionalProperties", "items", "required", "enum", "format",
    "oneOf", "anyOf", "allOf", "$ref", "x-kubernetes-group-version-kind",
    "x-kubernetes-list-type", "x-kubernetes-list-map-keys", "x-kubernetes-int-or-string",
    "x-kubernetes-preserve-unknown-fields", "x-kubernetes-embedded-resource",
    "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems", "pattern",
}


def strip(node, under_properties=False):
    if isinstance(node, dict):
        out = {}
        for k, v in node.items():
            if under_properties:
                out[k] = strip(v)  # property names are data, keep them all
            elif k == "x-kubernetes-group-version-kind":
                out[k] = v  # data, not schema
            elif k in KEEP:
                out[k] = strip(v, under_properties=(k == "properties"))
        if not under_properties and isinstance(out.get("$ref"), str):
            out["$ref"] = out["$ref"].split("/")[-1]
        return out
    if isinstance(node, list):
        return [strip(v) for v in node]
    return node


def main():
    wheel = sys.argv[1] if len(sys.argv) > 1 else None
    with tempfile.TemporaryDirectory() as tmp:
        if wheel is None:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q",
                            "kubernetes-validate", "-d", tmp], check=True)
            wheel = glob.glob(os.path.join(tmp, "kubernetes_validate-*.whl"))[0]
        name = os.path.basename(wheel).split("-")
        source = f"kubernetes-validate {name[1]}"
        bodies, index, versions = [], {}, {}
        with zipfile.ZipFile(wheel) as z:
            for v in VERSIONS:
                path = f"kubernetes_validate/kubernetes-json-schema/v{v}.0-local-strict/_definitions.json"
                defs = json.loads(z.read(path))["$defs"]
                table = {}
                for def_name, body in sorted(defs.items()):
                    text = json.dumps(strip(body), sort_keys=True, separators=(",", ":"))
                    if text not in index:
                        index[text] = len(bodies)
                        bodies.append(json.loads(text))
                    table[def_name] = index[text]
                versions[v] = table
    out = {"source": source, "definitions": bodies, "versions": versions}
    data = json.dumps(out, sort_keys=True, separators=(",", ":")).encode()
    dest = os.path.join(os.path.dirname(__file__), "..", "data", "kubernetes-schemas.json.gz")
    with open(dest, "wb") as f:
        # mtime=0 keeps the file byte-identical across runs.
        f.write(gzip.compress(data, compresslevel=9, mtime=0))
    print(f"{source}: {len(bodies)} distinct definitions over {len(versions)} versions, "
          f"{len(data)} bytes of JSON, {os.path.getsize(dest)} compressed")


if __name__ == "__main__":
    main()
