//! `immutable-data-changed`: an update of a ConfigMap or Secret whose previous version is
//! `immutable: true` that changes its data or sets `immutable` back; the API server refuses
//! it (only the metadata of an immutable ConfigMap or Secret may change).
//! source: pkg/apis/core/validation/validation.go ValidateConfigMapUpdate,
//! ValidateSecretUpdate (`field.Forbidden(field.NewPath("data"), "field is immutable when
//! `immutable` is set")`, the same for `binaryData` and `immutable`). A Secret's
//! `stringData` is merged into `data` when the request is decoded (pkg/apis/core/v1
//! conversion.go Convert_v1_Secret_To_core_Secret), so it is compared as data.
//!
//! Secret values never reach a message: keys are quoted, values are not.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: ImmutableDataChanged = ImmutableDataChanged;

pub(super) struct ImmutableDataChanged;

const DETAIL: &str = "field is immutable when `immutable` is set";

/// How many keys a message names before it says "and N more".
const SHOWN_KEYS: usize = 5;

fn unset_diagnostic(cx: &UpdateCx<'_>, kind: &str) -> Diagnostic {
    let path = FieldPath::parse("immutable");
    let (target, label) = if cx.new.node(&path).is_some() {
        (path.clone(), "no longer `true`")
    } else {
        (FieldPath::parse("kind"), "no `immutable: true`")
    };
    Diagnostic::new(
        format!("an immutable {kind} cannot become mutable (`immutable` was `true`)"),
        cx.at(target),
    )
    .label(label)
    .help(format!(
        "keep `immutable: true`, or create the {kind} under a new name and point its users at it"
    ))
    .api_error(path.to_string(), "Forbidden", DETAIL)
}

fn data_diagnostic(
    cx: &UpdateCx<'_>,
    kind: &str,
    field: &str,
    changes: &[(String, Change)],
    at: FieldPath,
) -> Diagnostic {
    let mut listed: Vec<String> = changes
        .iter()
        .take(SHOWN_KEYS)
        .map(|(k, c)| format!("`{k}` {}", c.as_str()))
        .collect();
    if changes.len() > SHOWN_KEYS {
        listed.push(format!("{} more", changes.len() - SHOWN_KEYS));
    }
    Diagnostic::new(
        format!(
            "`{field}` of an immutable {kind} cannot change ({})",
            listed.join(", ")
        ),
        cx.at(at),
    )
    .label("changed")
    .help(format!(
        "create the {kind} under a new name (for example with a content hash) and point its users at it"
    ))
    .api_error(field, "Forbidden", DETAIL)
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Change {
    Added,
    Removed,
    Changed,
}

impl Change {
    fn as_str(self) -> &'static str {
        match self {
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
        }
    }
}

/// The entries of a data map, each with where it is written in the manifest. A Secret's
/// `stringData` entries override `data` ones, base64-encoded as the API server stores them.
fn entries(object: &Value, field: &str, secret: bool) -> Vec<(String, Value, FieldPath)> {
    let mut out: Vec<(String, Value, FieldPath)> = Vec::new();
    let mut put = |key: &str, value: Value, path: FieldPath| {
        match out.iter_mut().find(|(k, _, _)| k == key) {
            Some(e) => *e = (key.to_string(), value, path),
            None => out.push((key.to_string(), value, path)),
        };
    };
    if let Some(Value::Object(m)) = object.get(field) {
        for (k, v) in m {
            put(k, v.clone(), FieldPath::root().field(field.to_string()).key(k.to_string()));
        }
    }
    if secret && field == "data" {
        if let Some(Value::Object(m)) = object.get("stringData") {
            for (k, v) in m {
                let value = match v {
                    Value::String(s) => Value::String(base64(s.as_bytes())),
                    other => other.clone(),
                };
                put(k, value, FieldPath::root().field("stringData").key(k.to_string()));
            }
        }
    }
    out
}

/// Standard base64 with padding, as Go's `encoding/json` writes a `[]byte`.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The keys that differ, in NEW's order then removed ones.
fn changes(
    old: &[(String, Value, FieldPath)],
    new: &[(String, Value, FieldPath)],
) -> Vec<(String, Change, Option<FieldPath>)> {
    let mut out = Vec::new();
    for (k, v, path) in new {
        match old.iter().find(|(ok, _, _)| ok == k) {
            None => out.push((k.clone(), Change::Added, Some(path.clone()))),
            Some((_, ov, _)) if ov != v => {
                out.push((k.clone(), Change::Changed, Some(path.clone())))
            }
            Some(_) => {}
        }
    }
    for (k, _, _) in old {
        if !new.iter().any(|(nk, _, _)| nk == k) {
            out.push((k.clone(), Change::Removed, None));
        }
    }
    out
}

impl Rule for ImmutableDataChanged {
    fn id(&self) -> &str {
        "immutable-data-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        let kind = o.kind.as_str();
        if !matches!(kind, "ConfigMap" | "Secret") || !o.group().is_empty() {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_defaulted(), cx.new_defaulted()) else {
            return;
        };
        if old.get("immutable") != Some(&Value::Bool(true)) {
            return;
        }
        if new.get("immutable") != Some(&Value::Bool(true)) {
            out.emit(unset_diagnostic(cx, kind));
        }
        let secret = kind == "Secret";
        let fields: &[&str] = if secret {
            &["data"]
        } else {
            &["data", "binaryData"]
        };
        for field in fields {
            let found = changes(
                &entries(old, field, secret),
                &entries(new, field, secret),
            );
            if found.is_empty() {
                continue;
            }
            // Point at the first key that is still there, else at the map itself.
            let at = found
                .iter()
                .find_map(|(_, _, p)| p.clone())
                .unwrap_or_else(|| FieldPath::root().field(field.to_string()));
            let keys: Vec<(String, Change)> =
                found.into_iter().map(|(k, c, _)| (k, c)).collect();
            out.emit(data_diagnostic(cx, kind, field, &keys, at));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_go() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("hunter2", "aHVudGVyMg=="),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded);
        }
    }

    #[test]
    fn string_data_counts_as_data() {
        let old = serde_json::json!({"data": {"password": "aHVudGVyMg=="}});
        let new = serde_json::json!({"stringData": {"password": "hunter2"}});
        let c = changes(&entries(&old, "data", true), &entries(&new, "data", true));
        assert!(c.is_empty(), "{c:?}");
        let new = serde_json::json!({"stringData": {"password": "hunter3"}, "data": {"x": "eA=="}});
        let c = changes(&entries(&old, "data", true), &entries(&new, "data", true));
        let kinds: Vec<_> = c.iter().map(|(k, c, _)| (k.as_str(), *c)).collect();
        assert_eq!(
            kinds,
            [("x", Change::Added), ("password", Change::Changed)]
        );
    }

}
