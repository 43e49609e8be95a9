//! `init-container-probe`: a regular init container (not a sidecar) with `lifecycle` or a
//! probe; the API server refuses each of them.
//! source: pkg/apis/core/validation/validation.go validateInitContainers; sidecars
//! (`restartPolicy: Always`) need the SidecarContainers gate (beta, on, from 1.29), without
//! which the API server drops their `restartPolicy` (pkg/api/pod/util.go dropDisabledFields)

use k8s_openapi::api::core::v1::Container;

use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InitContainerProbe = InitContainerProbe;

pub(super) struct InitContainerProbe;

fn diagnostic(cx: &PodCx<'_>, container: &str, at: &FieldPath, field: &str, sidecar: bool) -> Diagnostic {
    let message = if sidecar {
        format!(
            "init container `{container}` sets `{field}`, but Kubernetes {}.{} ignores its `restartPolicy: Always`, so it is not a sidecar",
            cx.object.version.0, cx.object.version.1
        )
    } else {
        format!("init container `{container}` sets `{field}`, which only sidecars may have")
    };
    let help = if sidecar {
        "target Kubernetes 1.29 or later, or remove the field"
    } else {
        "remove it, or make the container a sidecar with `restartPolicy: Always`"
    };
    Diagnostic::new(message, cx.at(at))
        .label("not allowed on an init container")
        .help(help)
        .api_error(
            cx.path.join(at).to_string(),
            "Forbidden",
            "may not be set for init containers without restartPolicy=Always",
        )
}

/// The fields a regular init container may not have that `c` sets, in validation order.
fn forbidden(c: &Container) -> Vec<&'static str> {
    [
        ("lifecycle", c.lifecycle.is_some()),
        ("livenessProbe", c.liveness_probe.is_some()),
        ("readinessProbe", c.readiness_probe.is_some()),
        ("startupProbe", c.startup_probe.is_some()),
    ]
    .into_iter()
    .filter_map(|(f, set)| set.then_some(f))
    .collect()
}

impl Rule for InitContainerProbe {
    fn id(&self) -> &str {
        "init-container-probe"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else {
            return;
        };
        for c in containers(spec, cx.object.version) {
            if c.role != Role::Init {
                continue;
            }
            // Meant as a sidecar, but the targeted version drops its `restartPolicy: Always`.
            let sidecar = c.container.restart_policy.as_deref() == Some("Always");
            for field in forbidden(c.container) {
                let at = c.path.clone().field(field);
                out.emit(diagnostic(cx, c.name(), &at, field, sidecar));
            }
        }
    }
}
