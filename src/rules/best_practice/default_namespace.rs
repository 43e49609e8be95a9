//! `default-namespace`: a namespaced object placed in the `default` namespace, written or
//! left implicit (house policy: restriction).

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: DefaultNamespace = DefaultNamespace;

pub(super) struct DefaultNamespace;

fn explicit(cx: &ObjectCx<'_>) -> Diagnostic {
    Diagnostic::new(
        format!("{} `{}` is placed in the `default` namespace", cx.object.kind, cx.object.name),
        cx.at(FieldPath::parse("metadata.namespace")),
    )
    .label("`default`")
    .help("put the object in a namespace of its own")
}

fn implicit(cx: &ObjectCx<'_>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "{} `{}` names no namespace, so it goes to the `default` namespace unless `-n` says otherwise",
            cx.object.kind, cx.object.name
        ),
        cx.at(FieldPath::parse("metadata.namespace")),
    )
    .label("no `namespace` here")
    .help("set `metadata.namespace` to a namespace of its own")
}

/// A built-in API group (whose kinds this linter knows the scope of), as opposed to a custom
/// resource, which may be cluster-scoped.
fn built_in(group: &str) -> bool {
    group.is_empty() || !group.contains('.') || group.ends_with(".k8s.io")
}

impl Rule for DefaultNamespace {
    fn id(&self) -> &str {
        "default-namespace"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.cluster_scoped() {
            return;
        }
        match o.namespace.as_deref() {
            Some("default") => out.emit(explicit(cx)),
            Some(ns) if !ns.is_empty() => {}
            _ => {
                let target = cx.workspace.namespace.as_deref();
                if target.is_none_or(|ns| ns == "default") && built_in(o.group()) {
                    out.emit(implicit(cx));
                }
            }
        }
    }
}
