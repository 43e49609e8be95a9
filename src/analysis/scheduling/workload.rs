//! A workload's pods on a snapshot: how many replicas schedule and where, the verdict for
//! the first one, the message of the first that fits nowhere; a DaemonSet's pod per node;
//! the kubelet's verdict for a pod that names its node. What `schedule` prints and what
//! the `unschedulable` rule reports.
//!
//! Replicas are placed one by one up to [`place::simulation_cap`]; a verdict says how many
//! it covers ([`WorkloadVerdict::simulated`]).
//!
//! Each workload is placed on the snapshot as given (workloads of one run do not count for
//! each other), so that a verdict does not depend on the order of the inputs.

use std::collections::BTreeMap;
use std::sync::Arc;

use k8s_openapi::api::core::v1::PodSpec;
use serde_json::Value;

use super::kubelet::{self, Admission};
use super::labels::Selector;
use super::place::{self, DaemonNode};
use super::score::{self, ScoreOptions};
use super::state::{ClusterState, PodInfo};
use super::Verdict;
use crate::model::cluster::Snapshot;
use crate::model::Version;

/// How many pods a workload runs at once (`spec.replicas`, default 1; a Job's
/// `parallelism` capped by `completions`); `None` for a DaemonSet and for kinds that create
/// no pods by themselves (PodTemplate).
pub fn replicas(kind: &str, object: &Value) -> Option<usize> {
    let n = |v: &Value| v.as_i64().map(|i| i.max(0) as usize);
    match kind {
        "Pod" => Some(1),
        "Deployment" | "ReplicaSet" | "StatefulSet" | "ReplicationController" => {
            Some(n(&object["spec"]["replicas"]).unwrap_or(1))
        }
        "Job" | "CronJob" => {
            let spec = if kind == "Job" {
                &object["spec"]
            } else {
                &object["spec"]["jobTemplate"]["spec"]
            };
            let p = n(&spec["parallelism"]).unwrap_or(1);
            Some(n(&spec["completions"]).map_or(p, |c| c.min(p)))
        }
        _ => None,
    }
}

/// A stable stand-in for the `pod-template-hash` label the Deployment controller adds
/// (it matters to `matchLabelKeys: [pod-template-hash]`).
fn template_hash(template: &Value) -> String {
    let text = template.to_string();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100_0000_01b3);
    }
    const ALPHABET: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    (0..10)
        .map(|i| ALPHABET[((h >> (i * 6)) % ALPHABET.len() as u64) as usize] as char)
        .collect()
}

/// Per node, per score plugin, weighted, with `total`.
pub type Scores = BTreeMap<String, BTreeMap<String, i64>>;

/// PodTopologySpread's system default constraints select the pods of the workload's own
/// controller (`helper.DefaultSelector`): its `spec.selector`. Services are not known here.
pub fn score_options(kind: &str, object: &Value) -> ScoreOptions {
    let sel = &object["spec"]["selector"];
    let owner = match kind {
        "Deployment" | "ReplicaSet" | "StatefulSet" => serde_json::from_value::<
            k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector,
        >(sel.clone())
        .ok()
        .map(|l| Selector::from_label_selector(Some(&l))),
        "ReplicationController" => serde_json::from_value::<BTreeMap<String, String>>(sel.clone())
            .ok()
            .map(|m| {
                Selector::from_label_selector(Some(
                    &k8s_openapi::apimachinery::pkg::apis::meta::v1::LabelSelector {
                        match_labels: Some(m),
                        match_expressions: None,
                    },
                ))
            }),
        _ => None,
    };
    ScoreOptions {
        default_spread_selector: score::default_selector(&[], owner.as_ref()),
    }
}

/// Scores `feasible` for `pod` and names the best (the tie set, in node order).
pub fn score(
    state: &ClusterState,
    pod: &PodInfo,
    feasible: &[usize],
    version: Version,
    options: &ScoreOptions,
) -> (Scores, Vec<String>) {
    let ranking = score::score_nodes(state, pod, feasible, version, options);
    (ranking.weighted(), ranking.best_names(state))
}

/// Chooses nodes as the scheduler does: filtering stops after `numFeasibleNodesToFind`
/// feasible nodes, starting where the previous pod's search stopped
/// (`nextStartNodeIndex`); those are scored and the best taken, ties to the first in
/// search order.
/// source: pkg/scheduler/schedule_one.go findNodesThatPassFilters, numFeasibleNodesToFind,
/// selectHost
pub struct Chooser {
    pub version: Version,
    pub options: ScoreOptions,
    next_start: usize,
}

impl Chooser {
    pub fn new(version: Version, options: ScoreOptions) -> Self {
        Chooser {
            version,
            options,
            next_start: 0,
        }
    }

    /// The node for `pod` among `feasible` (never empty, in node order).
    pub fn choose(&mut self, state: &ClusterState, pod: &PodInfo, feasible: &[usize]) -> usize {
        let n = state.nodes.len();
        let want = score::num_feasible_nodes_to_find(n, 0);
        // Walk the nodes from the start index, as the scheduler does, keeping the feasible.
        let start = self.next_start % n.max(1);
        let first = feasible.partition_point(|i| *i < start);
        let found: Vec<usize> = feasible[first..]
            .iter()
            .chain(&feasible[..first])
            .copied()
            .take(want)
            .collect();
        let examined = match found.last() {
            Some(last) if found.len() == want => (last + n - start) % n + 1,
            _ => n,
        };
        self.next_start = (start + examined) % n.max(1);
        if found.len() == 1 {
            return found[0];
        }
        let ranking = score::score_nodes(state, pod, &found, self.version, &self.options);
        let best = ranking.order.first().map(|i| ranking.scores[*i].node);
        best.unwrap_or(feasible[0])
    }
}

/// What kind of verdict this is.
#[derive(Debug, Clone)]
pub enum Mode {
    /// Replicas placed by the scheduler one after another.
    Replicas,
    /// A DaemonSet: nodes where its controller creates no pod (selector, affinity, taints).
    Daemon { skipped: Vec<String> },
    /// `spec.nodeName`: the scheduler is bypassed; the kubelet decides.
    NodeName(Admission),
}

/// The verdict for one workload's pods.
#[derive(Debug, Clone)]
pub struct WorkloadVerdict {
    pub mode: Mode,
    pub replicas: usize,
    /// How many replicas the verdict covers: `replicas`, unless placement stopped at the
    /// cap with every replica so far scheduled; the rest were not simulated.
    pub simulated: usize,
    pub scheduled: usize,
    /// Nodes that pass every filter for the first pod (a DaemonSet: nodes that get a pod).
    pub feasible: Vec<String>,
    /// Per other node, in node order: the first failing plugin's reasons.
    pub filtered: Vec<(String, Vec<String>)>,
    /// The `FailedScheduling` message of the first pod that fits nowhere (for a
    /// `nodeName` pod: the kubelet's rejection, or why it stays Pending).
    pub message: Option<String>,
    /// Where each scheduled replica went.
    pub placements: Vec<String>,
    pub scores: Scores,
    pub best: Vec<String>,
}

impl WorkloadVerdict {
    /// Every pod simulated schedules (or the kubelet admits the `nodeName` pod).
    pub fn ok(&self) -> bool {
        self.scheduled == self.simulated && self.message.is_none()
    }

    /// Placement stopped at the cap: replicas after the first `simulated` were not placed.
    pub fn partial(&self) -> bool {
        self.simulated < self.replicas
    }

    /// One sentence: the verdict.
    pub fn summary(&self) -> String {
        match (&self.mode, &self.message) {
            (Mode::NodeName(Admission::Admitted(n)), _) if self.partial() => format!(
                "`spec.nodeName` bypasses the scheduler; the kubelet of `{n}` admits the pod; {}",
                self.not_simulated()
            ),
            (Mode::NodeName(Admission::Admitted(n)), _) => {
                format!("`spec.nodeName` bypasses the scheduler; the kubelet of `{n}` admits the pod")
            }
            (Mode::NodeName(Admission::Rejected { node, reason, .. }), Some(m)) => format!(
                "`spec.nodeName` bypasses the scheduler; the kubelet of `{node}` rejects the pod, which fails with reason `{reason}`: {m}"
            ),
            (Mode::NodeName(_), Some(m)) => m.clone(),
            (Mode::Daemon { skipped }, None) => {
                let mut s = format!("a pod on each of {} node(s)", self.feasible.len());
                if !skipped.is_empty() {
                    s.push_str(&format!(
                        "; none on {} (not selected, or an untolerated taint)",
                        skipped.join(", ")
                    ));
                }
                s
            }
            (Mode::Daemon { .. }, Some(m)) => format!(
                "{} of {} daemon pods schedule; the others would stay Pending: {m}",
                self.scheduled, self.replicas
            ),
            (_, None) if self.partial() => format!(
                "the first {} replicas schedule; {}",
                self.simulated,
                self.not_simulated()
            ),
            (_, None) if self.replicas == 0 => "0 replicas: nothing to schedule".into(),
            (_, None) if self.replicas == 1 => "the pod schedules".into(),
            (_, None) => format!("all {} replicas schedule", self.replicas),
            (_, Some(m)) if self.replicas == 1 => format!("the pod would stay Pending: {m}"),
            (_, Some(m)) => format!(
                "{} of {} replicas schedule; the {} would stay Pending: {m}",
                self.scheduled,
                self.replicas,
                ordinal(self.scheduled + 1)
            ),
        }
    }
}

impl WorkloadVerdict {
    /// What a partial verdict leaves out.
    fn not_simulated(&self) -> String {
        format!(
            "placement shown for the first {} of {} replicas; the other {} were not simulated",
            self.simulated,
            self.replicas,
            self.replicas - self.simulated
        )
    }
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, r) if r != 11 => "st",
        (2, r) if r != 12 => "nd",
        (3, r) if r != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn names(state: &ClusterState, idx: &[usize]) -> Vec<String> {
    idx.iter().map(|i| state.nodes[*i].name.clone()).collect()
}

fn filtered(state: &ClusterState, v: &Verdict) -> Vec<(String, Vec<String>)> {
    v.evaluation
        .statuses
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.as_ref().map(|s| {
                (
                    state.nodes[i].name.clone(),
                    s.reasons.iter().map(|r| r.to_string()).collect(),
                )
            })
        })
        .collect()
}

/// Schedules the pods of one workload (`kind` with its pod `spec`, template `labels` and
/// the whole `object` as JSON for replica counts) on `state`, which is left as it was.
/// `None` for kinds that create no pods by themselves.
#[allow(clippy::too_many_arguments)]
pub fn schedule_workload(
    state: &ClusterState,
    kind: &str,
    namespace: &str,
    name: &str,
    mut labels: BTreeMap<String, String>,
    spec: &PodSpec,
    object: &Value,
    version: Version,
) -> Option<WorkloadVerdict> {
    // A gated pod never enters the scheduling queue (SchedulingGates PreEnqueue); the API
    // server marks it PodScheduled=False, reason SchedulingGated. The nodes it would fit are
    // still worked out, for when the gates are removed.
    // source: pkg/registry/core/pod/strategy.go applySchedulingGatedCondition.
    if spec.node_name.is_none()
        && spec
            .scheduling_gates
            .as_ref()
            .is_some_and(|g| !g.is_empty())
    {
        let mut ungated = spec.clone();
        ungated.scheduling_gates = None;
        let mut v = schedule_workload(
            state, kind, namespace, name, labels, &ungated, object, version,
        )?;
        v.scheduled = 0;
        v.placements.clear();
        v.message = Some("Scheduling is blocked due to non-empty scheduling gates".into());
        return Some(v);
    }
    if kind == "DaemonSet" {
        return Some(daemon(state, namespace, name, &labels, spec, version));
    }
    let replicas = replicas(kind, object)?;
    if kind == "Deployment" {
        labels.insert(
            "pod-template-hash".into(),
            template_hash(&object["spec"]["template"]),
        );
    }
    let pod = PodInfo::new(namespace, name, labels, spec, true, version);
    if pod.node_name().is_some() {
        return node_name(state, &pod, replicas);
    }
    let mut work = state.clone();
    let options = score_options(kind, object);
    let mut chooser = Chooser::new(version, options.clone());
    let mut choose = |s: &ClusterState, p: &PodInfo, f: &[usize]| chooser.choose(s, p, f);
    let cap = place::simulation_cap(state.nodes.len());
    let placement = place::place_replicas(&mut work, &pod, replicas, cap, version, &mut choose);
    let first = &placement.first;
    let (scores, best) = if first.feasible.is_empty() {
        (Scores::new(), Vec::new())
    } else {
        score(state, &pod, &first.feasible, version, &options)
    };
    Some(WorkloadVerdict {
        mode: Mode::Replicas,
        replicas,
        simulated: placement.simulated,
        scheduled: placement.scheduled,
        feasible: names(state, &first.feasible),
        filtered: filtered(state, first),
        message: placement.failed.as_ref().and_then(|f| f.message.clone()),
        placements: names(&work, &placement.nodes),
        scores,
        best,
    })
}

fn node_name(state: &ClusterState, pod: &PodInfo, replicas: usize) -> Option<WorkloadVerdict> {
    let verdict = kubelet::admission(state, pod)?;
    let mut v = WorkloadVerdict {
        mode: Mode::NodeName(verdict.clone()),
        replicas,
        simulated: replicas,
        scheduled: 0,
        feasible: Vec::new(),
        filtered: Vec::new(),
        message: None,
        placements: Vec::new(),
        scores: Scores::new(),
        best: Vec::new(),
    };
    match verdict {
        Admission::UnknownNode(n) => {
            v.message = Some(format!(
                "`spec.nodeName` names `{n}`, which is not among the nodes: the scheduler never looks at the pod and no kubelet picks it up, so it stays Pending forever"
            ));
        }
        Admission::Admitted(n) => {
            // Every replica names the same node; list as many as a placement would.
            v.simulated = replicas.min(place::simulation_cap(state.nodes.len()));
            v.scheduled = v.simulated;
            v.feasible.push(n.clone());
            v.placements = vec![n; v.simulated];
        }
        Admission::Rejected {
            node,
            reason,
            message,
        } => {
            v.filtered.push((node, vec![reason]));
            v.message = Some(format!("Pod was rejected: {message}"));
        }
    }
    Some(v)
}

fn daemon(
    state: &ClusterState,
    namespace: &str,
    name: &str,
    labels: &BTreeMap<String, String>,
    spec: &PodSpec,
    version: Version,
) -> WorkloadVerdict {
    let mut work = state.clone();
    let per_node = place::place_daemon(&mut work, namespace, name, labels, spec, version);
    let mut v = WorkloadVerdict {
        mode: Mode::Daemon {
            skipped: Vec::new(),
        },
        replicas: 0,
        simulated: 0,
        scheduled: 0,
        feasible: Vec::new(),
        filtered: Vec::new(),
        message: None,
        placements: Vec::new(),
        scores: Scores::new(),
        best: Vec::new(),
    };
    let mut skipped = Vec::new();
    for (i, d) in per_node.iter().enumerate() {
        let node = state.nodes[i].name.clone();
        match d {
            DaemonNode::Scheduled => {
                v.replicas += 1;
                v.scheduled += 1;
                v.feasible.push(node.clone());
                v.placements.push(node);
            }
            DaemonNode::Skipped(why) => {
                skipped.push(node.clone());
                v.filtered.push((node, vec![why.to_string()]));
            }
            DaemonNode::Pending { status, verdict } => {
                v.replicas += 1;
                let reasons = status.reasons.iter().map(|r| r.to_string()).collect();
                v.filtered.push((node, reasons));
                if let Some(p) = verdict {
                    v.message = p.message.clone();
                }
            }
        }
    }
    v.simulated = v.replicas;
    v.mode = Mode::Daemon { skipped };
    v
}

/// The compiled state of a run's snapshot, built once in `slot` and shared.
pub fn shared_state(
    snapshot: &Snapshot,
    slot: &std::sync::OnceLock<Arc<dyn std::any::Any + Send + Sync>>,
    version: Version,
) -> Option<Arc<ClusterState>> {
    slot.get_or_init(|| Arc::new(Arc::new(ClusterState::new(snapshot, version))))
        .downcast_ref::<Arc<ClusterState>>()
        .cloned()
}
