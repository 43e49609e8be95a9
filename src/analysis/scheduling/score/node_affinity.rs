//! NodeAffinity: the weights of the matching preferred node affinity terms, normalised to
//! the highest.
//!
//! source: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go PreScore
//! (getPodPreferredNodeAffinity: Skip without preferred terms), Score, NormalizeScore
//! (DefaultNormalizeScore); staging/src/k8s.io/component-helpers/scheduling/corev1/
//! nodeaffinity/nodeaffinity.go NewPreferredSchedulingTerms (weight-0 and empty terms are
//! dropped), PreferredSchedulingTerms.Score.

use super::{default_normalize, Ctx};
use crate::analysis::scheduling::labels::NodeTerm;

pub(super) fn score(ctx: &Ctx<'_>) -> Option<Vec<i64>> {
    let preferred = ctx
        .pod
        .spec
        .affinity
        .as_ref()?
        .node_affinity
        .as_ref()?
        .preferred_during_scheduling_ignored_during_execution
        .as_ref()
        // An empty list does not survive the API server's protobuf round trip: nil.
        .filter(|p| !p.is_empty())?;
    let terms: Vec<(i64, NodeTerm)> = preferred
        .iter()
        .filter(|t| t.weight != 0)
        .map(|t| (i64::from(t.weight), NodeTerm::from_term(&t.preference)))
        .collect();
    let mut raw: Vec<i64> = ctx
        .feasible
        .iter()
        .map(|n| {
            let node = &ctx.state.nodes[*n];
            terms
                .iter()
                .filter(|(_, t)| t.matches(&node.name, &node.labels))
                .map(|(w, _)| *w)
                .sum()
        })
        .collect();
    default_normalize(&mut raw, false);
    Some(raw)
}
