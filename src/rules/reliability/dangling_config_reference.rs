//! `dangling-config-reference`: a pod refers to a ConfigMap or Secret (env `valueFrom`,
//! `envFrom`, a `configMap`, `secret` or `projected` volume) that is not in the input.
//! Informational: the object may exist in the cluster. References marked `optional: true`
//! are never reported. (A key missing from a ConfigMap or Secret that is in the input is
//! `missing-config-key`'s.)
//! source: pkg/kubelet/kubelet_pods.go makeEnvironmentVariables (a missing non-optional
//! ConfigMap, Secret or key fails the container with CreateContainerConfigError);
//! pkg/volume/configmap/configmap.go SetUpAt (the pod waits in ContainerCreating)

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: DanglingConfigReference = DanglingConfigReference;

pub(super) struct DanglingConfigReference;

/// One reference: the kind, where its name is, the name, and the keys it needs (with where
/// each is written).
pub(super) struct Ref<'a> {
    pub kind: &'static str,
    pub at: FieldPath,
    pub name: &'a str,
    pub keys: Vec<(FieldPath, &'a str)>,
    /// An env `valueFrom` key: read from a ConfigMap's `data` only, not `binaryData`.
    pub env: bool,
}

fn optional(v: &Value) -> bool {
    v.field("optional").and_then(Value::as_bool) == Some(true)
}

/// A `{name|secretName, items: [{key}]}` source at `at`.
fn source<'a>(kind: &'static str, v: &'a Value, at: FieldPath, name_key: &str) -> Option<Ref<'a>> {
    if optional(v) {
        return None;
    }
    let name = v.field(name_key)?.as_str()?;
    let keys = v
        .field("items")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .filter_map(|(i, item)| {
            Some((at.clone().field("items").index(i).field("key"), item.field("key")?.as_str()?))
        })
        .collect();
    Some(Ref {
        kind,
        at: at.field(name_key.to_string()),
        name,
        keys,
        env: false,
    })
}

/// Every non-optional reference of a pod spec (paths relative to the pod spec).
pub(super) fn references(spec: &Value) -> Vec<Ref<'_>> {
    let mut out = Vec::new();
    for field in ["initContainers", "containers", "ephemeralContainers"] {
        let list = spec.field(field).and_then(Value::as_array);
        for (ci, c) in list.into_iter().flatten().enumerate() {
            let base = FieldPath::root().field(field).index(ci);
            let env = c.field("env").and_then(Value::as_array);
            for (ei, e) in env.into_iter().flatten().enumerate() {
                for (key, kind) in [("configMapKeyRef", "ConfigMap"), ("secretKeyRef", "Secret")] {
                    let Some(r) = e.field("valueFrom").and_then(|v| v.field(key)) else {
                        continue;
                    };
                    let at = base.clone().field("env").index(ei).field("valueFrom").field(key);
                    if optional(r) {
                        continue;
                    }
                    let Some(name) = r.field("name").and_then(Value::as_str) else {
                        continue;
                    };
                    let keys = r
                        .field("key")
                        .and_then(Value::as_str)
                        .map(|k| vec![(at.clone().field("key"), k)])
                        .unwrap_or_default();
                    out.push(Ref {
                        kind,
                        at: at.field("name"),
                        name,
                        keys,
                        env: true,
                    });
                }
            }
            let env_from = c.field("envFrom").and_then(Value::as_array);
            for (ei, e) in env_from.into_iter().flatten().enumerate() {
                for (key, kind) in [("configMapRef", "ConfigMap"), ("secretRef", "Secret")] {
                    if let Some(r) = e.field(key) {
                        let at = base.clone().field("envFrom").index(ei).field(key);
                        out.extend(source(kind, r, at, "name"));
                    }
                }
            }
        }
    }
    let volumes = spec.field("volumes").and_then(Value::as_array);
    for (vi, v) in volumes.into_iter().flatten().enumerate() {
        let at = FieldPath::root().field("volumes").index(vi);
        if let Some(r) = v.field("configMap") {
            out.extend(source("ConfigMap", r, at.clone().field("configMap"), "name"));
        }
        if let Some(r) = v.field("secret") {
            out.extend(source("Secret", r, at.clone().field("secret"), "secretName"));
        }
        let sources = v.at("/projected/sources").and_then(Value::as_array);
        for (si, s) in sources.into_iter().flatten().enumerate() {
            let sat = at.clone().field("projected").field("sources").index(si);
            if let Some(r) = s.field("configMap") {
                out.extend(source("ConfigMap", r, sat.clone().field("configMap"), "name"));
            }
            if let Some(r) = s.field("secret") {
                out.extend(source("Secret", r, sat.clone().field("secret"), "name"));
            }
        }
    }
    out
}

/// Whether a ConfigMap (`data`, `binaryData`) or Secret (`data`, `stringData`) has `key`.
/// An env reference reads a ConfigMap's `data` only.
pub(super) fn has_key(object: &Value, key: &str, env: bool) -> bool {
    let fields: &[&str] = if env {
        &["data", "stringData"]
    } else {
        &["data", "binaryData", "stringData"]
    };
    fields
        .iter()
        .any(|f| object.field(f).and_then(|d| d.field(key)).is_some())
}

impl Rule for DanglingConfigReference {
    fn id(&self) -> &str {
        "dangling-config-reference"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.json() else { return };
        let o = cx.object.object;
        let ws = cx.object.workspace;
        for r in references(spec) {
            let found = ws
                .index()
                .named(ws, r.kind, o.namespace.as_deref(), r.name)
                .any(|x| x.object.group().is_empty());
            if !found {
                out.emit(
                    Diagnostic::new(format!("{} `{}` is not in the input", r.kind, r.name), cx.at(&r.at))
                        .label(format!("no such {} here", r.kind))
                        .help(format!("make sure the {} exists in the namespace before the pods start, or mark the reference `optional: true`", r.kind)),
                );
            }
        }
    }
}
