//! `restart-policy-never`: a Pod, Job or CronJob whose pods use `restartPolicy: Never`, so a
//! container that fails is not restarted in place.
//! source: pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions (Never: no restart)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: RestartPolicyNever = RestartPolicyNever;

pub(super) struct RestartPolicyNever;

fn diagnostic(cx: &PodCx<'_>) -> Diagnostic {
    let kind = cx.object.object.kind.as_str();
    let consequence = if kind == "Pod" {
        "a container that fails stays failed until someone recreates the pod"
    } else {
        "a container that fails fails its whole pod, and the Job starts a new pod elsewhere"
    };
    Diagnostic::new(
        format!("`restartPolicy: Never`: {consequence}"),
        cx.at(&FieldPath::root().field("restartPolicy")),
    )
    .label("no restart")
    .help("use `restartPolicy: OnFailure` unless failed pods must be kept as they are")
}

impl Rule for RestartPolicyNever {
    fn id(&self) -> &str {
        "restart-policy-never"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let o = cx.object.object;
        let applies = matches!(
            (o.group(), o.kind.as_str()),
            ("", "Pod" | "PodTemplate") | ("batch", "Job" | "CronJob")
        );
        if applies && cx.doc().get_str(cx.node, "restartPolicy") == Some("Never") {
            out.emit(diagnostic(cx));
        }
    }
}
