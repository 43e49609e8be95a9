//! The `FailedScheduling` event text: `FitError.Error()` with its sorted histogram, and the
//! post-filter part (DynamicResources, then DefaultPreemption's dry run) as the targeted
//! version prints it.
//!
//! source: pkg/scheduler/framework/types.go FitError.Error, NoNodeAvailableMsg;
//! pkg/scheduler/framework/runtime/framework.go RunPostFilterPlugins;
//! pkg/scheduler/framework/plugins/dynamicresources/dynamicresources.go PostFilter;
//! pkg/scheduler/framework/preemption/preemption.go Preempt, findCandidates,
//! SelectVictimsOnNode; pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go
//! PodEligibleToPreemptOthers.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use super::filters::{Code, Evaluation, Status};
use super::state::{ClusterState, PodInfo};
use crate::model::Version;

/// `ErrNoNodesAvailable`: the snapshot has no node at all.
pub const NO_NODES: &str = "no nodes available to schedule pods";
const NOT_HELPFUL: &str = "Preemption is not helpful for scheduling";
const NO_VICTIMS: &str = "No preemption victims found for incoming pod";

/// `"<count> <reason>"` entries, sorted byte-wise as Go's `sort.Strings` sorts them.
pub fn histogram<'a>(statuses: impl IntoIterator<Item = &'a Status>) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for s in statuses {
        for r in &s.reasons {
            *counts.entry(r.as_ref()).or_insert(0) += 1;
        }
    }
    let mut entries: Vec<String> = counts.iter().map(|(r, n)| format!("{n} {r}")).collect();
    entries.sort();
    entries.join(", ")
}

/// What DefaultPreemption's PostFilter says, or `None` when preempting lower-priority
/// pods on some node makes the pod fit (the pod is then nominated and the event carries
/// no post-filter part).
pub fn preemption(
    state: &ClusterState,
    pod: &PodInfo,
    eval: &Evaluation,
    version: Version,
) -> Option<String> {
    if pod.preemption_never {
        return Some("not eligible due to preemptionPolicy=Never.".into());
    }
    let n = state.nodes.len();
    let mut dry: Vec<Status> = Vec::with_capacity(n);
    for (i, s) in eval.statuses.iter().enumerate() {
        let unhelpful = Status {
            plugin: "DefaultPreemption",
            code: Code::Unresolvable,
            reasons: vec![Cow::Borrowed(NOT_HELPFUL)],
        };
        let Some(s) = s else {
            dry.push(unhelpful);
            continue;
        };
        if s.code != Code::Unschedulable || eval.prefilter.is_some() {
            dry.push(unhelpful);
            continue;
        }
        let victims: BTreeSet<usize> = state.nodes[i]
            .pods
            .iter()
            .copied()
            .filter(|p| state.pods[*p].pod.priority < pod.priority)
            .collect();
        if victims.is_empty() {
            dry.push(Status {
                plugin: "DefaultPreemption",
                code: Code::Unresolvable,
                reasons: vec![Cow::Borrowed(NO_VICTIMS)],
            });
            continue;
        }
        let without = state.without_pods(&victims);
        match super::filters::prefilter(&without, pod, version) {
            Err(s) => dry.push(s),
            Ok(p) => match p.filter(&without, i) {
                None => return None,
                Some(s) => dry.push(s),
            },
        }
    }
    Some(format!("0/{n} nodes are available: {}.", histogram(&dry)))
}

/// The `FailedScheduling` message for a pod that fits no node, as the scheduler of
/// `version` prints it; `None` when some node passes every filter.
pub fn fit_error(
    state: &ClusterState,
    pod: &PodInfo,
    eval: &Evaluation,
    version: Version,
) -> Option<String> {
    let n = state.nodes.len();
    if n == 0 {
        return Some(NO_NODES.into());
    }
    if eval.statuses.iter().any(Option::is_none) {
        return None;
    }
    let dra = version >= (1, 34);
    if let Some(pre) = &eval.prefilter {
        let head = format!("0/{n} nodes are available: {}.", pre.reasons.join(", "));
        // Since v1.34 DynamicResources' PostFilter runs first and, its PreFilter never
        // having run, fails to read its state: "not found", and preemption is not tried.
        return Some(if dra {
            format!("{head} not found")
        } else {
            format!("{head} preemption: 0/{n} nodes are available: {n} {NOT_HELPFUL}.")
        });
    }
    let head = format!(
        "0/{n} nodes are available: {}.",
        histogram(eval.statuses.iter().flatten())
    );
    let post = match (preemption(state, pod, eval, version), dra) {
        (None, _) => String::new(),
        (Some(p), true) => format!(" no new claims to deallocate, preemption: {p}"),
        (Some(p), false) => format!(" preemption: {p}"),
    };
    Some(format!("{head}{post}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(reasons: &[&'static str]) -> Status {
        Status {
            plugin: "x",
            code: Code::Unschedulable,
            reasons: reasons.iter().map(|r| Cow::Borrowed(*r)).collect(),
        }
    }

    // source: pkg/scheduler/framework/types_test.go TestFitError_Error (sorted histogram,
    // a node with two reasons counts for both)
    #[test]
    fn histogram_sorts_as_go_strings() {
        let s = [
            st(&["Insufficient cpu", "Insufficient memory"]),
            st(&["node(s) had untolerated taint(s)"]),
            st(&["Insufficient cpu"]),
        ];
        assert_eq!(
            histogram(&s),
            "1 Insufficient memory, 1 node(s) had untolerated taint(s), 2 Insufficient cpu"
        );
    }
}
