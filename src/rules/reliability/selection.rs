//! Label selectors read from an object's JSON, and the pod templates of the run they select:
//! shared by the rules about Services, NetworkPolicies and ServiceMonitors that select
//! nothing.
//! source: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/helpers.go LabelSelectorAsSelector
//! (an empty selector matches everything; a null one, nothing)

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::run_index::PodTemplate;
use crate::model::Workspace;
use crate::yaml::FieldPath;

/// A `metav1.LabelSelector`, or a Service's plain `selector` map.
#[derive(Debug, Default)]
pub(super) struct Selector {
    pub labels: BTreeMap<String, String>,
    exprs: Vec<(String, String, Vec<String>)>,
}

impl Selector {
    /// A plain `key: value` map (a Service's `spec.selector`).
    pub fn from_map(v: &Value) -> Option<Selector> {
        let labels = v
            .as_object()?
            .iter()
            .map(|(k, v)| Some((k.clone(), scalar(v)?)))
            .collect::<Option<_>>()?;
        Some(Selector {
            labels,
            exprs: Vec::new(),
        })
    }

    /// A `LabelSelector` (`matchLabels`, `matchExpressions`); `None` when malformed (other
    /// rules report that).
    pub fn from_label_selector(v: &Value) -> Option<Selector> {
        let mut s = match v.get("matchLabels") {
            Some(Value::Null) | None => Selector::default(),
            Some(m) => Selector::from_map(m)?,
        };
        if let Some(exprs) = v.get("matchExpressions").filter(|e| !e.is_null()) {
            for e in exprs.as_array()? {
                let key = e.get("key")?.as_str()?.to_string();
                let op = e.get("operator")?.as_str()?.to_string();
                let values = match e.get("values") {
                    Some(Value::Array(a)) => a.iter().map(scalar).collect::<Option<_>>()?,
                    _ => Vec::new(),
                };
                // The API server's own rules: In/NotIn need values, Exists/DoesNotExist none.
                let ok = match op.as_str() {
                    "In" | "NotIn" => !values.is_empty(),
                    "Exists" | "DoesNotExist" => values.is_empty(),
                    _ => false,
                };
                if !ok {
                    return None;
                }
                s.exprs.push((key, op, values));
            }
        }
        Some(s)
    }

    /// Where to report that the selector at `base` selects nothing: its only term when it has
    /// one (that term is then the culprit: the `app: wbe` line), else the selector itself.
    /// `label_selector` says whether `base` is a `LabelSelector` (`matchLabels`,
    /// `matchExpressions`) or a plain map (a Service's `spec.selector`).
    pub fn culprit(&self, base: FieldPath, label_selector: bool) -> FieldPath {
        let only_label = self.labels.keys().next().filter(|_| self.labels.len() == 1);
        match (only_label, self.exprs.len(), label_selector) {
            (Some(k), 0, true) => base.field("matchLabels").key(k.to_string()),
            (Some(k), 0, false) => base.key(k.to_string()),
            (None, 1, true) if self.labels.is_empty() => base.field("matchExpressions").index(0),
            _ => base,
        }
    }

    /// Whether it selects everything (`{}`).
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty() && self.exprs.is_empty()
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.labels.iter().all(|(k, v)| labels.get(k) == Some(v))
            && self.exprs.iter().all(|(k, op, values)| {
                let have = labels.get(k);
                match op.as_str() {
                    "In" => have.is_some_and(|h| values.contains(h)),
                    "NotIn" => !have.is_some_and(|h| values.contains(h)),
                    "Exists" => have.is_some(),
                    _ => have.is_none(),
                }
            })
    }

    /// `app=web,tier in (a,b)`, as kubectl prints a selector.
    pub fn show(&self) -> String {
        let mut parts: Vec<String> = self
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        for (k, op, values) in &self.exprs {
            parts.push(match op.as_str() {
                "In" => format!("{k} in ({})", values.join(",")),
                "NotIn" => format!("{k} notin ({})", values.join(",")),
                "Exists" => k.clone(),
                _ => format!("!{k}"),
            });
        }
        parts.join(",")
    }

    /// The pod templates of the run in `namespace` (unset: any) that it selects.
    pub fn pods<'w>(
        &'w self,
        ws: &'w Workspace,
        namespace: Option<&'w str>,
    ) -> impl Iterator<Item = &'w PodTemplate> + 'w {
        ws.index()
            .pods_with(namespace, &self.labels)
            .filter(move |p| self.matches(&p.labels))
    }
}

/// A label value as the API server reads it: strings, and numbers or booleans written
/// without quotes (which it would refuse, but which other rules report).
fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    // source: staging/src/k8s.io/apimachinery/pkg/labels/selector.go Requirement.Matches
    // (NotIn and DoesNotExist match a missing label)
    #[test]
    fn expressions_match_as_the_api_server_evaluates_them() {
        let s = Selector::from_label_selector(&json!({
            "matchLabels": {"app": "web"},
            "matchExpressions": [
                {"key": "tier", "operator": "In", "values": ["front", "edge"]},
                {"key": "env", "operator": "NotIn", "values": ["dev"]},
                {"key": "canary", "operator": "DoesNotExist"},
            ]
        }))
        .unwrap();
        assert!(s.matches(&labels(&[("app", "web"), ("tier", "edge")])));
        assert!(!s.matches(&labels(&[("app", "web"), ("tier", "back")])));
        assert!(!s.matches(&labels(&[
            ("app", "web"),
            ("tier", "front"),
            ("env", "dev")
        ])));
        assert!(!s.matches(&labels(&[
            ("app", "web"),
            ("tier", "front"),
            ("canary", "")
        ])));
        assert_eq!(
            s.show(),
            "app=web,tier in (front,edge),env notin (dev),!canary"
        );
    }

    #[test]
    fn an_empty_selector_selects_everything_and_a_malformed_one_is_none() {
        let empty = Selector::from_label_selector(&json!({})).unwrap();
        assert!(empty.is_empty() && empty.matches(&BTreeMap::new()));
        assert!(Selector::from_label_selector(&json!({"matchExpressions": [
            {"key": "a", "operator": "Near"}
        ]}))
        .is_none());
        assert!(Selector::from_map(&json!(["a"])).is_none());
        // source: staging/src/k8s.io/apimachinery/pkg/labels/selector.go NewRequirement
        // ("for 'in', 'notin' operators, values set can't be empty")
        assert!(Selector::from_label_selector(&json!({"matchExpressions": [
            {"key": "a", "operator": "In", "values": []}
        ]}))
        .is_none());
    }
}
