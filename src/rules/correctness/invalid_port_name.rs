//! `invalid-port-name`: a container port whose name is not an IANA service name
//! (`IsValidPortName`), or repeats an earlier port name of the same container; the API
//! server refuses the pod.
//! source: pkg/apis/core/validation/validation.go validateContainerPorts;
//! staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsValidPortName

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::names;
use crate::rules::{ContainerRef, PodCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: InvalidPortName = InvalidPortName;

pub(super) struct InvalidPortName;

fn port(c: &ContainerRef<'_>, i: usize) -> FieldPath {
    c.path.clone().field("ports").index(i).field("name")
}

/// `first` is `Some(index)` for a duplicate, else `problem` says what is wrong.
fn diagnostic(
    cx: &PodCx<'_>,
    c: &ContainerRef<'_>,
    i: usize,
    name: &str,
    problem: Result<&str, usize>,
) -> Diagnostic {
    let at = port(c, i);
    match problem {
        Ok(p) => Diagnostic::new(
            format!("the port name `{name}` of container `{}` is not a valid IANA service name", c.name),
            cx.object.at(at.clone()),
        )
        .label(p.to_string())
        .help("name the port with at most 15 lowercase letters, digits and single `-`, with at least one letter and no `-` at either end")
        .api_error(at.to_string(), "Invalid", p),
        Err(first) => Diagnostic::new(
            format!("container `{}` names two ports `{name}`", c.name),
            cx.object.at(at.clone()),
        )
        .label("name used again")
        .related(cx.object.at(port(c, first)), "first used here")
        .help("give every port of the container its own name")
        .api_error(at.to_string(), "Duplicate", ""),
    }
}

impl Rule for InvalidPortName {
    fn id(&self) -> &str {
        "invalid-port-name"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let Some(ports) = doc.get(c.node, "ports") else {
                continue;
            };
            let mut seen: HashMap<&str, usize> = HashMap::new();
            for (i, p) in doc.items(ports).iter().enumerate() {
                let Some(Resolved::Str(name)) = doc
                    .get(*p, "name")
                    .and_then(|n| doc.scalar(n))
                    .map(|s| s.resolve())
                else {
                    continue;
                };
                // An empty name means no name.
                if name.is_empty() {
                    continue;
                }
                if let Some(problem) = names::port_name(name).first() {
                    out.emit(diagnostic(cx, c, i, name, Ok(problem)));
                } else if let Some(&first) = seen.get(name) {
                    out.emit(diagnostic(cx, c, i, name, Err(first)));
                } else {
                    seen.insert(name, i);
                }
            }
        }
    }
}
