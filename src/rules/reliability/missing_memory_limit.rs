//! `missing-memory-limit`: a container without a memory limit may take all of its node's
//! memory; the kernel then kills processes of other pods too. A LimitRange of the run that
//! gives containers a default memory limit counts as set.
//! source: pkg/kubelet/cm/helpers_linux.go ResourceConfigForPod (no limit: no memory cgroup
//! cap for the container)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::resources::{declared, path, Side};

pub(super) static RULE: MissingMemoryLimit = MissingMemoryLimit;

pub(super) struct MissingMemoryLimit;

fn diagnostic(cx: &PodCx<'_>, container: &str, at: crate::yaml::FieldPath) -> Diagnostic {
    Diagnostic::new(format!("container `{container}` sets no memory limit"), cx.object.at(at))
        .label("no memory limit")
        .help("set `resources.limits.memory`, usually equal to the memory request")
}

impl Rule for MissingMemoryLimit {
    fn id(&self) -> &str {
        "missing-memory-limit"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for c in cx.containers() {
            if !declared(cx, c, Side::Limits, "memory") {
                out.emit(diagnostic(cx, c.name, path(c, Side::Limits, "memory")));
            }
        }
    }
}
