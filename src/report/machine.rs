//! Formats for machines: `short`, `json` (our contract), `sarif` 2.1.0, `github` workflow
//! commands, `junit` and `gitlab` (Code Quality).

use std::cell::RefCell;
use std::io::Write;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use serde_json::{json, Value};

use crate::diagnostic::Level;
use crate::rules::Registry;

use super::{Finding, Report};

/// One line per finding, whatever its file name or message holds: characters a terminal
/// would act on (a line feed among them) are written as visible escapes.
pub(super) fn short(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    use super::human::visible;
    for f in report.findings() {
        writeln!(
            out,
            "{}:{}:{}: {}[{}]: {}",
            visible(&f.file),
            f.line,
            f.column,
            f.level,
            visible(&f.rule),
            visible(&f.message)
        )?;
    }
    Ok(())
}

/// A JSON array written item by item as the serializer reaches it, so that a report of
/// 100,000 findings never exists a second time as a tree of `Value`s.
struct Stream<I>(RefCell<Option<I>>);

impl<I> Stream<I> {
    fn new(items: I) -> Self {
        Stream(RefCell::new(Some(items)))
    }
}

impl<I> Serialize for Stream<I>
where
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        // Serialized once; a second call (no serializer here makes one) writes an empty array.
        match self.0.borrow_mut().take() {
            Some(items) => s.collect_seq(items),
            None => s.collect_seq(std::iter::empty::<I::Item>()),
        }
    }
}

#[derive(Serialize)]
struct JsonInputError<'a> {
    file: &'a str,
    message: &'a str,
}

#[cfg(test)]
#[derive(Serialize)]
struct JsonReport<D, E> {
    diagnostics: D,
    input_errors: E,
    summary: super::Summary,
}

/// Files rendered at once (in parallel) before their text is written: bounds the memory the
/// rendered text takes while both cores work on it.
const RENDER_BATCH: usize = 64;

/// `value` as `serde_json::to_writer_pretty` writes it `depth` levels deep in a document:
/// every line after the first indented by two spaces per level. JSON strings escape their
/// line breaks, so every `\n` of the output is layout.
fn pretty_at(value: &impl Serialize, depth: usize, out: &mut Vec<u8>) {
    let mut one = Vec::with_capacity(512);
    // Serializing plain data into memory cannot fail.
    let _ = serde_json::to_writer_pretty(&mut one, value);
    for (i, line) in one.split(|b| *b == b'\n').enumerate() {
        if i > 0 {
            out.push(b'\n');
            for _ in 0..depth {
                out.extend_from_slice(b"  ");
            }
        }
        out.extend_from_slice(line);
    }
}

/// Writes `s` as a JSON string, escaped exactly as `serde_json` escapes it: `"`, `\\`, the
/// short forms `\b \f \n \r \t`, other control bytes as `\u00xx`; everything else as is.
/// Runs that need no escaping are found a word at a time and copied whole.
fn json_str(s: &str, out: &mut Vec<u8>) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        i += clean_prefix(&bytes[i..]);
        // A word with a byte to escape (or a text under eight bytes): byte by byte up to it.
        while i < bytes.len() && !ESCAPED[usize::from(bytes[i])] {
            i += 1;
        }
        let Some(&b) = bytes.get(i) else { break };
        let short: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0x08 => b"\\b",
            0x0c => b"\\f",
            _ => b"",
        };
        out.extend_from_slice(&bytes[start..i]);
        i += 1;
        start = i;
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(b >> 4)],
                HEX[usize::from(b & 0xf)],
            ]);
        } else {
            out.extend_from_slice(short);
        }
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

/// The bytes a JSON string escapes: control bytes, `"` and `\\`.
const ESCAPED: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = true;
        b += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
};

/// How many leading bytes need no escaping (at least; the caller goes on byte by byte),
/// found sixteen and eight at a time; the last bytes as the word that ends the text.
fn clean_prefix(bytes: &[u8]) -> usize {
    let word = |at: usize| {
        let mut w = [0; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let len = bytes.len();
    let mut i = 0;
    while i + 16 <= len && !escapes(word(i)) && !escapes(word(i + 8)) {
        i += 16;
    }
    while i + 8 <= len {
        if escapes(word(i)) {
            return i;
        }
        i += 8;
    }
    // Fewer than eight bytes left: the eight that end the text, some of them seen already.
    if i < len && len >= 8 && !escapes(word(len - 8)) {
        return len;
    }
    i
}

/// Whether a word has a byte to escape: one below 0x20, or `"` or `\\`.
fn escapes(x: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    // Bytes below 0x20: subtracting 0x20 borrows into the high bit (bytes of 0x80 and above
    // have it set already, so they are masked out by `!x`).
    let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    control | zero_byte(x ^ (ONES * u64::from(b'"'))) | zero_byte(x ^ (ONES * u64::from(b'\\')))
        != 0
}

/// The members of one JSON object as `serde_json`'s pretty printer lays them out, `depth`
/// levels deep: each on its own line, indented two spaces per level.
struct Members<'o> {
    out: &'o mut Vec<u8>,
    depth: usize,
    first: bool,
}

impl<'o> Members<'o> {
    fn open(out: &'o mut Vec<u8>, depth: usize) -> Self {
        out.push(b'{');
        Members {
            out,
            depth,
            first: true,
        }
    }

    /// A comma, a line feed and the indentation of the deepest level written, to be cut.
    const BREAK: &'static [u8] = b",\n                        ";

    fn newline(out: &mut Vec<u8>, depth: usize) {
        match Self::BREAK.get(1..2 + 2 * depth) {
            Some(indent) => out.extend_from_slice(indent),
            None => {
                out.push(b'\n');
                for _ in 0..depth {
                    out.extend_from_slice(b"  ");
                }
            }
        }
    }

    /// Starts a member: its name (a plain identifier: nothing to escape) and the colon.
    fn key(&mut self, name: &str) -> &mut Vec<u8> {
        let depth = self.depth + 1;
        let first = usize::from(self.first);
        self.first = false;
        self.out.reserve(name.len() + 2 * depth + 6);
        match Self::BREAK.get(first..2 + 2 * depth) {
            Some(separator) => self.out.extend_from_slice(separator),
            None => {
                if first == 0 {
                    self.out.push(b',');
                }
                Self::newline(self.out, depth);
            }
        }
        self.out.push(b'"');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"\": ");
        self.out
    }

    fn str(&mut self, name: &str, value: &str) {
        json_str(value, self.key(name));
    }

    fn num(&mut self, name: &str, value: usize) {
        number(value, self.key(name));
    }

    fn close(self) {
        if !self.first {
            Self::newline(self.out, self.depth);
        }
        self.out.push(b'}');
    }
}

fn object_json(o: &super::ObjectInfo, depth: usize, out: &mut Vec<u8>) {
    let mut m = Members::open(out, depth);
    m.str("apiVersion", &o.api_version);
    m.str("kind", &o.kind);
    if let Some(ns) = &o.namespace {
        m.str("namespace", ns);
    }
    m.str("name", &o.name);
    m.num("document", o.document);
    if let Some(item) = o.item {
        m.num("item", item);
    }
    m.close();
}

/// The separator, indentation and name of a member of a finding, up to the value: findings
/// are items of the `diagnostics` array, two levels deep, so their members are six spaces in.
macro_rules! member {
    ($name:literal) => {
        concat!(",\n      \"", $name, "\": ").as_bytes()
    };
}

/// A finding as `serde_json::to_writer_pretty` writes it two levels deep (what
/// `#[derive(Serialize)]` of [`Finding`] gives), without going through serde: a report holds
/// 5 findings per object, and this is most of its bytes. The layout of its members is written
/// as constant text. `object` is the finding's object already written at depth 3 (findings of
/// one object share it); `file` its file name already written as a JSON string (every finding
/// of a file has it).
fn finding_json<'r>(
    f: &'r Finding,
    file: &[u8],
    object: Option<&[u8]>,
    clean: &mut Clean<'r>,
    out: &mut Vec<u8>,
) {
    out.reserve(f.message.len() + f.path.len() + file.len() + 320);
    out.extend_from_slice(b"{\n      \"rule\": ");
    clean.json_str(&f.rule, out);
    out.extend_from_slice(member!("level"));
    clean.json_str(f.level.as_str(), out);
    out.extend_from_slice(member!("message"));
    json_str(&f.message, out);
    out.extend_from_slice(member!("file"));
    out.extend_from_slice(file);
    out.extend_from_slice(member!("line"));
    number(f.line, out);
    out.extend_from_slice(member!("column"));
    number(f.column, out);
    out.extend_from_slice(member!("end_line"));
    number(f.end_line, out);
    out.extend_from_slice(member!("end_column"));
    number(f.end_column, out);
    out.extend_from_slice(member!("path"));
    json_str(&f.path, out);
    out.extend_from_slice(member!("object"));
    out.extend_from_slice(object.unwrap_or(b"null"));
    if let Some(e) = &f.api_error {
        out.extend_from_slice(member!("api_error"));
        let mut a = Members::open(out, 3);
        a.str("field", &e.field);
        a.str("type", &e.kind);
        a.str("detail", &e.detail);
        a.close();
    }
    if let Some(h) = &f.help {
        out.extend_from_slice(member!("help"));
        clean.json_str(h, out);
    }
    if let Some(l) = &f.label {
        out.extend_from_slice(member!("label"));
        clean.json_str(l, out);
    }
    if !f.related.is_empty() {
        out.extend_from_slice(member!("related"));
        out.push(b'[');
        for (i, r) in f.related.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            Members::newline(out, 4);
            let mut e = Members::open(out, 4);
            if let Some(file) = &r.file {
                e.str("file", file);
            }
            e.num("line", r.line);
            e.num("column", r.column);
            e.str("message", &r.message);
            e.close();
        }
        Members::newline(out, 3);
        out.push(b']');
    }
    out.extend_from_slice(b"\n    }");
}

/// Texts known to need no JSON escaping, by address and length: the rule ids, levels, helps
/// and labels of the findings are a few texts written many times, and each is scanned once.
/// Every text looked up lives, unchanged, at least as long as the memo (`'r`: borrowed from
/// the report, or static), so an address and a length always name the same bytes. A table
/// indexed by a hash of the address; a text that falls on a taken slot is scanned again.
struct Clean<'r> {
    slots: Box<[(usize, usize); 256]>,
    texts: std::marker::PhantomData<&'r str>,
}

impl<'r> Clean<'r> {
    fn new() -> Self {
        Clean {
            slots: Box::new([(0, 0); 256]),
            texts: std::marker::PhantomData,
        }
    }

    /// [`json_str`], copying a text already found clean without looking at its bytes.
    fn json_str(&mut self, s: &'r str, out: &mut Vec<u8>) {
        let key = (s.as_ptr() as usize, s.len());
        // Fibonacci hashing: the top byte of the address times 2^64 / φ.
        let slot =
            &mut self.slots[(key.0 as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) as usize >> 56];
        if *slot == key {
            out.reserve(s.len() + 2);
            out.push(b'"');
            out.extend_from_slice(s.as_bytes());
            out.push(b'"');
            return;
        }
        let before = out.len();
        json_str(s, out);
        // Every escape writes more than the byte it replaces.
        if out.len() == before + s.len() + 2 {
            *slot = key;
        }
    }
}

/// `n` in decimal, as `serde_json` writes a number, without `core::fmt` (four in every
/// finding; most below 1000).
fn number(mut n: usize, out: &mut Vec<u8>) {
    let digit = |n: usize| b'0' + (n % 10) as u8;
    if n < 10 {
        out.push(digit(n));
        return;
    }
    if n < 100 {
        out.extend_from_slice(&[digit(n / 10), digit(n)]);
        return;
    }
    if n < 1000 {
        out.extend_from_slice(&[digit(n / 100), digit(n / 10), digit(n)]);
        return;
    }
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    while n > 0 {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
    }
    out.extend_from_slice(&digits[at..]);
}

/// A file's findings, each after a `,` and a new line, as the `diagnostics` array holds them.
fn findings_json<'r>(findings: &'r [Finding], clean: &mut Clean<'r>, out: &mut Vec<u8>) {
    // Findings of one object come together and share its `Arc`: its text is made once. So
    // do the findings of one file, and its name.
    let mut object: Option<&Arc<super::ObjectInfo>> = None;
    let mut object_text = Vec::with_capacity(256);
    let mut file: Option<&Arc<str>> = None;
    let mut file_text = Vec::with_capacity(64);
    for f in findings {
        out.extend_from_slice(b",\n    ");
        if let Some(o) = &f.object {
            if !object.is_some_and(|last| Arc::ptr_eq(last, o)) {
                object_text.clear();
                object_json(o, 3, &mut object_text);
                object = Some(o);
            }
        }
        if !file.is_some_and(|last| Arc::ptr_eq(last, &f.file)) {
            file_text.clear();
            json_str(&f.file, &mut file_text);
            file = Some(&f.file);
        }
        let text = f.object.as_ref().map(|_| &object_text[..]);
        finding_json(f, &file_text, text, clean, out);
    }
}

/// The same bytes as `serde_json::to_writer_pretty` of `JsonReport`, with the findings of a
/// batch of files rendered in parallel.
pub(super) fn json(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    use rayon::prelude::*;
    out.write_all(b"{\n  \"diagnostics\": [")?;
    let mut any = false;
    for batch in report.files.chunks(RENDER_BATCH) {
        let rendered: Vec<Vec<u8>> = batch
            .par_iter()
            .map_init(Clean::new, |clean, file| {
                let mut text = Vec::with_capacity(file.findings.len() * 700);
                findings_json(&file.findings, clean, &mut text);
                text
            })
            .collect();
        for text in rendered.iter().filter(|t| !t.is_empty()) {
            // Each piece starts with a separator; the first of the array has none.
            out.write_all(if any { &text[..] } else { &text[1..] })?;
            any = true;
        }
    }
    out.write_all(if any { b"\n  ],\n  " } else { b"],\n  " })?;
    let mut tail = Vec::new();
    tail.extend_from_slice(b"\"input_errors\": ");
    let errors: Vec<JsonInputError> = report
        .input_errors
        .iter()
        .map(|e| JsonInputError {
            file: &e.name,
            message: &e.message,
        })
        .collect();
    pretty_at(&errors, 1, &mut tail);
    tail.extend_from_slice(b",\n  \"summary\": ");
    pretty_at(&report.summary(), 1, &mut tail);
    tail.extend_from_slice(b"\n}\n");
    out.write_all(&tail)
}

/// What `json` writes, the slow and obvious way: the reference it is tested against.
#[cfg(test)]
fn json_reference(report: &Report) -> Vec<u8> {
    let v = JsonReport {
        diagnostics: Stream::new(report.findings()),
        input_errors: Stream::new(report.input_errors.iter().map(|e| JsonInputError {
            file: &e.name,
            message: &e.message,
        })),
        summary: report.summary(),
    };
    let mut out = serde_json::to_vec_pretty(&v).expect("serializes");
    out.push(b'\n');
    out
}

fn sarif_level(l: Level) -> &'static str {
    match l {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Info => "note",
        Level::Off => "none",
    }
}

/// A file name as a SARIF `uri-reference`: relative paths stay relative, unsafe bytes are
/// percent-encoded.
fn uri(name: &str) -> String {
    if name == "<stdin>" {
        return "stdin".into();
    }
    let mut s = String::new();
    for b in name.replace('\\', "/").bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    s
}

pub(super) fn sarif(
    report: &Report,
    registry: &Registry,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let rules: Vec<Value> = registry
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.meta.id,
                "shortDescription": {"text": r.meta.summary},
                "fullDescription": {"text": r.meta.summary},
                "help": {"text": r.meta.docs, "markdown": r.meta.docs},
                "defaultConfiguration": {"level": sarif_level(r.meta.level), "enabled": r.meta.level != Level::Off},
                "properties": {"category": r.meta.category.as_str(), "tags": [r.meta.category.as_str()]},
            })
        })
        .collect();
    let results = report.findings().map(|f| {
            let mut r = json!({
                "ruleId": &*f.rule,
                "level": sarif_level(f.level),
                "message": {"text": f.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&f.file)},
                        "region": {
                            "startLine": f.line,
                            "startColumn": f.column,
                            "endLine": f.end_line,
                            "endColumn": f.end_column,
                        }
                    },
                    "logicalLocations": f.object.as_ref().map(|o| vec![json!({
                        "name": o.name,
                        "fullyQualifiedName": if f.path.is_empty() { format!("{}/{}", o.kind, o.name) } else { format!("{}/{}.{}", o.kind, o.name, f.path) },
                        "kind": "object",
                    })]).unwrap_or_default(),
                }],
            });
            if let Some(i) = registry.rules.iter().position(|r| *r.id == *f.rule) {
                r["ruleIndex"] = json!(i);
            }
            if !f.related.is_empty() {
                r["relatedLocations"] = f
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        json!({
                            "id": i,
                            "message": {"text": rel.message},
                            "physicalLocation": {
                                "artifactLocation": {"uri": uri(rel.file.as_deref().unwrap_or(&f.file))},
                                "region": {"startLine": rel.line, "startColumn": rel.column},
                            }
                        })
                    })
                    .collect();
            }
            if let Some(e) = &f.api_error {
                r["properties"] = json!({"api_error": e});
            }
            r
        });
    #[derive(Serialize)]
    struct Run<R> {
        tool: Value,
        #[serde(rename = "columnKind")]
        column_kind: &'static str,
        results: R,
    }
    #[derive(Serialize)]
    struct Log<R> {
        #[serde(rename = "$schema")]
        schema: &'static str,
        version: &'static str,
        runs: [Run<R>; 1],
    }
    let v = Log {
        schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [Run {
            tool: json!({"driver": {
                "name": "kubectl-lint",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }}),
            column_kind: "unicodeCodePoints",
            results: Stream::new(results),
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &v)?;
    writeln!(out)
}

/// `s` as a workflow command value: first what [`super::visible`] escapes (control
/// characters, C1, line separators, bidi controls: GitHub's log and annotations would show
/// them raw, and a terminal reading the log acts on them), then GitHub's own escapes (`%`,
/// CR, LF, and in a property `:` and `,`), so that one finding stays one command line.
fn gh_escape(s: &str, property: bool) -> String {
    let mut o = super::visible(s)
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        o = o.replace(':', "%3A").replace(',', "%2C");
    }
    o
}

pub(super) fn github(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    for f in report.findings() {
        let cmd = match f.level {
            Level::Error => "error",
            Level::Warning => "warning",
            _ => "notice",
        };
        writeln!(
            out,
            "::{cmd} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            gh_escape(&f.file, true),
            f.line,
            f.column,
            f.end_line,
            f.end_column,
            gh_escape(&f.rule, true),
            gh_escape(&f.message, false)
        )?;
    }
    Ok(())
}

/// Whether XML 1.0 can carry `c` at all, raw or as a character reference: its `Char`
/// production is `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]`
/// (a Rust `char` is never a surrogate, so only C0 controls and U+FFFE/U+FFFF are out).
/// source: https://www.w3.org/TR/xml/#charsets
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// `s` as XML attribute value or element text: markup characters as entities, tab, line
/// feed and carriage return as character references (a parser would otherwise turn them
/// into spaces in an attribute and a CR into a LF in text), and characters XML 1.0 cannot
/// carry as U+FFFD.
fn xml(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\t' => o.push_str("&#9;"),
            '\n' => o.push_str("&#10;"),
            '\r' => o.push_str("&#13;"),
            c if !xml_char(c) => o.push('\u{fffd}'),
            c => o.push(c),
        }
    }
    o
}

/// One test case per object (and one per file for what belongs to no object); a failure
/// per finding.
pub(super) fn junit(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let total_cases: usize = report
        .files
        .iter()
        .map(|f| f.objects.len() + usize::from(f.findings.iter().any(|x| x.object.is_none())))
        .sum();
    let failures = report.findings().count();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="kubectl-lint" tests="{total_cases}" failures="{failures}">"#
    )?;
    for file in &report.files {
        let loose: Vec<&Finding> = file
            .findings
            .iter()
            .filter(|f| f.object.is_none())
            .collect();
        let cases = file.objects.len() + usize::from(!loose.is_empty());
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{cases}" failures="{}">"#,
            xml(&file.name),
            file.findings.len()
        )?;
        let case = |out: &mut dyn Write, name: &str, fs: &[&Finding]| -> std::io::Result<()> {
            if fs.is_empty() {
                return writeln!(
                    out,
                    r#"    <testcase name="{}" classname="{}"/>"#,
                    xml(name),
                    xml(&file.name)
                );
            }
            writeln!(
                out,
                r#"    <testcase name="{}" classname="{}">"#,
                xml(name),
                xml(&file.name)
            )?;
            for f in fs {
                writeln!(
                    out,
                    r#"      <failure message="{}" type="{}">{}:{}:{}: {}[{}]: {}</failure>"#,
                    xml(&f.message),
                    xml(&f.rule),
                    xml(&f.file),
                    f.line,
                    f.column,
                    f.level,
                    xml(&f.rule),
                    xml(&f.message)
                )?;
            }
            writeln!(out, "    </testcase>")
        };
        for o in &file.objects {
            let fs: Vec<&Finding> = file
                .findings
                .iter()
                .filter(|f| {
                    f.object.as_ref().is_some_and(|x| {
                        x.document == o.document
                            && x.item == o.item
                            && x.name == o.name
                            && x.kind == o.kind
                    })
                })
                .collect();
            let name = match &o.namespace {
                Some(ns) => format!("{} {}/{}", o.kind, ns, o.name),
                None => format!("{} {}", o.kind, o.name),
            };
            case(out, &name, &fs)?;
        }
        if !loose.is_empty() {
            case(out, &file.name, &loose)?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}

/// FNV-1a, 128 bits: a fingerprint that stays the same from run to run and release to release
/// (std's hasher promises neither), with no dependency.
fn fnv1a_128(parts: &[&str]) -> String {
    let mut h: u128 = 0x6c62272e07bb014262b821756295c58d;
    for part in parts {
        // A separator byte that text cannot hold keeps ("ab", "c") apart from ("a", "bc").
        for b in part.bytes().chain([0xff]) {
            h ^= u128::from(b);
            h = h.wrapping_mul(0x0000000001000000000000000000013b);
        }
    }
    format!("{h:032x}")
}

/// GitLab Code Quality: a JSON array of issues with `description`, `check_name`,
/// `fingerprint`, `severity` and `location.path`/`location.lines.begin`. The fingerprint
/// hashes what identifies a finding (rule, file, object, field, message) but not its line, so
/// an issue keeps its identity when lines above it move; equal ones are numbered.
pub(super) fn gitlab(report: &Report, out: &mut dyn Write) -> std::io::Result<()> {
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let issues = report.findings().map(|f| {
        let object = f
            .object
            .as_ref()
            .map(|o| {
                format!(
                    "{}/{}/{}/{}",
                    o.api_version,
                    o.kind,
                    o.namespace.as_deref().unwrap_or(""),
                    o.name
                )
            })
            .unwrap_or_default();
        let base = fnv1a_128(&[&f.rule, &f.file, &object, &f.path, &f.message]);
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        let fingerprint = if *n == 1 {
            base
        } else {
            fnv1a_128(&[&base, &n.to_string()])
        };
        json!({
            "type": "issue",
            "check_name": &*f.rule,
            "description": f.message,
            "severity": match f.level {
                Level::Error => "major",
                Level::Warning => "minor",
                _ => "info",
            },
            "fingerprint": fingerprint,
            "location": {
                "path": f.file,
                "lines": {"begin": f.line, "end": f.end_line},
            },
        })
    });
    serde_json::to_writer_pretty(&mut *out, &Stream::new(issues))?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{FileReport, Finding, ObjectInfo, RelatedInfo};
    use crate::source::InputError;
    use std::sync::Arc;

    fn finding(i: usize) -> Finding {
        Finding {
            rule: Arc::from(format!("rule-{}", i % 3)),
            level: if i.is_multiple_of(2) {
                Level::Error
            } else {
                Level::Warning
            },
            message: format!(
                "message {i} with \"quotes\", a\nline break, \\ \t\r\u{8}\u{c}\u{1}\u{1f}\u{7f} and \u{1F600}"
            ),
            file: Arc::from(format!("dir/f{}.yaml", i / 5)),
            line: i + 1,
            column: 3,
            end_line: i + 2,
            end_column: 7,
            path: format!("spec.containers[{i}].image"),
            object: (!i.is_multiple_of(4)).then(|| {
                Arc::new(ObjectInfo {
                    api_version: "apps/v1".into(),
                    kind: "Deployment".into(),
                    namespace: i.is_multiple_of(3).then(|| "ns".to_string()),
                    name: format!("web-{i}"),
                    document: i,
                    item: i.is_multiple_of(5).then_some(i),
                })
            }),
            api_error: i.is_multiple_of(6).then(|| crate::diagnostic::ApiError {
                field: "spec.x".into(),
                kind: "Invalid".into(),
                detail: "no".into(),
            }),
            help: (i % 2 == 1).then(|| "do this".into()),
            label: (i % 3 == 1).then(|| format!("here {i}").into()),
            related: (0..i % 3)
                .map(|j| RelatedInfo {
                    file: (j == 1).then(|| Arc::from("old.yaml")),
                    line: j,
                    column: j + 1,
                    message: format!("related {j}"),
                    span: Default::default(),
                })
                .collect(),
            span: Default::default(),
        }
    }

    fn report(files: usize, errors: usize) -> Report {
        let mut n = 0;
        Report {
            files: (0..files)
                .map(|f| FileReport {
                    name: Arc::from(format!("f{f}.yaml")),
                    objects: Vec::new(),
                    // Some files without findings, between files with some.
                    findings: (0..(f * 7) % 5)
                        .map(|_| {
                            n += 1;
                            finding(n)
                        })
                        .collect(),
                    human: String::new(),
                })
                .collect(),
            input_errors: (0..errors)
                .map(|i| InputError {
                    name: format!("bad{i}.yaml"),
                    message: format!("cannot read \"bad{i}\""),
                })
                .collect(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn xml_text_holds_only_xml_characters() {
        assert_eq!(
            xml("<a b='c'>&\"\t\n\r\u{1}\u{fffe}\u{ffff}\u{fffd}\u{d7ff}\u{e000}\u{10ffff}"),
            "&lt;a b=&apos;c&apos;&gt;&amp;&quot;&#9;&#10;&#13;\u{fffd}\u{fffd}\u{fffd}\u{fffd}\u{d7ff}\u{e000}\u{10ffff}"
        );
        for c in (0u32..0x110000).filter_map(char::from_u32) {
            let out = xml(&c.to_string());
            assert!(out.chars().all(xml_char), "{c:?}");
            assert_eq!(
                out == c.to_string(),
                xml_char(c) && !"&<>\"'\t\n\r".contains(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_escapes_them() {
        // Every ASCII byte at every place of a word-sized scan, and text around it.
        for b in 0u8..=0x7f {
            for at in 0..20 {
                let mut s: String = "abcdefghijklmnopqrst".into();
                s.replace_range(at..=at, &char::from(b).to_string());
                s.push_str("é😀");
                let mut ours = Vec::new();
                json_str(&s, &mut ours);
                assert_eq!(
                    String::from_utf8(ours).expect("utf-8"),
                    serde_json::to_string(&s).expect("serializes"),
                    "byte {b:#x} at {at}"
                );
            }
        }
    }

    #[test]
    fn parallel_json_is_byte_for_byte_what_serde_writes() {
        for (files, errors) in [
            (0, 0),
            (0, 2),
            (1, 0),
            (3, 1),
            (200, 0),
            (RENDER_BATCH * 2 + 5, 3),
        ] {
            let r = report(files, errors);
            let mut ours = Vec::new();
            json(&r, &mut ours).expect("writes");
            assert_eq!(
                String::from_utf8(ours).expect("utf-8"),
                String::from_utf8(json_reference(&r)).expect("utf-8"),
                "{files} files, {errors} input errors"
            );
        }
    }
}
