//! Old → new: which fields an update changes. The rules about updates (what the API server
//! refuses, what an accepted change sets off) start from this list.
//!
//! Pure: no I/O, no diagnostics. Compares JSON as the API server compares decoded objects:
//! a `null` is the same as an absent field (Go decodes both to the zero value).

use serde_json::Value;

use crate::yaml::FieldPath;

/// The deepest paths at which `new` differs from `old`, in the order of `new` (fields only
/// `old` has come after the ones of `new`). A field added, removed or set to a value of
/// another type is one path; list items are compared by index, and the items one list has
/// beyond the other are one path each. Object keys become `.field` segments when they look
/// like field names and `[key]` segments otherwise (labels such as `app.kubernetes.io/name`).
pub fn changed_paths(old: &Value, new: &Value) -> Vec<FieldPath> {
    let mut out = Vec::new();
    walk(old, new, FieldPath::root(), &mut out);
    out
}

fn walk(old: &Value, new: &Value, at: FieldPath, out: &mut Vec<FieldPath>) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            let only_old = o.keys().filter(|k| !n.contains_key(*k));
            for key in n.keys().chain(only_old) {
                let (ov, nv) = (o.get(key), n.get(key));
                let (ov, nv) = (ov.unwrap_or(&Value::Null), nv.unwrap_or(&Value::Null));
                if ov != nv {
                    walk(ov, nv, segment(&at, key), out);
                }
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            for i in 0..o.len().max(n.len()) {
                let (ov, nv) = (o.get(i), n.get(i));
                match (ov, nv) {
                    (Some(ov), Some(nv)) if ov == nv => {}
                    (Some(ov), Some(nv)) => walk(ov, nv, at.clone().index(i), out),
                    _ => out.push(at.clone().index(i)),
                }
            }
        }
        (o, n) if o != n => out.push(at),
        _ => {}
    }
}

fn segment(at: &FieldPath, key: &str) -> FieldPath {
    let field_like = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if field_like {
        at.clone().field(key)
    } else {
        at.clone().key(key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn paths(old: Value, new: Value) -> Vec<String> {
        changed_paths(&old, &new)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn equal_values_have_no_changes() {
        let v = json!({"spec": {"a": [1, {"b": "c"}]}});
        assert!(paths(v.clone(), v).is_empty());
    }

    #[test]
    fn reports_the_deepest_changed_leaf() {
        let old = json!({"spec": {"replicas": 1, "template": {"spec": {"containers": [{"name": "a", "image": "x:1"}]}}}});
        let new = json!({"spec": {"replicas": 1, "template": {"spec": {"containers": [{"name": "a", "image": "x:2"}]}}}});
        assert_eq!(paths(old, new), ["spec.template.spec.containers[0].image"]);
    }

    #[test]
    fn added_and_removed_fields_and_items() {
        let old = json!({"a": 1, "gone": true, "list": [1, 2, 3]});
        let new = json!({"a": 1, "added": {"x": 1}, "list": [1]});
        assert_eq!(paths(old, new), ["added", "list[1]", "list[2]", "gone"]);
        assert_eq!(paths(json!({"l": [1]}), json!({"l": [1, 2]})), ["l[1]"]);
    }

    #[test]
    fn null_is_the_same_as_absent() {
        assert!(paths(json!({"a": null}), json!({})).is_empty());
        assert!(paths(json!({}), json!({"a": null})).is_empty());
    }

    #[test]
    fn type_changes_and_odd_keys() {
        assert_eq!(paths(json!({"a": [1]}), json!({"a": {"b": 1}})), ["a"]);
        assert_eq!(
            paths(
                json!({"labels": {"app.kubernetes.io/name": "a"}}),
                json!({"labels": {"app.kubernetes.io/name": "b"}})
            ),
            ["labels[app.kubernetes.io/name]"]
        );
        assert_eq!(paths(json!(1), json!("1")), [""]);
    }
}
