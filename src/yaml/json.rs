//! A node as the JSON the API server would receive (`sigs.k8s.io/yaml` semantics): scalars
//! typed per YAML 1.1, aliases expanded, merge keys (`<<`) applied, later keys winning.

use serde_json::{Map, Number, Value};

use super::scalar::Resolved;
use super::tree::{Document, NodeId, NodeKind};

/// Deeper than this (counting alias hops) is refused rather than risking the stack.
const MAX_JSON_DEPTH: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooDeep;

impl Document {
    pub fn to_json(&self, id: NodeId) -> Result<Value, TooDeep> {
        self.json_at(id, 0, &|_| None)
    }

    /// [`to_json`](Self::to_json) with the value of every node (an alias's target, the
    /// values of a merged mapping included) for which `replace` gives one replaced by it,
    /// and nothing below it converted.
    pub fn to_json_with(
        &self,
        id: NodeId,
        replace: &impl Fn(NodeId) -> Option<Value>,
    ) -> Result<Value, TooDeep> {
        self.json_at(id, 0, replace)
    }

    fn json_at(
        &self,
        id: NodeId,
        depth: usize,
        replace: &impl Fn(NodeId) -> Option<Value>,
    ) -> Result<Value, TooDeep> {
        if depth > MAX_JSON_DEPTH {
            return Err(TooDeep);
        }
        if let Some(v) = replace(id) {
            return Ok(v);
        }
        Ok(match &self.node(id).kind {
            NodeKind::Alias(target) => return self.json_at(*target, depth + 1, replace),
            NodeKind::Scalar(s) => scalar_json(s.resolve()),
            NodeKind::Seq(items) => {
                // Sized once (collecting through `Result` would grow it step by step).
                let mut out = Vec::with_capacity(items.len());
                for i in items {
                    out.push(self.json_at(*i, depth + 1, replace)?);
                }
                Value::Array(out)
            }
            NodeKind::Map(entries) => {
                let mut map = Map::with_capacity(entries.len());
                let mut merged = Vec::new();
                for e in entries {
                    let Some(key) = self.scalar(e.key) else {
                        // A complex key has no JSON form; sigs.k8s.io/yaml refuses it too.
                        continue;
                    };
                    if key.style == super::tree::ScalarStyle::Plain && &*key.text == "<<" {
                        merged.push(e.value);
                        continue;
                    }
                    let k = match key.resolve() {
                        Resolved::Str(s) => s.to_string(),
                        other => json_key(other),
                    };
                    map.insert(k, self.json_at(e.value, depth + 1, replace)?);
                }
                // Merge keys fill in what the mapping itself does not set.
                for m in merged {
                    let sources: Vec<NodeId> = if self.is_seq(m) {
                        self.items(m).to_vec()
                    } else {
                        vec![m]
                    };
                    for s in sources {
                        if let Value::Object(o) = self.json_at(s, depth + 1, replace)? {
                            for (k, v) in o {
                                map.entry(k).or_insert(v);
                            }
                        }
                    }
                }
                Value::Object(map)
            }
        })
    }
}

pub fn scalar_json(r: Resolved<'_>) -> Value {
    match r {
        Resolved::Null => Value::Null,
        Resolved::Bool(b) => Value::Bool(b),
        Resolved::Int(i) => Value::Number(i.into()),
        Resolved::Float(f) => Number::from_f64(f).map_or(Value::Null, Value::Number),
        Resolved::Str(s) => Value::String(s.to_string()),
    }
}

fn json_key(r: Resolved<'_>) -> String {
    match scalar_json(r) {
        Value::String(s) => s,
        Value::Null => "null".to_string(),
        v => v.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::yaml::{parse_stream, Limits};
    use serde_json::json;

    #[test]
    fn converts_like_the_api_client() {
        let text = "base: &b {x: 1, w: 2}\nm:\n  <<: *b\n  w: 3\n  on: yes\n  s: '5'\n";
        let d = parse_stream(text, Limits::default()).documents.remove(0);
        let v = d.to_json(d.root).unwrap();
        // `on` is a boolean key in YAML 1.1, so it reaches JSON as "true".
        assert_eq!(v["m"], json!({"w": 3, "true": true, "s": "5", "x": 1}));
    }

    /// `Document::effective_entries` gives the keys and values the JSON conversion gives, for
    /// merges in a list, nested merges (an earlier source with what it inherits beats a later
    /// one) and keys the mapping sets itself.
    #[test]
    fn effective_entries_agree_with_the_conversion() {
        for text in [
            "a: &a {x: a, q: a}\nb: &b {q: b, z: b}\nm: {<<: [*a, *b], z: m}\n",
            "a0: &a0 {x: a0, q: a0}\na: &a {<<: *a0, x: a}\nb: &b {q: b, w: b}\nm: {<<: [*a, *b]}\n",
            "a: &a {x: a}\nm: {<<: *a, <<: {x: second, v: second}, k: m}\n",
            "m: {k: v}\n",
        ] {
            let d = parse_stream(text, Limits::default()).documents.remove(0);
            let m = d.get(d.root, "m").unwrap();
            let entries: serde_json::Map<String, serde_json::Value> = d
                .effective_entries(m)
                .iter()
                .map(|e| (d.str(e.key).unwrap().to_string(), json!(d.str(e.value).unwrap())))
                .collect();
            assert_eq!(
                serde_json::Value::Object(entries),
                d.to_json(m).unwrap(),
                "{text}"
            );
        }
    }
}
