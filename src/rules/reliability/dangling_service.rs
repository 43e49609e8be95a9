//! `dangling-service`: a Service whose selector matches the pod template of no workload of
//! the run (in its namespace), so that it has no endpoints.
//! source: pkg/controller/endpointslice/endpointslice_controller.go syncService (endpoints
//! are the pods that match `spec.selector`; a Service without a selector gets none)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::selection::Selector;

pub(super) static RULE: DanglingService = DanglingService;

pub(super) struct DanglingService;

impl Rule for DanglingService {
    fn id(&self) -> &str {
        "dangling-service"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "Service" || !o.group().is_empty() {
            return;
        }
        let (Some(kind), Some(selector)) = (
            cx.field_json(&["spec", "type"]),
            cx.field_json(&["spec", "selector"]),
        ) else {
            return;
        };
        if kind.as_str() == Some("ExternalName") {
            return;
        }
        let Some(selector) = Selector::from_map(&selector) else {
            return;
        };
        if selector.is_empty() {
            return;
        }
        let ns = o.namespace.as_deref();
        if selector.pods(cx.workspace, ns).next().is_some() {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!(
                    "the selector `{}` of Service `{}` matches no pod template in the input",
                    selector.show(),
                    o.name
                ),
                cx.at(selector.culprit(FieldPath::parse("spec.selector"), false)),
            )
            .label("selects no pods")
            .help("make the selector match the pod template labels of the workload behind this Service"),
        );
    }
}
