//! TaintToleration: fewer untolerated `PreferNoSchedule` taints score higher.
//!
//! source: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go PreScore
//! (getAllTolerationPreferNoSchedule), Score (countIntolerableTaintsPreferNoSchedule),
//! NormalizeScore (DefaultNormalizeScore, reversed).

use super::{default_normalize, Ctx};
use crate::analysis::scheduling::labels::tolerates;

pub(super) fn score(ctx: &Ctx<'_>) -> Option<Vec<i64>> {
    // Only tolerations whose effect is PreferNoSchedule or empty count.
    let tolerations: Vec<_> = ctx
        .pod
        .tolerations
        .iter()
        .filter(|t| {
            matches!(
                t.effect.as_deref(),
                None | Some("") | Some("PreferNoSchedule")
            )
        })
        .collect();
    let mut raw: Vec<i64> = ctx
        .feasible
        .iter()
        .map(|n| {
            ctx.state.nodes[*n]
                .taints
                .iter()
                .filter(|t| t.effect == "PreferNoSchedule")
                .filter(|t| !tolerations.iter().any(|tol| tolerates(tol, t)))
                .count() as i64
        })
        .collect();
    default_normalize(&mut raw, true);
    Some(raw)
}
