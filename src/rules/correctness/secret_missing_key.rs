//! `secret-missing-key`: a typed Secret without the keys its type requires (`tls.crt` and
//! `tls.key` for `kubernetes.io/tls`, ...), which the API server refuses. `stringData` counts:
//! it is merged into `data` before validation. Never quotes a value. An empty
//! `ssh-privatekey` counts as missing, as the source tests its length.
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
        // The merged value (`stringData` over `data`) is not empty.
        let has_bytes = |k: &str| match json["stringData"].get(k).or_else(|| json["data"].get(k)) {
            Some(v) if json["stringData"].get(k).is_some() => v.as_str().is_some_and(|s| !s.is_empty()),
            Some(v) => v
                .as_str()
                .and_then(|s| crate::yaml::base64::decode(s.as_bytes()).ok())
                .is_none_or(|b| !b.is_empty()),
            None => false,
        };
        let required: Vec<&str> = match kind {
            "kubernetes.io/tls" => vec!["tls.crt", "tls.key"],
            "kubernetes.io/dockerconfigjson" => vec![".dockerconfigjson"],
            "kubernetes.io/dockercfg" => vec![".dockercfg"],
            // Here the key must also hold something (`len(...) == 0` in the source).
            "kubernetes.io/ssh-auth" if !has_bytes("ssh-privatekey") => vec!["ssh-privatekey"],
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
        for key in required.into_iter().filter(|k| !has(k) || *k == "ssh-privatekey") {
            let (message, label) = if has(key) {
                (format!("a `{kind}` Secret needs a value in `{key}`, not an empty one"), format!("`{key}` is empty"))
            } else {
                (format!("a `{kind}` Secret needs the key `{key}`"), format!("no `{key}`"))
            };
            out.emit(
                Diagnostic::new(message, cx.at_key(FieldPath::parse(anchor)))
                    .label(label)
                    .help(format!("add `{key}` under `data` (base64) or `stringData`, or change `type`"))
                    .api_error(format!("data[{key}]"), "Required", ""),
            );
        }
    }
}
