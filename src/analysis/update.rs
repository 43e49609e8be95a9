//! Old → new comparison for update checks: which fields of an object an update changes.
//!
//! Pure: JSON in, field paths out. What the API server refuses is the rules' business; this
//! module only says *where* two versions differ, the way Go sees them after decoding (an
//! absent field and `null` are the same).

use serde_json::Value;

use crate::yaml::{FieldPath, Segment};

/// Deeper than any Kubernetes type nests; below it a difference is reported at this depth.
const MAX_DEPTH: usize = 64;

/// The deepest paths at which `old` and `new` differ, in `new`'s order then removed fields.
///
/// A changed scalar or a value of another type is reported at its own path; an added or
/// removed field at its path (which, in NEW, resolves to its nearest existing parent); a
/// list item at its index. `null` and an absent field are equal. Keys that are not plain
/// identifiers (`app.kubernetes.io/name`, `config.yaml`) become `[key]` segments, as the API
/// server writes map keys; struct fields are always identifiers.
pub fn changed_paths(old: &Value, new: &Value) -> Vec<FieldPath> {
    let mut out = Vec::new();
    walk(old, new, &mut Vec::new(), &mut out);
    out
}

fn segment(key: &str) -> Segment {
    let ident = key
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        Segment::Field(key.to_string())
    } else {
        Segment::Key(key.to_string())
    }
}

fn walk(old: &Value, new: &Value, at: &mut Vec<Segment>, out: &mut Vec<FieldPath>) {
    if at.len() >= MAX_DEPTH {
        if old != new {
            out.push(FieldPath(at.clone()));
        }
        return;
    }
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            let absent = Value::Null;
            for (k, nv) in n {
                at.push(segment(k));
                walk(o.get(k).unwrap_or(&absent), nv, at, out);
                at.pop();
            }
            for (k, ov) in o.iter().filter(|(k, _)| !n.contains_key(*k)) {
                at.push(segment(k));
                walk(ov, &absent, at, out);
                at.pop();
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            let absent = Value::Null;
            for i in 0..o.len().max(n.len()) {
                at.push(Segment::Index(i));
                walk(
                    o.get(i).unwrap_or(&absent),
                    n.get(i).unwrap_or(&absent),
                    at,
                    out,
                );
                at.pop();
            }
        }
        _ if old != new => out.push(FieldPath(at.clone())),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn paths(old: Value, new: Value) -> Vec<String> {
        changed_paths(&old, &new)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn equal_values_have_no_changes() {
        let v = json!({"spec": {"a": [1, {"b": "c"}], "d": null}});
        assert!(changed_paths(&v, &v).is_empty());
        // null and absent are the same to Go's decoder
        assert!(paths(json!({"a": null}), json!({})).is_empty());
    }

    #[test]
    fn reports_the_deepest_changed_fields() {
        let old = json!({"spec": {"accessModes": ["ReadWriteOnce"], "x": 1, "gone": true}});
        let new = json!({"spec": {"accessModes": ["ReadWriteMany"], "x": 1, "added": "y"}});
        assert_eq!(
            paths(old, new),
            ["spec.accessModes[0]", "spec.added", "spec.gone"]
        );
    }

    #[test]
    fn list_lengths_and_type_changes() {
        assert_eq!(paths(json!({"l": [1]}), json!({"l": [1, 2]})), ["l[1]"]);
        assert_eq!(
            paths(json!({"l": [1, 2]}), json!({"l": []})),
            ["l[0]", "l[1]"]
        );
        assert_eq!(paths(json!({"l": [1]}), json!({"l": "x"})), ["l"]);
    }

    #[test]
    fn map_keys_that_are_not_identifiers_are_bracketed() {
        let old = json!({"data": {"app.conf": "a", "key": "b"}});
        let new = json!({"data": {"app.conf": "c", "key": "d"}});
        assert_eq!(paths(old, new), ["data[app.conf]", "data.key"]);
    }

    #[test]
    fn deep_nesting_stops_at_a_bound() {
        let mut old = json!(1);
        let mut new = json!(2);
        for _ in 0..200 {
            old = json!([old]);
            new = json!([new]);
        }
        let p = changed_paths(&old, &new);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].0.len(), MAX_DEPTH);
    }
}
