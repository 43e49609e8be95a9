//! Old → new comparison for update rules: which fields an update changes.
//!
//! Equality follows `apiequality.Semantic.DeepEqual` on decoded objects as far as JSON can
//! tell: a field that is absent, `null`, `""`, `{}` or `[]` decodes to Go's zero value or an
//! empty map/slice, which `Semantic.DeepEqual` does not tell apart (an empty struct behind a
//! pointer is the one case it would; update rules accept that imprecision rather than
//! report a change the manifest did not make).
//!
//! Pure: no I/O, no diagnostics. Owns no Kubernetes rules; the rules decide what a changed
//! path means.

use serde_json::Value;

use crate::yaml::FieldPath;

/// Whether `v` is what Go decodes to a zero or empty value.
pub fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.is_empty(),
        Some(Value::Object(m)) => m.values().all(|v| is_empty(Some(v))),
        Some(Value::Array(a)) => a.is_empty(),
        Some(_) => false,
    }
}

/// Every leaf-most path where `old` and `new` differ, in document order (keys sorted, list
/// items by index). A list that lost items is reported at the list itself, items it gained
/// at their index. Map keys are `Field` segments whatever the schema says (they resolve to
/// the same node).
pub fn changed_paths(old: &Value, new: &Value) -> Vec<FieldPath> {
    let mut out = Vec::new();
    walk(Some(old), Some(new), FieldPath::root(), &mut out);
    out
}

fn walk(old: Option<&Value>, new: Option<&Value>, at: FieldPath, out: &mut Vec<FieldPath>) {
    if is_empty(old) && is_empty(new) {
        return;
    }
    match (old, new) {
        (Some(Value::Object(o)), Some(Value::Object(n))) => {
            let mut keys: Vec<&String> = o.keys().chain(n.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                walk(o.get(k), n.get(k), at.clone().field(k.to_string()), out);
            }
        }
        (Some(Value::Array(o)), Some(Value::Array(n))) => {
            for (i, (a, b)) in o.iter().zip(n).enumerate() {
                walk(Some(a), Some(b), at.clone().index(i), out);
            }
            if n.len() < o.len() {
                out.push(at);
            } else {
                out.extend((o.len()..n.len()).map(|i| at.clone().index(i)));
            }
        }
        (Some(a), Some(b)) if a == b => {}
        _ => out.push(at),
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
    fn equal_and_zero_values_are_no_change() {
        assert!(paths(json!({"a": 1}), json!({"a": 1})).is_empty());
        let zero = json!({"a": null, "b": "", "c": {}, "d": [], "e": {"f": null}});
        assert!(paths(json!({}), zero.clone()).is_empty());
        assert!(paths(zero, json!({})).is_empty());
    }

    #[test]
    fn reports_leaf_paths_in_order() {
        let old = json!({"spec": {"b": 1, "a": {"x": "1"}, "l": [1, 2]}});
        let new = json!({"spec": {"b": 2, "a": {"x": "2"}, "l": [1, 3, 4]}});
        assert_eq!(
            paths(old, new),
            ["spec.a.x", "spec.b", "spec.l[1]", "spec.l[2]"]
        );
    }

    #[test]
    fn removed_items_and_type_changes() {
        assert_eq!(paths(json!({"l": [1, 2]}), json!({"l": [1]})), ["l"]);
        assert_eq!(paths(json!({"a": {"b": 1}}), json!({"a": 3})), ["a"]);
        assert_eq!(paths(json!({"a": 1}), json!({})), ["a"]);
        assert_eq!(paths(json!(1), json!("1")), [""]);
    }
}
