//! `workload-active-deadline`: `activeDeadlineSeconds` in the pod template of a controller
//! whose pods are meant to run forever; the API server refuses it.
//! source: pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForReplicaSet
//! (Deployment, ReplicaSet), ValidateStatefulSetSpec, ValidateDaemonSetSpec

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: WorkloadActiveDeadline = WorkloadActiveDeadline;

pub(super) struct WorkloadActiveDeadline;

fn diagnostic(cx: &PodCx<'_>, kind: &str, error: (&str, &str)) -> Diagnostic {
    let at = FieldPath::root().field("activeDeadlineSeconds");
    Diagnostic::new(
        format!("a {kind}'s pod template may not set `activeDeadlineSeconds`"),
        cx.at(&at),
    )
    .label("not allowed here")
    .help("remove it; a deadline belongs on a Job or a bare Pod")
    .api_error(cx.path.join(&at).to_string(), error.0, error.1)
}

impl Rule for WorkloadActiveDeadline {
    fn id(&self) -> &str {
        "workload-active-deadline"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let o = cx.object.object;
        let error = match (o.group(), o.kind.as_str()) {
            ("apps" | "extensions", "Deployment" | "ReplicaSet") => {
                ("Forbidden", "activeDeadlineSeconds in ReplicaSet is not Supported")
            }
            ("apps", "StatefulSet") | ("apps" | "extensions", "DaemonSet") => {
                ("Invalid", "must not be specified")
            }
            _ => return,
        };
        let doc = cx.doc();
        // An explicit null is a nil pointer to the API server.
        if doc
            .get(cx.node, "activeDeadlineSeconds")
            .is_some_and(|n| !doc.is_null(n))
        {
            out.emit(diagnostic(cx, &o.kind, error));
        }
    }
}
