//! Label selectors as the API server evaluates them (`metav1.LabelSelectorAsSelector`),
//! read straight from the spanned tree so that a half-valid object can still be checked.

use crate::yaml::{Document, NodeId};

/// One requirement of a selector that a label set fails.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unmet {
    /// `matchLabels` wants `key: value`.
    Label { key: String, value: String },
    /// A `matchExpressions` item, written as the API server would print it (`tier in (web)`).
    Expression(String),
}

/// `None` when the selector is malformed (an unknown operator, values where none belong);
/// the API server refuses it for another reason. `Some(vec![])` when the labels match.
pub fn unmet_requirements(
    doc: &Document,
    labels: &dyn Fn(&str) -> Option<String>,
    match_labels: Option<NodeId>,
    expressions: Option<NodeId>,
) -> Option<Vec<Unmet>> {
    let mut unmet = Vec::new();
    if let Some(ml) = match_labels {
        for e in doc.entries(ml) {
            let key = doc.str(e.key)?.to_string();
            let value = doc.str(e.value).unwrap_or("").to_string();
            if labels(&key).as_deref() != Some(value.as_str()) {
                unmet.push(Unmet::Label { key, value });
            }
        }
    }
    if let Some(me) = expressions {
        for item in doc.items(me) {
            let key = doc.get_str(*item, "key")?;
            let op = doc.get_str(*item, "operator")?;
            let values: Vec<&str> = doc
                .get(*item, "values")
                .map(|v| doc.items(v).iter().filter_map(|n| doc.str(*n)).collect())
                .unwrap_or_default();
            let have = labels(key);
            let ok = match op {
                "In" if !values.is_empty() => have.is_some_and(|h| values.contains(&h.as_str())),
                "NotIn" if !values.is_empty() => {
                    !have.is_some_and(|h| values.contains(&h.as_str()))
                }
                "Exists" if values.is_empty() => have.is_some(),
                "DoesNotExist" if values.is_empty() => have.is_none(),
                _ => return None,
            };
            if !ok {
                let shown = match op {
                    "In" => format!("{key} in ({})", values.join(",")),
                    "NotIn" => format!("{key} notin ({})", values.join(",")),
                    "Exists" => key.to_string(),
                    _ => format!("!{key}"),
                };
                unmet.push(Unmet::Expression(shown));
            }
        }
    }
    Some(unmet)
}
