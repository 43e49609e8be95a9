//! `unknown-field`: a field the type does not have (a typo, wrong indentation, a field of
//! another version). `kubectl apply` validates strictly by default, so the API server
//! refuses the object.
//! source: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json strict decoding
//! ("strict decoding error: unknown field")

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{api_error, Violation, ViolationKind};

pub(super) static RULE: UnknownField = UnknownField;

pub(super) struct UnknownField;

fn diagnostic(cx: &ObjectCx<'_>, v: &Violation, custom: bool) -> Option<Diagnostic> {
    let ViolationKind::UnknownField { field, suggestion } = &v.kind else {
        return None;
    };
    let (path, kind, detail) = api_error(v, custom);
    let message = format!("`{}` has no field `{field}`", v.owner);
    let d = Diagnostic::new(message, cx.at_key(v.path.clone()))
        .label("unknown field")
        .api_error(path, kind, detail);
    Some(match suggestion {
        Some(s) => d.help(format!("did you mean `{s}`?")),
        None => d.help("remove it, or check its indentation and the object's `apiVersion`"),
    })
}

impl Rule for UnknownField {
    fn id(&self) -> &str {
        "unknown-field"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for (v, custom) in cx.schema_violations() {
            if let Some(d) = diagnostic(cx, v, custom) {
                out.emit(d);
            }
        }
    }
}
