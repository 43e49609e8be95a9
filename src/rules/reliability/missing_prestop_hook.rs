//! `missing-prestop-hook`: a container behind a Service that gets the stop signal the moment
//! its pod is deleted, while endpoints are still being updated elsewhere, so clients keep
//! sending it requests it no longer answers.
//! source: pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer (no preStop: the
//! stop signal is sent at once)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::service_backed::served;

pub(super) static RULE: MissingPrestopHook = MissingPrestopHook;

pub(super) struct MissingPrestopHook;

fn diagnostic(cx: &PodCx<'_>, container: &str, path: &crate::yaml::FieldPath, service: &str) -> Diagnostic {
    Diagnostic::new(
        format!("container `{container}` serves Service `{service}` but is stopped at once on deletion, before its endpoint is removed everywhere"),
        cx.at(path),
    )
    .label("no preStop")
    .help("add `lifecycle.preStop` with a short `sleep` (a few seconds) so endpoints catch up before the stop signal")
}

impl Rule for MissingPrestopHook {
    fn id(&self) -> &str {
        "missing-prestop-hook"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for (c, service) in served(cx) {
            if c.container.lifecycle.as_ref().and_then(|l| l.pre_stop.as_ref()).is_none() {
                out.emit(diagnostic(cx, c.name(), &c.path, &service.name));
            }
        }
    }
}
