//! `invalid-label`: a label key that is not a qualified name, or a label value that is not
//! a valid label value, in `metadata.labels`, a pod template's labels or a selector's
//! `matchLabels`; the API server refuses the object.
//! source: staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go
//! ValidateLabels, ValidateLabelName, ValidateLabelSelector; content/kube.go IsLabelKey,
//! IsLabelValue

use crate::diagnostic::Diagnostic;
use crate::model::{names, template_metadata_path};
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

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

/// The label maps the API server validates for this object.
fn label_maps(cx: &ObjectCx<'_>) -> Vec<FieldPath> {
    let o = cx.object;
    let mut maps = vec![FieldPath::parse("metadata.labels")];
    // The pod template's metadata sits beside its spec (not for a Pod, whose spec is the
    // object's own).
    if let Some(meta) = o.pod_spec.as_ref().and_then(template_metadata_path) {
        maps.push(meta.field("labels"));
    }
    if matches!(
        (o.group(), o.kind.as_str()),
        ("apps", "Deployment" | "ReplicaSet" | "StatefulSet" | "DaemonSet") | ("batch", "Job")
    ) {
        maps.push(FieldPath::parse("spec.selector.matchLabels"));
    }
    maps
}

impl Rule for InvalidLabel {
    fn id(&self) -> &str {
        "invalid-label"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let doc = cx.doc;
        for map in label_maps(cx) {
            let Some(node) = cx.node(&map) else {
                continue;
            };
            for e in doc.entries(node) {
                let Some(key) = doc.str(e.key) else {
                    continue;
                };
                if let Some(problem) = names::label_key(key).first() {
                    out.emit(diagnostic(cx, &map, key, Bad::Key, problem));
                }
                // Only strings: anything else is a decoding error, reported elsewhere.
                if let Some(Resolved::Str(value)) = doc.scalar(e.value).map(|s| s.resolve()) {
                    if let Some(problem) = names::label_value(value).first() {
                        out.emit(diagnostic(cx, &map, key, Bad::Value(value), problem));
                    }
                }
            }
        }
    }
}
