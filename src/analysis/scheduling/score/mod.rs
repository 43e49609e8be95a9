//! The default profile's Score plugins: for one pod and the nodes that passed every filter,
//! each plugin's score (normalised to 0..=100, then multiplied by its weight), the total per
//! node, and the order the scheduler picks from. Reads a [`ClusterState`] and never changes
//! it; knows nothing of filters beyond the feasible list it is given. Must not import `rules`.
//!
//! Public API:
//!
//! - [`score_nodes`] → [`Ranking`]: per feasible node a [`NodeScore`] (the plugins that ran,
//!   in the profile's Score order, with weighted scores, and `total`); `order` (best first,
//!   ties kept in feasible order) and `best` (every node with the top total: the scheduler
//!   takes any one of them). [`Ranking::weighted`] is the JSON `scores` shape.
//! - [`ScoreOptions`]: what the state does not hold: the selector of the Services and
//!   controllers that own the pod, for PodTopologySpread's system default constraints.
//! - [`default_selector`]: that selector, built as `helper.DefaultSelector` builds it from
//!   [`service_selectors`] (the Services that select the pod) and [`owner_selector`] (the
//!   ReplicaSet, StatefulSet or ReplicationController that will own it).
//! - [`num_feasible_nodes_to_find`]: how many feasible nodes the scheduler looks for before
//!   it stops filtering (only those are scored).
//!
//! A plugin whose PreScore returns Skip is left out of a node's scores (it adds 0), as the
//! framework leaves it out; VolumeBinding (no StorageCapacityScoring) and DynamicResources
//! (no claims) always skip here.
//!
//! source: pkg/scheduler/framework/runtime/framework.go RunPreScorePlugins, RunScorePlugins
//! (score → NormalizeScore → × weight); pkg/scheduler/schedule_one.go prioritizeNodes,
//! selectHost; pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins (weights).

mod balanced_allocation;
mod image_locality;
mod inter_pod_affinity;
mod node_affinity;
mod pod_topology_spread;
mod resources_fit;
mod taint_toleration;

use std::collections::BTreeMap;

use super::labels::{Op, Requirement, Selector};
use super::state::{ClusterState, PodInfo};
use crate::model::Version;

/// `framework.MaxNodeScore`.
pub const MAX_NODE_SCORE: i64 = 100;

/// What one scoring run needs besides the state and the pod.
#[derive(Debug, Clone, Default)]
pub struct ScoreOptions {
    /// `helper.DefaultSelector` for the pod: the Services selecting it and its owning
    /// ReplicaSet/StatefulSet/ReplicationController (see [`default_selector`]). `None` or
    /// an empty selector: PodTopologySpread has no system default constraint for the pod.
    pub default_spread_selector: Option<Selector>,
}

/// The weighted scores of one node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeScore {
    /// Index into `ClusterState::nodes`.
    pub node: usize,
    pub name: String,
    /// Plugin name → normalised score × weight, for the plugins that ran, in Score order.
    pub plugins: Vec<(&'static str, i64)>,
    pub total: i64,
}

/// Every feasible node scored, and how the scheduler ranks them.
#[derive(Debug, Clone, Default)]
pub struct Ranking {
    /// In the order of the feasible list.
    pub scores: Vec<NodeScore>,
    /// Indexes into `scores`, highest total first; equal totals keep feasible order.
    pub order: Vec<usize>,
    /// Node indexes with the highest total, in feasible order. With several, the choice
    /// among them is arbitrary (heap order over a rotating start index).
    pub best: Vec<usize>,
    /// `false` when only one node is feasible: the scheduler binds it without scoring (the
    /// scores are still computed, for display).
    pub scored: bool,
}

impl Ranking {
    /// Node name → plugin name → weighted score, plus `"total"` (the JSON `scores`).
    pub fn weighted(&self) -> BTreeMap<String, BTreeMap<String, i64>> {
        self.scores
            .iter()
            .map(|s| {
                let mut m: BTreeMap<String, i64> = s
                    .plugins
                    .iter()
                    .map(|(p, v)| ((*p).to_string(), *v))
                    .collect();
                m.insert("total".into(), s.total);
                (s.name.clone(), m)
            })
            .collect()
    }

    /// Names of the best nodes.
    pub fn best_names(&self, state: &ClusterState) -> Vec<String> {
        self.best
            .iter()
            .map(|n| state.nodes[*n].name.clone())
            .collect()
    }
}

/// What a plugin sees: the state, the pod, the feasible nodes (indexes into `state.nodes`).
pub(crate) struct Ctx<'a> {
    pub state: &'a ClusterState,
    pub pod: &'a PodInfo,
    pub feasible: &'a [usize],
    pub version: Version,
    pub options: &'a ScoreOptions,
}

/// A plugin's normalised scores (0..=100) per feasible node, or `None` when its PreScore
/// returns Skip.
type PluginFn = fn(&Ctx<'_>) -> Option<Vec<i64>>;

/// The Score plugins of the default profile in Score order, with weights.
/// source: pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins;
/// pkg/scheduler/apis/config/testing/defaults/defaults.go ExpandedPluginsV1 (Score)
const PLUGINS: [(&str, i64, PluginFn); 7] = [
    ("TaintToleration", 3, taint_toleration::score),
    ("NodeAffinity", 2, node_affinity::score),
    ("NodeResourcesFit", 1, resources_fit::score),
    ("PodTopologySpread", 2, pod_topology_spread::score),
    ("InterPodAffinity", 2, inter_pod_affinity::score),
    (
        "NodeResourcesBalancedAllocation",
        1,
        balanced_allocation::score,
    ),
    ("ImageLocality", 1, image_locality::score),
];

/// Scores `feasible` (indexes into `state.nodes`) for `pod` with the default profile.
pub fn score_nodes(
    state: &ClusterState,
    pod: &PodInfo,
    feasible: &[usize],
    version: Version,
    options: &ScoreOptions,
) -> Ranking {
    if feasible.is_empty() {
        return Ranking::default();
    }
    let ctx = Ctx {
        state,
        pod,
        feasible,
        version,
        options,
    };
    let mut scores: Vec<NodeScore> = feasible
        .iter()
        .map(|n| NodeScore {
            node: *n,
            name: state.nodes[*n].name.clone(),
            plugins: Vec::new(),
            total: 0,
        })
        .collect();
    for (name, weight, f) in PLUGINS {
        let Some(s) = f(&ctx) else { continue };
        for (ns, v) in scores.iter_mut().zip(s) {
            let w = v.clamp(0, MAX_NODE_SCORE) * weight;
            ns.plugins.push((name, w));
            ns.total += w;
        }
    }
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by_key(|i| std::cmp::Reverse(scores[*i].total));
    let top = scores[order[0]].total;
    let best = scores
        .iter()
        .filter(|s| s.total == top)
        .map(|s| s.node)
        .collect();
    Ranking {
        scores,
        order,
        best,
        scored: feasible.len() > 1,
    }
}

/// `helper.DefaultNormalizeScore`: `max * s / maxCount`, reversed as `max - that`; with
/// every score 0, all 0 (or all `max` when reversed).
/// source: pkg/scheduler/framework/plugins/helper/normalize_score.go DefaultNormalizeScore
pub(crate) fn default_normalize(scores: &mut [i64], reverse: bool) {
    let max = scores.iter().copied().max().unwrap_or(0).max(0);
    for s in scores.iter_mut() {
        if max == 0 {
            *s = if reverse { MAX_NODE_SCORE } else { 0 };
            continue;
        }
        let v = MAX_NODE_SCORE * *s / max;
        *s = if reverse { MAX_NODE_SCORE - v } else { v };
    }
}

/// `helper.DefaultSelector`: the `selector` maps of the Services (and a
/// ReplicationController) that select the pod merged into one `key=value` set, then the
/// requirements of its owning ReplicaSet or StatefulSet `selector` appended. `None` when
/// nothing is required (`selector.Empty()`: no system default spreading).
/// source: pkg/scheduler/framework/plugins/helper/spread.go DefaultSelector, GetPodServices
pub fn default_selector(
    label_sets: &[BTreeMap<String, String>],
    owner_selector: Option<&Selector>,
) -> Option<Selector> {
    let mut merged: BTreeMap<&str, &str> = BTreeMap::new();
    for set in label_sets {
        for (k, v) in set {
            merged.insert(k, v);
        }
    }
    let mut requirements: Vec<Requirement> = merged
        .into_iter()
        .map(|(k, v)| Requirement {
            key: k.to_string(),
            op: Op::In,
            values: vec![v.to_string()],
        })
        .collect();
    if let Some(o) = owner_selector.filter(|o| !o.nothing) {
        requirements.extend(o.requirements.iter().cloned());
    }
    (!requirements.is_empty()).then_some(Selector {
        requirements,
        nothing: false,
    })
}

/// `GetPodServices`: the `spec.selector` of each Service in the pod's namespace whose
/// selector matches the pod's labels. A Service without a selector selects nothing (an
/// empty one does not survive the API server's protobuf round trip either).
/// source: pkg/scheduler/framework/plugins/helper/spread.go GetPodServices
pub fn service_selectors<'a>(
    namespace: &str,
    labels: &BTreeMap<String, String>,
    services: impl IntoIterator<Item = (&'a str, &'a BTreeMap<String, String>)>,
) -> Vec<BTreeMap<String, String>> {
    services
        .into_iter()
        .filter(|(ns, sel)| *ns == namespace && !sel.is_empty())
        .filter(|(_, sel)| sel.iter().all(|(k, v)| labels.get(k) == Some(v)))
        .map(|(_, sel)| sel.clone())
        .collect()
}

/// The selector `DefaultSelector` takes from the controller that owns a workload's pods:
/// a Deployment's ReplicaSet (its selector plus `pod-template-hash`), a ReplicaSet or
/// StatefulSet (`spec.selector`), a ReplicationController (`spec.selector`, a map). Other
/// owners (Job, DaemonSet) and bare Pods contribute nothing.
/// source: pkg/scheduler/framework/plugins/helper/spread.go DefaultSelector (rcKind, rsKind,
/// ssKind); pkg/controller/deployment/sync.go getNewReplicaSet (the ReplicaSet selector
/// gains `pod-template-hash`)
pub fn owner_selector(
    kind: &str,
    object: &serde_json::Value,
    pod_template_hash: Option<&str>,
) -> Option<Selector> {
    let spec_selector = &object["spec"]["selector"];
    let label_selector = || {
        serde_json::from_value::<k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector>(
            spec_selector.clone(),
        )
        .ok()
    };
    match kind {
        "Deployment" => {
            let mut s = Selector::from_label_selector(label_selector().as_ref());
            if let (false, Some(h)) = (s.nothing, pod_template_hash) {
                s.requirements.push(Requirement {
                    key: "pod-template-hash".into(),
                    op: Op::In,
                    values: vec![h.to_string()],
                });
            }
            Some(s)
        }
        "ReplicaSet" | "StatefulSet" => {
            Some(Selector::from_label_selector(label_selector().as_ref()))
        }
        "ReplicationController" => {
            // An unset selector defaults to the template's labels (SetDefaults_ReplicationController).
            let sel = match spec_selector {
                serde_json::Value::Null => &object["spec"]["template"]["metadata"]["labels"],
                s => s,
            };
            let map: BTreeMap<String, String> = serde_json::from_value(sel.clone()).ok()?;
            Some(Selector {
                requirements: map
                    .into_iter()
                    .map(|(key, v)| Requirement {
                        key,
                        op: Op::In,
                        values: vec![v],
                    })
                    .collect(),
                nothing: false,
            })
        }
        _ => None,
    }
}

/// `numFeasibleNodesToFind`: below 100 nodes every node is filtered; else
/// `percentageOfNodesToScore` (0 = adaptive `50 - n/125`, at least 5) percent of them, at
/// least 100. Filtering stops once that many feasible nodes are found.
/// source: pkg/scheduler/schedule_one.go numFeasibleNodesToFind
pub fn num_feasible_nodes_to_find(
    num_all_nodes: usize,
    percentage_of_nodes_to_score: u32,
) -> usize {
    const MIN_FEASIBLE: usize = 100;
    const MIN_PERCENTAGE: usize = 5;
    if num_all_nodes < MIN_FEASIBLE {
        return num_all_nodes;
    }
    let mut pct = percentage_of_nodes_to_score as usize;
    if pct == 0 {
        pct = 50usize
            .saturating_sub(num_all_nodes / 125)
            .max(MIN_PERCENTAGE);
    }
    (num_all_nodes * pct.min(100) / 100).max(MIN_FEASIBLE)
}
