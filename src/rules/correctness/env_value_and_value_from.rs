//! `env-value-and-value-from`: an env var with both `value` and `valueFrom`; the API server
//! refuses it.
//! source: pkg/apis/core/validation/validation.go validateEnvVarValueFrom
//! ("may not be specified when `value` is not empty")

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

pub(super) static RULE: EnvValueAndValueFrom = EnvValueAndValueFrom;

pub(super) struct EnvValueAndValueFrom;

fn diagnostic(cx: &PodCx<'_>, at: crate::yaml::FieldPath, container: &str, name: &str) -> Diagnostic {
    let field = cx.path.join(&at).to_string();
    Diagnostic::new(
        format!("env var `{name}` of container `{container}` has both `value` and `valueFrom`"),
        cx.object.at(cx.path.join(&at)),
    )
    .label("one too many")
    .help("keep either `value` or `valueFrom`")
    .api_error(field, "Invalid", "may not be specified when `value` is not empty")
}

impl Rule for EnvValueAndValueFrom {
    fn id(&self) -> &str {
        "env-value-and-value-from"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let Some(env) = doc.get(c.node, "env") else { continue };
            for (i, item) in doc.items(env).iter().enumerate() {
                let has_value = doc.get_str(*item, "value").is_some_and(|v| !v.is_empty());
                if has_value && doc.get(*item, "valueFrom").is_some_and(|v| !doc.is_null(v)) {
                    let rel = c.path.clone().field("env").index(i).field("valueFrom");
                    // `c.path` is relative to the object; make it relative to the pod spec.
                    let rel = crate::yaml::FieldPath(rel.0[cx.path.0.len()..].to_vec());
                    out.emit(diagnostic(cx, rel, c.name, doc.get_str(*item, "name").unwrap_or("")));
                }
            }
        }
    }
}
