//! `probe-port-not-declared`: an `httpGet` or `tcpSocket` probe or lifecycle hook whose port
//! is a name the container does not declare (the kubelet cannot resolve it, so the check
//! always fails), or a number no container of the pod declares while the container declares
//! ports (most likely a typo).
//!
//! source: pkg/kubelet/prober/prober.go extractPort / findPortByName (pkg/probe/util.go
//! ResolveContainerPort in newer trees): a name is looked up in the probed container's
//! `ports[].name` only; pkg/kubelet/lifecycle/handlers.go resolvePort does the same for hooks.

use k8s_openapi::api::core::v1::{Container, PodSpec};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

use super::noun;
use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: ProbePortNotDeclared = ProbePortNotDeclared;

pub(super) struct ProbePortNotDeclared;

/// What is wrong with a port reference.
enum Undeclared<'a> {
    Name(&'a str),
    Number(i32, Vec<i32>),
}

fn diagnostic(cx: &PodCx<'_>, container: &str, field: &str, port: &Undeclared<'_>, at: &FieldPath) -> Diagnostic {
    let what = noun(field);
    match port {
        Undeclared::Name(name) => Diagnostic::new(
            format!(
                "the {what} of `{container}` uses the port name `{name}`, which `{container}` does not declare, so it always fails"
            ),
            cx.at(at),
        )
        .label("not a `ports[].name` of this container")
        .help(format!(
            "declare a port named `{name}` under the container's `ports`, or use one of its port names"
        )),
        Undeclared::Number(n, declared) => {
            let list = declared
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(", ");
            Diagnostic::new(
                format!(
                    "the {what} of `{container}` targets port {n}, which no container of the pod declares (`{container}` declares {list})"
                ),
                cx.at(at),
            )
            .label("not a declared `containerPort`")
            .help(format!("point the check at a declared port, or declare {n} under `ports`"))
        }
    }
}

/// Every port reference of a container's probes and hooks that the kubelet resolves against
/// the container: (field name, path of the port relative to the container, host, port).
fn references(c: &Container) -> Vec<(&'static str, FieldPath, bool, &IntOrString)> {
    let mut out = Vec::new();
    let probes = [
        ("startupProbe", c.startup_probe.as_ref()),
        ("livenessProbe", c.liveness_probe.as_ref()),
        ("readinessProbe", c.readiness_probe.as_ref()),
    ];
    for (field, p) in probes {
        let Some(p) = p else { continue };
        let base = FieldPath::root().field(field);
        if let Some(h) = &p.http_get {
            let host = h.host.as_deref().is_some_and(|s| !s.is_empty());
            out.push((field, base.clone().field("httpGet").field("port"), host, &h.port));
        }
        if let Some(t) = &p.tcp_socket {
            let host = t.host.as_deref().is_some_and(|s| !s.is_empty());
            out.push((field, base.field("tcpSocket").field("port"), host, &t.port));
        }
    }
    let hooks = c.lifecycle.as_ref().map(|l| {
        [
            ("postStart", l.post_start.as_ref()),
            ("preStop", l.pre_stop.as_ref()),
        ]
    });
    for (field, h) in hooks.into_iter().flatten() {
        let Some(h) = h else { continue };
        let base = FieldPath::root().field("lifecycle").field(field);
        if let Some(g) = &h.http_get {
            let host = g.host.as_deref().is_some_and(|s| !s.is_empty());
            out.push((field, base.clone().field("httpGet").field("port"), host, &g.port));
        }
        if let Some(t) = &h.tcp_socket {
            let host = t.host.as_deref().is_some_and(|s| !s.is_empty());
            out.push((field, base.field("tcpSocket").field("port"), host, &t.port));
        }
    }
    out
}

/// Every `containerPort` of the pod: containers share one network namespace, so a check
/// may reach a port another container declares.
fn pod_ports(spec: &PodSpec) -> Vec<i32> {
    // Every container, whatever its role: the version does not change who declares ports.
    containers(spec, crate::analysis::lifecycle::NEWEST)
        .iter()
        .flat_map(|c| c.container.ports.iter().flatten())
        .map(|p| p.container_port)
        .collect()
}

impl Rule for ProbePortNotDeclared {
    fn id(&self) -> &str {
        "probe-port-not-declared"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else { return };
        let in_pod = pod_ports(spec);
        for c in containers(spec, cx.object.version) {
            // Regular init containers may not have probes or hooks: an API error, not ours.
            if c.role == Role::Init {
                continue;
            }
            let k = c.container;
            let ports = k.ports.as_deref().unwrap_or_default();
            for (field, rel, host, port) in references(k) {
                let finding = match port {
                    // An empty name or one that is all digits is rejected by the API server
                    // (IsValidPortName needs a letter).
                    IntOrString::String(name)
                        if !name.is_empty() && !name.bytes().all(|b| b.is_ascii_digit()) =>
                    {
                        if ports.iter().any(|p| p.name.as_deref() == Some(name.as_str())) {
                            continue;
                        }
                        Undeclared::Name(name)
                    }
                    // Another host may listen anywhere; a container that declares no port
                    // tells nothing about what it listens on.
                    IntOrString::Int(n) if !host && !ports.is_empty() && (1..=65535).contains(n) => {
                        if in_pod.contains(n) {
                            continue;
                        }
                        Undeclared::Number(*n, ports.iter().map(|p| p.container_port).collect())
                    }
                    _ => continue,
                };
                out.emit(diagnostic(cx, k.name.as_str(), field, &finding, &c.path.join(&rel)));
            }
        }
    }
}
