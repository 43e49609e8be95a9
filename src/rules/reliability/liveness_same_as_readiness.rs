//! `liveness-same-as-readiness`: a container whose liveness and readiness probes run the
//! same check (same handler kind, same target after defaulting). When the check fails, the
//! container is taken out of its Services' endpoints and restarted at the same time, so a
//! dependency outage or a load spike turns into a restart storm instead of a brief
//! unreadiness.
//!
//! source: pkg/apis/core/v1/defaults.go SetDefaults_HTTPGetAction (path `/`, scheme `HTTP`);
//! api core/v1 types.go GRPCAction.Service (`+default=""`); pkg/kubelet/prober/prober.go
//! extractPort (a port name is the container's `containerPort` of that name)

use k8s_openapi::api::core::v1::{Container, Probe};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use crate::analysis::lifecycle::probes::handlers;
use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: LivenessSameAsReadiness = LivenessSameAsReadiness;

pub(super) struct LivenessSameAsReadiness;

fn diagnostic(cx: &PodCx<'_>, container: &str, handler: &str, base: &FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!(
            "the liveness and readiness probes of `{container}` run the same `{handler}` check, so a failure both takes it out of its endpoints and restarts it"
        ),
        cx.at(&base.clone().field("livenessProbe")),
    )
    .label("same check as the readiness probe")
    .related(
        cx.at(&base.clone().field("readinessProbe")),
        "readiness probe",
    )
    .help("give the liveness probe a check that fails only when a restart helps")
}

/// A port as the kubelet resolves it: a declared name becomes its number.
fn port(c: &Container, p: &IntOrString) -> String {
    match p {
        IntOrString::Int(n) => n.to_string(),
        IntOrString::String(name) => c
            .ports
            .iter()
            .flatten()
            .find(|d| d.name.as_deref() == Some(name.as_str()))
            .map_or_else(|| name.clone(), |d| d.container_port.to_string()),
    }
}

/// What a probe checks, with defaults applied, or `None` unless it has exactly one handler
/// (the API server rejects the others).
fn target(c: &Container, p: &Probe) -> Option<(&'static str, Vec<String>)> {
    let kinds = handlers(p);
    let [kind] = kinds.as_slice() else {
        return None;
    };
    let or = |s: &Option<String>, d: &str| s.clone().filter(|s| !s.is_empty()).unwrap_or(d.into());
    let key = match *kind {
        "exec" => p.exec.as_ref()?.command.clone().unwrap_or_default(),
        "httpGet" => {
            let h = p.http_get.as_ref()?;
            vec![
                or(&h.host, ""),
                or(&h.scheme, "HTTP").to_ascii_uppercase(),
                port(c, &h.port),
                or(&h.path, "/"),
            ]
        }
        "tcpSocket" => {
            let t = p.tcp_socket.as_ref()?;
            vec![or(&t.host, ""), port(c, &t.port)]
        }
        "grpc" => {
            let g = p.grpc.as_ref()?;
            vec![g.port.to_string(), or(&g.service, "")]
        }
        _ => return None,
    };
    Some((kind, key))
}

impl Rule for LivenessSameAsReadiness {
    fn id(&self) -> &str {
        "liveness-same-as-readiness"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else { return };
        for c in containers(spec, cx.object.version) {
            if c.role == Role::Init {
                continue;
            }
            let k = c.container;
            let (Some(l), Some(r)) = (&k.liveness_probe, &k.readiness_probe) else {
                continue;
            };
            let (Some(lt), Some(rt)) = (target(k, l), target(k, r)) else {
                continue;
            };
            if lt == rt {
                out.emit(diagnostic(cx, c.name(), lt.0, &c.path));
            }
        }
    }
}
