//! `unsorted-keys`: mapping keys not in alphabetical order (house policy: restriction). One
//! finding per mapping, at the first key that sorts before the key written above it.

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{Document, FieldPath, NodeId, NodeKind};

pub(super) static RULE: UnsortedKeys = UnsortedKeys;

pub(super) struct UnsortedKeys;

/// Deeper than any Kubernetes object; the parser bounds nesting anyway.
const MAX_DEPTH: usize = 64;

fn diagnostic(cx: &ObjectCx<'_>, path: FieldPath, key: &str, before: &str) -> Diagnostic {
    Diagnostic::new(
        format!("key `{key}` is out of alphabetical order: it sorts before `{before}`"),
        cx.at_key(path),
    )
    .label(format!("should come before `{before}`"))
    .help("sort the keys of this mapping alphabetically")
}

fn walk(cx: &ObjectCx<'_>, doc: &Document, node: NodeId, path: FieldPath, depth: usize, out: &mut Sink) {
    if depth > MAX_DEPTH {
        return;
    }
    // Aliases are checked where their anchor is written, never expanded (alias bombs).
    match &doc.node(node).kind {
        NodeKind::Map(entries) => {
            let mut prev: Option<&str> = None;
            let mut reported = false;
            for e in entries {
                let Some(key) = doc.str(e.key) else {
                    continue;
                };
                if key == "<<" {
                    continue;
                }
                if let Some(p) = prev {
                    if !reported && key < p {
                        out.emit(diagnostic(cx, path.clone().key(key.to_string()), key, p));
                        reported = true;
                    }
                }
                prev = Some(key);
            }
            for e in entries {
                if let Some(key) = doc.str(e.key) {
                    walk(cx, doc, e.value, path.clone().key(key.to_string()), depth + 1, out);
                }
            }
        }
        NodeKind::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                walk(cx, doc, *item, path.clone().index(i), depth + 1, out);
            }
        }
        _ => {}
    }
}

impl Rule for UnsortedKeys {
    fn id(&self) -> &str {
        "unsorted-keys"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        walk(cx, cx.doc, cx.object.root, FieldPath::root(), 0, out);
    }
}
