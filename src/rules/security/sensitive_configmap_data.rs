//! `sensitive-configmap-data`: a ConfigMap entry that looks like a credential: a key naming
//! one (`password`, `api-key`) with a literal value, a value holding a private key or a cloud
//! access key, or a config file setting a password. ConfigMaps are not meant for secrets:
//! they are readable by more roles, not encrypted at rest and printed by `kubectl describe`.
//! The value is never printed.

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::sensitive::configmap_entry;

pub(super) static RULE: SensitiveConfigmapData = SensitiveConfigmapData;

pub(super) struct SensitiveConfigmapData;

impl Rule for SensitiveConfigmapData {
    fn id(&self) -> &str {
        "sensitive-configmap-data"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if cx.object.kind != "ConfigMap" || !cx.object.group().is_empty() {
            return;
        }
        let data = cx.field_json(&["data"]);
        let Some(data) = data.as_ref().and_then(|d| d.as_object()) else {
            return;
        };
        for (key, value) in data {
            let Some(value) = super::sensitive::text(value) else {
                continue;
            };
            let Some(why) = configmap_entry(key, &value) else {
                continue;
            };
            out.emit(
                Diagnostic::new(
                    format!("ConfigMap `{}` looks like it holds a secret: {why}", cx.object.name),
                    cx.at_key(FieldPath::root().field("data").key(key.clone())),
                )
                .label("sensitive data")
                .help("move the value to a Secret and reference it from the pod"),
            );
        }
    }
}
