//! Workloads placed one pod after another, each placed pod counting for the next
//! (requests, pod slots, host ports, spread counts, affinity), as the scheduler binds
//! replicas one at a time (reference §6); and a DaemonSet's pod per node, as its
//! controller creates them.
//!
//! Placing one replica filters every node, so a workload costs replicas × nodes: placement
//! stops after [`simulation_cap`] replicas that all fit (a `replicas: 2147483647` would
//! otherwise never end), and says so ([`Placement::simulated`]). A replica that fits nowhere
//! ends placement sooner, and then the verdict covers every replica: the state no longer
//! changes, so the rest fit nowhere either. A daemon pod is filtered on its own node only.
//!
//! source: pkg/controller/daemon/daemon_controller.go NodeShouldRunDaemonPod,
//! pkg/controller/daemon/util/daemonset_util.go AddOrUpdateDaemonPodTolerations,
//! ReplaceDaemonSetPodNodeNameNodeAffinity.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    Affinity, NodeAffinity, NodeSelector, NodeSelectorRequirement, NodeSelectorTerm, PodSpec,
    Toleration,
};

use super::filters::{self, Status};
use super::labels::{do_not_schedule, untolerated, RequiredNodeAffinity};
use super::state::{ClusterState, PodInfo};
use super::{schedule, Verdict};
use crate::model::Version;

/// Picks the node for a pod among the feasible ones (indexes into `state.nodes`, never
/// empty). The score plugins decide in the real scheduler.
pub type Chooser<'a> = dyn FnMut(&ClusterState, &PodInfo, &[usize]) -> usize + 'a;

/// The first feasible node: a chooser for callers that only need counts.
pub fn first_feasible(_: &ClusterState, _: &PodInfo, feasible: &[usize]) -> usize {
    feasible[0]
}

/// The most replicas placed one by one.
pub const MAX_SIMULATED_REPLICAS: usize = 1_000;

/// The most replicas × nodes placed: on large clusters fewer replicas are placed (5,000
/// nodes: 1,000 replicas; 100,000 nodes: 50).
pub const MAX_SIMULATED_WORK: usize = 5_000_000;

/// How many replicas are placed one by one on `nodes` nodes (at least one):
/// [`MAX_SIMULATED_REPLICAS`], fewer when replicas × nodes would pass [`MAX_SIMULATED_WORK`].
pub fn simulation_cap(nodes: usize) -> usize {
    (MAX_SIMULATED_WORK / nodes.max(1)).clamp(1, MAX_SIMULATED_REPLICAS)
}

/// How the replicas of a workload fare.
#[derive(Debug, Clone)]
pub struct Placement {
    pub replicas: usize,
    /// How many replicas the verdict covers: all of them when one fits nowhere (the rest
    /// fit nowhere either) or when there are no more than the cap; otherwise the cap, every
    /// one of them scheduled, and the rest were not simulated.
    pub simulated: usize,
    pub scheduled: usize,
    /// The node each scheduled replica went to, in order.
    pub nodes: Vec<usize>,
    /// The verdict for the first replica on the given state.
    pub first: Verdict,
    /// The verdict for the first replica that fits nowhere.
    pub failed: Option<Verdict>,
}

/// Places `replicas` copies of `pod` on `state` (which keeps them), at most `cap` of them
/// (see [`simulation_cap`]). Once one replica fits nowhere the rest do not either: the state
/// no longer changes.
pub fn place_replicas(
    state: &mut ClusterState,
    pod: &PodInfo,
    replicas: usize,
    cap: usize,
    version: Version,
    choose: &mut Chooser<'_>,
) -> Placement {
    let first = schedule(state, pod, version);
    let mut out = Placement {
        replicas,
        simulated: replicas.min(cap),
        scheduled: 0,
        nodes: Vec::new(),
        first: first.clone(),
        failed: None,
    };
    let mut verdict = first;
    for i in 0..out.simulated {
        if i > 0 {
            verdict = schedule(state, pod, version);
        }
        if verdict.feasible.is_empty() {
            out.failed = Some(verdict);
            out.simulated = replicas;
            break;
        }
        let node = choose(state, pod, &verdict.feasible);
        let mut placed = pod.clone();
        placed.name = format!("{}-{}", pod.name, i);
        state.add_pod(placed, node);
        out.nodes.push(node);
        out.scheduled += 1;
    }
    out
}

/// The tolerations the DaemonSet controller adds to its pods.
pub fn add_daemon_tolerations(spec: &mut PodSpec) {
    let tols = spec.tolerations.get_or_insert_with(Vec::new);
    let mut add = |key: &str, effect: &str| {
        if !tols.iter().any(|t| {
            t.key.as_deref() == Some(key)
                && t.effect.as_deref() == Some(effect)
                && t.operator.as_deref() == Some("Exists")
        }) {
            tols.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                effect: Some(effect.into()),
                ..Toleration::default()
            });
        }
    };
    add("node.kubernetes.io/not-ready", "NoExecute");
    add("node.kubernetes.io/unreachable", "NoExecute");
    add("node.kubernetes.io/disk-pressure", "NoSchedule");
    add("node.kubernetes.io/memory-pressure", "NoSchedule");
    add("node.kubernetes.io/pid-pressure", "NoSchedule");
    add("node.kubernetes.io/unschedulable", "NoSchedule");
    if spec.host_network == Some(true) {
        add("node.kubernetes.io/network-unavailable", "NoSchedule");
    }
}

/// The daemon pod for `node`: its required node affinity replaced by
/// `metadata.name In [node]`.
fn pinned(spec: &PodSpec, node: &str) -> PodSpec {
    let mut spec = spec.clone();
    let term = NodeSelectorTerm {
        match_fields: Some(vec![NodeSelectorRequirement {
            key: "metadata.name".into(),
            operator: "In".into(),
            values: Some(vec![node.to_string()]),
        }]),
        match_expressions: None,
    };
    let aff = spec.affinity.get_or_insert_with(Affinity::default);
    let na = aff.node_affinity.get_or_insert_with(NodeAffinity::default);
    na.required_during_scheduling_ignored_during_execution = Some(NodeSelector {
        node_selector_terms: vec![term],
    });
    spec
}

/// What happens on one node for a DaemonSet.
#[derive(Debug, Clone)]
pub enum DaemonNode {
    /// The controller creates no pod there (selector, affinity or an untolerated taint).
    Skipped(&'static str),
    /// Its pod is scheduled there.
    Scheduled,
    /// Its pod is created but stays Pending: why its own node rejects it, and, for the
    /// first such pod only, the scheduler's whole verdict (its `FailedScheduling` message
    /// counts every node; working it out for every pending pod would cost nodes²).
    Pending {
        status: Status,
        verdict: Option<Box<Verdict>>,
    },
}

/// The DaemonSet outcome per node (same order as `state.nodes`); the state keeps the pods
/// placed.
pub fn place_daemon(
    state: &mut ClusterState,
    namespace: &str,
    name: &str,
    labels: &BTreeMap<String, String>,
    spec: &PodSpec,
    version: Version,
) -> Vec<DaemonNode> {
    let mut spec = spec.clone();
    add_daemon_tolerations(&mut spec);
    let base = PodInfo::new(namespace, name, labels.clone(), &spec, true, version);
    // NodeShouldRunDaemonPod: the template's own selector and affinity, and taints.
    let wants = RequiredNodeAffinity::new(
        spec.node_selector.as_ref(),
        spec.affinity
            .as_ref()
            .and_then(|a| a.node_affinity.as_ref())
            .and_then(|n| {
                n.required_during_scheduling_ignored_during_execution
                    .as_ref()
            }),
    );
    let mut out = Vec::with_capacity(state.nodes.len());
    let mut pending = false;
    for i in 0..state.nodes.len() {
        let n = &state.nodes[i];
        if !wants.matches(&n.name, &n.labels) {
            out.push(DaemonNode::Skipped(filters::ERR_NODE_AFFINITY));
            continue;
        }
        if untolerated(&n.taints, &base.tolerations, do_not_schedule).is_some() {
            out.push(DaemonNode::Skipped("node(s) had untolerated taint(s)"));
            continue;
        }
        let node_name = n.name.clone();
        let pod = PodInfo::new(
            namespace,
            &format!("{name}-{node_name}"),
            labels.clone(),
            &pinned(&spec, &node_name),
            true,
            version,
        );
        // The pinned pod passes no other node's NodeAffinity: only its own needs filtering,
        // as `evaluate` would filter it.
        let status = match filters::prefilter(state, &pod, version) {
            Err(status) => Some(status),
            Ok(prepared) => prepared.filter(state, i),
        };
        match status {
            None => {
                state.add_pod(pod, i);
                out.push(DaemonNode::Scheduled);
            }
            Some(status) => {
                let verdict = (!pending).then(|| Box::new(schedule(state, &pod, version)));
                pending = true;
                out.push(DaemonNode::Pending { status, verdict });
            }
        }
    }
    out
}
