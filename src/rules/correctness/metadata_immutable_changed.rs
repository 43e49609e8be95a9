//! `metadata-immutable-changed`: an update that changes ObjectMeta the API server keeps
//! fixed: `uid`, a `deletionTimestamp` added, `deletionGracePeriodSeconds` changed, or
//! finalizers added while the object is being deleted.
//! source: apimachinery pkg/api/validation/objectmeta.go ValidateObjectMetaAccessorUpdate;
//! apiserver pkg/registry/rest/update.go BeforeUpdate (what it restores from OLD, so that
//! `creationTimestamp`, a kept `deletionTimestamp`, `generation` and a missing
//! `resourceVersion` or `uid` are never refused)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: MetadataImmutableChanged = MetadataImmutableChanged;

pub(super) struct MetadataImmutableChanged;

/// What one field of the update does wrong.
enum Change<'a> {
    /// `ValidateImmutableField`: the NEW value, and the OLD one for the message.
    Immutable {
        field: &'static str,
        old: Option<&'a Value>,
    },
    /// Finalizers added while OLD has a `deletionTimestamp`, sorted, and the index in NEW of
    /// the first one added.
    Finalizers(Vec<&'a str>, usize),
}

fn diagnostic(cx: &UpdateCx<'_>, change: Change<'_>) -> Diagnostic {
    match change {
        Change::Immutable { field, old } => {
            let path = FieldPath::parse("metadata").field(field);
            let was = match old {
                Some(v) => format!("it was `{}`", scalar(v)),
                None => "it was not set".to_string(),
            };
            Diagnostic::new(
                format!("`metadata.{field}` cannot change on an update ({was})"),
                cx.at(path.clone()),
            )
            .label("changed")
            .help(match field {
                "uid" => "remove `metadata.uid` from the manifest (the API server keeps the old one)",
                "deletionTimestamp" => "remove `metadata.deletionTimestamp`; delete the object with `kubectl delete` instead",
                _ => "remove `metadata.deletionGracePeriodSeconds` from the manifest (the API server keeps the old value)",
            })
            .api_error(path.to_string(), "Invalid", "field is immutable")
        }
        Change::Finalizers(added, first) => {
            let path = FieldPath::parse("metadata.finalizers");
            let quoted: Vec<String> = added.iter().map(|f| format!("{f:?}")).collect();
            let listed: Vec<String> = added.iter().map(|f| format!("`{f}`")).collect();
            Diagnostic::new(
                format!(
                    "finalizers {} cannot be added: the {} is being deleted (it had a `deletionTimestamp`)",
                    listed.join(", "),
                    cx.new.object.kind
                ),
                cx.at(path.clone().index(first)),
            )
            .label("added while deleting")
            .help("only remove finalizers from an object that is being deleted")
            .api_error(
                path.to_string(),
                "Forbidden",
                format!(
                    "no new finalizers can be added if the object is being deleted, found new finalizers []string{{{}}}",
                    quoted.join(", ")
                ),
            )
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        v => v.to_string(),
    }
}

/// Whether OLD and NEW are the same object to `kubectl apply`: same group, kind and name,
/// and no two different namespaces (an unset one is the run's namespace). A renamed object
/// is another object, created beside the old one, so no update rule applies.
/// source: apiserver pkg/endpoints/handlers/rest.go checkName; update-rules.md §1 step 1
pub(super) fn same_object(cx: &UpdateCx<'_>) -> bool {
    let (o, n) = (cx.old, cx.new.object);
    o.group() == n.group()
        && o.kind == n.kind
        && o.name == n.name
        && match (&o.namespace, &n.namespace) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
}

fn set(v: &Value) -> bool {
    !matches!(v, Value::Null) && v.as_str() != Some("")
}

fn changes<'a>(old: &'a Value, new: &'a Value) -> Vec<Change<'a>> {
    let (om, nm) = (&old["metadata"], &new["metadata"]);
    let mut out = Vec::new();
    // An empty uid is filled from OLD (BeforeUpdate); an OLD without one (a manifest) says
    // nothing about the live uid.
    if set(&om["uid"]) && set(&nm["uid"]) && om["uid"] != nm["uid"] {
        out.push(Change::Immutable {
            field: "uid",
            old: Some(&om["uid"]),
        });
    }
    // BeforeUpdate overwrites NEW's deletionTimestamp when OLD has one; only adding one is
    // refused.
    if !set(&om["deletionTimestamp"]) && set(&nm["deletionTimestamp"]) {
        out.push(Change::Immutable {
            field: "deletionTimestamp",
            old: None,
        });
    }
    // A missing deletionGracePeriodSeconds is restored from OLD; any other value must match.
    let (og, ng) = (&om["deletionGracePeriodSeconds"], &nm["deletionGracePeriodSeconds"]);
    if set(ng) && og != ng {
        out.push(Change::Immutable {
            field: "deletionGracePeriodSeconds",
            old: set(og).then_some(og),
        });
    }
    if set(&om["deletionTimestamp"]) {
        let names = |m: &'a Value| -> Vec<&'a str> {
            m["finalizers"]
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default()
        };
        let had = names(om);
        let now = names(nm);
        let first = now.iter().position(|f| !had.contains(f));
        let mut added: Vec<&str> = now.into_iter().filter(|f| !had.contains(f)).collect();
        added.sort_unstable();
        added.dedup();
        if let Some(first) = first {
            out.push(Change::Finalizers(added, first));
        }
    }
    out
}

impl Rule for MetadataImmutableChanged {
    fn id(&self) -> &str {
        "metadata-immutable-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        if !same_object(cx) {
            // Only `diff` with one object on each side pairs objects of different names.
            if let Some(d) = renamed(cx) {
                out.emit(d);
            }
            return;
        }
        let (Some(old), Some(new)) = (cx.old_json(), cx.new.json()) else {
            return;
        };
        for change in changes(old, new) {
            out.emit(diagnostic(cx, change));
        }
    }
}

/// A renamed (or moved) object: the API server's validation refuses the change of name or
/// namespace; `kubectl apply` would create a second object and leave the old one.
/// source: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
/// ValidateObjectMetaAccessorUpdate (ValidateImmutableField on name and namespace)
fn renamed(cx: &UpdateCx<'_>) -> Option<Diagnostic> {
    let (o, n) = (cx.old, cx.new.object);
    let (field, old, new) = if o.name != n.name {
        ("name", o.name.clone(), n.name.clone())
    } else if o.namespace.is_some() && n.namespace.is_some() && o.namespace != n.namespace {
        ("namespace", o.namespace.clone().unwrap_or_default(), n.namespace.clone().unwrap_or_default())
    } else {
        return None;
    };
    let path = FieldPath::root().field("metadata").field(field);
    Some(
        Diagnostic::new(
            format!(
                "the {field} changed from `{old}` to `{new}`: an update cannot change it, and `kubectl apply` would create a second object and leave `{old}` in place"
            ),
            cx.at(path.clone()),
        )
        .label(format!("was `{old}`"))
        .help(format!("keep `{old}`, or delete the old object after creating the new one"))
        .api_error(path.to_string(), "Invalid", "field is immutable"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn kinds(old: Value, new: Value) -> Vec<String> {
        changes(&old, &new)
            .into_iter()
            .map(|c| match c {
                Change::Immutable { field, .. } => field.to_string(),
                Change::Finalizers(f, i) => format!("finalizers {f:?} from {i}"),
            })
            .collect()
    }

    #[test]
    fn restored_fields_are_not_changes() {
        // source: BeforeUpdate restores creationTimestamp, deletionTimestamp (when OLD has
        // one), an empty uid and a missing deletionGracePeriodSeconds
        let old = json!({"metadata": {"uid": "a", "creationTimestamp": "2026-01-01T00:00:00Z",
            "deletionTimestamp": "2026-01-02T00:00:00Z", "deletionGracePeriodSeconds": 30}});
        let new = json!({"metadata": {"creationTimestamp": "2026-02-01T00:00:00Z",
            "deletionTimestamp": "2026-02-02T00:00:00Z"}});
        assert!(kinds(old, new).is_empty());
    }

    #[test]
    fn refused_changes() {
        let old = json!({"metadata": {"uid": "a", "finalizers": ["x"]}});
        let new = json!({"metadata": {"uid": "b", "deletionTimestamp": "t", "deletionGracePeriodSeconds": 0}});
        assert_eq!(kinds(old, new), ["uid", "deletionTimestamp", "deletionGracePeriodSeconds"]);
        let old = json!({"metadata": {"deletionTimestamp": "t", "finalizers": ["x"]}});
        let new = json!({"metadata": {"finalizers": ["z", "x", "b"]}});
        assert_eq!(kinds(old, new), [r#"finalizers ["b", "z"] from 0"#]);
    }
}
