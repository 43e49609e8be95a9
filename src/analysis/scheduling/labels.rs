//! Label selectors, node selector terms and tolerations as the scheduler evaluates them.
//!
//! source: staging/src/k8s.io/apimachinery/pkg/labels/selector.go Requirement.Matches;
//! staging/src/k8s.io/component-helpers/scheduling/corev1/nodeaffinity/nodeaffinity.go
//! (NodeSelector terms, matchFields); staging/src/k8s.io/api/core/v1/toleration.go
//! ToleratesTaint.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, Taint, Toleration,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector;

/// A selector operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    In,
    NotIn,
    Exists,
    DoesNotExist,
    Gt,
    Lt,
}

/// One requirement of a compiled selector.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub key: String,
    pub op: Op,
    pub values: Vec<String>,
}

impl Requirement {
    /// `labels.Requirement.Matches`: NotIn and DoesNotExist hold when the label is absent;
    /// Gt/Lt compare base-10 int64 values, anything unparsable does not match.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let have = labels.get(&self.key);
        match self.op {
            Op::In => have.is_some_and(|h| self.values.iter().any(|v| v == h)),
            Op::NotIn => !have.is_some_and(|h| self.values.iter().any(|v| v == h)),
            Op::Exists => have.is_some(),
            Op::DoesNotExist => have.is_none(),
            Op::Gt | Op::Lt => {
                let (Some(h), [v]) = (have, self.values.as_slice()) else {
                    return false;
                };
                let (Ok(h), Ok(v)) = (h.parse::<i64>(), v.parse::<i64>()) else {
                    return false;
                };
                if self.op == Op::Gt {
                    h > v
                } else {
                    h < v
                }
            }
        }
    }
}

/// A compiled label selector. `nothing` is the nil selector (and one that does not parse):
/// it matches no labels; an empty selector matches every label set.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selector {
    pub requirements: Vec<Requirement>,
    pub nothing: bool,
}

impl Selector {
    /// The selector that matches nothing (a nil `labelSelector`).
    pub fn nothing() -> Self {
        Selector {
            requirements: Vec::new(),
            nothing: true,
        }
    }

    /// `metav1.LabelSelectorAsSelector`; `None` (nil) matches nothing, an unknown operator
    /// or values where none belong make the whole selector match nothing.
    pub fn from_label_selector(s: Option<&LabelSelector>) -> Self {
        let Some(s) = s else {
            return Selector::nothing();
        };
        let mut requirements = Vec::new();
        for (k, v) in s.match_labels.iter().flatten() {
            requirements.push(Requirement {
                key: k.clone(),
                op: Op::In,
                values: vec![v.clone()],
            });
        }
        for e in s.match_expressions.iter().flatten() {
            let values = e.values.clone().unwrap_or_default();
            let op = match (e.operator.as_str(), values.is_empty()) {
                ("In", false) => Op::In,
                ("NotIn", false) => Op::NotIn,
                ("Exists", true) => Op::Exists,
                ("DoesNotExist", true) => Op::DoesNotExist,
                _ => return Selector::nothing(),
            };
            requirements.push(Requirement {
                key: e.key.clone(),
                op,
                values,
            });
        }
        Selector {
            requirements,
            nothing: false,
        }
    }

    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        !self.nothing && self.requirements.iter().all(|r| r.matches(labels))
    }

    /// A `key=value` this selector requires, for an index lookup.
    pub fn required_pair(&self) -> Option<(&str, &str)> {
        self.requirements
            .iter()
            .find_map(|r| match (r.op, r.values.as_slice()) {
                (Op::In, [v]) => Some((r.key.as_str(), v.as_str())),
                _ => None,
            })
    }
}

/// A node selector requirement, compiled; `None` when it does not parse (the term holding
/// it then matches no node).
fn node_requirement(r: &NodeSelectorRequirement) -> Option<Requirement> {
    let values = r.values.clone().unwrap_or_default();
    let op = match r.operator.as_str() {
        "In" if !values.is_empty() => Op::In,
        "NotIn" if !values.is_empty() => Op::NotIn,
        "Exists" if values.is_empty() => Op::Exists,
        "DoesNotExist" if values.is_empty() => Op::DoesNotExist,
        "Gt" if values.len() == 1 => Op::Gt,
        "Lt" if values.len() == 1 => Op::Lt,
        _ => return None,
    };
    Some(Requirement {
        key: r.key.clone(),
        op,
        values,
    })
}

/// One `nodeSelectorTerms` item: expressions over labels and `metadata.name` fields, ANDed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeTerm {
    pub labels: Vec<Requirement>,
    /// `matchFields`: only `metadata.name` with In/NotIn and one value parse.
    pub fields: Vec<Requirement>,
    /// Empty or unparsable: matches no node.
    pub never: bool,
}

impl NodeTerm {
    pub fn from_term(t: &NodeSelectorTerm) -> Self {
        let exprs = t.match_expressions.as_deref().unwrap_or_default();
        let fields = t.match_fields.as_deref().unwrap_or_default();
        let mut term = NodeTerm {
            labels: Vec::new(),
            fields: Vec::new(),
            never: exprs.is_empty() && fields.is_empty(),
        };
        for e in exprs {
            match node_requirement(e) {
                Some(r) => term.labels.push(r),
                None => term.never = true,
            }
        }
        for f in fields {
            match node_requirement(f) {
                Some(r)
                    if f.key == "metadata.name"
                        && matches!(r.op, Op::In | Op::NotIn)
                        && r.values.len() == 1 =>
                {
                    term.fields.push(r)
                }
                _ => term.never = true,
            }
        }
        term
    }

    pub fn matches(&self, name: &str, labels: &BTreeMap<String, String>) -> bool {
        if self.never {
            return false;
        }
        self.labels.iter().all(|r| r.matches(labels))
            && self.fields.iter().all(|r| {
                let hit = r.values.iter().any(|v| v == name);
                if r.op == Op::In {
                    hit
                } else {
                    !hit
                }
            })
    }
}

/// `nodeSelector` plus required node affinity (`GetRequiredNodeAffinity`): both must match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RequiredNodeAffinity {
    pub node_selector: BTreeMap<String, String>,
    /// `None`: no required affinity. `Some(vec![])` (no terms) matches no node.
    pub terms: Option<Vec<NodeTerm>>,
}

impl RequiredNodeAffinity {
    pub fn new(
        node_selector: Option<&BTreeMap<String, String>>,
        required: Option<&NodeSelector>,
    ) -> Self {
        RequiredNodeAffinity {
            node_selector: node_selector.cloned().unwrap_or_default(),
            terms: required.map(|r| {
                r.node_selector_terms
                    .iter()
                    .map(NodeTerm::from_term)
                    .collect()
            }),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.node_selector.is_empty() && self.terms.is_none()
    }

    pub fn matches(&self, name: &str, labels: &BTreeMap<String, String>) -> bool {
        self.node_selector
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self
                .terms
                .as_ref()
                .is_none_or(|ts| ts.iter().any(|t| t.matches(name, labels)))
    }
}

/// `Toleration.ToleratesTaint`. `Lt`/`Gt` operators need an alpha gate and never match.
pub fn tolerates(t: &Toleration, taint: &Taint) -> bool {
    if let Some(e) = t.effect.as_deref().filter(|e| !e.is_empty()) {
        if e != taint.effect {
            return false;
        }
    }
    if let Some(k) = t.key.as_deref().filter(|k| !k.is_empty()) {
        if k != taint.key {
            return false;
        }
    }
    match t.operator.as_deref().unwrap_or("") {
        "" | "Equal" => t.value.as_deref().unwrap_or("") == taint.value.as_deref().unwrap_or(""),
        "Exists" => true,
        _ => false,
    }
}

/// The first taint of `taints` (in order) that `filter` keeps and no toleration tolerates
/// (`FindMatchingUntoleratedTaint`).
pub fn untolerated<'a>(
    taints: &'a [Taint],
    tolerations: &[Toleration],
    filter: impl Fn(&Taint) -> bool,
) -> Option<&'a Taint> {
    taints
        .iter()
        .filter(|t| filter(t))
        .find(|t| !tolerations.iter().any(|tol| tolerates(tol, t)))
}

/// NoSchedule and NoExecute taints filter; PreferNoSchedule only scores.
/// source: pkg/scheduler/framework/plugins/helper/taint.go DoNotScheduleTaintsFilterFunc
pub fn do_not_schedule(t: &Taint) -> bool {
    t.effect == "NoSchedule" || t.effect == "NoExecute"
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(k: &str, v: &str, e: &str) -> Taint {
        Taint {
            key: k.into(),
            value: (!v.is_empty()).then(|| v.into()),
            effect: e.into(),
            time_added: None,
        }
    }

    fn tol(k: &str, op: &str, v: &str, e: &str) -> Toleration {
        Toleration {
            key: (!k.is_empty()).then(|| k.into()),
            operator: (!op.is_empty()).then(|| op.into()),
            value: (!v.is_empty()).then(|| v.into()),
            effect: (!e.is_empty()).then(|| e.into()),
            toleration_seconds: None,
        }
    }

    // source: staging/src/k8s.io/api/core/v1/toleration_test.go TestTolerationToleratesTaint
    #[test]
    fn toleration_matching() {
        let t = taint("foo", "bar", "NoSchedule");
        assert!(tolerates(&tol("foo", "Equal", "bar", "NoSchedule"), &t));
        assert!(tolerates(&tol("foo", "", "bar", ""), &t));
        assert!(tolerates(&tol("", "Exists", "", ""), &t));
        assert!(tolerates(&tol("foo", "Exists", "", "NoSchedule"), &t));
        assert!(!tolerates(&tol("foo", "Equal", "baz", "NoSchedule"), &t));
        assert!(!tolerates(&tol("foo", "Exists", "", "NoExecute"), &t));
        assert!(!tolerates(&tol("foo", "Lt", "1", ""), &t));
    }

    #[test]
    fn gt_lt_need_integers() {
        let r = Requirement {
            key: "n".into(),
            op: Op::Gt,
            values: vec!["3".into()],
        };
        let l = |v: &str| BTreeMap::from([("n".to_string(), v.to_string())]);
        assert!(r.matches(&l("4")));
        assert!(!r.matches(&l("3")));
        assert!(!r.matches(&l("x")));
        assert!(!r.matches(&BTreeMap::new()));
    }
}
