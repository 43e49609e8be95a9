//! `invalid-enum-value`: a string outside the values the schema allows (custom resources'
//! enums); the API server refuses it with `Unsupported value`.
//! source: staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation (enum)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{api_error, Violation, ViolationKind};

pub(super) static RULE: InvalidEnumValue = InvalidEnumValue;

pub(super) struct InvalidEnumValue;

fn diagnostic(cx: &ObjectCx<'_>, v: &Violation, custom: bool) -> Option<Diagnostic> {
    let ViolationKind::NotInEnum { value, allowed } = &v.kind else {
        return None;
    };
    let (path, kind, detail) = api_error(v, custom);
    let choices = allowed.iter().map(|a| format!("`{a}`")).collect::<Vec<_>>().join(", ");
    let suggestion = crate::schema::suggest(value, allowed.iter().map(String::as_str));
    let d = Diagnostic::new(format!("`{value}` is not one of {choices}"), cx.at(v.path.clone()))
        .label("not allowed")
        .api_error(path, kind, detail);
    Some(match suggestion {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help(format!("use one of {choices}")),
    })
}

impl Rule for InvalidEnumValue {
    fn id(&self) -> &str {
        "invalid-enum-value"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for (v, custom) in cx.schema_violations() {
            if let Some(d) = diagnostic(cx, v, custom) {
                out.emit(d);
            }
        }
    }
}
