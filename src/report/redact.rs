//! Secret values never reach the output: a copy of the text in which every value under a
//! `Secret`'s `data` and `stringData` is masked, and so is every literal credential the
//! `literal-secret-env` and `sensitive-configmap-data` rules report, for code frames.

use std::borrow::Cow;

use crate::model::File;
use crate::yaml::FieldPath;

/// The text to show for `file`, with Secret values masked (borrowed when there are none).
pub(super) fn shown_text(file: &File) -> Cow<'_, str> {
    let text = file.text();
    let mut ranges = Vec::new();
    for o in file
        .objects
        .iter()
        .filter(|o| o.kind == "Secret" && o.group().is_empty())
    {
        let doc = file.document(o);
        for field in ["data", "stringData"] {
            let (node, exact) = FieldPath::root().field(field).resolve(doc, o.root);
            if !exact {
                continue;
            }
            for e in doc.entries(node) {
                ranges.push(doc.node(e.value).span);
            }
            // A flow or odd-shaped value: mask the whole block.
            if doc.entries(node).is_empty() && !doc.is_null(node) {
                ranges.push(doc.node(node).span);
            }
        }
    }
    // Credentials written in plain text where they should not be (env vars, ConfigMaps).
    ranges.extend(crate::rules::sensitive::spans(file));
    if ranges.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut bytes = text.as_bytes().to_vec();
    for r in ranges {
        for b in &mut bytes[r.start.min(text.len())..r.end.min(text.len())] {
            // Keep line structure so that positions stay right.
            if *b != b'\n' && *b != b'\r' {
                *b = b'*';
            }
        }
    }
    // Masking whole bytes of multi-byte characters with ASCII keeps the text valid UTF-8.
    Cow::Owned(
        String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
    )
}
