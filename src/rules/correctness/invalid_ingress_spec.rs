//! `invalid-ingress-spec`: Ingress hosts and backend ports the API server refuses: a host that
//! is an IP address or not a DNS subdomain (a wildcard only as the whole first label, `*.`),
//! and a service backend port with both a name and a number, or with neither.
//! source: pkg/apis/networking/validation/validation.go validateIngressRules,
//! validateIngressTLS, validateIngressBackend; staging/src/k8s.io/apimachinery/pkg/util/
//! validation/validation.go IsWildcardDNS1123Subdomain, IsDNS1123Subdomain

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::model::names::dns1123_subdomain;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidIngressSpec = InvalidIngressSpec;

pub(super) struct InvalidIngressSpec;

const WILDCARD_MSG: &str = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/// The API server's first complaint about an Ingress host, if any.
fn host_problem(host: &str, tls: bool) -> Option<String> {
    if !tls && host.parse::<std::net::IpAddr>().is_ok() {
        return Some("must be a DNS name, not an IP address".into());
    }
    if host.contains('*') {
        let ok = host
            .strip_prefix("*.")
            .is_some_and(|rest| !rest.contains('*') && dns1123_subdomain(rest).is_empty())
            && host.len() <= 253;
        return (!ok).then(|| WILDCARD_MSG.to_string());
    }
    dns1123_subdomain(host).into_iter().next()
}

fn check_backend(cx: &ObjectCx<'_>, backend: &Value, path: FieldPath, out: &mut Sink) {
    let Some(port) = backend["service"].get("port") else {
        return;
    };
    let name = port["name"].as_str().filter(|n| !n.is_empty());
    let number = port["number"].as_i64().filter(|n| *n != 0);
    let port_path = path.field("service").field("port");
    match (name, number) {
        (Some(name), Some(number)) => out.emit(
            Diagnostic::new(
                format!("the backend port has both a name (`{name}`) and a number ({number})"),
                cx.at(port_path.clone().field("name")),
            )
            .label("one or the other")
            .help("keep `name` (the Service port's name) or `number` (its port number), not both")
            .api_error(port_path.field("name").to_string(), "Invalid", "cannot set both port name & port number"),
        ),
        (None, None) if port.is_object() => out.emit(
            Diagnostic::new("the backend port has neither a name nor a number", cx.at(port_path.clone()))
                .label("no port")
                .help("set `number: 80` or `name: http` (a port of the Service)")
                .api_error(port_path.field("name").to_string(), "Required", "port name or number is required"),
        ),
        _ => {}
    }
}

impl Rule for InvalidIngressSpec {
    fn id(&self) -> &str {
        "invalid-ingress-spec"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "Ingress" || o.group() != "networking.k8s.io" {
            return;
        }
        let Some(json) = cx.json() else { return };
        let spec = &json["spec"];
        let host_finding = |path: FieldPath, host: &str, problem: String| {
            Diagnostic::new(format!("the Ingress host `{host}` is refused: {problem}"), cx.at(path.clone()))
                .label("refused")
                .help("use a DNS name such as `shop.example.com`, or a wildcard as the whole first label: `*.example.com`")
                .api_error(path.to_string(), "Invalid", problem)
        };
        for (i, rule) in spec["rules"].as_array().into_iter().flatten().enumerate() {
            let rule_path = FieldPath::root().field("spec").field("rules").index(i);
            if let Some(host) = rule["host"].as_str().filter(|h| !h.is_empty()) {
                if let Some(problem) = host_problem(host, false) {
                    out.emit(host_finding(rule_path.clone().field("host"), host, problem));
                }
            }
            for (j, p) in rule["http"]["paths"].as_array().into_iter().flatten().enumerate() {
                let path = rule_path.clone().field("http").field("paths").index(j).field("backend");
                check_backend(cx, &p["backend"], path, out);
            }
        }
        for (i, tls) in spec["tls"].as_array().into_iter().flatten().enumerate() {
            for (j, host) in tls["hosts"].as_array().into_iter().flatten().enumerate() {
                let Some(host) = host.as_str() else { continue };
                if let Some(problem) = host_problem(host, true) {
                    let path = FieldPath::root().field("spec").field("tls").index(i).field("hosts").index(j);
                    out.emit(host_finding(path, host, problem));
                }
            }
        }
        if spec.get("defaultBackend").is_some() {
            check_backend(cx, &spec["defaultBackend"], FieldPath::parse("spec.defaultBackend"), out);
        }
    }
}
