//! NodeResourcesBalancedAllocation over cpu and memory: `(1 - std) * 100` of the fractions
//! requested once the pod is added, with the pods' actual requests (no 100m/200Mi defaults).
//! Skipped for a pod that requests neither (best-effort) since v1.33 (kubernetes#130260).
//! Since v1.36 the score is the change in balance the pod brings:
//! `50 + (50 + with - without) / 2` (kubernetes#135573), 75 when it changes nothing.
//!
//! source: pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go PreScore
//! (isBestEffortPod → Skip), balancedResourceScorer (balancedResourceScore);
//! resource_allocation.go calculateResourceAllocatableRequest (useRequested=true).

use super::{Ctx, MAX_NODE_SCORE};

/// `balancedResourceScorer` over (requested, allocatable) pairs.
pub(super) fn balanced(resources: &[(i64, i64)]) -> i64 {
    let fractions: Vec<f64> = resources
        .iter()
        .filter(|(_, alloc)| *alloc != 0)
        .map(|(req, alloc)| (*req as f64 / *alloc as f64).min(1.0))
        .collect();
    let std = match fractions.len() {
        2 => ((fractions[0] - fractions[1]) / 2.0).abs(),
        n if n > 2 => {
            let mean = fractions.iter().sum::<f64>() / n as f64;
            let sum: f64 = fractions.iter().map(|f| (f - mean) * (f - mean)).sum();
            (sum / n as f64).sqrt()
        }
        _ => 0.0,
    };
    ((1.0 - std) * MAX_NODE_SCORE as f64) as i64
}

pub(super) fn score(ctx: &Ctx<'_>) -> Option<Vec<i64>> {
    let req = &ctx.pod.requests;
    if ctx.version >= (1, 33) && req.milli_cpu == 0 && req.memory == 0 {
        return None;
    }
    Some(
        ctx.feasible
            .iter()
            .map(|n| {
                let node = &ctx.state.nodes[*n];
                let (cpu, mem) = (&node.allocatable.milli_cpu, &node.allocatable.memory);
                let with = balanced(&[
                    (node.requested.milli_cpu.saturating_add(req.milli_cpu), *cpu),
                    (node.requested.memory.saturating_add(req.memory), *mem),
                ]);
                if ctx.version < (1, 36) {
                    return with;
                }
                let without = balanced(&[
                    (node.requested.milli_cpu, *cpu),
                    (node.requested.memory, *mem),
                ]);
                MAX_NODE_SCORE / 2 + (MAX_NODE_SCORE / 2 + with - without) / 2
            })
            .collect(),
    )
}
