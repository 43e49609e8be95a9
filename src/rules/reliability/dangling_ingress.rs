//! `dangling-ingress`: an Ingress backend names a Service that is not in the input, or a
//! port (number or name) that the Service does not have.
//! source: staging/src/k8s.io/api/networking/v1/types.go IngressServiceBackend (`port` is
//! the Service's port, by `number` or `name`); ingress-nginx answers 503 for such a backend

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::model::ObjectRef;
use crate::yaml::{NodeId, Resolved};
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: DanglingIngress = DanglingIngress;

pub(super) struct DanglingIngress;

/// A backend: where it is, the Service name, and the port as written.
struct Backend<'a> {
    name_at: FieldPath,
    name: &'a str,
    port_at: FieldPath,
    port: Option<&'a Value>,
}

/// Every Service backend of the Ingress (v1 `service`, v1beta1 `serviceName`).
fn backends(spec: &Value) -> Vec<Backend<'_>> {
    let mut places: Vec<(FieldPath, &Value)> = Vec::new();
    for key in ["defaultBackend", "backend"] {
        if let Some(b) = spec.get(key) {
            places.push((FieldPath::parse("spec").field(key), b));
        }
    }
    for (i, rule) in spec
        .get("rules")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let paths = rule.at("/http/paths").and_then(Value::as_array);
        for (j, p) in paths.into_iter().flatten().enumerate() {
            if let Some(b) = p.get("backend") {
                let at = FieldPath::parse("spec.rules")
                    .index(i)
                    .field("http")
                    .field("paths")
                    .index(j)
                    .field("backend");
                places.push((at, b));
            }
        }
    }
    places
        .into_iter()
        .filter_map(|(at, b)| {
            if let Some(s) = b.get("service") {
                let port = s.get("port");
                let port_field = match port {
                    Some(p) if p.get("name").is_some() => "name",
                    _ => "number",
                };
                return Some(Backend {
                    name_at: at.clone().field("service").field("name"),
                    name: s.get("name")?.as_str()?,
                    port_at: at.field("service").field("port").field(port_field),
                    port: port.and_then(|p| p.get(port_field)),
                });
            }
            Some(Backend {
                name_at: at.clone().field("serviceName"),
                name: b.get("serviceName")?.as_str()?,
                port_at: at.field("servicePort"),
                port: b.get("servicePort"),
            })
        })
        .collect()
}

/// Whether a Service port matches the backend's port (a number matches `port`, a string its
/// `name`). Read from the tree: no JSON copy of every Service an Ingress names.
fn has_port(service: &ObjectRef<'_>, port: &Value) -> bool {
    let doc = service.doc();
    let Some(ports) = service.node("spec.ports") else {
        return false;
    };
    let number = |p: NodeId| match doc.get(p, "port").and_then(|n| doc.scalar(n))?.resolve() {
        Resolved::Int(n) => Some(n),
        Resolved::Str(s) => s.parse::<i64>().ok(),
        _ => None,
    };
    doc.items(ports).iter().any(|&p| match port {
        Value::Number(n) => number(p) == n.as_i64(),
        Value::String(s) => match s.parse::<i64>() {
            Ok(n) => number(p) == Some(n),
            Err(_) => doc.get_str(p, "name") == Some(s.as_str()),
        },
        _ => true,
    })
}

impl Rule for DanglingIngress {
    fn id(&self) -> &str {
        "dangling-ingress"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "Ingress" {
            return;
        }
        let Some(spec) = cx.json().and_then(|j| j.get("spec")) else {
            return;
        };
        let ws = cx.workspace;
        let ns = o.namespace.as_deref();
        for b in backends(spec) {
            let services: Vec<ObjectRef<'_>> = ws
                .index()
                .named(ws, "Service", ns, b.name)
                .filter(|s| s.object.group().is_empty())
                .collect();
            if services.is_empty() {
                out.emit(
                    Diagnostic::new(
                        format!("the backend Service `{}` of Ingress `{}` is not in the input", b.name, o.name),
                        cx.at(b.name_at),
                    )
                    .label("no such Service")
                    .help("name a Service of this namespace, or add it to the input"),
                );
                continue;
            }
            let Some(port) = b.port else { continue };
            if !services.iter().any(|s| has_port(s, port)) {
                let shown = match port {
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                out.emit(
                    Diagnostic::new(
                        format!("Service `{}` has no port `{shown}`", b.name),
                        cx.at(b.port_at),
                    )
                    .label("no such port")
                    .help("use a `port` number or a port `name` of the Service"),
                );
            }
        }
    }
}
