//! The Filter plugins of the default profile, in its order, with first-failure semantics
//! (`frameworkImpl.RunFilterPlugins`): a node's status holds the reasons of the first
//! plugin that rejects it. PreFilter work (node-name shortcut, spread counts, affinity
//! counts) is done once per pod, so that filtering one node costs a few map lookups.
//!
//! Volume plugins (VolumeRestrictions, NodeVolumeLimits, VolumeBinding, VolumeZone) and
//! DynamicResources need PV/PVC/CSINode/ResourceClaim objects this analysis does not
//! read; they are treated as passing.
//!
//! source: pkg/scheduler/framework/plugins/{nodeunschedulable,nodename,tainttoleration,
//! nodeaffinity,nodeports,noderesources,podtopologyspread,interpodaffinity}/*.go Filter,
//! PreFilter; pkg/scheduler/schedule_one.go findNodesThatFitPod.

use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

use k8s_openapi::api::core::v1::Taint;

use super::labels::{do_not_schedule, tolerates, untolerated};
use super::state::{ClusterState, NodeInfo, PodInfo};
use crate::model::Version;

/// A filter status code: whether preemption could help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    /// `Unschedulable`: removing pods might make room.
    Unschedulable,
    /// `UnschedulableAndUnresolvable`: nothing on the node can change that.
    Unresolvable,
}

/// Why a plugin rejected a node: the plugin, the code and its reasons in the scheduler's
/// words (NodeResourcesFit may give several).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub plugin: &'static str,
    pub code: Code,
    pub reasons: Vec<Cow<'static, str>>,
}

impl Status {
    fn new(plugin: &'static str, code: Code, reason: impl Into<Cow<'static, str>>) -> Self {
        Status {
            plugin,
            code,
            reasons: vec![reason.into()],
        }
    }
}

pub const ERR_UNSCHEDULABLE: &str = "node(s) were unschedulable";
pub const ERR_NODE_NAME: &str = "node(s) didn't match the requested node name";
pub const ERR_TAINTS: &str = "node(s) had untolerated taint(s)";
pub const ERR_NODE_AFFINITY: &str = "node(s) didn't match Pod's node affinity/selector";
pub const ERR_AFFINITY_CONFLICT: &str = "pod affinity terms conflict";
pub const ERR_NOT_IN_PREFILTER: &str = "node(s) didn't satisfy plugin(s) [NodeAffinity]";
pub const ERR_PORTS: &str = "node(s) didn't have free ports for the requested pod ports";
pub const ERR_TOO_MANY_PODS: &str = "Too many pods";
pub const ERR_SPREAD_LABEL: &str =
    "node(s) didn't match pod topology spread constraints (missing required label)";
pub const ERR_SPREAD: &str = "node(s) didn't match pod topology spread constraints";
pub const ERR_POD_AFFINITY: &str = "node(s) didn't match pod affinity rules";
pub const ERR_POD_ANTI_AFFINITY: &str = "node(s) didn't match pod anti-affinity rules";
pub const ERR_EXISTING_ANTI_AFFINITY: &str =
    "node(s) didn't satisfy existing pods anti-affinity rules";

/// The TaintToleration reason for `taint`: one text since v1.35 (PR #134740), the taint
/// itself before.
pub fn taint_reason(taint: &Taint, version: Version) -> Cow<'static, str> {
    if version >= (1, 35) {
        Cow::Borrowed(ERR_TAINTS)
    } else {
        Cow::Owned(format!(
            "node(s) had untolerated taint {{{}: {}}}",
            taint.key,
            taint.value.as_deref().unwrap_or("")
        ))
    }
}

/// Per-domain counts for one hard spread constraint.
#[derive(Debug, Clone, Default)]
struct SpreadCounts {
    /// Index into `PodInfo::spread`.
    constraint: usize,
    counts: HashMap<String, i64>,
    min_match: i64,
}

/// Counts by topology key, then value.
type DomainCounts = HashMap<String, HashMap<String, i64>>;

fn bump(m: &mut DomainCounts, key: &str, value: &str) {
    *m.entry(key.to_string())
        .or_default()
        .entry(value.to_string())
        .or_insert(0) += 1;
}

fn count(m: &DomainCounts, key: &str, value: &str) -> i64 {
    m.get(key).and_then(|v| v.get(value)).copied().unwrap_or(0)
}

#[derive(Debug, Clone, Default)]
struct AffinityCounts {
    existing_anti: DomainCounts,
    affinity: DomainCounts,
    anti: DomainCounts,
    affinity_empty: bool,
    matches_own_terms: bool,
}

/// What the PreFilter plugins computed for one pod over one state.
#[derive(Debug, Clone)]
pub struct Prepared<'a> {
    pub pod: &'a PodInfo,
    pub version: Version,
    /// NodeAffinity's `PreFilterResult`: only these nodes are filtered.
    pub node_names: Option<BTreeSet<String>>,
    node_affinity: bool,
    spread: Option<Vec<SpreadCounts>>,
    affinity: Option<AffinityCounts>,
}

/// NodeAffinity PreFilter: the union over required terms of the intersection of their
/// `metadata.name In` values; `None` when some term has none.
fn prefilter_node_names(pod: &PodInfo) -> Result<Option<BTreeSet<String>>, Status> {
    let Some(terms) = pod
        .spec
        .affinity
        .as_ref()
        .and_then(|a| a.node_affinity.as_ref())
        .and_then(|n| {
            n.required_during_scheduling_ignored_during_execution
                .as_ref()
        })
        .map(|r| &r.node_selector_terms)
    else {
        return Ok(None);
    };
    if terms.is_empty() {
        return Ok(None);
    }
    let mut names: BTreeSet<String> = BTreeSet::new();
    for t in terms {
        let mut term_names: Option<BTreeSet<String>> = None;
        for r in t.match_fields.iter().flatten() {
            if r.key == "metadata.name" && r.operator == "In" {
                let s: BTreeSet<String> = r.values.iter().flatten().cloned().collect();
                term_names = Some(match term_names {
                    None => s,
                    Some(prev) => prev.intersection(&s).cloned().collect(),
                });
            }
        }
        match term_names {
            None => return Ok(None),
            Some(s) => names.extend(s),
        }
    }
    if names.is_empty() {
        return Err(Status::new(
            "NodeAffinity",
            Code::Unresolvable,
            ERR_AFFINITY_CONFLICT,
        ));
    }
    Ok(Some(names))
}

fn prefilter_spread(state: &ClusterState, pod: &PodInfo) -> Option<Vec<SpreadCounts>> {
    let hard: Vec<usize> = (0..pod.spread.len())
        .filter(|i| pod.spread[*i].hard)
        .collect();
    if hard.is_empty() {
        return None;
    }
    // Matching pods per node, per constraint, from the label index.
    let per_node: Vec<HashMap<usize, i64>> = hard
        .iter()
        .map(|i| {
            let c = &pod.spread[*i];
            let mut m: HashMap<usize, i64> = HashMap::new();
            for id in state.candidates(&c.selector) {
                let b = &state.pods[id];
                if b.pod.namespace == pod.namespace
                    && !b.pod.terminating
                    && c.selector.matches(&b.pod.labels)
                {
                    *m.entry(b.node).or_insert(0) += 1;
                }
            }
            m
        })
        .collect();
    let mut out: Vec<SpreadCounts> = hard
        .iter()
        .map(|i| SpreadCounts {
            constraint: *i,
            ..SpreadCounts::default()
        })
        .collect();
    let any_honor_affinity = hard.iter().any(|i| pod.spread[*i].honor_node_affinity);
    let any_honor_taints = hard.iter().any(|i| pod.spread[*i].honor_taints);
    for (n, node) in state.nodes.iter().enumerate() {
        if !hard
            .iter()
            .all(|i| node.labels.contains_key(&pod.spread[*i].topology_key))
        {
            continue;
        }
        let affinity_ok =
            !any_honor_affinity || pod.node_affinity.matches(&node.name, &node.labels);
        let taints_ok = !any_honor_taints
            || untolerated(&node.taints, &pod.tolerations, do_not_schedule).is_none();
        for (k, i) in hard.iter().enumerate() {
            let c = &pod.spread[*i];
            if (c.honor_node_affinity && !affinity_ok) || (c.honor_taints && !taints_ok) {
                continue;
            }
            let value = &node.labels[&c.topology_key];
            let add = per_node[k].get(&n).copied().unwrap_or(0);
            *out[k].counts.entry(value.clone()).or_insert(0) += add;
        }
    }
    for sc in &mut out {
        let c = &pod.spread[sc.constraint];
        sc.min_match = if (sc.counts.len() as i64) < c.min_domains {
            0
        } else {
            sc.counts.values().copied().min().unwrap_or(0)
        };
    }
    Some(out)
}

fn prefilter_affinity(state: &ClusterState, pod: &PodInfo) -> Option<AffinityCounts> {
    if !pod.has_required_pod_affinity() && state.pods_with_required_anti_affinity().is_empty() {
        return None;
    }
    let mut a = AffinityCounts::default();
    for id in state.pods_with_required_anti_affinity() {
        let b = &state.pods[*id];
        let node = &state.nodes[b.node];
        for t in &b.pod.required_anti_affinity {
            if let Some(v) = node.labels.get(&t.topology_key) {
                if state.term_matches(t, pod) {
                    bump(&mut a.existing_anti, &t.topology_key, v);
                }
            }
        }
    }
    if let Some(first) = pod.required_affinity.first() {
        for id in state.candidates(&first.selector) {
            let b = &state.pods[id];
            if pod
                .required_affinity
                .iter()
                .all(|t| state.term_matches(t, &b.pod))
            {
                let node = &state.nodes[b.node];
                for t in &pod.required_affinity {
                    if let Some(v) = node.labels.get(&t.topology_key) {
                        bump(&mut a.affinity, &t.topology_key, v);
                    }
                }
            }
        }
    }
    for t in &pod.required_anti_affinity {
        for id in state.candidates(&t.selector) {
            let b = &state.pods[id];
            if let Some(v) = state.nodes[b.node].labels.get(&t.topology_key) {
                if state.term_matches(t, &b.pod) {
                    bump(&mut a.anti, &t.topology_key, v);
                }
            }
        }
    }
    a.affinity_empty = a.affinity.values().all(|m| m.is_empty());
    // podMatchesAllAffinityTerms reads no namespace labels.
    let empty = Default::default();
    a.matches_own_terms = !pod.required_affinity.is_empty()
        && pod.required_affinity.iter().all(|t| {
            let ns = t.namespaces.contains(&pod.namespace)
                || t.namespace_selector
                    .as_ref()
                    .is_some_and(|s| s.matches(&empty));
            ns && t.selector.matches(&pod.labels)
        });
    Some(a)
}

/// Runs the PreFilter plugins; `Err` is a PreFilter rejection (the pod fits nowhere, and
/// no node is filtered).
pub fn prefilter<'a>(
    state: &ClusterState,
    pod: &'a PodInfo,
    version: Version,
) -> Result<Prepared<'a>, Status> {
    let node_affinity = !pod.node_affinity.is_empty();
    let node_names = if node_affinity {
        prefilter_node_names(pod)?
    } else {
        None
    };
    Ok(Prepared {
        pod,
        version,
        node_names,
        node_affinity,
        spread: prefilter_spread(state, pod),
        affinity: prefilter_affinity(state, pod),
    })
}

fn fit_resources(node: &NodeInfo, pod: &PodInfo, version: Version) -> Option<Status> {
    let mut reasons: Vec<Cow<'static, str>> = Vec::new();
    let mut unresolvable = false;
    if node.pods.len() as i64 + 1 > node.allowed_pods {
        reasons.push(Cow::Borrowed(ERR_TOO_MANY_PODS));
    }
    let req = &pod.requests;
    if !req.is_zero() {
        let mut check = |name: &str, want: i64, alloc: i64, used: i64| {
            if want > 0 && want > alloc - used {
                reasons.push(match name {
                    "cpu" => Cow::Borrowed("Insufficient cpu"),
                    "memory" => Cow::Borrowed("Insufficient memory"),
                    "ephemeral-storage" => Cow::Borrowed("Insufficient ephemeral-storage"),
                    n => Cow::Owned(format!("Insufficient {n}")),
                });
                unresolvable |= want > alloc;
            }
        };
        check(
            "cpu",
            req.milli_cpu,
            node.allocatable.milli_cpu,
            node.requested.milli_cpu,
        );
        check(
            "memory",
            req.memory,
            node.allocatable.memory,
            node.requested.memory,
        );
        check(
            "ephemeral-storage",
            req.ephemeral_storage,
            node.allocatable.ephemeral_storage,
            node.requested.ephemeral_storage,
        );
        for (name, want) in &req.scalar {
            check(
                name,
                *want,
                node.allocatable.get(name),
                node.requested.get(name),
            );
        }
    }
    if reasons.is_empty() {
        return None;
    }
    // Since v1.34 a request larger than the whole node makes preemption pointless.
    let code = if unresolvable && version >= (1, 34) {
        Code::Unresolvable
    } else {
        Code::Unschedulable
    };
    Some(Status {
        plugin: "NodeResourcesFit",
        code,
        reasons,
    })
}

/// The node-independent part of NodeUnschedulable: the synthetic taint it tolerates.
fn unschedulable_taint() -> Taint {
    Taint {
        key: "node.kubernetes.io/unschedulable".into(),
        value: None,
        effect: "NoSchedule".into(),
        time_added: None,
    }
}

impl Prepared<'_> {
    /// Runs every Filter plugin on `nodes[node]` in order; `None` when the node passes.
    pub fn filter(&self, state: &ClusterState, node: usize) -> Option<Status> {
        let n = &state.nodes[node];
        let pod = self.pod;
        if let Some(names) = &self.node_names {
            if !names.contains(&n.name) {
                return Some(Status::new(
                    "NodeAffinity",
                    Code::Unresolvable,
                    ERR_NOT_IN_PREFILTER,
                ));
            }
        }
        // NodeUnschedulable
        if n.unschedulable {
            let t = unschedulable_taint();
            if !pod.tolerations.iter().any(|tol| tolerates(tol, &t)) {
                return Some(Status::new(
                    "NodeUnschedulable",
                    Code::Unresolvable,
                    ERR_UNSCHEDULABLE,
                ));
            }
        }
        // NodeName
        if let Some(want) = pod.node_name() {
            if want != n.name {
                return Some(Status::new("NodeName", Code::Unresolvable, ERR_NODE_NAME));
            }
        }
        // TaintToleration
        if let Some(t) = untolerated(&n.taints, &pod.tolerations, do_not_schedule) {
            return Some(Status::new(
                "TaintToleration",
                Code::Unresolvable,
                taint_reason(t, self.version),
            ));
        }
        // NodeAffinity
        if self.node_affinity && !pod.node_affinity.matches(&n.name, &n.labels) {
            return Some(Status::new(
                "NodeAffinity",
                Code::Unresolvable,
                ERR_NODE_AFFINITY,
            ));
        }
        // NodePorts
        if pod
            .host_ports
            .iter()
            .any(|w| n.used_ports.iter().any(|u| w.conflicts(u)))
        {
            return Some(Status::new("NodePorts", Code::Unschedulable, ERR_PORTS));
        }
        // NodeResourcesFit
        if let Some(s) = fit_resources(n, pod, self.version) {
            return Some(s);
        }
        // PodTopologySpread
        if let Some(spread) = &self.spread {
            for sc in spread {
                let c = &pod.spread[sc.constraint];
                let Some(value) = n.labels.get(&c.topology_key) else {
                    return Some(Status::new(
                        "PodTopologySpread",
                        Code::Unresolvable,
                        ERR_SPREAD_LABEL,
                    ));
                };
                let self_match = i64::from(c.selector.matches(&pod.labels));
                let match_num = sc.counts.get(value).copied().unwrap_or(0);
                if match_num + self_match - sc.min_match > c.max_skew {
                    return Some(Status::new(
                        "PodTopologySpread",
                        Code::Unschedulable,
                        ERR_SPREAD,
                    ));
                }
            }
        }
        // InterPodAffinity
        if let Some(a) = &self.affinity {
            if !pod.required_affinity.is_empty() {
                let mut exist = true;
                for t in &pod.required_affinity {
                    match n.labels.get(&t.topology_key) {
                        Some(v) => {
                            if count(&a.affinity, &t.topology_key, v) <= 0 {
                                exist = false;
                            }
                        }
                        None => {
                            return Some(Status::new(
                                "InterPodAffinity",
                                Code::Unresolvable,
                                ERR_POD_AFFINITY,
                            ))
                        }
                    }
                }
                if !(exist || a.affinity_empty && a.matches_own_terms) {
                    return Some(Status::new(
                        "InterPodAffinity",
                        Code::Unresolvable,
                        ERR_POD_AFFINITY,
                    ));
                }
            }
            for t in &pod.required_anti_affinity {
                if let Some(v) = n.labels.get(&t.topology_key) {
                    if count(&a.anti, &t.topology_key, v) > 0 {
                        return Some(Status::new(
                            "InterPodAffinity",
                            Code::Unschedulable,
                            ERR_POD_ANTI_AFFINITY,
                        ));
                    }
                }
            }
            if !a.existing_anti.is_empty()
                && n.labels
                    .iter()
                    .any(|(k, v)| count(&a.existing_anti, k, v) > 0)
            {
                return Some(Status::new(
                    "InterPodAffinity",
                    Code::Unschedulable,
                    ERR_EXISTING_ANTI_AFFINITY,
                ));
            }
        }
        None
    }
}

/// The verdict of the filters for one pod over every node of a state.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// Per node (same order as `ClusterState::nodes`): `None` when it passes every filter.
    pub statuses: Vec<Option<Status>>,
    /// A PreFilter rejection: then every node carries that status too.
    pub prefilter: Option<Status>,
}

impl Evaluation {
    /// Indexes of the nodes that pass every filter, in node order.
    pub fn feasible(&self) -> Vec<usize> {
        self.statuses
            .iter()
            .enumerate()
            .filter(|(_, s)| s.is_none())
            .map(|(i, _)| i)
            .collect()
    }
}

/// Filters every node for `pod`.
pub fn evaluate(state: &ClusterState, pod: &PodInfo, version: Version) -> Evaluation {
    match prefilter(state, pod, version) {
        Err(status) => Evaluation {
            statuses: vec![Some(status.clone()); state.nodes.len()],
            prefilter: Some(status),
        },
        Ok(p) => Evaluation {
            statuses: (0..state.nodes.len()).map(|i| p.filter(state, i)).collect(),
            prefilter: None,
        },
    }
}
