//! `missing-seccomp-profile`: a container without a seccomp profile (its own or the pod's),
//! or with `Unconfined`: unless the kubelet runs with `--seccomp-default`, it may make every
//! system call.
//! source: pkg/kubelet/kuberuntime/helpers.go getSeccompProfile (no profile: unconfined
//! unless SeccompDefault is enabled on the kubelet)

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{containers, effective, is_windows, Subjects};

pub(super) static RULE: MissingSeccompProfile = MissingSeccompProfile;

pub(super) struct MissingSeccompProfile;

impl Rule for MissingSeccompProfile {
    fn id(&self) -> &str {
        "missing-seccomp-profile"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        if is_windows(cx) {
            return;
        }
        let mut subjects = Subjects::default();
        for c in containers(cx) {
            let name = c.r.name;
            match effective(cx, &c, "seccompProfile") {
                Some((v, p)) => {
                    if v.field("type").and_then(Value::as_str) != Some("Unconfined") {
                        continue;
                    }
                    if let Some(who) = subjects.of(&c, &p) {
                        out.emit(
                            Diagnostic::new(
                                format!("{who} runs without seccomp filtering"),
                                cx.object.at(p.field("type")),
                            )
                            .label("Unconfined")
                            .help("use `seccompProfile: {type: RuntimeDefault}`"),
                        );
                    }
                }
                None => out.emit(
                    Diagnostic::new(
                        format!("container `{name}` has no seccomp profile"),
                        cx.object.at(c.sc_path("seccompProfile")),
                    )
                    .label("unconfined unless the kubelet sets a default")
                    .help("set `securityContext.seccompProfile: {type: RuntimeDefault}` on the pod"),
                ),
            }
        }
    }
}
