//! `statefulset-without-headless-service`: a StatefulSet whose `serviceName` is unset, names
//! no Service of the input, or names one that is not headless (`clusterIP: None`). The
//! governing Service gives each pod its stable DNS name `<pod>.<serviceName>`.
//! source: pkg/controller/statefulset/stateful_set_utils.go newStatefulSetPod (hostname and
//! subdomain from serviceName); https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: StatefulsetWithoutHeadlessService = StatefulsetWithoutHeadlessService;

pub(super) struct StatefulsetWithoutHeadlessService;

impl Rule for StatefulsetWithoutHeadlessService {
    fn id(&self) -> &str {
        "statefulset-without-headless-service"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "StatefulSet" || o.group() != "apps" {
            return;
        }
        let Some(spec) = cx.json().and_then(|j| j.get("spec")) else {
            return;
        };
        let name = match spec.get("serviceName") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.as_str()).filter(|s| !s.is_empty()),
            // Not a string: the schema rules report it.
            Some(_) => return,
        };
        let Some(name) = name else {
            out.emit(
                Diagnostic::new(
                    format!("StatefulSet `{}` has no `serviceName`: its pods get no stable DNS names", o.name),
                    cx.at(FieldPath::parse("spec")),
                )
                .label("no governing Service")
                .help("set `serviceName` to a headless Service (`clusterIP: None`) that selects the pods"),
            );
            return;
        };
        let ws = cx.workspace;
        let services: Vec<Value> = ws
            .index()
            .named(ws, "Service", o.namespace.as_deref(), name)
            .filter(|s| s.object.group().is_empty())
            .filter_map(|s| s.json())
            .collect();
        let at = FieldPath::parse("spec.serviceName");
        if services.is_empty() {
            out.emit(
                Diagnostic::new(format!("the governing Service `{name}` of StatefulSet `{}` is not in the input", o.name), cx.at(at))
                    .label("no such Service")
                    .help("add a headless Service (`clusterIP: None`) of this name that selects the pods"),
            );
        } else if !services
            .iter()
            .any(|s| s.at("/spec/clusterIP").and_then(Value::as_str) == Some("None"))
        {
            out.emit(
                Diagnostic::new(format!("the governing Service `{name}` of StatefulSet `{}` is not headless", o.name), cx.at(at))
                    .label("not `clusterIP: None`")
                    .help("set `clusterIP: None` on that Service (or add a headless one for the StatefulSet)"),
            );
        }
    }
}
