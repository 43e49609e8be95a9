//! `namespace-mismatch`: `-n/--namespace` names one namespace and the object's
//! `metadata.namespace` another; kubectl refuses the object before anything is sent.
//! source: staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go RequireNamespace

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: NamespaceMismatch = NamespaceMismatch;

pub(super) struct NamespaceMismatch;

fn diagnostic(cx: &ObjectCx<'_>, own: &str, flag: &str) -> Diagnostic {
    // Not a field error of the API server but kubectl's own, so no `api_error`:
    // the namespace from the provided object "a" does not match the namespace "b". You must
    // pass '--namespace=a' to perform this operation.
    Diagnostic::new(
        format!("the namespace `{own}` does not match `--namespace={flag}`"),
        cx.at(FieldPath::parse("metadata.namespace")),
    )
    .label(format!("kubectl refuses this with `-n {flag}`"))
    .help(format!(
        "run with `-n {own}`, or remove `metadata.namespace` so that `-n` decides"
    ))
}

impl Rule for NamespaceMismatch {
    fn id(&self) -> &str {
        "namespace-mismatch"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let (Some(flag), Some(own)) = (&cx.workspace.namespace, &cx.object.namespace) else {
            return;
        };
        if own.is_empty() || own == flag || cx.object.cluster_scoped() {
            return;
        }
        out.emit(diagnostic(cx, own, flag));
    }
}
