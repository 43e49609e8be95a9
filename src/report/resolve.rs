//! Field paths to spans, spans to lines and columns.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Target};
use crate::model::File;
use crate::yaml::Span;

use super::{Finding, ObjectInfo, RelatedInfo};

pub(super) fn object_info(file: &File, index: usize) -> ObjectInfo {
    let o = &file.objects[index];
    ObjectInfo {
        api_version: o.api_version.clone(),
        kind: o.kind.clone(),
        namespace: o.namespace.clone(),
        name: o.name.clone(),
        document: o.document,
        item: o.item,
    }
}

/// The span a target points at: the node the path names (its key for a collection), or the
/// nearest existing parent when the field is missing.
pub(super) fn span_of(file: &File, target: &Target) -> Span {
    match target {
        Target::Span(s) => *s,
        Target::Elsewhere { .. } => Span::default(),
        Target::Field { doc, object, path } | Target::Key { doc, object, path } => {
            let Some(d) = file.documents.get(*doc) else {
                return Span::default();
            };
            let root = object
                .and_then(|o| file.objects.get(o))
                .map_or(d.root, |o| o.root);
            let (node, exact) = path.resolve(d, root);
            if let (Target::Key { .. }, true, Some(key)) = (target, exact, d.node(node).key) {
                return d.node(key).span;
            }
            d.label_span(node, file.text())
        }
    }
}

/// `objects` are the file's objects (`object_info` of each), which findings share.
pub(super) fn finding(
    file: &File,
    name: &Arc<str>,
    objects: &[Arc<ObjectInfo>],
    d: Diagnostic,
) -> Finding {
    let span = span_of(file, &d.target);
    let text = file.text();
    let start = file.lines.position(text, span.start);
    let end = file.lines.position(text, span.end);
    let (path, object) = match &d.target {
        Target::Field { path, object, .. } | Target::Key { path, object, .. } => {
            (path.text(), object.and_then(|o| objects.get(o).cloned()))
        }
        Target::Span(_) | Target::Elsewhere { .. } => (String::new(), None),
    };
    // Most findings have no related labels: no collecting for them.
    let related = if d.related.is_empty() {
        Vec::new()
    } else {
        d.related
            .into_iter()
            .map(|r| {
                if let Target::Elsewhere { file, line, column } = &r.target {
                    return RelatedInfo {
                        file: Some(file.clone()),
                        line: *line,
                        column: *column,
                        message: r.label,
                        span: Span::default(),
                    };
                }
                let span = span_of(file, &r.target);
                let p = file.lines.position(text, span.start);
                RelatedInfo {
                    file: None,
                    line: p.line,
                    column: p.column,
                    message: r.label,
                    span,
                }
            })
            .collect()
    };
    Finding {
        rule: d.rule,
        level: d.level,
        message: d.message,
        file: name.clone(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        path,
        object,
        api_error: d.api_error,
        help: d.help,
        label: d.label,
        related,
        span,
    }
}
