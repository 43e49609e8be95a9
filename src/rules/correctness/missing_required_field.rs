//! `missing-required-field`: a field the type requires is missing; the API server refuses
//! the object with `Required value`.
//! source: the `required` lists of the OpenAPI schemas, which the API server's validation
//! (pkg/apis/*/validation) and CRD schema validation enforce

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{api_error, Violation, ViolationKind};

pub(super) static RULE: MissingRequiredField = MissingRequiredField;

pub(super) struct MissingRequiredField;

fn diagnostic(cx: &ObjectCx<'_>, v: &Violation, custom: bool) -> Option<Diagnostic> {
    let ViolationKind::Required { field } = &v.kind else {
        return None;
    };
    let (path, kind, detail) = api_error(v, custom);
    Some(
        Diagnostic::new(format!("`{}` requires `{field}`", v.owner), cx.at(v.path.clone()))
            .label(format!("no `{field}`"))
            .help(format!("add `{field}`"))
            .api_error(path, kind, detail),
    )
}

impl Rule for MissingRequiredField {
    fn id(&self) -> &str {
        "missing-required-field"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for (v, custom) in cx.schema_violations() {
            if let Some(d) = diagnostic(cx, v, custom) {
                out.emit(d);
            }
        }
    }
}
