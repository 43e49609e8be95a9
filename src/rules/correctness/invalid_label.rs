//! `invalid-label`: a label key that is not a qualified name, or a label value that is not
//! a valid label value, in `metadata.labels`, a pod template's labels or a selector's
//! `matchLabels`; the API server refuses the object.
//! source: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
//! ValidateLabels, ValidateLabelName, ValidateLabelSelector; content/kube.go IsLabelKey,
//! IsLabelValue

use crate::diagnostic::Diagnostic;
use crate::model::{names, template_metadata_field, template_metadata_path};
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, NodeId, Resolved};

pub(super) static RULE: InvalidLabel = InvalidLabel;

pub(super) struct InvalidLabel;

enum Bad<'a> {
    Key,
    Value(&'a str),
}

fn diagnostic(cx: &ObjectCx<'_>, map: &FieldPath, key: &str, bad: Bad<'_>, problem: &str) -> Diagnostic {
    let entry = map.clone().key(key.to_string());
    let d = match bad {
        Bad::Key => Diagnostic::new(format!("the label key `{key}` is invalid"), cx.at_key(entry))
            .help("use at most 63 letters, digits, `-`, `_` or `.` that start and end with a letter or digit, optionally after a DNS subdomain and `/`"),
        Bad::Value(value) => Diagnostic::new(
            format!("the value `{value}` of label `{key}` is invalid"),
            cx.at(entry),
        )
        .help("use at most 63 letters, digits, `-`, `_` or `.` that start and end with a letter or digit, or an empty value"),
    };
    d.label(problem.to_string())
        .api_error(map.to_string(), "Invalid", problem)
}

/// A label map the API server validates.
#[derive(Clone, Copy)]
enum LabelMap {
    /// `metadata.labels`.
    Object,
    /// The pod template's labels (not for a Pod, whose metadata is the object's own).
    Template,
    /// `spec.selector.matchLabels` of the workloads that take a label selector.
    Selector,
}

impl LabelMap {
    /// Where the map is: built only for a finding.
    fn path(self, cx: &ObjectCx<'_>) -> FieldPath {
        match self {
            LabelMap::Object => FieldPath::parse("metadata.labels"),
            LabelMap::Template => cx
                .object
                .pod_spec
                .as_ref()
                .and_then(template_metadata_path)
                .map_or_else(FieldPath::root, |meta| meta.field("labels")),
            LabelMap::Selector => FieldPath::parse("spec.selector.matchLabels"),
        }
    }
}

/// The label maps the API server validates for this object, with their nodes when present
/// (looked up without building their paths).
fn label_maps(cx: &ObjectCx<'_>) -> [Option<(LabelMap, NodeId)>; 3] {
    let o = cx.object;
    let template = template_metadata_field(cx.doc, o, "labels");
    let selector = if matches!(
        (o.group(), o.kind.as_str()),
        ("apps", "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet") | ("batch", "Job")
    ) {
        cx.field(&["spec", "selector", "matchLabels"])
    } else {
        None
    };
    [
        cx.field(&["metadata", "labels"])
            .map(|n| (LabelMap::Object, n)),
        template.map(|n| (LabelMap::Template, n)),
        selector.map(|n| (LabelMap::Selector, n)),
    ]
}

impl Rule for InvalidLabel {
    fn id(&self) -> &str {
        "invalid-label"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let doc = cx.doc;
        for (map, node) in label_maps(cx).into_iter().flatten() {
            // Merge keys applied: the keys and values the API server gets.
            for e in doc.effective_entries(node).iter() {
                let Some(key) = doc.str(e.key) else {
                    continue;
                };
                if let Some(problem) = names::label_key(key).first() {
                    out.emit(diagnostic(cx, &map.path(cx), key, Bad::Key, problem));
                }
                // Only strings: anything else is a decoding error, reported elsewhere.
                if let Some(Resolved::Str(value)) = doc.scalar(e.value).map(|s| s.resolve()) {
                    if let Some(problem) = names::label_value(value).first() {
                        out.emit(diagnostic(cx, &map.path(cx), key, Bad::Value(value), problem));
                    }
                }
            }
        }
    }
}
