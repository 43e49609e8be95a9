//! `invalid-env-var-name`: an `env[].name` or `envFrom[].prefix` the targeted API server
//! refuses. Until 1.31 a name must match `[-._a-zA-Z][-._a-zA-Z0-9]*` and not be `.`, `..`
//! or start with `..`; from 1.32 (RelaxedEnvironmentVariableValidation, beta and on by
//! default) any printable ASCII character but `=` is allowed.
//! source: pkg/apis/core/validation/validation.go ValidateEnv, ValidateEnvFrom;
//! apimachinery pkg/util/validation/validation.go IsEnvVarName, IsRelaxedEnvVarName,
//! hasChDirPrefix; pkg/features/kube_features.go RelaxedEnvironmentVariableValidation

use crate::diagnostic::Diagnostic;
use crate::rules::{ContainerRef, PodCx, Rule, Sink, Version};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidEnvVarName = InvalidEnvVarName;

pub(super) struct InvalidEnvVarName;

fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, at: &FieldPath, what: &str, value: &str, detail: String) -> Diagnostic {
    let path = c.path.join(at);
    let help = if cx.object.version >= (1, 32) {
        "use printable ASCII characters other than `=`"
    } else {
        "use letters, digits, `_`, `-` and `.`, not starting with a digit (clusters before 1.32 allow no more)"
    };
    Diagnostic::new(
        format!("container `{}` has the {what} `{value}`, which the API server refuses", c.name),
        cx.object.at(path.clone()),
    )
    .label("not a valid environment variable name")
    .help(help)
    .api_error(path.to_string(), "Invalid", detail)
}

const STRICT_FMT: &str = "[-._a-zA-Z][-._a-zA-Z0-9]*";
const STRICT_MSG: &str = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";

/// The API server's messages for `name` on a cluster of `version`, in its order.
fn errors(name: &str, version: Version) -> Vec<String> {
    let mut errs = Vec::new();
    if version >= (1, 32) {
        // unicode.IsPrint on ASCII: the graphic characters and the space.
        if name.chars().any(|c| !(' '..='~').contains(&c) || c == '=') {
            errs.push("a valid environment variable name must consist only of printable ASCII characters other than '='".to_string());
        }
        return errs;
    }
    let b = name.as_bytes();
    let ok = b.first().is_some_and(|c| c.is_ascii_alphabetic() || b"-._".contains(c))
        && b.iter().all(|c| c.is_ascii_alphanumeric() || b"-._".contains(c));
    if !ok {
        errs.push(format!(
            "{STRICT_MSG} (e.g. 'my.env-name' or 'MY_ENV.NAME' or 'MyEnvName1', regex used for validation is '{STRICT_FMT}')"
        ));
    }
    match name {
        "." => errs.push("must not be '.'".to_string()),
        ".." => errs.push("must not be '..'".to_string()),
        n if n.starts_with("..") => errs.push("must not start with '..'".to_string()),
        _ => {}
    }
    errs
}

impl Rule for InvalidEnvVarName {
    fn id(&self) -> &str {
        "invalid-env-var-name"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let version = cx.object.version;
        for c in cx.containers() {
            for (list, key, what) in [("env", "name", "env var"), ("envFrom", "prefix", "`envFrom` prefix")] {
                let Some(items) = doc.get(c.node, list) else {
                    continue;
                };
                for (i, item) in doc.items(items).iter().enumerate() {
                    // An empty name is `Required` (the schema's business); an empty prefix is none.
                    let Some(value) = doc.get_str(*item, key).filter(|v| !v.is_empty()) else {
                        continue;
                    };
                    if let Some(first) = errors(value, version).into_iter().next() {
                        let at = FieldPath::root().field(list).index(i).field(key);
                        out.emit(diagnostic(cx, c, &at, what, value, first));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_before_1_32_relaxed_after() {
        let old = (1, 31);
        assert!(errors("MY_VAR", old).is_empty());
        assert!(errors("my.env-name", old).is_empty());
        assert!(errors("_x", old).is_empty());
        assert!(errors("1X", old)[0].starts_with(STRICT_MSG));
        assert!(errors("A B", old)[0].starts_with(STRICT_MSG));
        assert_eq!(errors("..", old), ["must not be '..'"]);
        assert_eq!(errors("..x", old), ["must not start with '..'"]);
        let new = (1, 32);
        assert!(errors("1X", new).is_empty());
        assert!(errors("A B:c", new).is_empty());
        assert!(errors("..", new).is_empty());
        assert_eq!(errors("A=B", new).len(), 1);
        assert_eq!(errors("é", new).len(), 1);
        assert_eq!(errors("a\tb", new).len(), 1);
    }
}
