//! `selector-mismatch`: a controller whose `spec.selector` does not select its own pod
//! template; the API server refuses it.
//! source: pkg/apis/apps/validation/validation.go ValidatePodTemplateSpecForReplicaSet,
//! pkg/apis/core/validation/validation.go ValidatePodTemplateSpecForRC

use crate::diagnostic::Diagnostic;
use crate::model::selector::{unmet_requirements, Unmet};
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: SelectorMismatch = SelectorMismatch;

pub(super) struct SelectorMismatch;

fn diagnostic(cx: &ObjectCx<'_>, unmet: &[Unmet], has_label: &dyn Fn(&str) -> bool) -> Diagnostic {
    let first = match &unmet[0] {
        Unmet::Label { key, value } => format!("no label `{key}: {value}` here"),
        Unmet::Expression(e) => format!("the selector requires `{e}`"),
    };
    let labels = FieldPath::parse("spec.template.metadata.labels");
    // One label with another value: that template label is the offending line.
    let at = match unmet {
        [Unmet::Label { key, .. }] if has_label(key) => labels.clone().key(key.to_string()),
        _ => labels.clone(),
    };
    Diagnostic::new("`spec.selector` does not match the pod template's labels", cx.at(at))
    .label(first)
    .related(cx.at(FieldPath::parse("spec.selector")), "selector defined here")
    .help("give the pod template every label the selector requires")
    .api_error(
        labels.to_string(),
        "Invalid",
        "`selector` does not match template `labels`",
    )
}

impl Rule for SelectorMismatch {
    fn id(&self) -> &str {
        "selector-mismatch"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        let label_selector = match (o.group(), o.kind.as_str()) {
            ("apps", "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet") => true,
            // A ReplicationController's selector is a plain map (and defaults to the
            // template's labels when empty).
            ("", "ReplicationController") => false,
            _ => return,
        };
        let doc = cx.doc;
        let Some(selector) = cx.field(&["spec", "selector"]) else {
            return;
        };
        let (match_labels, expressions) = if label_selector {
            (doc.get(selector, "matchLabels"), doc.get(selector, "matchExpressions"))
        } else {
            (Some(selector), None)
        };
        let empty = match_labels.is_none_or(|m| doc.entries(m).is_empty())
            && expressions.is_none_or(|e| doc.items(e).is_empty());
        if empty {
            // An empty selector is refused for another reason (or defaulted, for an RC).
            return;
        }
        let template_labels = cx.field(&["spec", "template", "metadata", "labels"]);
        let lookup = |key: &str| {
            template_labels
                .and_then(|l| doc.get(l, key))
                .and_then(|v| doc.str(v))
                .map(str::to_string)
        };
        let Some(unmet) = unmet_requirements(doc, &lookup, match_labels, expressions)
        else {
            return;
        };
        if !unmet.is_empty() {
            out.emit(diagnostic(cx, &unmet, &|k| lookup(k).is_some()));
        }
    }
}
