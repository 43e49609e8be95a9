//! A pod with `spec.nodeName` never meets the scheduler: the kubelet of that node admits or
//! rejects it. This predicts the kubelet's admission verdict.
//!
//! source: pkg/kubelet/lifecycle/predicate.go predicateAdmitHandler.Admit, generalFilter,
//! removeMissingExtendedResources, InsufficientResourceError, PredicateFailureError;
//! pkg/scheduler/framework/plugins/noderesources/fit.go Fits (via AdmissionCheck).

use super::labels::untolerated;
use super::state::{ClusterState, PodInfo};

/// The kubelet's verdict for a pod bound by `spec.nodeName`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Admission {
    /// No node has that name: no kubelet ever picks the pod up; it stays Pending.
    UnknownNode(String),
    /// The kubelet admits it.
    Admitted(String),
    /// The kubelet rejects it: the pod fails with this `status.reason` and the message
    /// `Pod was rejected: <message>`.
    Rejected {
        node: String,
        reason: String,
        message: String,
    },
}

/// The admission verdict for `pod` (whose `spec.nodeName` is set) on the state.
pub fn admission(state: &ClusterState, pod: &PodInfo) -> Option<Admission> {
    let name = pod.node_name()?;
    let Some(i) = state.node(name) else {
        return Some(Admission::UnknownNode(name.to_string()));
    };
    let n = &state.nodes[i];
    let reject = |reason: String, message: String| Admission::Rejected {
        node: name.to_string(),
        reason,
        message,
    };
    let insufficient = |res: &str, req: i64, used: i64, cap: i64| {
        let reason = match res {
            "cpu" => "OutOfcpu".to_string(),
            "memory" => "OutOfmemory".to_string(),
            "ephemeral-storage" => "OutOfephemeral-storage".to_string(),
            "pods" => "OutOfpods".to_string(),
            r => format!("OutOf{r}"),
        };
        reject(
            reason,
            format!(
                "Node didn't have enough resource: {res}, requested: {req}, used: {used}, capacity: {cap}"
            ),
        )
    };
    // Resources first (the first failure is the one reported).
    let pods = n.pods.len() as i64;
    if pods + 1 > n.allowed_pods {
        return Some(insufficient("pods", 1, pods, n.allowed_pods));
    }
    let r = &pod.requests;
    let (a, u) = (&n.allocatable, &n.requested);
    if !r.is_zero() {
        for (res, want, alloc, used) in [
            ("cpu", r.milli_cpu, a.milli_cpu, u.milli_cpu),
            ("memory", r.memory, a.memory, u.memory),
            (
                "ephemeral-storage",
                r.ephemeral_storage,
                a.ephemeral_storage,
                u.ephemeral_storage,
            ),
        ] {
            if want > 0 && want > alloc - used {
                return Some(insufficient(res, want, used, alloc));
            }
        }
        for (res, want) in &r.scalar {
            // Extended resources the node does not advertise at all are dropped before
            // the check (cluster-level resources).
            let extended = !res.contains("kubernetes.io/") && res.contains('/');
            if extended && !a.scalar.contains_key(res) {
                continue;
            }
            if *want > 0 && *want > a.get(res) - u.get(res) {
                return Some(insufficient(res, *want, u.get(res), a.get(res)));
            }
        }
    }
    let predicate = |name: &str, desc: &str| {
        reject(name.to_string(), format!("Predicate {name} failed: {desc}"))
    };
    if !pod.node_affinity.matches(&n.name, &n.labels) {
        return Some(predicate("NodeAffinity", super::filters::ERR_NODE_AFFINITY));
    }
    if pod
        .host_ports
        .iter()
        .any(|w| n.used_ports.iter().any(|p| w.conflicts(p)))
    {
        return Some(predicate("NodePorts", super::filters::ERR_PORTS));
    }
    if untolerated(&n.taints, &pod.tolerations, |t| t.effect == "NoExecute").is_some() {
        return Some(predicate(
            "TaintToleration",
            "node(s) had taints that the pod didn't tolerate",
        ));
    }
    Some(Admission::Admitted(name.to_string()))
}
