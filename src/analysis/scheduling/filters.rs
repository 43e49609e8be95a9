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
use std::collections::BTreeSet;
use std::sync::Arc;

use k8s_openapi::api::core::v1::Taint;

use super::labels::{do_not_schedule, tolerates, untolerated};
use super::state::{ClusterState, Domains, NodeInfo, PodInfo};
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
#[derive(Debug, Clone)]
struct SpreadCounts {
    /// Index into `PodInfo::spread`.
    constraint: usize,
    domains: Arc<Domains>,
    /// Matching pods per domain (indexes of `domains.values`).
    counts: Vec<i64>,
    min_match: i64,
    /// 1 when the incoming pod matches the selector itself.
    self_match: i64,
}

/// Pods per topology domain of one key.
#[derive(Debug, Clone)]
struct DomainCounts {
    key: String,
    domains: Arc<Domains>,
    counts: Vec<i64>,
}

impl DomainCounts {
    fn new(state: &ClusterState, key: &str) -> Self {
        let domains = state.domains(key);
        DomainCounts {
            key: key.to_string(),
            counts: vec![0; domains.values.len()],
            domains,
        }
    }

    fn add(&mut self, node: usize) {
        if let Some(d) = self.domains.get(node) {
            self.counts[d] += 1;
        }
    }

    /// Pods in `node`'s domain; `None` when the node lacks the key.
    fn at(&self, node: usize) -> Option<i64> {
        self.domains.get(node).map(|d| self.counts[d])
    }
}

#[derive(Debug, Clone, Default)]
struct AffinityCounts {
    /// Existing pods' anti-affinity terms matching the pod, by topology key.
    existing_anti: Vec<DomainCounts>,
    /// Per incoming required affinity term: pods matching every term.
    affinity: Vec<DomainCounts>,
    /// Per incoming required anti-affinity term: pods it matches.
    anti: Vec<DomainCounts>,
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
    let mut out: Vec<SpreadCounts> = hard
        .iter()
        .map(|i| {
            let domains = state.domains(&pod.spread[*i].topology_key);
            SpreadCounts {
                constraint: *i,
                counts: vec![0; domains.values.len()],
                domains,
                min_match: 0,
                self_match: i64::from(pod.spread[*i].selector.matches(&pod.labels)),
            }
        })
        .collect();
    // Which nodes count for each constraint (they have every constraint's key and pass its
    // inclusion policies), and which domains exist.
    let any_honor_affinity = hard.iter().any(|i| pod.spread[*i].honor_node_affinity);
    let any_honor_taints = hard.iter().any(|i| pod.spread[*i].honor_taints);
    let mut eligible = vec![vec![false; state.nodes.len()]; hard.len()];
    let mut present: Vec<Vec<bool>> = out.iter().map(|c| vec![false; c.counts.len()]).collect();
    for (n, node) in state.nodes.iter().enumerate() {
        if out.iter().any(|c| c.domains.get(n).is_none()) {
            continue;
        }
        let affinity_ok =
            !any_honor_affinity || pod.node_affinity.matches(&node.name, &node.labels);
        let taints_ok = !any_honor_taints
            || untolerated(&node.taints, &pod.tolerations, do_not_schedule).is_none();
        for (k, sc) in out.iter().enumerate() {
            let c = &pod.spread[sc.constraint];
            if (c.honor_node_affinity && !affinity_ok) || (c.honor_taints && !taints_ok) {
                continue;
            }
            eligible[k][n] = true;
            if let Some(d) = sc.domains.get(n) {
                present[k][d] = true;
            }
        }
    }
    for (k, sc) in out.iter_mut().enumerate() {
        let c = &pod.spread[sc.constraint];
        for id in state.candidates(&c.selector) {
            let b = &state.pods[id];
            if eligible[k][b.node]
                && b.pod.namespace == pod.namespace
                && !b.pod.terminating
                && c.selector.matches(&b.pod.labels)
            {
                if let Some(d) = sc.domains.get(b.node) {
                    sc.counts[d] += 1;
                }
            }
        }
        let domains = present[k].iter().filter(|p| **p).count() as i64;
        sc.min_match = if domains < c.min_domains {
            0
        } else {
            sc.counts
                .iter()
                .zip(&present[k])
                .filter(|(_, p)| **p)
                .map(|(c, _)| *c)
                .min()
                .unwrap_or(0)
        };
    }
    Some(out)
}

fn prefilter_affinity(state: &ClusterState, pod: &PodInfo) -> Option<AffinityCounts> {
    if !pod.has_required_pod_affinity() && state.pods_with_required_anti_affinity().is_empty() {
        return None;
    }
    let mut a = AffinityCounts::default();
    for id in state.anti_affinity_candidates(pod) {
        let b = &state.pods[id];
        for t in &b.pod.required_anti_affinity {
            if state.term_matches(t, pod) {
                let i = match a.existing_anti.iter().position(|c| c.key == t.topology_key) {
                    Some(i) => i,
                    None => {
                        a.existing_anti
                            .push(DomainCounts::new(state, &t.topology_key));
                        a.existing_anti.len() - 1
                    }
                };
                a.existing_anti[i].add(b.node);
            }
        }
    }
    a.affinity = pod
        .required_affinity
        .iter()
        .map(|t| DomainCounts::new(state, &t.topology_key))
        .collect();
    if let Some(first) = pod.required_affinity.first() {
        for id in state.candidates(&first.selector) {
            let b = &state.pods[id];
            if pod
                .required_affinity
                .iter()
                .all(|t| state.term_matches(t, &b.pod))
            {
                for c in &mut a.affinity {
                    c.add(b.node);
                }
            }
        }
    }
    a.anti = pod
        .required_anti_affinity
        .iter()
        .map(|t| {
            let mut c = DomainCounts::new(state, &t.topology_key);
            for id in state.candidates(&t.selector) {
                let b = &state.pods[id];
                if state.term_matches(t, &b.pod) {
                    c.add(b.node);
                }
            }
            c
        })
        .collect();
    a.affinity_empty = a.affinity.iter().all(|c| c.counts.iter().all(|n| *n == 0));
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
                let Some(d) = sc.domains.get(node) else {
                    return Some(Status::new(
                        "PodTopologySpread",
                        Code::Unresolvable,
                        ERR_SPREAD_LABEL,
                    ));
                };
                if sc.counts[d] + sc.self_match - sc.min_match > c.max_skew {
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
                for c in &a.affinity {
                    match c.at(node) {
                        Some(count) => exist &= count > 0,
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
            if a.anti.iter().any(|c| c.at(node).is_some_and(|n| n > 0)) {
                return Some(Status::new(
                    "InterPodAffinity",
                    Code::Unschedulable,
                    ERR_POD_ANTI_AFFINITY,
                ));
            }
            if a.existing_anti
                .iter()
                .any(|c| c.at(node).is_some_and(|n| n > 0))
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
