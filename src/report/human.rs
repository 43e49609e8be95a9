//! Human output: miette code frames, one per finding, with a source backed by the line index
//! (miette's own `str` source rescans the file from the start for every frame).
//!
//! A frame shows a bounded amount of text whatever the input: a long line (minified JSON, a
//! huge scalar) is shown as a window around the finding, long neighbouring lines are left
//! out of the context, and a label over many lines is cut to its first line. Without that,
//! every finding on a one-line file would print the whole file.

use std::fmt;

use miette::{
    Diagnostic as MietteDiagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan,
    MietteError, MietteSpanContents, Severity, SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::Level;
use crate::model::File;
use crate::yaml::LineIndex;

use super::{redact, Finding, Report};

#[derive(Debug, Clone, Copy)]
pub struct HumanStyle {
    pub color: bool,
    pub width: usize,
}

struct Source<'a> {
    name: &'a str,
    text: &'a str,
    lines: &'a LineIndex,
}

/// Lines longer than this (in bytes) are shown as a window around the finding.
const LONG_LINE: usize = 240;
/// Bytes of a long line shown before and after the finding's start.
const WINDOW_BEFORE: usize = 60;
const WINDOW_AFTER: usize = 120;
/// A label over more lines than this is cut to its first line.
const MAX_LABEL_LINES: usize = 8;

fn floor_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

impl Source<'_> {
    fn line_len(&self, line: usize) -> usize {
        let (s, e) = self.lines.line_range(self.text, line);
        e - s
    }

    /// The part of a long line that a frame for `span` shows, or `None` when its line is short.
    fn window(&self, span: crate::yaml::Span) -> Option<(usize, usize)> {
        let start = span.start.min(self.text.len());
        let line = self.lines.line_of(start);
        let (ls, le) = self.lines.line_range(self.text, line);
        if le - ls <= LONG_LINE {
            return None;
        }
        let ws = floor_boundary(self.text, start.saturating_sub(WINDOW_BEFORE).max(ls));
        let we = ceil_boundary(self.text, (start + WINDOW_AFTER).min(le).max(start));
        Some((ws, we))
    }

    /// `span` cut to what a frame may show: its first line when it spans many lines, and
    /// the window when its line is long.
    fn shown_span(
        &self,
        span: crate::yaml::Span,
        window: Option<(usize, usize)>,
    ) -> crate::yaml::Span {
        let start = span.start.min(self.text.len());
        let mut end = span.end.clamp(start, self.text.len());
        if let Some((_, we)) = window {
            end = end.min(we);
        }
        let first = self.lines.line_of(start);
        if end > start && self.lines.line_of(end - 1) - first >= MAX_LABEL_LINES {
            end = self.lines.line_range(self.text, first).1.max(start);
        }
        crate::yaml::Span::new(start, end)
    }
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let start = span.offset();
        let end = start + span.len();
        if end > self.text.len() {
            return Err(MietteError::OutOfBounds);
        }
        let first = self.lines.line_of(start);
        let last_of_span = self.lines.line_of(end.saturating_sub(1).max(start));
        // (`before` and `after` are 0 when miette only asks where the primary label starts.)
        if let Some((ws, we)) = self.window(crate::yaml::Span::new(start, end)) {
            if end <= we && (before > 0 || after > 0) {
                // A window of one long line, without context lines.
                let column = self.lines.position(self.text, ws).column - 1;
                return Ok(Box::new(MietteSpanContents::new_named(
                    self.name.to_string(),
                    &self.text.as_bytes()[ws..we],
                    SourceSpan::new(ws.into(), we - ws),
                    first,
                    column,
                    1,
                )));
            }
        }
        let mut from_line = first.saturating_sub(before);
        while from_line < first && self.line_len(from_line) > LONG_LINE {
            from_line += 1;
        }
        let mut to_line = (last_of_span + after).min(self.lines.line_count() - 1);
        while to_line > last_of_span && self.line_len(to_line) > LONG_LINE {
            to_line -= 1;
        }
        let (data_start, column) = if before == 0 {
            (start, self.lines.position(self.text, start).column - 1)
        } else {
            (self.lines.line_start(from_line), 0)
        };
        let data_end = self.lines.line_start(to_line + 1).min(self.text.len());
        let data_end = data_end.max(end);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            &self.text.as_bytes()[data_start..data_end],
            SourceSpan::new(data_start.into(), data_end - data_start),
            if before == 0 { first } else { from_line },
            column,
            to_line - from_line + 1,
        )))
    }
}

struct Frame<'a> {
    f: &'a Finding,
    source: &'a Source<'a>,
    /// The window shown of the finding's line, when it is long.
    window: Option<(usize, usize)>,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.f.message)
    }
}

impl fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.f.message)
    }
}

impl std::error::Error for Frame<'_> {}

impl MietteDiagnostic for Frame<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        // The primary position leads, since miette heads each frame with its first label.
        Some(Box::new(format!(
            "{}[{}]: {}:{}:{}",
            self.f.level, self.f.rule, self.f.file, self.f.line, self.f.column
        )))
    }

    fn severity(&self) -> Option<Severity> {
        Some(match self.f.level {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            _ => Severity::Advice,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        // Places in other files (the old version of an object) cannot share this frame.
        let elsewhere: Vec<String> = self
            .f
            .related
            .iter()
            .filter_map(|r| {
                r.file
                    .as_ref()
                    .map(|f| format!("{}: {f}:{}:{}", r.message, r.line, r.column))
            })
            .collect();
        match (&self.f.help, elsewhere.is_empty()) {
            (Some(h), true) => Some(Box::new(h)),
            (None, true) => None,
            (h, false) => Some(Box::new(format!(
                "{}{}",
                h.as_ref().map(|h| format!("{h}\n")).unwrap_or_default(),
                elsewhere.join("\n")
            ))),
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = |s: crate::yaml::Span| {
            let s = self.source.shown_span(s, self.window);
            SourceSpan::new(s.start.into(), s.len())
        };
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            self.f.label.as_ref().map(ToString::to_string),
            span(self.f.span),
        )];
        let inside = |s: crate::yaml::Span| {
            self.window
                .is_none_or(|(ws, we)| s.start >= ws && s.start < we)
        };
        for r in self
            .f
            .related
            .iter()
            .filter(|r| r.file.is_none() && inside(r.span))
        {
            labels.push(LabeledSpan::new_with_span(
                Some(r.message.clone()),
                span(r.span),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// The code frames of one file's findings.
pub(super) fn render_file(file: &File, findings: &[Finding], style: &HumanStyle) -> String {
    let shown = redact::shown_text(file);
    let own_index;
    let lines = if matches!(shown, std::borrow::Cow::Borrowed(_)) {
        &file.lines
    } else {
        own_index = LineIndex::new(&shown);
        &own_index
    };
    let source = Source {
        name: &file.source.name,
        text: &shown,
        lines,
    };
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    // Lines break at spaces only: never inside a `field.path`, a rule id or a URL (Unicode
    // line breaking would split them at `-` or `/`), and at a tenth of the cost: it was half
    // of the run's time with 100,000 findings.
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_width(style.width)
        .with_links(false)
        .with_context_lines(1);
    let mut out = String::new();
    for f in findings {
        let frame = Frame {
            f,
            source: &source,
            window: source.window(f.span),
        };
        if handler.render_report(&mut out, &frame).is_err() {
            // A span miette cannot draw still gets its one line.
            out.push_str(&format!(
                "{}[{}]: {}\n  at {}:{}:{}\n",
                f.level, f.rule, f.message, f.file, f.line, f.column
            ));
        }
        out.push('\n');
    }
    out
}

pub(super) fn render(report: &Report, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    for f in &report.files {
        out.write_all(f.human.as_bytes())?;
    }
    let s = report.summary();
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    writeln!(
        out,
        "{}, {}, {} in {} ({})",
        plural(s.errors, "error", "errors"),
        plural(s.warnings, "warning", "warnings"),
        plural(s.infos, "note", "notes"),
        plural(s.objects, "object", "objects"),
        plural(s.files, "file", "files"),
    )
}
