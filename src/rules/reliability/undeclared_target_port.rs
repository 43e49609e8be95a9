//! `undeclared-target-port`: a Service port whose `targetPort` is a name that no container of
//! the pods it selects (among the workloads of the input) declares with the same protocol, so
//! the endpoints controller finds no port and the Service gets no endpoints for it.
//! source: pkg/api/v1/pod/util.go FindPort (a named port is looked up in `containers`, then in
//! sidecar `initContainers` with `restartPolicy: Always`, matching name and protocol)


use crate::diagnostic::Diagnostic;
use crate::model::Object;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{Document, FieldPath, NodeId};

use super::selection::Selector;

pub(super) static RULE: UndeclaredTargetPort = UndeclaredTargetPort;

pub(super) struct UndeclaredTargetPort;

/// Whether the pod spec `spec` of `doc` declares the port `name` for `protocol` in a
/// container or sidecar (read from the YAML as its JSON form would read: merge keys
/// followed, the last of repeated keys, only string values).
fn declares(doc: &Document, spec: NodeId, name: &str, protocol: &str) -> bool {
    let list = |field: &str| doc.get(spec, field).map_or(&[][..], |l| doc.items(l));
    let sidecars = list("initContainers")
        .iter()
        .filter(|c| doc.get_str(**c, "restartPolicy") == Some("Always"));
    list("containers").iter().chain(sidecars).any(|c| {
        doc.get(*c, "ports")
            .map_or(&[][..], |p| doc.items(p))
            .iter()
            .any(|p| {
                doc.get_str(*p, "name") == Some(name)
                    && doc.get_str(*p, "protocol").unwrap_or("TCP") == protocol
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
        let Some(selector) = cx
            .field_json(&["spec", "selector"])
            .as_ref()
            .and_then(Selector::from_map)
        else {
            return;
        };
        if selector.is_empty() {
            return;
        }
        // Read from the tree (string values as the JSON view types them).
        let doc = cx.doc;
        let ports = cx.field(&["spec", "ports"]).map_or(&[][..], |p| doc.items(p));
        let named: Vec<(usize, &str, &str)> = ports
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                let name = doc.get_str(*p, "targetPort")?;
                if name.parse::<i64>().is_ok() {
                    return None;
                }
                Some((i, name, doc.get_str(*p, "protocol").unwrap_or("TCP")))
            })
            .collect();
        if named.is_empty() {
            return;
        }
        let ws = cx.workspace;
        // The pod specs of the selected workloads.
        // The first one's name is formatted only for a finding.
        let pods: Vec<(&Object, &Document, NodeId)> = selector
            .pods(ws, o.namespace.as_deref())
            .filter_map(|p| {
                let obj = p.object(ws)?;
                let spec = obj.pod_spec()?;
                Some((obj.object, obj.doc(), spec))
            })
            .collect();
        let Some((first, _, _)) = pods.first() else {
            return;
        };
        let first = format!("{} `{}`", first.kind, first.name);
        for (i, name, protocol) in named {
            if pods
                .iter()
                .any(|(_, doc, spec)| declares(doc, *spec, name, protocol))
            {
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
