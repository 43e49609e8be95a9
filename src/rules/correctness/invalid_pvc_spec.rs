//! `invalid-pvc-spec`: a PersistentVolumeClaim without a storage request or without an access
//! mode, which the API server refuses.
//! source: pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimSpec
//! (`spec.accessModes: Required value: at least 1 access mode is required`,
//! `spec.resources[storage]: Required value`)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidPvcSpec = InvalidPvcSpec;

pub(super) struct InvalidPvcSpec;

impl Rule for InvalidPvcSpec {
    fn id(&self) -> &str {
        "invalid-pvc-spec"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "PersistentVolumeClaim" || !o.group().is_empty() {
            return;
        }
        let Some(json) = cx.json() else { return };
        let spec = &json["spec"];
        if !spec.is_object() {
            return;
        }
        if spec["accessModes"].as_array().is_none_or(|m| m.is_empty()) {
            out.emit(
                Diagnostic::new(
                    "the claim has no access mode",
                    cx.at(FieldPath::parse("spec.accessModes")),
                )
                .label("no access mode")
                .help("add `accessModes: [ReadWriteOnce]` (or ReadOnlyMany, ReadWriteMany, ReadWriteOncePod)")
                .api_error("spec.accessModes", "Required", "at least 1 access mode is required"),
            );
        }
        if spec["resources"]["requests"].get("storage").is_none() {
            out.emit(
                Diagnostic::new(
                    "the claim does not request any storage",
                    cx.at(FieldPath::parse("spec.resources.requests")),
                )
                .label("no `storage` request")
                .help("add `resources: {requests: {storage: 1Gi}}`")
                .api_error("spec.resources[storage]", "Required", ""),
            );
        }
    }
}
