//! `host-port`: a container port bound on the node (`hostPort`). Pods on the host network
//! are left to `host-network`: there every port is the node's, and a `hostPort` must equal
//! the `containerPort` anyway.
//! source: pkg/apis/core/validation/validation.go validateHostNetwork;
//! pkg/scheduler/framework/plugins/nodeports (one pod per node and host port)

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::containers;

pub(super) static RULE: HostPort = HostPort;

pub(super) struct HostPort;

impl Rule for HostPort {
    fn id(&self) -> &str {
        "host-port"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        if cx.json().and_then(|s| s.field("hostNetwork")).and_then(Value::as_bool) == Some(true) {
            return;
        }
        for c in containers(cx) {
            let Some(ports) = c.json.field("ports").and_then(Value::as_array) else {
                continue;
            };
            for (i, p) in ports.iter().enumerate() {
                // 0 means unset; values outside 1-65535 are `invalid-port`'s.
                let Some(port) = p.field("hostPort").and_then(Value::as_i64).filter(|n| (1..=65535).contains(n)) else {
                    continue;
                };
                let at = c.r.path.clone().field("ports").index(i).field("hostPort");
                out.emit(
                    Diagnostic::new(
                        format!("container `{}` binds port {port} of its node", c.r.name),
                        cx.object.at(at),
                    )
                    .label("hostPort")
                    .help("remove `hostPort` and expose the port through a Service"),
                );
            }
        }
    }
}
