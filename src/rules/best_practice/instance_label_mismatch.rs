//! `instance-label-mismatch`: a workload whose `app.kubernetes.io/instance` label differs from
//! its own name (Polaris `metadataAndInstanceMismatched`).

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InstanceLabelMismatch = InstanceLabelMismatch;

pub(super) struct InstanceLabelMismatch;

const LABEL: &str = "app.kubernetes.io/instance";

fn diagnostic(cx: &ObjectCx<'_>, path: FieldPath, value: &str) -> Diagnostic {
    Diagnostic::new(
        format!(
            "label `{LABEL}: {value}` differs from the object's name `{}`",
            cx.object.name
        ),
        cx.at(path),
    )
    .label(format!("not `{}`", cx.object.name))
    .help(format!("set `{LABEL}` to `{}`", cx.object.name))
}

impl Rule for InstanceLabelMismatch {
    fn id(&self) -> &str {
        "instance-label-mismatch"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        // Workloads only, as Polaris checks controllers: a Service or ConfigMap of the same
        // instance is usually named after it with a suffix.
        if cx.object.pod_spec.is_none() {
            return;
        }
        let Some(name) = cx
            .field(&["metadata"])
            .and_then(|m| cx.doc.get_str(m, "name"))
        else {
            return;
        };
        let path = FieldPath::root().field("metadata").field("labels").key(LABEL);
        let Some(node) = cx.node(&path) else {
            return;
        };
        let value = cx.doc.str(node).unwrap_or("");
        if value != name {
            out.emit(diagnostic(cx, path, value));
        }
    }
}
