//! Human output: miette code frames, one per finding, with a source backed by the line index
//! (miette's own `str` source rescans the file from the start for every frame).
//!
//! A frame shows a bounded amount of text whatever the input: a long line (minified JSON, a
//! huge scalar) is shown as a window around the finding, long neighbouring lines are left
//! out of the context, and a label over many lines is cut to its first line. Without that,
//! every finding on a one-line file would print the whole file.
//!
//! Nothing taken from the input reaches the terminal as a control character: messages,
//! labels, help, file names and the code frames' text show ESC, BEL, CR, a line feed inside
//! one message, DEL, C1 controls, the Unicode line separators and bidi controls as visible
//! escapes ([`visible`]; `-o short` uses it too). The only line feeds written are the
//! layout's own and those between the source lines of a frame.

use std::borrow::Cow;
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

/// Whether `c` must not reach a terminal raw: C0 controls but tab (line feed and carriage
/// return included: one message stays one line), DEL, C1 controls (U+009B starts a control
/// sequence by itself on some terminals), U+2028/U+2029 (line breaks to some tools), the
/// bidi embedding, override, isolate and mark characters and the zero-width ones (text that
/// reads otherwise than it is), the other characters that draw nothing (soft hyphen, word
/// joiner and invisible operators, Mongolian selectors, Hangul fillers, variation selectors,
/// interlinear annotation marks, tag characters: a name that looks like another), and the
/// noncharacters U+FFFE/U+FFFF.
pub(super) fn is_hidden(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{8}'
        | '\u{a}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{ad}'
        | '\u{34f}'
        | '\u{115f}'
        | '\u{1160}'
        | '\u{17b4}'
        | '\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}'
        | '\u{200b}'..='\u{200f}'
        | '\u{061c}'
        | '\u{3164}'
        | '\u{fe00}'..='\u{fe0f}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{fffe}'
        | '\u{ffff}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0000}'..='\u{e007f}'
        | '\u{e0100}'..='\u{e01ef}')
}

/// Writes `c` (one for which [`is_hidden`] holds) as a visible escape: `\n`, `\r`, or
/// `\u{1b}`, as Rust writes it.
fn push_escape(out: &mut String, c: char) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c => out.extend(c.escape_unicode()),
    }
}

/// `s` with every character [`is_hidden`] holds for written as a visible escape (borrowed
/// when there is none, which a scan of the bytes settles for plain ASCII text). A backslash
/// is left as it is: the escapes are there to be seen, not to be read back.
pub fn visible(s: &str) -> Cow<'_, str> {
    let suspect = s.bytes().any(|b| (b < 0x20 && b != b'\t') || b >= 0x7f);
    if !suspect || !s.chars().any(is_hidden) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// JSON text with every character [`is_hidden`] holds for, but the line feeds of its layout,
/// written as a `\uXXXX` escape: the same JSON value, nothing raw for a terminal. (Only
/// strings can hold such characters, and a JSON writer escapes the C0 controls there already,
/// so each one left is inside a string, where the escape means the character itself.)
pub fn json_visible(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_hidden(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if c != '\n' && is_hidden(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for text of many lines that the tool laid out (a subcommand's report): its
/// line feeds stay, every other character [`is_hidden`] holds for is escaped.
pub fn visible_lines(s: &str) -> Cow<'_, str> {
    if !s.split('\n').any(|l| matches!(visible(l), Cow::Owned(_))) {
        return Cow::Borrowed(s);
    }
    let lines: Vec<Cow<'_, str>> = s.split('\n').map(visible).collect();
    Cow::Owned(lines.join("\n"))
}

/// A file's text with the characters [`is_hidden`] holds for escaped (a CR that ends a line
/// before its LF and the LFs themselves stay: they are line breaks, which miette draws), and
/// where each escape moved the text after it.
struct Escaped {
    text: String,
    shifts: Vec<Shift>,
}

/// One escaped character: its offset in the original text, the offset just after its escape
/// in the escaped text, and the bytes added up to and including it.
#[derive(Clone, Copy)]
struct Shift {
    at: usize,
    end: usize,
    added: usize,
}

impl Escaped {
    /// `None` when `text` has nothing to escape.
    fn of(text: &str) -> Option<Escaped> {
        let hidden = |i: usize, c: char| {
            is_hidden(c)
                && !(c == '\n' || (c == '\r' && text.as_bytes().get(i + 1) == Some(&b'\n')))
        };
        if !text
            .bytes()
            .any(|b| (b < 0x20 && b != b'\t' && b != b'\n') || b >= 0x7f)
            || !text.char_indices().any(|(i, c)| hidden(i, c))
        {
            return None;
        }
        let mut out = String::with_capacity(text.len() + 64);
        let mut shifts = Vec::new();
        let mut added = 0;
        for (i, c) in text.char_indices() {
            if hidden(i, c) {
                push_escape(&mut out, c);
                added = out.len() - i - c.len_utf8();
                shifts.push(Shift {
                    at: i,
                    end: out.len(),
                    added,
                });
            } else {
                out.push(c);
            }
        }
        debug_assert_eq!(out.len(), text.len() + added);
        Some(Escaped { text: out, shifts })
    }
}

struct Source<'a> {
    name: &'a str,
    /// The text shown: escaped when the file's text has characters to escape.
    text: &'a str,
    lines: &'a LineIndex,
    /// The file's own text and line index, for the columns miette heads a frame with.
    original: &'a str,
    original_lines: &'a LineIndex,
    shifts: &'a [Shift],
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
    /// An offset of the file's text as an offset of the shown text.
    fn map(&self, offset: usize) -> usize {
        match self.shifts.partition_point(|s| s.at < offset) {
            0 => offset,
            i => offset + self.shifts[i - 1].added,
        }
    }

    /// A span of the file's text as a span of the shown text.
    fn map_span(&self, span: crate::yaml::Span) -> crate::yaml::Span {
        if self.shifts.is_empty() {
            return span;
        }
        crate::yaml::Span::new(self.map(span.start), self.map(span.end))
    }

    /// An offset of the shown text (never inside an escape) as an offset of the file's text.
    fn unmap(&self, offset: usize) -> usize {
        match self.shifts.partition_point(|s| s.end <= offset) {
            0 => offset,
            i => offset - self.shifts[i - 1].added,
        }
    }

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
            // The column of the file's text, as the finding's own header gives it.
            let at = self.unmap(start);
            (
                start,
                self.original_lines.position(self.original, at).column - 1,
            )
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
    /// The finding's message, escaped.
    message: Cow<'a, str>,
    /// The window shown of the finding's line, when it is long (in the shown text).
    window: Option<(usize, usize)>,
}

impl fmt::Debug for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for Frame<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Frame<'_> {}

impl MietteDiagnostic for Frame<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        // The primary position leads, since miette heads each frame with its first label.
        Some(Box::new(format!(
            "{}[{}]: {}:{}:{}",
            self.f.level,
            visible(&self.f.rule),
            visible(&self.f.file),
            self.f.line,
            self.f.column
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
                r.file.as_ref().map(|f| {
                    format!(
                        "{}: {}:{}:{}",
                        visible(&r.message),
                        visible(f),
                        r.line,
                        r.column
                    )
                })
            })
            .collect();
        let help = self.f.help.as_deref().map(visible);
        match (help, elsewhere.is_empty()) {
            (Some(h), true) => Some(Box::new(h)),
            (None, true) => None,
            (h, false) => Some(Box::new(format!(
                "{}{}",
                h.map(|h| format!("{h}\n")).unwrap_or_default(),
                elsewhere.join("\n")
            ))),
        }
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        // Spans of the file's text, made spans of the shown text.
        let span = |s: crate::yaml::Span| {
            let s = self.source.shown_span(self.source.map_span(s), self.window);
            SourceSpan::new(s.start.into(), s.len())
        };
        let mut labels = vec![LabeledSpan::new_primary_with_span(
            self.f.label.as_deref().map(|l| visible(l).into_owned()),
            span(self.f.span),
        )];
        let inside = |s: crate::yaml::Span| {
            let start = self.source.map(s.start);
            self.window.is_none_or(|(ws, we)| start >= ws && start < we)
        };
        for r in self
            .f
            .related
            .iter()
            .filter(|r| r.file.is_none() && inside(r.span))
        {
            labels.push(LabeledSpan::new_with_span(
                Some(visible(&r.message).into_owned()),
                span(r.span),
            ));
        }
        Some(Box::new(labels.into_iter()))
    }
}

/// The code frames of one file's findings.
/// `secrets` are the file's (`redact::Secrets::of(file)`), masked in the frames, and so are
/// copies of the run's other secret values (`run`).
pub(super) fn render_file(
    file: &File,
    findings: &[Finding],
    style: &HumanStyle,
    secrets: &redact::Secrets,
    run: Option<&redact::RunCopies<'_>>,
) -> String {
    let shown = redact::shown_text(file, secrets, run);
    let own_index;
    let lines = if matches!(shown, Cow::Borrowed(_)) {
        &file.lines
    } else {
        own_index = LineIndex::new(&shown);
        &own_index
    };
    let escaped = Escaped::of(&shown);
    let escaped_index = escaped.as_ref().map(|e| LineIndex::new(&e.text));
    let name = visible(&file.source.name);
    let source = Source {
        name: &name,
        text: escaped.as_ref().map_or(&shown, |e| &e.text),
        lines: escaped_index.as_ref().unwrap_or(lines),
        original: &shown,
        original_lines: lines,
        shifts: escaped.as_ref().map_or(&[], |e| &e.shifts),
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
            message: visible(&f.message),
            window: source.window(source.map_span(f.span)),
        };
        if handler.render_report(&mut out, &frame).is_err() {
            // A span miette cannot draw still gets its one line.
            out.push_str(&format!(
                "{}[{}]: {}\n  at {}:{}:{}\n",
                f.level,
                visible(&f.rule),
                frame.message,
                visible(&f.file),
                f.line,
                f.column
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visible_escapes_what_a_terminal_acts_on_and_borrows_the_rest() {
        assert!(matches!(visible("plain `text`\tand é😀"), Cow::Borrowed(_)));
        assert_eq!(
            visible("a\u{1b}[2J\u{7}\r\nb\u{7f}\u{9b}\u{85}\u{2028}\u{202e}c"),
            r"a\u{1b}[2J\u{7}\r\nb\u{7f}\u{9b}\u{85}\u{2028}\u{202e}c"
        );
        for c in (0u32..0x110000).filter_map(char::from_u32) {
            let s = c.to_string();
            let v = visible(&s);
            assert_eq!(matches!(v, Cow::Owned(_)), is_hidden(c), "{c:?}");
            assert!(!v.chars().any(is_hidden), "{c:?}");
        }
    }

    #[test]
    fn escaped_text_maps_offsets_both_ways() {
        assert!(Escaped::of("a: b\r\nc: \"\td\"\n").is_none());
        let text = "a\u{1b}b\u{9b}c\r\nd\re";
        let e = Escaped::of(text).expect("something to escape");
        assert_eq!(e.text, "a\\u{1b}b\\u{9b}c\r\nd\\re");
        let source = Source {
            name: "x",
            text: &e.text,
            lines: &LineIndex::new(&e.text),
            original: text,
            original_lines: &LineIndex::new(text),
            shifts: &e.shifts,
        };
        // Every character boundary of the original maps to the start of what shows it.
        for (i, c) in text.char_indices() {
            let at = source.map(i);
            let shown = &e.text[at..];
            let line_end = c == '\n' || text[i..].starts_with("\r\n");
            if is_hidden(c) && !line_end {
                assert!(shown.starts_with('\\'), "{i}");
            } else {
                assert!(shown.starts_with(c), "{i}");
            }
            assert_eq!(source.unmap(at), i, "{i}");
        }
        assert_eq!(source.map(text.len()), e.text.len());
        assert_eq!(source.unmap(e.text.len()), text.len());
    }
}
