//! `value-out-of-range`: an integer the API server's validation refuses (a negative
//! `replicas`, `activeDeadlineSeconds: 0`).
//! source: staging/src/k8s.io/apimachinery/pkg/api/validation/generic.go ValidateNonnegativeField;
//! pkg/apis/apps/validation, pkg/apis/batch/validation and pkg/apis/core/validation spec
//! validators (table in src/schema/builtin.rs)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{api_error, Violation, ViolationKind};

pub(super) static RULE: ValueOutOfRange = ValueOutOfRange;

pub(super) struct ValueOutOfRange;

fn diagnostic(cx: &ObjectCx<'_>, v: &Violation, custom: bool) -> Option<Diagnostic> {
    let ViolationKind::OutOfBounds { value, min, max } = &v.kind else {
        return None;
    };
    let (path, kind, detail) = api_error(v, custom);
    let allowed = match max {
        Some(max) => format!("from {min} to {max}"),
        None => format!("{min} or more"),
    };
    let field = path.rsplit('.').next().unwrap_or(&path).to_string();
    Some(
        Diagnostic::new(format!("`{field}` is {value}; it must be {allowed}"), cx.at(v.path.clone()))
            .label("out of range")
            .help(format!("use a value {allowed}"))
            .api_error(path, kind, detail),
    )
}

impl Rule for ValueOutOfRange {
    fn id(&self) -> &str {
        "value-out-of-range"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for (v, custom) in cx.schema_violations() {
            if let Some(d) = diagnostic(cx, v, custom) {
                out.emit(d);
            }
        }
    }
}
