//! `undeclared-target-port`: a Service port whose `targetPort` is a name that no container of
//! the pods it selects (among the workloads of the input) declares with the same protocol, so
//! the endpoints controller finds no port and the Service gets no endpoints for it.
//! source: pkg/api/v1/pod/util.go FindPort (a named port is looked up in `containers`, then in
//! sidecar `initContainers` with `restartPolicy: Always`, matching name and protocol)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::selection::Selector;

pub(super) static RULE: UndeclaredTargetPort = UndeclaredTargetPort;

pub(super) struct UndeclaredTargetPort;

/// Whether a pod spec declares the port `name` for `protocol` in a container or sidecar.
fn declares(spec: &Value, name: &str, protocol: &str) -> bool {
    let containers = spec.get("containers").and_then(Value::as_array);
    let sidecars = spec
        .get("initContainers")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|c| c.get("restartPolicy").and_then(Value::as_str) == Some("Always"));
    containers.into_iter().flatten().chain(sidecars).any(|c| {
        c.get("ports").and_then(Value::as_array).into_iter().flatten().any(|p| {
            p.get("name").and_then(Value::as_str) == Some(name)
                && p.get("protocol").and_then(Value::as_str).unwrap_or("TCP") == protocol
        })
    })
}

impl Rule for UndeclaredTargetPort {
    fn id(&self) -> &str {
        "undeclared-target-port"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "Service" || !o.group().is_empty() {
            return;
        }
        let Some(spec) = cx.json().and_then(|j| j.get("spec")) else {
            return;
        };
        let Some(selector) = spec.get("selector").and_then(Selector::from_map) else {
            return;
        };
        if selector.is_empty() {
            return;
        }
        let ports = spec.get("ports").and_then(Value::as_array);
        let named: Vec<(usize, &str, &str)> = ports
            .into_iter()
            .flatten()
            .enumerate()
            .filter_map(|(i, p)| {
                let name = p.get("targetPort")?.as_str()?;
                if name.parse::<i64>().is_ok() {
                    return None;
                }
                Some((i, name, p.get("protocol").and_then(Value::as_str).unwrap_or("TCP")))
            })
            .collect();
        if named.is_empty() {
            return;
        }
        let ws = cx.workspace;
        // The pod specs of the selected workloads, as JSON, once.
        let pods: Vec<(String, Value)> = selector
            .pods(ws, o.namespace.as_deref())
            .filter_map(|p| {
                let obj = p.object(ws)?;
                let spec = obj.doc().to_json(obj.pod_spec()?).ok()?;
                Some((format!("{} `{}`", obj.object.kind, obj.object.name), spec))
            })
            .collect();
        let Some((first, _)) = pods.first() else {
            return;
        };
        for (i, name, protocol) in named {
            if pods.iter().any(|(_, spec)| declares(spec, name, protocol)) {
                continue;
            }
            out.emit(
                Diagnostic::new(
                    format!("no container of the pods this Service selects ({first}) declares the {protocol} port `{name}`"),
                    cx.at(FieldPath::parse("spec.ports").index(i).field("targetPort")),
                )
                .label("no such container port")
                .help(format!("name the container port `{name}` in the pod template, or use a port number")),
            );
        }
    }
}
