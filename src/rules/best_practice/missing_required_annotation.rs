//! `missing-required-annotation`: an object without an annotation the configuration requires,
//! or whose value does not match the required pattern (house policy: restriction).

use crate::rules::{ObjectCx, Rule, Sink};

pub(super) static RULE: MissingRequiredAnnotation = MissingRequiredAnnotation;

pub(super) struct MissingRequiredAnnotation;

impl Rule for MissingRequiredAnnotation {
    fn id(&self) -> &str {
        "missing-required-annotation"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        super::required_metadata::check(cx, self.id(), "annotations", "annotation", out);
    }
}
