//! `Pointer::at`: a JSON Pointer lookup in the JSON view that does not allocate, for rules
//! that read a few fields deep (serde_json's `Value::pointer` copies every token).

use serde_json::Value;

pub trait Pointer {
    /// What `Value::pointer` finds at `pointer` (`/spec/template`, `/items/0`).
    fn at(&self, pointer: &str) -> Option<&Value>;
}

impl Pointer for Value {
    fn at(&self, pointer: &str) -> Option<&Value> {
        if pointer.contains('~') {
            // Escaped tokens (`~0`, `~1`): serde_json's own unescaping.
            return self.pointer(pointer);
        }
        if pointer.is_empty() {
            return Some(self);
        }
        pointer
            .strip_prefix('/')?
            .split('/')
            .try_fold(self, |v, token| match v {
                Value::Object(map) => map.get(token),
                Value::Array(items) => index(token).and_then(|i| items.get(i)),
                _ => None,
            })
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
}
