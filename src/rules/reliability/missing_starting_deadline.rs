//! `missing-starting-deadline`: a CronJob without `startingDeadlineSeconds` (or with one
//! under the controller's 10-second resolution).
//! source: pkg/controller/cronjob/cronjob_controllerv2.go syncCronJob (a missed schedule is
//! skipped only when it is older than `startingDeadlineSeconds`); kubernetes.io CronJob docs
//! (the controller checks every 10 seconds)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: MissingStartingDeadline = MissingStartingDeadline;

pub(super) struct MissingStartingDeadline;

fn missing(cx: &ObjectCx<'_>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "CronJob `{}` sets no `startingDeadlineSeconds`, so a missed run starts however late the controller gets to it",
            cx.object.name
        ),
        cx.at(FieldPath::parse("spec.startingDeadlineSeconds")),
    )
    .label("no `startingDeadlineSeconds` here")
    .help("set `startingDeadlineSeconds` to how late a run may still start (for example 300)")
}

fn too_short(cx: &ObjectCx<'_>, n: i64) -> Diagnostic {
    Diagnostic::new(
        format!("`startingDeadlineSeconds: {n}` is shorter than the 10 seconds between the CronJob controller's checks, so runs may be skipped"),
        cx.at(FieldPath::parse("spec.startingDeadlineSeconds")),
    )
    .label("under 10 seconds")
    .help("use a deadline of at least 10 seconds")
}

impl Rule for MissingStartingDeadline {
    fn id(&self) -> &str {
        "missing-starting-deadline"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if cx.object.group() != "batch" || cx.object.kind != "CronJob" {
            return;
        }
        if cx.field(&["spec"]).is_none() {
            return;
        }
        match cx.field(&["spec", "startingDeadlineSeconds"]) {
            None => out.emit(missing(cx)),
            Some(n) => match cx.doc.scalar(n).map(|s| s.resolve()) {
                Some(Resolved::Null) => out.emit(missing(cx)),
                // Negative values are refused by the API server (another rule's finding).
                Some(Resolved::Int(v)) if (0..10).contains(&v) => out.emit(too_short(cx, v)),
                _ => {}
            },
        }
    }
}
