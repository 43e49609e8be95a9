//! `hpa-target-sets-replicas`: a workload that an HPA of the run scales, and whose manifest
//! also sets `spec.replicas`. Every `kubectl apply` resets the replica count to the
//! manifest's value, until the HPA scales it again: a rollout at peak load first drops to
//! that count.
//! source: pkg/controller/podautoscaler/horizontal.go (the HPA writes the scale subresource,
//! the same `spec.replicas` the manifest sets)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::too_few_replicas::replicated;

pub(super) static RULE: HpaTargetSetsReplicas = HpaTargetSetsReplicas;

pub(super) struct HpaTargetSetsReplicas;

impl Rule for HpaTargetSetsReplicas {
    fn id(&self) -> &str {
        "hpa-target-sets-replicas"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if !replicated(o.group(), &o.kind) {
            return;
        }
        let path = FieldPath::parse("spec.replicas");
        if cx.node(&path).is_none() {
            return;
        }
        let Some(hpa) = cx.workspace.scaling().hpas_targeting(o).next() else {
            return;
        };
        out.emit(
            Diagnostic::new(
                format!(
                    "{} `{}` sets `replicas` but HorizontalPodAutoscaler `{}` scales it, so every apply resets the replica count",
                    o.kind, o.name, hpa.name
                ),
                cx.at(path),
            )
            .label("overrides the HPA on apply")
            .help("remove `replicas` and let the HPA's `minReplicas` set the floor"),
        );
    }
}
