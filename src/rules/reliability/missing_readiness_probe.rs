//! `missing-readiness-probe`: an app container without a readiness probe is Ready as soon as
//! it runs, so a Service sends it traffic before it can answer. Reported for containers a
//! Service of the run selects, and for containers of long-running workloads that declare a
//! port (something is meant to connect to it). Not for init containers (they may not have
//! probes) nor Jobs and CronJobs.
//! source: pkg/kubelet/prober/prober_manager.go (no readiness probe: ready once started)

use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::long_running::long_running;
use super::service_backed::served;

pub(super) static RULE: MissingReadinessProbe = MissingReadinessProbe;

pub(super) struct MissingReadinessProbe;

fn diagnostic(cx: &PodCx<'_>, container: &str, path: &crate::yaml::FieldPath, service: Option<&str>) -> Diagnostic {
    let message = match service {
        Some(service) => {
            format!("container `{container}` serves Service `{service}` but has no readiness probe")
        }
        None => format!("container `{container}` declares ports but has no readiness probe"),
    };
    Diagnostic::new(message, cx.at(path))
        .label("Ready as soon as it runs")
        .help("add a `readinessProbe` that succeeds only once the container can serve requests")
}

impl Rule for MissingReadinessProbe {
    fn id(&self) -> &str {
        "missing-readiness-probe"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let served = served(cx);
        for (c, service) in &served {
            if c.container.readiness_probe.is_none() {
                out.emit(diagnostic(cx, c.name(), &c.path, Some(&service.name)));
            }
        }
        if !long_running(cx.object) {
            return;
        }
        let Some(spec) = cx.spec() else { return };
        for c in containers(spec, cx.object.version) {
            let declares = c.container.ports.as_ref().is_some_and(|p| !p.is_empty());
            if c.role != Role::App
                || !declares
                || c.container.readiness_probe.is_some()
                || served.iter().any(|(s, _)| s.path == c.path)
            {
                continue;
            }
            out.emit(diagnostic(cx, c.name(), &c.path, None));
        }
    }
}
