//! `duplicate-key`: a mapping gives the same key twice. YAML forbids it, but `kubectl`
//! accepts it silently and keeps only the last value, so an earlier line a reviewer reads is
//! not what reaches the cluster.
//! source: sigs.k8s.io/yaml yaml.go Unmarshal/yamlToJSONTarget (go-yaml v2 decoder `d.mapping`
//! sets each key in turn into a Go map, so a later key replaces an earlier one); kubectl
//! v1.32 (`kubectl label --local -f dup.yaml x=y -o yaml` prints only the last value; for
//! `"1": a` beside `1: b`, convertToJSONableObject names both keys "1" and, iterating a Go
//! map, keeps either value: six runs printed both)

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Target};
use crate::rules::{FileCx, Rule, Sink};
use crate::yaml::{Document, Entry, NodeKind, Resolved, ScalarStyle};

pub(super) static RULE: DuplicateKey = DuplicateKey;

pub(super) struct DuplicateKey;

/// Mappings with more entries than this are checked through a hash map; smaller ones (almost
/// all) by comparing each key with those before it.
const SMALL: usize = 16;

/// The key as the JSON conversion names it: the scalar's text (a string's value, any other
/// scalar's own text); `None` for merge keys (`<<`, which may repeat and whose keys an
/// explicit key overrides on purpose) and for keys that are not scalars (`invalid-yaml`
/// reports those).
fn key<'d>(doc: &'d Document, e: &Entry) -> Option<&'d str> {
    let k = doc.scalar(e.key)?;
    if k.style == ScalarStyle::Plain && &*k.text == "<<" {
        return None;
    }
    Some(&k.text)
}

/// For each entry of `entries` that a later entry's key replaces: (its index, the index of the
/// last entry with that key).
fn replaced(doc: &Document, entries: &[Entry]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    if entries.len() <= SMALL {
        // Each key looked up once; every mapping of every file comes through here.
        let mut keys = [None; SMALL];
        for (slot, e) in keys.iter_mut().zip(entries) {
            *slot = key(doc, e);
        }
        let keys = &keys[..entries.len()];
        for (i, k) in keys.iter().enumerate() {
            if k.is_none() {
                continue;
            }
            if let Some(j) = keys[i + 1..].iter().rposition(|later| later == k) {
                out.push((i, i + 1 + j));
            }
        }
    } else {
        let mut last: HashMap<&str, usize> = HashMap::with_capacity(entries.len());
        for (i, e) in entries.iter().enumerate() {
            if let Some(k) = key(doc, e) {
                last.insert(k, i);
            }
        }
        for (i, e) in entries.iter().enumerate() {
            if let Some(&j) = key(doc, e).and_then(|k| last.get(k)) {
                if j != i {
                    out.push((i, j));
                }
            }
        }
    }
    out
}

impl Rule for DuplicateKey {
    fn id(&self) -> &str {
        "duplicate-key"
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let text = cx.file.text();
        for doc in &cx.file.documents {
            for node in &doc.nodes {
                let NodeKind::Map(entries) = &node.kind else {
                    continue;
                };
                if entries.len() < 2 {
                    continue;
                }
                for (i, j) in replaced(doc, entries) {
                    let Some(k) = key(doc, &entries[i]) else {
                        continue;
                    };
                    let last = doc.label_span(entries[j].key, text);
                    let line = cx.file.lines.position(text, last.start).line;
                    let is_str =
                        |e: &Entry| matches!(doc.scalar(e.key).map(|s| s.resolve()), Some(Resolved::Str(_)));
                    let message = if is_str(&entries[i]) == is_str(&entries[j]) {
                        format!(
                            "`{}` is given again on line {line}: kubectl keeps only the last value, so this one never reaches the cluster",
                            crate::report::visible(k)
                        )
                    } else {
                        // A number (or boolean) key and a string key with the same text: the
                        // decoder keeps both, the JSON conversion names both alike and keeps
                        // whichever its map iteration meets last.
                        format!(
                            "`{}` is given again on line {line}, once as a string and once as a number or boolean: the JSON conversion keeps one of the two values, and which one changes from run to run",
                            crate::report::visible(k)
                        )
                    };
                    out.emit(
                        Diagnostic::new(
                            message,
                            Target::Span(doc.label_span(entries[i].key, text)),
                        )
                        .label("replaced by a later key")
                        .help("remove one of the two, keeping the value you mean"),
                    );
                }
            }
        }
    }
}
