//! JSON values written as block-style YAML for people to read (`kubectl lint defaults`),
//! laid out the way `kubectl get -o yaml` does (sequences at the indentation of their key).
//!
//! Whatever it writes reads back as the same JSON with the crate's own parser and with any
//! YAML 1.1 reader: a string that would read as something else (`yes`, `on`, `1.0`, `~`,
//! `2024-01-01`, leading or trailing spaces, `: `, ` #`, indicators) is quoted, and a
//! multi-line string becomes a literal block when that is exact.

use std::fmt::Write as _;

use serde_json::{Map, Value};

/// `v` as a YAML document (no `---`), ending in a newline.
pub fn to_yaml(v: &Value) -> String {
    let mut out = String::new();
    match v {
        Value::Object(m) if !m.is_empty() => map(&mut out, m, 0, false),
        Value::Array(a) if !a.is_empty() => seq(&mut out, a, 0, false),
        _ => scalar(&mut out, v, 0),
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A mapping at `indent`; `inline_first` when its first key follows a `- ` already written.
fn map(out: &mut String, m: &Map<String, Value>, indent: usize, inline_first: bool) {
    for (i, (k, v)) in m.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        string(out, k, false);
        out.push(':');
        match v {
            Value::Object(inner) if !inner.is_empty() => {
                out.push('\n');
                map(out, inner, indent + 2, false);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push('\n');
                seq(out, items, indent, false);
            }
            _ => {
                out.push(' ');
                scalar(out, v, indent + 2);
            }
        }
    }
}

fn seq(out: &mut String, items: &[Value], indent: usize, inline_first: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(m) if !m.is_empty() => map(out, m, indent + 2, true),
            Value::Array(a) if !a.is_empty() => seq(out, a, indent + 2, true),
            _ => scalar(out, item, indent + 2),
        }
    }
}

/// A scalar or empty collection and its newline; a literal block's lines go at `indent`.
fn scalar(out: &mut String, v: &Value, indent: usize) {
    match v {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            let _ = write!(out, "{n}");
        }
        Value::String(s) if indent > 0 && literal_ok(s) => {
            literal(out, s, indent);
            return;
        }
        Value::String(s) => string(out, s, true),
        Value::Object(_) => out.push_str("{}"),
        Value::Array(_) => out.push_str("[]"),
    }
    out.push('\n');
}

/// Characters YAML allows unescaped (`c-printable`), minus the line breaks U+0085, U+2028,
/// U+2029 that a reader would fold, the byte-order mark, and the bidi and zero-width
/// characters that make text on a terminal read otherwise than it is (written escaped, as
/// in every output for people: [`super::human::is_hidden`]).
fn printable(c: char) -> bool {
    matches!(c, '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
        && !matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}')
        && !super::human::is_hidden(c)
}

/// Whether `s` can be written plain (unquoted) and read back as the same string.
fn plain_ok(s: &str, is_value: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    crate::yaml::plain_reads_as_string(s)
        // `=` is YAML 1.1's value key; `<<` a merge key.
        && s != "="
        && (is_value || s != "<<")
        && !first.is_whitespace()
        && !last.is_whitespace()
        && !",[]{}#&*!|>'\"%@`".contains(first)
        // `-`, `?` and `:` start a plain scalar only when a non-space follows (`-c`).
        && (!"-?:".contains(first) || s[1..].starts_with(|c: char| !c.is_whitespace()))
        && !s.starts_with("...")
        && !s.starts_with("---")
        && !s.ends_with(':')
        && !s.contains(": ")
        && !s.contains(" #")
        && s.chars().all(printable)
}

/// A string as a plain or double-quoted scalar (no newline).
fn string(out: &mut String, s: &str, is_value: bool) {
    if plain_ok(s, is_value) {
        out.push_str(s);
        return;
    }
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if printable(c) => out.push(c),
            c if (c as u32) <= 0xff => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
        }
    }
    out.push('"');
}

/// A multi-line string that a literal block holds exactly: printable lines (tabs allowed),
/// no carriage returns, and a first line that does not start with a space or a line break
/// (which would need an indentation indicator).
fn literal_ok(s: &str) -> bool {
    s.contains('\n')
        && !s.starts_with([' ', '\n'])
        && s.chars().all(|c| c == '\n' || c == '\t' || printable(c))
}

fn literal(out: &mut String, s: &str, indent: usize) {
    let body = s.strip_suffix('\n');
    // Clip keeps one final line break, keep (`+`) several, strip (`-`) none.
    let chomp = match body {
        None => "-",
        Some(b) if b.ends_with('\n') => "+",
        Some(_) => "",
    };
    let _ = writeln!(out, "|{chomp}");
    for line in body.unwrap_or(s).split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{json, Map, Value};

    use super::to_yaml;
    use crate::yaml::{parse_stream, Limits};

    fn reparse(text: &str) -> Value {
        let stream = parse_stream(text, Limits::default());
        assert!(stream.error.is_none(), "{text}\n{:?}", stream.error);
        let doc = &stream.documents[0];
        doc.to_json(doc.root).unwrap()
    }

    const TRICKY: &[&str] = &[
        "",
        " ",
        "yes",
        "Yes",
        "no",
        "on",
        "OFF",
        "y",
        "n",
        "true",
        "False",
        "null",
        "Null",
        "~",
        "1",
        "1.0",
        "-1",
        "+1",
        ".5",
        "1e3",
        "0x1F",
        "0o17",
        "0777",
        "1_000",
        ".inf",
        "-.Inf",
        ".nan",
        "2024-01-01",
        "2001-12-14t21:59:43.10-05:00",
        "=",
        "<<",
        "- a",
        "-",
        "?",
        ":",
        "a:",
        "a: b",
        "a #b",
        "a#b",
        "#c",
        "&a",
        "*a",
        "!t",
        "|",
        ">",
        "'q'",
        "\"dq\"",
        "%p",
        "@x",
        "`b`",
        "[1]",
        "{a: 1}",
        "a,b",
        " lead",
        "trail ",
        "tab\there",
        "\ttab",
        "line\nbreak",
        "ends\n",
        "two\n\n",
        "\nstarts",
        " \nx",
        "a\n  b\n",
        "cr\r\n",
        "nul\0",
        "bell\u{7}",
        "del\u{7f}",
        "nel\u{85}x",
        "ls\u{2028}",
        "bom\u{feff}",
        "ünïcödé",
        "emoji 🚀",
        "...",
        "---",
        "--- a",
        "a: |",
        "x\n# not a comment\n",
        "\\back\\slash",
        "25%",
        "/dev/termination-log",
        "nginx:1.27",
        "10m",
        "1Gi",
        "0.5",
        "1.27",
        "{}",
        "[]",
        "a\u{a0}b",
    ];

    // The emitter's text, read back by the crate's own parser and `to_json`, is the JSON
    // it was given: as values, as keys, and inside sequences.
    #[test]
    fn tricky_strings_read_back_the_same() {
        let mut m = Map::new();
        for (i, s) in TRICKY.iter().enumerate() {
            m.insert(format!("v{i}"), json!(s));
            m.insert(s.to_string(), json!(i));
        }
        m.insert("list".into(), json!(TRICKY));
        m.insert(
            "nested".into(),
            json!([{"a": TRICKY, "b": {"c": "line\nbreak", "d": []}}, [["x"], {}], [], null]),
        );
        let v = Value::Object(m);
        let text = to_yaml(&v);
        assert_eq!(reparse(&text), v, "\n{text}");
    }

    #[test]
    fn reads_like_kubectl() {
        let v = json!({"spec": {"replicas": 1, "ports": [{"port": 80, "protocol": "TCP"}],
            "args": ["sh", "-c", "echo on\nexit 0\n"], "empty": {}, "none": [], "yes": "no"}});
        assert_eq!(
            to_yaml(&v),
            "spec:\n  replicas: 1\n  ports:\n  - port: 80\n    protocol: TCP\n  args:\n  - sh\n  - -c\n  - |\n    echo on\n    exit 0\n  empty: {}\n  none: []\n  \"yes\": \"no\"\n"
        );
    }
}
