//! The Priority admission plugin, which the API server runs before a pod reaches the
//! scheduler: `spec.priorityClassName` becomes `spec.priority` (and the class's
//! `preemptionPolicy` when the pod sets none); a pod without a class gets the
//! `globalDefault` class, or priority 0. The two system classes exist in every cluster.
//!
//! source: plugin/pkg/admission/priority/admission.go (admitPod), pkg/apis/scheduling
//! (SystemPriorityClasses: system-node-critical 2000001000, system-cluster-critical
//! 2000000000; DefaultPriorityWhenNoDefaultClassExists 0).

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::PodSpec;
use serde_json::Value;

/// The value of a built-in system priority class.
pub fn system_class(name: &str) -> Option<i32> {
    match name {
        "system-node-critical" => Some(2_000_001_000),
        "system-cluster-critical" => Some(2_000_000_000),
        _ => None,
    }
}

/// PriorityClass objects known from the inputs (value, preemptionPolicy) and the global
/// default among them.
#[derive(Debug, Default, Clone)]
pub struct PriorityClasses {
    classes: BTreeMap<String, (i32, Option<String>)>,
    global_default: Option<String>,
}

impl PriorityClasses {
    /// Records one object if it is a `scheduling.k8s.io` PriorityClass; anything else
    /// (or a class without a numeric value) is ignored.
    pub fn add(&mut self, object: &Value) {
        if object["kind"] != "PriorityClass" {
            return;
        }
        let (Some(name), Some(value)) = (
            object["metadata"]["name"].as_str(),
            object["value"].as_i64().and_then(|v| i32::try_from(v).ok()),
        ) else {
            return;
        };
        let policy = object["preemptionPolicy"].as_str().map(str::to_string);
        if object["globalDefault"] == Value::Bool(true) {
            self.global_default = Some(name.to_string());
        }
        self.classes.insert(name.to_string(), (value, policy));
    }

    /// The pod spec as the API server stores it: priority (and preemption policy) filled
    /// from the class. An explicit `spec.priority` is kept; an unknown class leaves the
    /// spec as it is (the cluster may define it).
    pub fn admit(&self, spec: &PodSpec) -> PodSpec {
        let mut out = spec.clone();
        if out.priority.is_some() {
            return out;
        }
        let name = out
            .priority_class_name
            .clone()
            .filter(|n| !n.is_empty())
            .or_else(|| self.global_default.clone());
        let Some(name) = name else {
            return out;
        };
        if let Some(v) = system_class(&name) {
            out.priority = Some(v);
        } else if let Some((v, policy)) = self.classes.get(&name) {
            out.priority = Some(*v);
            if out.preemption_policy.is_none() {
                out.preemption_policy.clone_from(policy);
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn spec(v: Value) -> PodSpec {
        serde_json::from_value(v).unwrap()
    }

    #[test]
    fn classes_fill_priority_and_policy() {
        let mut c = PriorityClasses::default();
        c.add(
            &json!({"kind": "PriorityClass", "metadata": {"name": "high"}, "value": 1000,
            "preemptionPolicy": "Never"}),
        );
        c.add(
            &json!({"kind": "PriorityClass", "metadata": {"name": "low"}, "value": -5,
            "globalDefault": true}),
        );
        let s = c.admit(&spec(
            json!({"containers": [], "priorityClassName": "high"}),
        ));
        assert_eq!(s.priority, Some(1000));
        assert_eq!(s.preemption_policy.as_deref(), Some("Never"));
        let s = c.admit(&spec(json!({"containers": []})));
        assert_eq!(s.priority, Some(-5));
        let s = c.admit(&spec(
            json!({"containers": [], "priorityClassName": "system-node-critical"}),
        ));
        assert_eq!(s.priority, Some(2_000_001_000));
        let s = c.admit(&spec(
            json!({"containers": [], "priorityClassName": "nope"}),
        ));
        assert_eq!(s.priority, None);
        let s = c.admit(&spec(json!({"containers": [], "priority": 7})));
        assert_eq!(s.priority, Some(7));
    }
}
