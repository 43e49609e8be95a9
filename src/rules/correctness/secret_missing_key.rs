//! `secret-missing-key`: a typed Secret without the keys its type requires (`tls.crt` and
//! `tls.key` for `kubernetes.io/tls`, ...), which the API server refuses. `stringData` counts:
//! it is merged into `data` before validation. Never quotes a value.
//! source: pkg/apis/core/validation/validation.go ValidateSecret (field.Required at
//! `data[<key>]`; for basic-auth only when both username and password are missing; for
//! service-account-token the `kubernetes.io/service-account.name` annotation)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: SecretMissingKey = SecretMissingKey;

pub(super) struct SecretMissingKey;

impl Rule for SecretMissingKey {
    fn id(&self) -> &str {
        "secret-missing-key"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "Secret" || !o.group().is_empty() {
            return;
        }
        let Some(json) = cx.json() else { return };
        let Some(kind) = json["type"].as_str() else { return };
        let has = |k: &str| {
            json["data"].get(k).is_some() || json["stringData"].get(k).is_some()
        };
        let required: Vec<&str> = match kind {
            "kubernetes.io/tls" => vec!["tls.crt", "tls.key"],
            "kubernetes.io/dockerconfigjson" => vec![".dockerconfigjson"],
            "kubernetes.io/dockercfg" => vec![".dockercfg"],
            "kubernetes.io/ssh-auth" => vec!["ssh-privatekey"],
            "kubernetes.io/basic-auth" if !has("username") && !has("password") => {
                vec!["username", "password"]
            }
            "kubernetes.io/service-account-token" => {
                let name = "kubernetes.io/service-account.name";
                if json["metadata"]["annotations"].get(name).is_none() {
                    out.emit(
                        Diagnostic::new(
                            format!("a `{kind}` Secret needs the annotation `{name}`"),
                            cx.at(FieldPath::parse("metadata")),
                        )
                        .label("annotation missing")
                        .help(format!("add `{name}: <service account>` under `metadata.annotations`"))
                        .api_error(format!("metadata.annotations[{name}]"), "Required", ""),
                    );
                }
                vec![]
            }
            _ => vec![],
        };
        // Where the key would go: the `data` map if there is one, else `stringData`, else the
        // `type:` line.
        let anchor = if json.get("data").is_some_and(|d| d.is_object()) {
            "data"
        } else if json.get("stringData").is_some_and(|d| d.is_object()) {
            "stringData"
        } else {
            "type"
        };
        for key in required.into_iter().filter(|k| !has(k)) {
            out.emit(
                Diagnostic::new(
                    format!("a `{kind}` Secret needs the key `{key}`"),
                    cx.at_key(FieldPath::parse(anchor)),
                )
                .label(format!("no `{key}`"))
                .help(format!("add `{key}` under `data` (base64) or `stringData`, or change `type`"))
                .api_error(format!("data[{key}]"), "Required", ""),
            );
        }
    }
}
