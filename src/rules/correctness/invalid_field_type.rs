//! `invalid-field-type`: a value of the wrong type (a string where a number belongs, a
//! number too large for its field, `yes` read as a boolean, text that is not base64 in a
//! Secret's `data`); the API server cannot decode it.
//! source: encoding/json (sigs.k8s.io/json) "cannot unmarshal ... into Go struct field",
//! literalStore (`[]byte` via encoding/base64 StdEncoding: "illegal base64 data at input byte");
//! staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation ("must be of type")

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{api_error, Violation, ViolationKind};

pub(super) static RULE: InvalidFieldType = InvalidFieldType;

pub(super) struct InvalidFieldType;

fn diagnostic(cx: &ObjectCx<'_>, v: &Violation, custom: bool) -> Option<Diagnostic> {
    let (message, label, help) = match &v.kind {
        ViolationKind::WrongType { expected, found, .. } => (
            format!("`{}` must be {} here, not {}", field_name(v), article(expected), article(found)),
            article(found),
            if *found == "boolean" || *found == "number" {
                "quote the value if it is meant as a string (YAML reads `yes`, `on`, `1.0` as other types)"
            } else {
                "give a value of the expected type"
            },
        ),
        ViolationKind::BadQuantity { value, .. } => (
            format!("`{value}` is not a quantity (such as `5Gi`, `500M`, `250m`)"),
            "not a quantity".to_string(),
            "use a Kubernetes quantity: a number with an optional suffix (Ki, Mi, Gi, k, M, G, m)",
        ),
        // Never the value: a Secret's `data` is the common case.
        ViolationKind::BadBase64 { at } => (
            format!(
                "`{}` is not valid base64: the API server cannot decode it (its decoder stops at byte {at} of the value)",
                field_name(v)
            ),
            "not base64".to_string(),
            if v.path.0.first().is_some_and(|s| matches!(s, crate::yaml::Segment::Field(f) if &**f == "data")) && cx.object.kind == "Secret" {
                "encode the value (`printf %s VALUE | base64 -w0`), or move it under `stringData`, which takes plain text"
            } else {
                "encode the value as standard base64 (`printf %s VALUE | base64 -w0`), padded with `=`"
            },
        ),
        ViolationKind::OutOfRange { value, go_type } => (
            format!("`{}` is {value}, too large for an {go_type}", field_name(v)),
            "out of range".to_string(),
            "use a smaller number",
        ),
        _ => return None,
    };
    let (path, kind, detail) = api_error(v, custom);
    Some(
        Diagnostic::new(message, cx.at(v.path.clone()))
            .label(label)
            .help(help)
            .api_error(path, kind, detail),
    )
}

fn field_name(v: &Violation) -> String {
    v.path.0.last().map_or_else(|| v.owner.clone(), |s| {
        crate::yaml::FieldPath(vec![s.clone()]).to_string().trim_start_matches('[').trim_end_matches(']').to_string()
    })
}

fn article(t: &str) -> String {
    match t {
        "integer" | "object" | "array" => format!("an {t}"),
        "" => "a value".into(),
        other => format!("a {other}"),
    }
}

impl Rule for InvalidFieldType {
    fn id(&self) -> &str {
        "invalid-field-type"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for (v, custom) in cx.schema_violations() {
            if let Some(d) = diagnostic(cx, v, custom) {
                out.emit(d);
            }
        }
    }
}
