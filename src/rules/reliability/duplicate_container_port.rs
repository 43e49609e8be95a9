//! `duplicate-container-port`: two ports of one pod with the same `containerPort` and
//! `protocol` (in the same container or in two: all containers of a pod share its network
//! namespace), so that only one process can bind it. Sidecars (init containers with
//! `restartPolicy: Always`) run beside the app containers and count; other init containers
//! have exited before the app containers start, and ephemeral containers are for debugging,
//! so they do not (the API server's warning visits them too).
//! source: pkg/api/pod/warnings.go warningsForPodSpecAndMeta ("duplicate port definition
//! with", "overlapping port definition with")

use crate::rules::Pointer as _;
use std::collections::HashMap;

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: DuplicateContainerPort = DuplicateContainerPort;

pub(super) struct DuplicateContainerPort;

struct Port {
    path: FieldPath,
    container: String,
    host_ip: String,
    host_port: i64,
}

impl Rule for DuplicateContainerPort {
    fn id(&self) -> &str {
        "duplicate-container-port"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.json() else { return };
        let mut seen: HashMap<(i64, String), Vec<Port>> = HashMap::new();
        for field in ["initContainers", "containers"] {
            let list = spec.field(field).and_then(Value::as_array);
            for (ci, c) in list.into_iter().flatten().enumerate() {
                let sidecar = c.field("restartPolicy").and_then(Value::as_str) == Some("Always");
                if field == "initContainers" && !sidecar {
                    continue;
                }
                let container = c.field("name").and_then(Value::as_str).unwrap_or("").to_string();
                let ports = c.field("ports").and_then(Value::as_array);
                for (pi, p) in ports.into_iter().flatten().enumerate() {
                    let Some(number) = p.field("containerPort").and_then(Value::as_i64) else {
                        continue;
                    };
                    let protocol = p.field("protocol").and_then(Value::as_str).unwrap_or("TCP").to_string();
                    let port = Port {
                        path: FieldPath::root().field(field).index(ci).field("ports").index(pi).field("containerPort"),
                        container: container.clone(),
                        host_ip: p.field("hostIP").and_then(Value::as_str).unwrap_or("").to_string(),
                        host_port: p.field("hostPort").and_then(Value::as_i64).unwrap_or(0),
                    };
                    let others = seen.entry((number, protocol.clone())).or_default();
                    // The API server's cases: same host binding, or one without a host port.
                    let clash = others.iter().find(|o| {
                        (o.host_ip == port.host_ip && o.host_port == port.host_port)
                            || o.host_port == 0
                            || port.host_port == 0
                    });
                    if let Some(first) = clash {
                        let whose = if first.container == port.container {
                            format!("container `{}` declares it twice", port.container)
                        } else {
                            format!("containers `{}` and `{}` share the pod's network namespace", first.container, port.container)
                        };
                        out.emit(
                            Diagnostic::new(format!("port {number}/{protocol} is declared twice in one pod: {whose}"), cx.at(&port.path))
                                .label("declared again")
                                .related(cx.at(&first.path), "first declared here")
                                .help("give each container its own port; only one process of a pod can bind a port"),
                        );
                    }
                    others.push(port);
                }
            }
        }
    }
}
