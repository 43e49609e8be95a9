//! `missing-cpu-limit`: a container without a CPU limit may use every idle core of its node.
//! Pedantic: unlike memory, CPU is compressible, and a limit throttles the container even
//! when the node is idle; many operators leave it unset on purpose.
//! source: pkg/kubelet/cm/helpers_linux.go ResourceConfigForPod (CFS quota only with a limit)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::resources::{declared, path, Side};

pub(super) static RULE: MissingCpuLimit = MissingCpuLimit;

pub(super) struct MissingCpuLimit;

fn diagnostic(cx: &PodCx<'_>, container: &str, at: crate::yaml::FieldPath) -> Diagnostic {
    Diagnostic::new(format!("container `{container}` sets no CPU limit"), cx.object.at(at))
        .label("no CPU limit")
        .help("set `resources.limits.cpu`")
}

impl Rule for MissingCpuLimit {
    fn id(&self) -> &str {
        "missing-cpu-limit"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for c in cx.containers() {
            if !declared(cx, c, Side::Limits, "cpu") {
                out.emit(diagnostic(cx, c.name, path(c, Side::Limits, "cpu")));
            }
        }
    }
}
