//! NodeResourcesFit with the default `LeastAllocated` strategy over cpu and memory (weight 1
//! each): the share left free once the pod is added, counting 100m cpu and 200Mi memory for
//! every container that requests none (`NonZeroRequested`, on the node and for the pod).
//!
//! source: pkg/scheduler/framework/plugins/noderesources/least_allocated.go
//! leastResourceScorer, leastRequestedScore; resource_allocation.go score,
//! calculateResourceAllocatableRequest (useRequested=false); fit.go PreScore (no Skip);
//! pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest, DefaultMemoryRequest.

use super::{Ctx, MAX_NODE_SCORE};

/// `leastRequestedScore`: `(capacity - requested) * 100 / capacity`, 0 when over.
fn least_requested(requested: i64, capacity: i64) -> i64 {
    if capacity == 0 || requested > capacity {
        return 0;
    }
    (capacity - requested) * MAX_NODE_SCORE / capacity
}

/// `leastResourceScorer` over (requested, allocatable, weight); resources a node has none
/// of are left out of the weighted mean.
pub(super) fn least_allocated(resources: &[(i64, i64, i64)]) -> i64 {
    let (mut score, mut weights) = (0i64, 0i64);
    for (req, alloc, w) in resources {
        if *alloc == 0 {
            continue;
        }
        score += least_requested(*req, *alloc) * w;
        weights += w;
    }
    if weights == 0 {
        0
    } else {
        score / weights
    }
}

pub(super) fn score(ctx: &Ctx<'_>) -> Option<Vec<i64>> {
    let pod = ctx.pod;
    Some(
        ctx.feasible
            .iter()
            .map(|n| {
                let node = &ctx.state.nodes[*n];
                least_allocated(&[
                    (
                        node.non_zero_cpu.saturating_add(pod.non_zero_cpu),
                        node.allocatable.milli_cpu,
                        1,
                    ),
                    (
                        node.non_zero_memory.saturating_add(pod.non_zero_memory),
                        node.allocatable.memory,
                        1,
                    ),
                ])
            })
            .collect(),
    )
}
