//! `missing-readiness-probe`: a container behind a Service without a readiness probe is Ready
//! as soon as it runs, so the Service sends it traffic before it can answer.
//! source: pkg/kubelet/prober/prober_manager.go (no readiness probe: ready once started)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::service_backed::served;

pub(super) static RULE: MissingReadinessProbe = MissingReadinessProbe;

pub(super) struct MissingReadinessProbe;

fn diagnostic(cx: &PodCx<'_>, container: &str, path: &crate::yaml::FieldPath, service: &str) -> Diagnostic {
    Diagnostic::new(
        format!("container `{container}` serves Service `{service}` but has no readiness probe"),
        cx.at(path),
    )
    .label("Ready as soon as it runs")
    .help("add a `readinessProbe` that succeeds only once the container can serve requests")
}

impl Rule for MissingReadinessProbe {
    fn id(&self) -> &str {
        "missing-readiness-probe"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for (c, service) in served(cx) {
            if c.container.readiness_probe.is_none() {
                out.emit(diagnostic(cx, c.name(), &c.path, &service.name));
            }
        }
    }
}
