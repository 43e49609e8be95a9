//! `hpa-min-equals-max`: a HorizontalPodAutoscaler whose `minReplicas` (default 1) equals its
//! `maxReplicas`: it can never scale, so it only hides a fixed replica count.
//! source: pkg/apis/autoscaling/v2/defaults.go SetDefaults_HorizontalPodAutoscaler;
//! pkg/controller/podautoscaler/horizontal.go normalizeDesiredReplicas (clamped to [min, max])

use crate::diagnostic::Diagnostic;
use crate::model::scaling::int;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: HpaMinEqualsMax = HpaMinEqualsMax;

pub(super) struct HpaMinEqualsMax;

impl Rule for HpaMinEqualsMax {
    fn id(&self) -> &str {
        "hpa-min-equals-max"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "HorizontalPodAutoscaler" || o.group() != "autoscaling" {
            return;
        }
        let min_path = FieldPath::parse("spec.minReplicas");
        let max_path = FieldPath::parse("spec.maxReplicas");
        let Some(max) = int(cx.doc, cx.node(&max_path)) else {
            return;
        };
        let min = match cx.node(&min_path) {
            Some(n) => match int(cx.doc, Some(n)) {
                Some(m) => m,
                None => return,
            },
            None => 1,
        };
        if min != max {
            return;
        }
        let mut d = Diagnostic::new(
            format!(
                "HorizontalPodAutoscaler `{}` has `minReplicas` equal to `maxReplicas` ({max}), so it never scales",
                o.name
            ),
            cx.at(max_path),
        )
        .label("same as the minimum")
        .help("raise `maxReplicas` above `minReplicas`, or drop the HPA and set `replicas`");
        if cx.node(&min_path).is_some() {
            d = d.related(cx.at(min_path), "the minimum");
        }
        out.emit(d);
    }
}
