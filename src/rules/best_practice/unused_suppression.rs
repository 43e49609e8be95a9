//! `unused-suppression`: an `ignore` comment or annotation that suppresses nothing. This file
//! also owns reading suppressions; the reporter applies them once spans are resolved.
//!
//! - the annotation `ignore.kubectl-lint.io/<rule>: "<reason>"` silences `<rule>` on its object;
//! - the comment `# kubectl-lint: ignore[<rule>, ...] <reason>` silences those rules on its own
//!   line when it trails code, or on the next line that is not a comment when it stands alone.

use crate::diagnostic::{Diagnostic, Target};
use crate::model::File;
use crate::rules::Rule;
use crate::yaml::{FieldPath, NodeKind, Span};

pub(super) static RULE: UnusedSuppression = UnusedSuppression;

/// Emitted by the reporter through [`unused`]; it has nothing to check on its own.
pub(super) struct UnusedSuppression;

impl Rule for UnusedSuppression {
    fn id(&self) -> &str {
        "unused-suppression"
    }
}

pub const ANNOTATION_PREFIX: &str = "ignore.kubectl-lint.io/";
const COMMENT_MARK: &str = "kubectl-lint: ignore[";

#[derive(Debug, Clone)]
pub enum Scope {
    /// 0-based line.
    Line(usize),
    /// Index into the file's objects.
    Object(usize),
}

#[derive(Debug, Clone)]
pub struct Suppression {
    pub rule: String,
    pub scope: Scope,
    /// Where it is written, to report it when it suppresses nothing.
    pub at: Target,
}

/// The spans of every scalar of `file`, in order (scalars do not nest).
fn scalar_spans(file: &File) -> Vec<Span> {
    let mut spans: Vec<Span> = file
        .documents
        .iter()
        .flat_map(|d| d.nodes.iter())
        .filter(|n| matches!(n.kind, NodeKind::Scalar(_)))
        .map(|n| n.span)
        .collect();
    spans.sort_unstable_by_key(|s| s.start);
    spans
}

/// Whether the byte at `at` lies inside one of `spans` (sorted, not overlapping).
fn in_scalar(spans: &[Span], at: usize) -> bool {
    let after = spans.partition_point(|s| s.start <= at);
    after > 0 && at < spans[after - 1].end
}

/// Every suppression written in `file`.
pub fn suppressions(file: &File) -> Vec<Suppression> {
    let mut out = Vec::new();
    for (i, o) in file.objects.iter().enumerate() {
        let doc = file.document(o);
        // `metadata.annotations`, looked up as `FieldPath::resolve` does, without building it.
        let Some(ann) = doc
            .get(o.root, "metadata")
            .and_then(|m| doc.get(m, "annotations"))
        else {
            continue;
        };
        for e in doc.entries(ann) {
            let Some(rule) = doc.str(e.key).and_then(|k| k.strip_prefix(ANNOTATION_PREFIX)) else {
                continue;
            };
            out.push(Suppression {
                rule: rule.to_string(),
                scope: Scope::Object(i),
                at: Target::Field {
                    doc: o.document,
                    object: Some(i),
                    path: FieldPath::parse("metadata.annotations").key((doc.str(e.key).unwrap_or("")).to_string()),
                },
            });
        }
    }
    let text = file.text();
    // A comment mark counts after a `#` and nothing but white space on its line: each `#` is
    // found (a memchr; most files have none) and the mark looked for right after it.
    let mut scalars: Option<Vec<Span>> = None;
    let mut next_hash = 0;
    while let Some(found) = text[next_hash..].find('#') {
        let after = next_hash + found + 1;
        next_hash = after;
        let spaced = &text[after..];
        let mark = spaced.trim_start_matches(|c: char| c.is_whitespace() && c != '\n');
        if !mark.starts_with(COMMENT_MARK) {
            continue;
        }
        // Only a comment: a `#` at the start of a line or after white space, and not inside
        // a quoted or block scalar (a value that says "ignore" silences nothing).
        let hash_at = after - 1;
        let spaced_before = text[..hash_at]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace);
        if !spaced_before
            || in_scalar(scalars.get_or_insert_with(|| scalar_spans(file)), hash_at)
        {
            continue;
        }
        let at = after + (spaced.len() - mark.len());
        let from = at + COMMENT_MARK.len();
        let line = file.lines.line_of(at);
        let (start, end) = file.lines.line_range(text, line);
        let before = &text[start..at];
        let hash = after - 1 - start;
        let rest = &text[from..end];
        let Some(close) = rest.find(']') else { continue };
        let own_line = before[..hash].trim().is_empty();
        let target_line = if own_line {
            next_code_line(file, line)
        } else {
            line
        };
        let span = Span::new(start + hash, end);
        // A name given twice in one comment is one suppression (and at most one finding), not
        // one per mention: a line of the same name repeated thousands of times stays small.
        let mut names: Vec<&str> = rest[..close]
            .split(',')
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .collect();
        let mut seen = std::collections::HashSet::new();
        names.retain(|r| seen.insert(*r));
        for rule in names {
            out.push(Suppression {
                rule: rule.to_string(),
                scope: Scope::Line(target_line),
                at: Target::Span(span),
            });
        }
    }
    out
}

fn next_code_line(file: &File, line: usize) -> usize {
    let text = file.text();
    let mut l = line + 1;
    while l < file.lines.line_count() {
        let (s, e) = file.lines.line_range(text, l);
        let t = text[s..e].trim();
        if !t.is_empty() && !t.starts_with('#') {
            return l;
        }
        l += 1;
    }
    line
}

/// Whether `s` covers a diagnostic of `rule` starting on 0-based `line` of `object`.
pub fn covers(s: &Suppression, rule: &str, line: usize, object: Option<usize>) -> bool {
    s.rule == rule
        && match s.scope {
            Scope::Line(l) => l == line,
            Scope::Object(o) => object == Some(o),
        }
}

/// The diagnostic for a suppression that silenced nothing. `known` says whether a rule id
/// exists; suppressions of rules that are turned off are left alone, since they cannot be
/// judged.
pub fn unused(s: &Suppression, known: bool) -> Diagnostic {
    let (message, help) = if known {
        (
            format!("this suppression of `{}` suppresses nothing", s.rule),
            "remove it",
        )
    } else {
        (
            format!("this suppression names `{}`, which is not a rule", s.rule),
            "fix the rule id (`kubectl lint rules` lists them) or remove it",
        )
    };
    Diagnostic::new(message, s.at.clone())
        .label("unused")
        .help(help)
}
