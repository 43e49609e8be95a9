//! Will it schedule? kube-scheduler's default profile over a cluster snapshot: which nodes
//! pass every filter, the first failing plugin's reasons for the others, the exact
//! `FailedScheduling` message of the targeted version, and what the kubelet does with a
//! pod that names its node. Pure: no I/O, no diagnostics; the `schedule` subcommand and
//! the `unschedulable` rule turn the results into output. Must not import `rules`.
//!
//! Public API (stable; later changes are additive):
//!
//! - [`ClusterState`] (`state.rs`): nodes ([`NodeInfo`]: labels, effective taints,
//!   allocatable, requested, bound pods, used host ports, images) and bound pods
//!   ([`BoundPod`] = [`PodInfo`] + node index), built by [`ClusterState::new`] from a
//!   [`crate::model::cluster::Snapshot`]; [`ClusterState::add_pod`] binds one more pod (a
//!   placed replica); [`ClusterState::candidates`] looks pods up by label;
//!   [`ClusterState::term_matches`] evaluates an affinity term against a pod.
//! - [`PodInfo::new`]: a pod template (or pod) compiled with the API server's defaulting:
//!   requests, non-zero requests for scoring, host ports, tolerations, required node
//!   affinity, pod (anti-)affinity terms, spread constraints, priority.
//! - [`filters::evaluate`] → [`Evaluation`]: one [`Status`] (plugin, [`Code`], reasons) per
//!   node, or `None` when the node is feasible; [`filters::prefilter`] +
//!   [`filters::Prepared::filter`] for one node at a time.
//! - [`message::fit_error`]: the `FailedScheduling` text (histogram + post-filter part).
//! - [`kubelet::admission`]: the kubelet's admission verdict for a `spec.nodeName` pod.
//! - [`schedule`]: filters and message for one pod, in one call.
//!
//! Scores live in `score/` (another unit): they read this state and never change it.

pub mod filters;
pub mod kubelet;
pub mod labels;
pub mod message;
pub mod place;
pub mod priority;
pub mod score;
pub mod state;
pub mod workload;

pub use filters::{Code, Evaluation, Status};
pub use state::{BoundPod, ClusterState, NodeInfo, PodInfo, Resources};

use crate::model::Version;

/// The scheduler's verdict for one pod on one state.
#[derive(Debug, Clone)]
pub struct Verdict {
    pub evaluation: Evaluation,
    /// Nodes that pass every filter, in node order.
    pub feasible: Vec<usize>,
    /// The `FailedScheduling` message when no node is feasible.
    pub message: Option<String>,
}

/// Filters every node for `pod` and, when none fits, words the scheduler's message.
pub fn schedule(state: &ClusterState, pod: &PodInfo, version: Version) -> Verdict {
    let evaluation = filters::evaluate(state, pod, version);
    let feasible = evaluation.feasible();
    let message = if feasible.is_empty() {
        message::fit_error(state, pod, &evaluation, version)
    } else {
        None
    };
    Verdict {
        evaluation,
        feasible,
        message,
    }
}

#[cfg(test)]
mod tests;
