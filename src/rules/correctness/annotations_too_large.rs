//! `annotations-too-large`: annotations whose keys and values add up to more than 256 KiB,
//! or an annotation key that is not a qualified name; the API server refuses the object.
//! source: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
//! ValidateAnnotations, ValidateAnnotationsSize, TotalAnnotationSizeLimitB

use crate::diagnostic::Diagnostic;
use crate::model::names::{self, ANNOTATIONS_MAX_BYTES};
use crate::model::{template_metadata_field, template_metadata_path};
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, NodeId, Resolved};

pub(super) static RULE: AnnotationsTooLarge = AnnotationsTooLarge;

pub(super) struct AnnotationsTooLarge;

fn too_large(cx: &ObjectCx<'_>, map: &FieldPath, size: usize) -> Diagnostic {
    Diagnostic::new(
        format!("the annotations take {size} bytes, more than the {ANNOTATIONS_MAX_BYTES} the API server allows"),
        cx.at(map.clone()),
    )
    .label(format!("{size} bytes of keys and values"))
    .help("move large data into a ConfigMap or Secret and keep annotations short")
    .api_error(
        map.to_string(),
        "TooLong",
        format!("may not be more than {ANNOTATIONS_MAX_BYTES} bytes"),
    )
}

fn bad_key(cx: &ObjectCx<'_>, map: &FieldPath, key: &str, problem: &str) -> Diagnostic {
    Diagnostic::new(
        format!("the annotation key `{key}` is invalid"),
        cx.at_key(map.clone().key(key.to_string())),
    )
    .label(problem.to_string())
    .help("use at most 63 letters, digits, `-`, `_` or `.` that start and end with a letter or digit, optionally after a DNS subdomain and `/`")
    .api_error(map.to_string(), "Invalid", problem)
}

/// The annotation maps the API server validates (the object's, its pod template's), with
/// their nodes when present: looked up without building their paths, which only a finding
/// needs.
fn annotation_maps(cx: &ObjectCx<'_>) -> [Option<(bool, NodeId)>; 2] {
    let template = template_metadata_field(cx.doc, cx.object, "annotations");
    [
        cx.field(&["metadata", "annotations"]).map(|n| (false, n)),
        template.map(|n| (true, n)),
    ]
}

/// The path of an annotation map: the pod template's or the object's.
fn map_path(cx: &ObjectCx<'_>, template: bool) -> FieldPath {
    match cx.object.pod_spec.as_ref().and_then(template_metadata_path) {
        Some(meta) if template => meta.field("annotations"),
        _ => FieldPath::parse("metadata.annotations"),
    }
}

impl Rule for AnnotationsTooLarge {
    fn id(&self) -> &str {
        "annotations-too-large"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let doc = cx.doc;
        for (template, node) in annotation_maps(cx).into_iter().flatten() {
            let mut size = 0usize;
            // Merge keys applied: the keys and values the API server gets.
            for e in doc.effective_entries(node).iter() {
                let Some(key) = doc.str(e.key) else {
                    continue;
                };
                if let Some(problem) = names::annotation_key(key).first() {
                    out.emit(bad_key(cx, &map_path(cx, template), key, problem));
                }
                size += key.len();
                // Values that are not strings are a decoding error, reported elsewhere.
                if let Some(Resolved::Str(value)) = doc.scalar(e.value).map(|s| s.resolve()) {
                    size += value.len();
                }
            }
            if size > ANNOTATIONS_MAX_BYTES {
                out.emit(too_large(cx, &map_path(cx, template), size));
            }
        }
    }
}
