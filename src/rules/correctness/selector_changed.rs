//! `selector-changed`: an update that changes the `spec.selector` of a Deployment, ReplicaSet
//! or DaemonSet; the API server refuses it (the selector is immutable in `apps/v1`).
//! source: pkg/registry/apps/{deployment,replicaset,daemonset}/strategy.go ValidateUpdate
//! (apimachinery ValidateImmutableField: "field is immutable", the value printed is the NEW one)

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: SelectorChanged = SelectorChanged;

pub(super) struct SelectorChanged;

fn diagnostic(cx: &UpdateCx<'_>, old: &serde_json::Value) -> Diagnostic {
    let path = FieldPath::parse("spec.selector");
    Diagnostic::new(
        format!(
            "`spec.selector` cannot change once the {} exists (it was `{old}`)",
            cx.new.object.kind
        ),
        cx.at(path.clone()),
    )
    .label("changed")
    .help("keep the old selector, or delete and recreate the object (`kubectl apply` cannot change it)")
    .api_error(path.to_string(), "Invalid", "field is immutable")
}

impl Rule for SelectorChanged {
    fn id(&self) -> &str {
        "selector-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        let immutable = o.group() == "apps"
            && matches!(o.kind.as_str(), "Deployment" | "ReplicaSet" | "DaemonSet")
            && o.api_version != "apps/v1beta1";
        if !immutable {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_json(), cx.new.json()) else {
            return;
        };
        let (old, new) = (&old["spec"]["selector"], &new["spec"]["selector"]);
        if old != new && !new.is_null() {
            out.emit(diagnostic(cx, old));
        }
    }
}
