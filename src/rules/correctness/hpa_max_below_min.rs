//! `hpa-max-below-min`: a HorizontalPodAutoscaler whose `maxReplicas` is below its
//! `minReplicas`, which the API server refuses.
//! source: pkg/apis/autoscaling/validation/validation.go validateHorizontalPodAutoscalerSpec
//! ("must be greater than or equal to `minReplicas`", at `spec.maxReplicas`)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: HpaMaxBelowMin = HpaMaxBelowMin;

pub(super) struct HpaMaxBelowMin;

impl Rule for HpaMaxBelowMin {
    fn id(&self) -> &str {
        "hpa-max-below-min"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "HorizontalPodAutoscaler" || o.group() != "autoscaling" {
            return;
        }
        let Some(json) = cx.json() else { return };
        let spec = &json["spec"];
        let (Some(min), Some(max)) = (spec["minReplicas"].as_i64(), spec["maxReplicas"].as_i64())
        else {
            return;
        };
        if max < min {
            out.emit(
                Diagnostic::new(
                    format!("`maxReplicas` ({max}) is below `minReplicas` ({min})"),
                    cx.at(FieldPath::parse("spec.maxReplicas")),
                )
                .label("refused")
                .related(cx.at(FieldPath::parse("spec.minReplicas")), "minimum")
                .help("raise `maxReplicas` to at least `minReplicas`, or lower `minReplicas`")
                .api_error(
                    "spec.maxReplicas",
                    "Invalid",
                    "must be greater than or equal to `minReplicas`",
                ),
            );
        }
    }
}
