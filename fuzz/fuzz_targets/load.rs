//! The loader: bytes → source → spanned YAML documents → objects. Never panics; every span
//! lies inside the text on character boundaries; every object converts to JSON or says it
//! is too deep.

#![no_main]

use kubectl_lint::model;
use kubectl_lint::source::from_bytes;
use kubectl_lint::yaml::{Limits, Span};
use libfuzzer_sys::fuzz_target;

fn check(text: &str, s: Span, what: &str) {
    assert!(
        s.start <= s.end && s.end <= text.len(),
        "{what} span {s:?} outside the text"
    );
    assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{what} span {s:?} not on character boundaries"
    );
}

fuzz_target!(|data: &[u8]| {
    // Small limits so that the fuzzer reaches them, as well as the defaults.
    for limits in [
        Limits::default(),
        Limits {
            max_depth: 16,
            max_nodes: 2_000,
            max_alias_expansion: 500,
        },
    ] {
        let file = model::load(from_bytes("fuzz.yaml".into(), data.to_vec()), limits);
        let text = file.text();
        if let Some(e) = &file.error {
            check(text, e.span, "error");
            let p = file.lines.position(text, e.span.start);
            assert!(p.line >= 1 && p.line <= file.lines.line_count() && p.column >= 1);
        }
        for doc in &file.documents {
            check(text, doc.span, "document");
            for n in &doc.nodes {
                check(text, n.span, "node");
            }
        }
        for o in &file.objects {
            let doc = file.document(o);
            let _ = doc.to_json(o.root);
            let _ = doc.label_span(o.root, text);
        }
    }
});
