//! Secret values copied into what the analysis subcommands (`timeline`, `schedule`,
//! `defaults`) print from their input: object names and namespaces, container names,
//! mapping keys. The secret values of every file of the run are gathered as the files are
//! read, and every copy of one is masked in the printed text and in every string and key of
//! the JSON, whichever file it came from (DESIGN.md invariant 5).
//!
//! As for the names in `lint`'s reports (`report::redact`), only values of six bytes or more
//! count here: a three-letter value such as `web` would otherwise mask every container of
//! that name. The values themselves (a Secret's `data`, a credential env var) are masked
//! where they stand by each subcommand, whatever their length.

use serde_json::{Map, Value};

use crate::model::File;

/// The shortest secret value whose copies are masked in names and keys.
const MIN_COPY: usize = 6;

/// The secret values (of [`MIN_COPY`] bytes or more) of every file read so far, longest
/// first, and a search that finds them all at once (built when first needed after a
/// change; linear in memory however long the values are): thousands of values are not each
/// searched for in every string.
#[derive(Default)]
pub(super) struct RunSecrets {
    long: Vec<String>,
    search: std::sync::OnceLock<crate::report::CopyMask>,
}

impl RunSecrets {
    /// Adds the secret values of `file`.
    pub(super) fn add(&mut self, file: &File) {
        let before = self.long.len();
        self.long.extend(
            crate::report::secret_texts(file)
                .into_iter()
                .filter(|t| t.len() >= MIN_COPY),
        );
        if self.long.len() != before {
            // Longest first, so that a value that contains another is masked whole.
            self.long
                .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
            self.long.dedup();
            self.search = std::sync::OnceLock::new();
        }
    }

    fn search(&self) -> Option<&crate::report::CopyMask> {
        let s = self
            .search
            .get_or_init(|| crate::report::CopyMask::new(self.long.clone()));
        (!s.is_empty()).then_some(s)
    }

    /// `text` with every copy masked.
    pub(super) fn text(&self, text: &mut String) {
        if let Some(s) = self.search() {
            if s.finds(text) {
                s.mask(text);
            }
        }
    }

    /// `s` with every copy masked, borrowed when there is none.
    pub(super) fn str<'a>(&self, s: &'a str) -> std::borrow::Cow<'a, str> {
        if self.search().is_some_and(|m| m.finds(s)) {
            let mut owned = s.to_string();
            self.text(&mut owned);
            std::borrow::Cow::Owned(owned)
        } else {
            std::borrow::Cow::Borrowed(s)
        }
    }

    /// Every string and every mapping key of `v` with every copy masked. Two keys that
    /// become one keep the first's place and the last's value.
    pub(super) fn value(&self, v: &mut Value) {
        if self.search().is_none() {
            return;
        }
        let mut stack = vec![v];
        while let Some(v) = stack.pop() {
            match v {
                Value::String(s) => self.text(s),
                Value::Array(a) => stack.extend(a.iter_mut()),
                Value::Object(o) => {
                    if o.keys().any(|k| self.str(k) != k.as_str()) {
                        let old = std::mem::take(o);
                        let mut renamed = Map::new();
                        for (k, val) in old {
                            renamed.insert(self.str(&k).into_owned(), val);
                        }
                        *o = renamed;
                    }
                    stack.extend(o.values_mut());
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn secrets(texts: &[&str]) -> RunSecrets {
        let mut long: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
        long.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        RunSecrets {
            long,
            search: Default::default(),
        }
    }

    #[test]
    fn keys_strings_and_text_are_masked_longest_first() {
        let s = secrets(&["zebra-quartz", "zebra-quartz-91"]);
        let mut v =
            json!({"zebra-quartz-91": {"name": "a-zebra-quartz-91-b"}, "other": ["zebra-quartz"]});
        s.value(&mut v);
        assert_eq!(v, json!({"***": {"name": "a-***-b"}, "other": ["***"]}));
        let mut t = "Deployment zebra-quartz-91/zebra-quartz".to_string();
        s.text(&mut t);
        assert_eq!(t, "Deployment ***/***");
    }

    #[test]
    fn nothing_changes_without_a_copy() {
        let s = secrets(&["zebra-quartz-91"]);
        let mut v = json!({"web": {"name": "zebra"}});
        let before = v.clone();
        s.value(&mut v);
        assert_eq!(v, before);
        assert!(matches!(s.str("zebra"), std::borrow::Cow::Borrowed(_)));
    }
}
