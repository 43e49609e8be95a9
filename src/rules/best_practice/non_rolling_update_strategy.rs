//! `non-rolling-update-strategy`: a Deployment that replaces all pods at once (`Recreate`),
//! or a DaemonSet/StatefulSet that updates only when pods are deleted by hand (`OnDelete`)
//! (house policy: restriction).

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: NonRollingUpdateStrategy = NonRollingUpdateStrategy;

pub(super) struct NonRollingUpdateStrategy;

fn diagnostic(cx: &ObjectCx<'_>, path: FieldPath, value: &str) -> Diagnostic {
    let effect = if value == "Recreate" {
        "every pod is stopped before new ones start, so the workload is down during each rollout"
    } else {
        "pods are only replaced when someone deletes them, so a changed template is not rolled out"
    };
    Diagnostic::new(
        format!("{} `{}` uses the `{value}` update strategy: {effect}", cx.object.kind, cx.object.name),
        cx.at(path),
    )
    .label(format!("`{value}`"))
    .help("use `type: RollingUpdate`")
}

impl Rule for NonRollingUpdateStrategy {
    fn id(&self) -> &str {
        "non-rolling-update-strategy"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        let path = match (o.group(), o.kind.as_str()) {
            ("apps" | "extensions", "Deployment") => "spec.strategy.type",
            ("apps" | "extensions", "DaemonSet") | ("apps", "StatefulSet") => "spec.updateStrategy.type",
            _ => return,
        };
        let path = FieldPath::parse(path);
        let Some(node) = cx.node(&path) else {
            return;
        };
        if let Some(v @ ("Recreate" | "OnDelete")) = cx.doc.str(node) {
            out.emit(diagnostic(cx, path, v));
        }
    }
}
