//! `Pointer::at`: a JSON Pointer lookup in the JSON view that does not allocate, for rules
//! that read a few fields deep (serde_json's `Value::pointer` copies every token); and
//! `Pointer::field`, `Value::get` of one key without hashing it in a small object.

use serde_json::{Map, Value};

pub trait Pointer {
    /// What `Value::pointer` finds at `pointer` (`/spec/template`, `/items/0`).
    fn at(&self, pointer: &str) -> Option<&Value>;

    /// What `Value::get(key)` finds: the member `key` of an object, `None` for anything else.
    fn field(&self, key: &str) -> Option<&Value>;
}

/// Up to this many members, an object's keys are compared in order rather than the key
/// hashed (serde_json's map hashes with SipHash, which costs more than a few comparisons).
const SCAN: usize = 16;

fn member<'v>(map: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    if map.len() <= SCAN {
        // Keys are unique, so the first equal one is the one `get` finds.
        map.iter().find(|(k, _)| k.as_str() == key).map(|(_, v)| v)
    } else {
        map.get(key)
    }
}

fn at<'v>(value: &'v Value, pointer: &str) -> Option<&'v Value> {
    if pointer.contains('~') {
        // Escaped tokens (`~0`, `~1`): serde_json's own unescaping.
        return value.pointer(pointer);
    }
    if pointer.is_empty() {
        return Some(value);
    }
    pointer
        .strip_prefix('/')?
        .split('/')
        .try_fold(value, |v, token| match v {
            Value::Object(map) => member(map, token),
            Value::Array(items) => index(token).and_then(|i| items.get(i)),
            _ => None,
        })
}

impl Pointer for Value {
    fn at(&self, pointer: &str) -> Option<&Value> {
        at(self, pointer)
    }

    fn field(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => member(map, key),
            _ => None,
        }
    }
}

/// An array index as a JSON Pointer writes it: digits, no leading zero (RFC 6901).
fn index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit());
    if !digits || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::Pointer;
    use serde_json::json;

    #[test]
    fn finds_what_serde_json_finds() {
        let v = json!({
            "spec": {"containers": [{"name": "a"}, {"name": "b"}], "": {"x": 1}},
            "a/b": {"m~n": 2},
            "n": null,
        });
        for p in [
            "",
            "/spec",
            "/spec/containers/1/name",
            "/spec/containers/01",
            "/spec/containers/+1",
            "/spec/containers/2",
            "/spec/containers/-",
            "/spec/containers/",
            "/spec//x",
            "/spec/",
            "/a~1b/m~0n",
            "/a/b",
            "/n",
            "/n/x",
            "spec",
            "/missing/deeper",
        ] {
            assert_eq!(v.at(p), v.pointer(p), "{p:?}");
        }
    }

    #[test]
    fn field_finds_what_get_finds() {
        let wide: serde_json::Map<String, serde_json::Value> =
            (0..40).map(|i| (format!("k{i}"), json!(i))).collect();
        let wide = serde_json::Value::Object(wide);
        let v = json!({"a": 1, "b": {"c": 2}, "": 3, "l": [1]});
        for k in ["a", "b", "", "l", "c", "A", "k7", "k39", "k40"] {
            assert_eq!(v.field(k), v.get(k), "{k:?}");
            assert_eq!(wide.field(k), wide.get(k), "{k:?}");
            assert_eq!(v["l"].field(k), None);
        }
    }
}
