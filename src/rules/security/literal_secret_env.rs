//! `literal-secret-env`: an env var whose name says it holds a credential (`DB_PASSWORD`,
//! `API_KEY`) with a literal `value`, so the secret is in the manifest, in every copy of it,
//! and readable by anyone who can read the workload. The value is never printed.

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::containers;
use super::sensitive::{literal_value, secret_name, text};

pub(super) static RULE: LiteralSecretEnv = LiteralSecretEnv;

pub(super) struct LiteralSecretEnv;

impl Rule for LiteralSecretEnv {
    fn id(&self) -> &str {
        "literal-secret-env"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for c in containers(cx) {
            let Some(env) = c.json.field("env").and_then(Value::as_array) else {
                continue;
            };
            for (i, var) in env.iter().enumerate() {
                let Some(name) = var.field("name").and_then(Value::as_str) else {
                    continue;
                };
                let literal = var.field("value").and_then(text).is_some_and(|v| literal_value(&v));
                if !literal || !secret_name(name) {
                    continue;
                }
                let at = c.r.path.clone().field("env").index(i).field("value");
                out.emit(
                    Diagnostic::new(
                        format!("env var `{name}` of container `{}` holds a literal secret", c.r.name),
                        cx.object.at(at),
                    )
                    .label("secret in plain text")
                    .help("put the value in a Secret and read it with `valueFrom.secretKeyRef`"),
                );
            }
        }
    }
}
