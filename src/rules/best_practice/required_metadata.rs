//! What `missing-required-label` and `missing-required-annotation` share: a map of required
//! keys to value patterns (from the rule's options), checked against one metadata map.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use regex::Regex;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Sink};
use crate::yaml::FieldPath;

/// Whether `value` matches `pattern` as a whole; an empty pattern accepts any value. Patterns
/// are compiled once per run; one that does not compile is compared literally.
fn matches(pattern: &str, value: &str) -> bool {
    if pattern.is_empty() {
        return true;
    }
    static CACHE: OnceLock<Mutex<HashMap<String, Option<Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let Ok(mut cache) = cache.lock() else {
        return pattern == value;
    };
    let re = cache
        .entry(pattern.to_string())
        .or_insert_with(|| Regex::new(&format!("^(?:{pattern})$")).ok());
    match re {
        Some(re) => re.is_match(value),
        None => pattern == value,
    }
}

/// Checks `metadata.<field>` (`labels` or `annotations`) of the object against the rule's
/// option `<field>`: each required key must be present, with a value matching its pattern.
pub(super) fn check(cx: &ObjectCx<'_>, rule: &str, field: &str, noun: &str, out: &mut Sink) {
    let Some(required) = cx.option(rule, field).and_then(Value::as_object) else {
        return;
    };
    let map_path = FieldPath::root().field("metadata").field(field.to_string());
    let map = cx.node(&map_path);
    for (key, pattern) in required {
        let pattern = pattern.as_str().unwrap_or("");
        let value = map.and_then(|m| cx.doc.get(m, key));
        match value {
            None => out.emit(
                Diagnostic::new(
                    format!(
                        "{} `{}` has no {noun} `{key}`",
                        cx.object.kind, cx.object.name
                    ),
                    cx.at(map_path.clone().key(key.to_string())),
                )
                .label(format!("no `{key}` {noun} here"))
                .help(format!("add the {noun} `{key}`")),
            ),
            Some(v) => {
                let text = cx.doc.str(v).unwrap_or("");
                if !matches(pattern, text) {
                    out.emit(
                        Diagnostic::new(
                            format!("{noun} `{key}: {text}` does not match `{pattern}`"),
                            cx.at(map_path.clone().key(key.to_string())),
                        )
                        .label(format!("does not match `{pattern}`"))
                        .help(format!("give `{key}` a value that matches `{pattern}`")),
                    )
                }
            }
        }
    }
}
