//! InterPodAffinity scoring. Every bound pod adds to the topology domain of its node: the
//! incoming pod's preferred affinity (+weight) and anti-affinity (−weight) terms it matches,
//! the existing pod's required affinity terms the incoming pod matches
//! (+`hardPodAffinityWeight`, 1), and the existing pod's preferred affinity (+weight) and
//! anti-affinity (−weight) terms the incoming pod matches. A node's raw score is the sum
//! over its labels' domains; normalised min–max to 0..=100 (all 0 when equal). Skip when
//! no term matched anywhere.
//!
//! source: pkg/scheduler/framework/plugins/interpodaffinity/scoring.go PreScore,
//! processExistingPod, scoreMap.processTerm/processTerms, Score, NormalizeScore;
//! pkg/scheduler/apis/config/v1/defaults.go SetDefaults_InterPodAffinityArgs
//! (hardPodAffinityWeight 1, ignorePreferredTermsOfExistingPods false).

use std::collections::HashMap;

use super::{Ctx, MAX_NODE_SCORE};
use crate::analysis::scheduling::state::{AffinityTerm, NodeInfo, PodInfo, WeightedTerm};

const HARD_POD_AFFINITY_WEIGHT: i64 = 1;

#[derive(Default)]
struct TopologyScore<'a> {
    scores: HashMap<&'a str, HashMap<&'a str, i64>>,
    touched: bool,
}

impl<'a> TopologyScore<'a> {
    /// `processTerm`: when `pod` matches `term`, the domain of `node` gets `weight`.
    fn term(
        &mut self,
        ctx: &Ctx<'_>,
        term: &'a AffinityTerm,
        weight: i64,
        pod: &PodInfo,
        node: &'a NodeInfo,
    ) {
        let Some(value) = node.labels.get(&term.topology_key) else {
            return;
        };
        if ctx.state.term_matches(term, pod) {
            *self
                .scores
                .entry(term.topology_key.as_str())
                .or_default()
                .entry(value.as_str())
                .or_insert(0) += weight;
            self.touched = true;
        }
    }

    fn terms(
        &mut self,
        ctx: &Ctx<'_>,
        terms: &'a [WeightedTerm],
        sign: i64,
        pod: &PodInfo,
        node: &'a NodeInfo,
    ) {
        for t in terms {
            self.term(ctx, &t.term, i64::from(t.weight) * sign, pod, node);
        }
    }
}

pub(super) fn score(ctx: &Ctx<'_>) -> Option<Vec<i64>> {
    let state = ctx.state;
    let incoming = ctx.pod;
    let mut topo = TopologyScore::default();
    // The incoming pod's own terms: only the pods their selectors may match (label index).
    for (terms, sign) in [
        (&incoming.preferred_affinity, 1),
        (&incoming.preferred_anti_affinity, -1),
    ] {
        for t in terms {
            for id in state.candidates(&t.term.selector) {
                let existing = &state.pods[id];
                let node = &state.nodes[existing.node];
                if !node.labels.is_empty() {
                    topo.term(
                        ctx,
                        &t.term,
                        i64::from(t.weight) * sign,
                        &existing.pod,
                        node,
                    );
                }
            }
        }
    }
    // The existing pods' terms: only pods that have some.
    for id in state.pods_with_affinity_terms() {
        let existing = &state.pods[*id];
        let node = &state.nodes[existing.node];
        if node.labels.is_empty() {
            continue;
        }
        let ep = &existing.pod;
        for t in &ep.required_affinity {
            topo.term(ctx, t, HARD_POD_AFFINITY_WEIGHT, incoming, node);
        }
        topo.terms(ctx, &ep.preferred_affinity, 1, incoming, node);
        topo.terms(ctx, &ep.preferred_anti_affinity, -1, incoming, node);
    }
    if !topo.touched {
        return None;
    }
    let raw: Vec<i64> = ctx
        .feasible
        .iter()
        .map(|n| {
            let labels = &state.nodes[*n].labels;
            topo.scores
                .iter()
                .filter_map(|(key, values)| values.get(labels.get(*key)?.as_str()))
                .sum()
        })
        .collect();
    let min = raw.iter().copied().min().unwrap_or(0);
    let max = raw.iter().copied().max().unwrap_or(0);
    let diff = max - min;
    Some(
        raw.into_iter()
            .map(|s| {
                if diff > 0 {
                    (MAX_NODE_SCORE as f64 * ((s - min) as f64 / diff as f64)) as i64
                } else {
                    0
                }
            })
            .collect(),
    )
}
