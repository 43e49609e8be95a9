//! `invalid-container-name`: a container or init container whose name is empty or not a
//! DNS-1123 label; the API server refuses the pod.
//! source: pkg/apis/core/validation/validation.go validateContainerCommon,
//! ValidateDNS1123Label

use crate::diagnostic::Diagnostic;
use crate::model::names;
use crate::rules::{ContainerRef, PodCx, Rule, Sink};
use crate::yaml::Resolved;

pub(super) static RULE: InvalidContainerName = InvalidContainerName;

pub(super) struct InvalidContainerName;

/// `problem` is `None` for an empty name.
fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, problem: Option<&str>) -> Diagnostic {
    let name = c.path.clone().field("name");
    let kind = if c.init { "init container" } else { "container" };
    let d = match problem {
        None => Diagnostic::new(format!("this {kind} has an empty name"), cx.object.at(name.clone()))
            .label("empty")
            .api_error(name.to_string(), "Required", ""),
        Some(p) => Diagnostic::new(
            format!("the {kind} name `{}` is not a valid DNS-1123 label", c.name),
            cx.object.at(name.clone()),
        )
        .label(p.to_string())
        .api_error(name.to_string(), "Invalid", p),
    };
    d.help("name the container with lowercase letters, digits and `-`, starting and ending with a letter or digit, at most 63 bytes")
}

impl Rule for InvalidContainerName {
    fn id(&self) -> &str {
        "invalid-container-name"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            // Only string names: a missing name or one of another type is the schema's.
            let Some(Resolved::Str(name)) = doc
                .get(c.node, "name")
                .and_then(|n| doc.scalar(n))
                .map(|s| s.resolve())
            else {
                continue;
            };
            if name.is_empty() {
                out.emit(diagnostic(cx, c, None));
            } else if let Some(p) = names::dns1123_label(name).first() {
                out.emit(diagnostic(cx, c, Some(p)));
            }
        }
    }
}
