//! `missing-readiness-probe`: an app container without a readiness probe is Ready as soon as
//! it runs, so a Service sends it traffic before it can answer. Reported for containers a
//! Service of the run selects, and for containers of long-running workloads that declare a
//! port (something is meant to connect to it) or, in a Deployment, StatefulSet or DaemonSet,
//! are the pod's only app container (a rollout counts the pod available as soon as it runs). Not for init containers (they may not have
//! probes), port-less sidecars, nor Jobs and CronJobs.
//! source: pkg/kubelet/prober/prober_manager.go (no readiness probe: ready once started);
//! pkg/controller/deployment/util/deployment_util.go IsPodAvailable (available = Ready for
//! `minReadySeconds`), which rolling updates count against `maxUnavailable`;
//! pkg/controller/statefulset/stateful_set_control.go (waits for Running and Ready)

use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::long_running::long_running;
use super::service_backed::served;

pub(super) static RULE: MissingReadinessProbe = MissingReadinessProbe;

pub(super) struct MissingReadinessProbe;

/// Why the container needs a readiness probe.
enum Need<'a> {
    Service(&'a str),
    Ports,
    Only,
}

fn diagnostic(cx: &PodCx<'_>, container: &str, path: &crate::yaml::FieldPath, need: Need<'_>) -> Diagnostic {
    let message = match need {
        Need::Service(service) => {
            format!("container `{container}` serves Service `{service}` but has no readiness probe")
        }
        Need::Ports => format!("container `{container}` declares ports but has no readiness probe"),
        Need::Only => format!(
            "container `{container}` has no readiness probe, so a rollout counts its pod available as soon as it runs"
        ),
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
                out.emit(diagnostic(cx, c.name(), &c.path, Need::Service(&service.name)));
            }
        }
        if !long_running(cx.object) {
            return;
        }
        let Some(spec) = cx.spec() else { return };
        let all = containers(spec, cx.object.version);
        // Only the controllers that roll out new pods wait for them to become Ready.
        let rolled_out = cx.object.object.group() == "apps"
            && matches!(cx.object.object.kind.as_str(), "Deployment" | "StatefulSet" | "DaemonSet");
        let only = rolled_out && all.iter().filter(|c| c.role == Role::App).count() == 1;
        for c in &all {
            let declares = c.container.ports.as_ref().is_some_and(|p| !p.is_empty());
            if c.role != Role::App
                || !(declares || only)
                || c.container.readiness_probe.is_some()
                || served.iter().any(|(s, _)| s.path == c.path)
            {
                continue;
            }
            let need = if declares { Need::Ports } else { Need::Only };
            out.emit(diagnostic(cx, c.name(), &c.path, need));
        }
    }
}
