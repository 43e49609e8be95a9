//! PodTopologySpread scoring: fewer matching pods in a node's domains score higher. Uses the
//! pod's `ScheduleAnyway` constraints; a pod with no constraint at all gets the system
//! defaults (hostname maxSkew 3, zone maxSkew 5) with the selector of the Services and
//! controllers that own it, and nothing when there is none.
//!
//! Per constraint, a domain's weight is `ln(#domains among the feasible nodes + 2)` (for
//! the hostname key: the number of scored nodes); a node's raw score is
//! `Σ count(domain) * weight + (maxSkew - 1)`, rounded; normalised as
//! `100 * (max + min - s) / max`. With the pod's own constraints, feasible nodes missing a
//! topology key score 0; system defaults only skip the constraint whose key is missing.
//!
//! source: pkg/scheduler/framework/plugins/podtopologyspread/scoring.go initPreScoreState,
//! PreScore (requireAllTopologies), Score, NormalizeScore, topologyNormalizingWeight,
//! scoreForCount; common.go buildDefaultConstraints, matchNodeInclusionPolicies,
//! countPodsMatchSelector; plugin.go systemDefaultConstraints.

use std::collections::HashMap;

use super::{Ctx, MAX_NODE_SCORE};
use crate::analysis::scheduling::labels::{do_not_schedule, untolerated, Selector};
use crate::analysis::scheduling::state::NodeInfo;

const HOSTNAME: &str = "kubernetes.io/hostname";
const ZONE: &str = "topology.kubernetes.io/zone";

struct Constraint<'a> {
    max_skew: i64,
    key: &'a str,
    selector: &'a Selector,
    honor_node_affinity: bool,
    honor_taints: bool,
}

fn constraints<'a>(ctx: &'a Ctx<'_>) -> Vec<Constraint<'a>> {
    let pod = ctx.pod;
    if !pod.spread.is_empty() {
        return pod
            .spread
            .iter()
            .filter(|c| !c.hard)
            .map(|c| Constraint {
                max_skew: c.max_skew,
                key: &c.topology_key,
                selector: &c.selector,
                honor_node_affinity: c.honor_node_affinity,
                honor_taints: c.honor_taints,
            })
            .collect();
    }
    let Some(selector) = ctx
        .options
        .default_spread_selector
        .as_ref()
        .filter(|s| !s.nothing && !s.requirements.is_empty())
    else {
        return Vec::new();
    };
    [(HOSTNAME, 3), (ZONE, 5)]
        .into_iter()
        .map(|(key, max_skew)| Constraint {
            max_skew,
            key,
            selector,
            honor_node_affinity: true,
            honor_taints: false,
        })
        .collect()
}

/// `countPodsMatchSelector` for every node at once: matching pods (in the pod's namespace,
/// not terminating) per node index, looked up through the state's label index.
fn count_per_node(ctx: &Ctx<'_>, selector: &Selector) -> HashMap<usize, i64> {
    let mut m: HashMap<usize, i64> = HashMap::new();
    for id in ctx.state.candidates(selector) {
        let b = &ctx.state.pods[id];
        let p = &b.pod;
        if !p.terminating && p.namespace == ctx.pod.namespace && selector.matches(&p.labels) {
            *m.entry(b.node).or_insert(0) += 1;
        }
    }
    m
}

fn has_all_keys(node: &NodeInfo, cs: &[Constraint<'_>]) -> bool {
    cs.iter().all(|c| node.labels.contains_key(c.key))
}

pub(super) fn score(ctx: &Ctx<'_>) -> Option<Vec<i64>> {
    let state = ctx.state;
    if state.nodes.is_empty() {
        return None;
    }
    let cs = constraints(ctx);
    if cs.is_empty() {
        return None;
    }
    let require_all = !ctx.pod.spread.is_empty();
    let empty = String::new();
    // initPreScoreState: domains of the scored nodes; hostname counts are per node.
    let mut ignored = vec![false; ctx.feasible.len()];
    let mut counts: Vec<HashMap<&str, i64>> = cs.iter().map(|_| HashMap::new()).collect();
    for (k, n) in ctx.feasible.iter().enumerate() {
        let node = &state.nodes[*n];
        if require_all && !has_all_keys(node, &cs) {
            ignored[k] = true;
            continue;
        }
        for (i, c) in cs.iter().enumerate() {
            if c.key != HOSTNAME {
                let value = node.labels.get(c.key).unwrap_or(&empty);
                counts[i].entry(value.as_str()).or_insert(0);
            }
        }
    }
    let scored_nodes = ignored.iter().filter(|i| !**i).count();
    let weights: Vec<f64> = cs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let size = if c.key == HOSTNAME {
                scored_nodes
            } else {
                counts[i].len()
            };
            ((size + 2) as f64).ln()
        })
        .collect();
    // PreScore: matching pods per domain, over every node the policies include.
    let per_node: Vec<HashMap<usize, i64>> =
        cs.iter().map(|c| count_per_node(ctx, c.selector)).collect();
    for (n, node) in state.nodes.iter().enumerate() {
        if require_all && !has_all_keys(node, &cs) {
            continue;
        }
        for (i, c) in cs.iter().enumerate() {
            if c.honor_node_affinity && !ctx.pod.node_affinity.matches(&node.name, &node.labels) {
                continue;
            }
            if c.honor_taints
                && untolerated(&node.taints, &ctx.pod.tolerations, do_not_schedule).is_some()
            {
                continue;
            }
            let value = node.labels.get(c.key).unwrap_or(&empty);
            if let Some(slot) = counts[i].get_mut(value.as_str()) {
                *slot += per_node[i].get(&n).copied().unwrap_or(0);
            }
        }
    }
    // Score.
    let raw: Vec<Option<i64>> = ctx
        .feasible
        .iter()
        .enumerate()
        .map(|(k, n)| {
            if ignored[k] {
                return None;
            }
            let node = &state.nodes[*n];
            let mut s = 0f64;
            for (i, c) in cs.iter().enumerate() {
                let Some(value) = node.labels.get(c.key) else {
                    continue;
                };
                let cnt = if c.key == HOSTNAME {
                    per_node[i].get(n).copied().unwrap_or(0)
                } else {
                    counts[i].get(value.as_str()).copied().unwrap_or(0)
                };
                s += cnt as f64 * weights[i] + (c.max_skew - 1) as f64;
            }
            Some(s.round() as i64)
        })
        .collect();
    // NormalizeScore: ignored nodes take no part in min/max and score 0.
    let min = raw.iter().flatten().copied().min().unwrap_or(i64::MAX);
    let max = raw.iter().flatten().copied().max().unwrap_or(0).max(0);
    Some(
        raw.into_iter()
            .map(|s| match s {
                None => 0,
                Some(_) if max == 0 => MAX_NODE_SCORE,
                Some(s) => MAX_NODE_SCORE * (max + min - s) / max,
            })
            .collect(),
    )
}
