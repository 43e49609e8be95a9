//! `missing-required-label`: an object without a label the configuration requires (house
//! policy: restriction).

use crate::rules::{ObjectCx, Rule, Sink};

pub(super) static RULE: MissingRequiredLabel = MissingRequiredLabel;

pub(super) struct MissingRequiredLabel;

impl Rule for MissingRequiredLabel {
    fn id(&self) -> &str {
        "missing-required-label"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        super::required_metadata::check(cx, self.id(), "labels", "label", out);
    }
}
