//! `pdb-min-available-exceeds-hpa-min`: a PodDisruptionBudget whose `minAvailable` is at
//! least the `minReplicas` of an HPA of the run that scales a workload it selects. Once the
//! HPA scales down to its minimum, the budget allows no eviction at all and node drains
//! hang (above it, the budget is fine: so the problem shows only at quiet times).
//! source: pkg/controller/disruption/disruption.go getExpectedPodCount (integer
//! minAvailable is compared with the healthy pods)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};

use super::pdb::{amount, is_pdb, Amount};

pub(super) static RULE: PdbMinAvailableExceedsHpaMin = PdbMinAvailableExceedsHpaMin;

pub(super) struct PdbMinAvailableExceedsHpaMin;

impl Rule for PdbMinAvailableExceedsHpaMin {
    fn id(&self) -> &str {
        "pdb-min-available-exceeds-hpa-min"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if !is_pdb(cx) {
            return;
        }
        let Some((Amount::Count(min_available), path)) = amount(cx, "minAvailable") else {
            return;
        };
        let ws = cx.workspace;
        let scaling = ws.scaling();
        if min_available <= 0 || !scaling.has_hpas() {
            return;
        }
        let Some(selector) = cx.field(&["spec", "selector"]) else {
            return;
        };
        for w in scaling.templates_selected(ws, cx.doc, selector, cx.object.namespace.as_deref()) {
            let Some(hpa) = scaling.hpas_targeting(w.object).next() else {
                continue;
            };
            if min_available < hpa.min_replicas {
                continue;
            }
            let relation = if min_available == hpa.min_replicas {
                "equals"
            } else {
                "exceeds"
            };
            out.emit(
                Diagnostic::new(
                    format!(
                        "`minAvailable: {min_available}` of PodDisruptionBudget `{}` {relation} the `minReplicas: {}` of HorizontalPodAutoscaler `{}`, so at minimum scale no pod of {} `{}` can be evicted",
                        cx.object.name, hpa.min_replicas, hpa.name, w.object.kind, w.object.name
                    ),
                    cx.at(path),
                )
                .label("not below the HPA's minimum")
                .help("use `maxUnavailable: 1`, or a `minAvailable` below the HPA's `minReplicas`"),
            );
            return;
        }
    }
}
