//! `invalid-config-key`: a ConfigMap or Secret key the API server refuses (keys become file
//! names in volumes and variable names in `envFrom`).
//! source: staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsConfigMapKey;
//! pkg/apis/core/validation/validation.go ValidateConfigMap, ValidateSecret

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidConfigKey = InvalidConfigKey;

pub(super) struct InvalidConfigKey;

const KEY_MESSAGE: &str = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/// The API server's first complaint about a key, if any.
fn problem(key: &str) -> Option<String> {
    if key.len() > 253 {
        return Some("must be no more than 253 characters".into());
    }
    if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')) {
        return Some(KEY_MESSAGE.into());
    }
    if key == "." {
        return Some("must not be '.'".into());
    }
    if key == ".." {
        return Some("must not be '..'".into());
    }
    if key.starts_with("..") {
        return Some("must not start with '..'".into());
    }
    None
}

fn diagnostic(cx: &ObjectCx<'_>, path: FieldPath, key: &str, detail: String) -> Diagnostic {
    Diagnostic::new(
        format!("`{key}` is not a valid {} key", cx.object.kind),
        cx.at_key(path.clone()),
    )
    .label("invalid key")
    .help("use only letters, digits, `-`, `_` and `.` (e.g. `LOG_LEVEL`, `app.properties`)")
    .api_error(path.to_string(), "Invalid", detail)
}

impl Rule for InvalidConfigKey {
    fn id(&self) -> &str {
        "invalid-config-key"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        let fields: &[&str] = match (o.group(), o.kind.as_str()) {
            ("", "ConfigMap") => &["data", "binaryData"],
            ("", "Secret") => &["data", "stringData"],
            _ => return,
        };
        for field in fields {
            let Some(map) = cx.node(&FieldPath::root().field(field.to_string())) else {
                continue;
            };
            for e in cx.doc.entries(map) {
                let Some(key) = cx.doc.str(e.key) else { continue };
                // A plain `<<` is a YAML merge key (kubectl's YAML library merges it), not a key.
                let merge = key == "<<"
                    && cx.doc.scalar(e.key).is_some_and(|s| s.style == crate::yaml::ScalarStyle::Plain);
                if merge {
                    continue;
                }
                if let Some(detail) = problem(key) {
                    out.emit(diagnostic(cx, FieldPath::root().field(field.to_string()).key(key.to_string()), key, detail));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::problem;

    // source: IsConfigMapKey
    #[test]
    fn config_keys() {
        assert!(problem("LOG_LEVEL").is_none());
        assert!(problem("app.properties").is_none());
        assert!(problem("LOG LEVEL").is_some());
        assert!(problem("..data").is_some());
        assert!(problem("a/b").is_some());
    }
}
