//! `missing-liveness-probe`: an app container of a long-running workload without a liveness
//! probe is restarted only when its process exits; a hung process keeps its place.
//! source: pkg/kubelet/prober/prober_manager.go (no liveness probe: never restarted for it)

use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::long_running::long_running;

pub(super) static RULE: MissingLivenessProbe = MissingLivenessProbe;

pub(super) struct MissingLivenessProbe;

fn diagnostic(cx: &PodCx<'_>, container: &str, path: &crate::yaml::FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!("container `{container}` has no liveness probe"),
        cx.at(path),
    )
    .label("restarted only when its process exits")
    .help("add a `livenessProbe` that fails only when a restart helps (not the readiness check)")
}

impl Rule for MissingLivenessProbe {
    fn id(&self) -> &str {
        "missing-liveness-probe"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        if !long_running(cx.object) {
            return;
        }
        let Some(spec) = cx.spec() else { return };
        for c in containers(spec, cx.object.version) {
            if c.role == Role::App && c.container.liveness_probe.is_none() {
                out.emit(diagnostic(cx, c.name(), &c.path));
            }
        }
    }
}
