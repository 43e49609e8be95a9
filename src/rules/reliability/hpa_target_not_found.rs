//! `hpa-target-not-found`: a HorizontalPodAutoscaler whose `scaleTargetRef` names no object
//! of the run (same kind, name and namespace). Info: the target may already be in the
//! cluster, or come from another run; when it is not, the HPA reports `FailedGetScale`
//! and scales nothing.
//! source: pkg/controller/podautoscaler/horizontal.go reconcileAutoscaler (FailedGetScale)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: HpaTargetNotFound = HpaTargetNotFound;

pub(super) struct HpaTargetNotFound;

impl Rule for HpaTargetNotFound {
    fn id(&self) -> &str {
        "hpa-target-not-found"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "HorizontalPodAutoscaler" || o.group() != "autoscaling" {
            return;
        }
        let Some(target) = cx.field(&["spec", "scaleTargetRef"]) else {
            return;
        };
        let doc = cx.doc;
        let (Some(kind), Some(name)) = (doc.get_str(target, "kind"), doc.get_str(target, "name")) else {
            return;
        };
        if name.contains("{{")
            || cx
                .workspace
                .scaling()
                .target_exists(o.namespace.as_deref(), kind, name)
        {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!(
                    "HorizontalPodAutoscaler `{}` targets {kind} `{name}`, which is not in the input",
                    o.name
                ),
                cx.at(FieldPath::parse("spec.scaleTargetRef.name")),
            )
            .label("no such object in the input")
            .help(format!("add {kind} `{name}` to the input, or fix `scaleTargetRef`")),
        );
    }
}
