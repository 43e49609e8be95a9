//! `host-port-mismatch`: with `hostNetwork: true`, a container port whose `hostPort` is set
//! and differs from its `containerPort`; the API server refuses it. A `hostPort` of 0 is
//! allowed: a Pod's is defaulted to the `containerPort`, a template's stays unset until the
//! Pod is created. Only `containers` are checked, as the API server does.
//! source: pkg/apis/core/validation/validation.go validatePodHostNetworkDeps (1.28+; before,
//! validateHostNetwork reported the `containerPort`); pkg/apis/core/v1/defaults.go
//! SetDefaults_Pod, defaultHostNetworkPorts

use crate::diagnostic::Diagnostic;
use crate::rules::{ContainerRef, PodCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: HostPortMismatch = HostPortMismatch;

pub(super) struct HostPortMismatch;

fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, port: &FieldPath, host: i64, container: i64) -> Diagnostic {
    let at = |f: &str| c.path.join(port).field(f.to_string());
    // The check moved from validateHostNetwork to validatePodHostNetworkDeps in 1.28, which
    // reports the other field, in other words.
    let (field, detail) = if cx.object.version >= (1, 28) {
        ("hostPort", "must match `containerPort` when `hostNetwork` is true")
    } else {
        ("containerPort", "must match `hostPort` when `hostNetwork` is true")
    };
    Diagnostic::new(
        format!(
            "container `{}` maps `hostPort: {host}` to `containerPort: {container}` on the host network",
            c.name
        ),
        cx.object.at(at("hostPort")),
    )
    .label("differs from the `containerPort`")
    .related(cx.object.at(at("containerPort")), "the port the container listens on")
    .help("remove `hostPort`, or make it equal to `containerPort`: with `hostNetwork` there is no port mapping")
    .api_error(at(field).to_string(), "Invalid", detail)
}

impl Rule for HostPortMismatch {
    fn id(&self) -> &str {
        "host-port-mismatch"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let host_network = doc
            .get(cx.node, "hostNetwork")
            .and_then(|n| doc.scalar(n))
            .is_some_and(|s| s.resolve() == Resolved::Bool(true));
        if !host_network {
            return;
        }
        for c in cx.containers().iter().filter(|c| !c.init) {
            let Some(ports) = doc.get(c.node, "ports") else {
                continue;
            };
            for (i, port) in doc.items(ports).iter().enumerate() {
                let int = |key: &str| match doc.get(*port, key).and_then(|n| doc.scalar(n))?.resolve() {
                    Resolved::Int(v) => Some(v),
                    _ => None,
                };
                if let (Some(host), Some(container)) = (int("hostPort"), int("containerPort")) {
                    if host != 0 && host != container {
                        let at = FieldPath::root().field("ports").index(i);
                        out.emit(diagnostic(cx, c, &at, host, container));
                    }
                }
            }
        }
    }
}
