//! `invalid-service-port`: Service port names the API server refuses: missing when there are
//! several ports, not a DNS-1123 label, repeated; and a named `targetPort` that is no valid
//! port name.
//! source: pkg/apis/core/validation/validation.go ValidateService, validateServicePort

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::names::{dns1123_label, port_name};
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: InvalidServicePort = InvalidServicePort;

pub(super) struct InvalidServicePort;

fn diagnostic(cx: &ObjectCx<'_>, at: FieldPath, message: String, kind: &str, detail: String) -> Diagnostic {
    Diagnostic::new(message, cx.at(at.clone()))
        .label("refused")
        .help("give every port of a multi-port Service its own lowercase name (`http`, `metrics`)")
        .api_error(at.to_string(), kind, detail)
}

impl Rule for InvalidServicePort {
    fn id(&self) -> &str {
        "invalid-service-port"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if !o.group().is_empty() || o.kind != "Service" {
            return;
        }
        let doc = cx.doc;
        let Some(ports) = cx.field(&["spec", "ports"]) else { return };
        let items = doc.items(ports);
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, p) in items.iter().enumerate() {
            // Built only for a finding.
            let base = || FieldPath::parse("spec.ports").index(i);
            match doc.get_str(*p, "name").filter(|n| !n.is_empty()) {
                None if items.len() > 1 => out.emit(diagnostic(
                    cx,
                    base().field("name"),
                    format!("port {} of a Service with several ports has no name", i + 1),
                    "Required",
                    String::new(),
                )),
                None => {}
                Some(name) => {
                    if let Some(problem) = dns1123_label(name).into_iter().next() {
                        out.emit(diagnostic(cx, base().field("name"), format!("`{name}` is not a valid port name"), "Invalid", problem));
                    } else if seen.insert(name, i).is_some() {
                        out.emit(diagnostic(cx, base().field("name"), format!("the port name `{name}` is used twice"), "Duplicate", format!("\"{name}\"")));
                    }
                }
            }
            if let Some(t) = doc.get(*p, "targetPort").and_then(|t| doc.scalar(t)) {
                if let Resolved::Str(name) = t.resolve() {
                    if let Some(problem) = port_name(name).into_iter().next() {
                        out.emit(diagnostic(cx, base().field("targetPort"), format!("`{name}` is not a valid port name"), "Invalid", problem));
                    }
                }
            }
        }
    }
}
