//! `secret-env-var`: a container that reads a Secret into environment variables
//! (`valueFrom.secretKeyRef`, `envFrom.secretRef`). Environment variables leak into crash
//! dumps, logs and child processes, and never change while the container runs; a mounted
//! Secret volume does neither.

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::containers;

pub(super) static RULE: SecretEnvVar = SecretEnvVar;

pub(super) struct SecretEnvVar;

fn diagnostic(cx: &PodCx<'_>, message: String, at: crate::yaml::FieldPath) -> Diagnostic {
    Diagnostic::new(message, cx.object.at_key(at))
        .label("Secret in the environment")
        .help("mount the Secret as a volume and read the file instead")
}

impl Rule for SecretEnvVar {
    fn id(&self) -> &str {
        "secret-env-var"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for c in containers(cx) {
            let name = c.r.name;
            if let Some(env) = c.json.field("env").and_then(Value::as_array) {
                for (i, var) in env.iter().enumerate() {
                    let Some(secret) = var.at("/valueFrom/secretKeyRef") else {
                        continue;
                    };
                    let var_name = var.field("name").and_then(Value::as_str).unwrap_or("");
                    let from = secret.field("name").and_then(Value::as_str).unwrap_or("");
                    let at = c.r.path.clone().field("env").index(i).field("valueFrom").field("secretKeyRef");
                    out.emit(diagnostic(
                        cx,
                        format!("container `{name}` reads Secret `{from}` into env var `{var_name}`"),
                        at,
                    ));
                }
            }
            if let Some(env_from) = c.json.field("envFrom").and_then(Value::as_array) {
                for (i, source) in env_from.iter().enumerate() {
                    let Some(secret) = source.field("secretRef") else {
                        continue;
                    };
                    let from = secret.field("name").and_then(Value::as_str).unwrap_or("");
                    let at = c.r.path.clone().field("envFrom").index(i).field("secretRef");
                    out.emit(diagnostic(
                        cx,
                        format!("container `{name}` reads every key of Secret `{from}` into env vars"),
                        at,
                    ));
                }
            }
        }
    }
}
