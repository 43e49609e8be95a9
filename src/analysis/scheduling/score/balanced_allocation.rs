//! NodeResourcesBalancedAllocation over cpu and memory: `(1 - std) * 100` of the fractions
//! requested once the pod is added, with the pods' actual requests (no 100m/200Mi defaults).
//! Skipped for a pod that requests neither (best-effort) since v1.33.
//!
//! source: pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go PreScore
//! (isBestEffortPod → Skip, kubernetes/kubernetes#129138), balancedResourceScorer;
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
                balanced(&[
                    (
                        node.requested.milli_cpu.saturating_add(req.milli_cpu),
                        node.allocatable.milli_cpu,
                    ),
                    (
                        node.requested.memory.saturating_add(req.memory),
                        node.allocatable.memory,
                    ),
                ])
            })
            .collect(),
    )
}
