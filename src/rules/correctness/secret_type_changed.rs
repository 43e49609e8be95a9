//! `secret-type-changed`: an update that changes a Secret's `type`; the API server refuses
//! it, always (not only for `immutable` Secrets).
//! source: pkg/apis/core/validation/validation.go ValidateSecretUpdate
//! (`ValidateImmutableField(newSecret.Type, oldSecret.Type, field.NewPath("type"))`: "field
//! is immutable", the value printed is the NEW one). Both sides are compared after
//! `SetDefaults_Secret`, so an omitted `type` is `Opaque`.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: SecretTypeChanged = SecretTypeChanged;

pub(super) struct SecretTypeChanged;

fn diagnostic(cx: &UpdateCx<'_>, old: &str, new: &str) -> Diagnostic {
    let path = FieldPath::parse("type");
    // An omitted `type` (now `Opaque` by default) has no node of its own: point at `kind`.
    let (target, label) = if cx.new.node(&path).is_some() {
        (path.clone(), "changed")
    } else {
        (FieldPath::parse("kind"), "no `type`: `Opaque`")
    };
    Diagnostic::new(
        format!("the `type` of a Secret cannot change (it was `{old}`, now `{new}`)"),
        cx.at(target),
    )
    .label(label)
    .help(format!(
        "keep `type: {old}`, or delete the Secret and create it again with the new type"
    ))
    .api_error(path.to_string(), "Invalid", "field is immutable")
}

impl Rule for SecretTypeChanged {
    fn id(&self) -> &str {
        "secret-type-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        if o.kind != "Secret" || !o.group().is_empty() {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_defaulted(), cx.new_defaulted()) else {
            return;
        };
        let (Some(old), Some(new)) = (
            old.get("type").and_then(Value::as_str),
            new.get("type").and_then(Value::as_str),
        ) else {
            return;
        };
        if old != new {
            out.emit(diagnostic(cx, old, new));
        }
    }
}
