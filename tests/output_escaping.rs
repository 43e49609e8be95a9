//! What a manifest's own text can do to the output: control characters in a key, a value or
//! a file name never reach the terminal raw in `human` and `short` output (one finding stays
//! one `short` line, one `github` workflow command), and `junit` stays well-formed XML 1.0
//! whatever the characters.

use serde_json::Value;

/// The characters that must never be written raw: ESC, BEL, CR, DEL, the C1 CSI.
const RAW: [char; 5] = ['\u{1b}', '\u{7}', '\r', '\u{7f}', '\u{9b}'];

/// A ConfigMap whose keys are invalid (`invalid-config-key`), written with YAML escapes:
/// ESC, BEL, CR, LF, DEL and U+009B in one key, a forged `short`/`github` line after a line
/// feed in another; and a value holding raw ESC and BEL bytes, so that the code frame
/// shows them.
const MANIFEST: &str = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata:\n  k: \"x\u{1b}[2J\u{7}y\"\n  \"a\\e[31m\\a\\r\\nb\\x7f\\x9b c\": v\n  \"bad\\n::error file=evil.yaml::INJECT key\": v\n";

fn run(args: &[&str]) -> (u8, String) {
    let mut argv = vec!["kubectl-lint", "--no-config", "--color", "never"];
    argv.extend(args);
    let (code, out, err) = kubectl_lint::cli::run_captured(argv);
    assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
    (code, String::from_utf8(out).expect("utf-8"))
}

fn findings(file: &str) -> usize {
    let (_, out) = run(&["-o", "json", file]);
    let v: Value = serde_json::from_str(&out).unwrap();
    v["diagnostics"].as_array().unwrap().len()
}

fn assert_no_raw(out: &str) {
    for c in RAW {
        assert!(!out.contains(c), "{c:?} written raw:\n{out:?}");
    }
}

fn check(file: &str) {
    let n = findings(file);
    assert_eq!(n, 2, "two invalid keys");
    let (code, short) = run(&["-o", "short", file]);
    assert_eq!(code, 1);
    assert_no_raw(&short);
    assert_eq!(short.lines().count(), n, "one line per finding:\n{short}");
    assert!(
        short.contains(r"`bad\n::error file=evil.yaml::INJECT key`"),
        "{short}"
    );
    assert!(
        short.contains(r"a\u{1b}[31m\u{7}\r\nb\u{7f}\u{9b} c"),
        "{short}"
    );
    let (code, human) = run(&[file]);
    assert_eq!(code, 1);
    assert_no_raw(&human);
    assert!(
        !human.lines().any(|l| l.trim_start().starts_with("::error")),
        "a forged line:\n{human}"
    );
    // The code frame shows the raw bytes of the value escaped too.
    assert!(human.contains(r#"k: "x\u{1b}[2J\u{7}y""#), "{human}");
}

#[test]
fn control_characters_in_keys_are_escaped_in_human_and_short_output() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cm.yaml");
    std::fs::write(&file, MANIFEST).unwrap();
    check(&file.display().to_string());
}

/// A file name may hold a line feed and an ESC (on Unix).
#[cfg(unix)]
#[test]
fn control_characters_in_a_file_name_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a\nb\u{1b}[2J.yaml");
    std::fs::write(&file, MANIFEST).unwrap();
    let name = file.display().to_string();
    check(&name);
    let (_, short) = run(&["-o", "short", &name]);
    let shown = format!("{}/a\\nb\\u{{1b}}[2J.yaml:", dir.path().display());
    assert!(short.lines().all(|l| l.starts_with(&shown)), "{short}");
}

/// The XML 1.0 `Char` production: `#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] |
/// [#x10000-#x10FFFF]`. source: https://www.w3.org/TR/xml/#charsets
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
}

/// A minimal well-formedness check (no XML parser among the dev-dependencies): every
/// character allowed, every `&` starts a known entity or a character reference of an
/// allowed character, every tag is closed in order, and attribute values hold no `<`.
fn assert_well_formed(xml: &str) {
    assert!(xml.chars().all(xml_char), "a character XML cannot carry");
    let mut rest = xml;
    while let Some(at) = rest.find('&') {
        rest = &rest[at + 1..];
        let end = rest.find(';').expect("an entity ends");
        let name = &rest[..end];
        let ok = match name.strip_prefix('#') {
            Some(num) => num
                .parse::<u32>()
                .ok()
                .and_then(char::from_u32)
                .is_some_and(xml_char),
            None => matches!(name, "amp" | "lt" | "gt" | "quot" | "apos"),
        };
        assert!(ok, "entity `&{name};`");
    }
    let mut stack: Vec<&str> = Vec::new();
    let mut rest = xml.trim_start_matches(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    while let Some(at) = rest.find('<') {
        let end = rest[at..].find('>').expect("a tag ends") + at;
        let tag = &rest[at + 1..end];
        assert!(!tag.contains('<'), "`<` inside a tag: {tag}");
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(stack.pop(), Some(name), "closing tag out of order");
        } else if !tag.ends_with('/') {
            stack.push(tag.split_whitespace().next().unwrap());
        }
        rest = &rest[end + 1..];
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
}

#[test]
fn junit_is_well_formed_xml_whatever_the_key() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cm.yaml");
    // U+FFFE, U+FFFF and U+0001 (YAML escapes), markup characters, a line feed.
    std::fs::write(
        &file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata:\n  \"\\uFFFE\\uFFFF\\x01<&>]]>\\\"'\\n\\r\\t z\": v\n",
    )
    .unwrap();
    let (code, out) = run(&["-o", "junit", &file.display().to_string()]);
    assert_eq!(code, 1);
    for c in ['\u{fffe}', '\u{ffff}', '\u{1}'] {
        assert!(!out.contains(c), "{c:?} in\n{out}");
    }
    assert_well_formed(&out);
    assert!(
        out.contains("message=\"`\u{fffd}\u{fffd}\u{fffd}&lt;&amp;&gt;]]&gt;&quot;&apos;&#10;&#13;&#9; z` is not a valid ConfigMap key\""),
        "{out}"
    );
}

#[test]
fn the_review_reproductions_stay_fixed() {
    // findings/15*.yaml and 16*.yaml of the review, inline.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("evil.yaml");
    std::fs::write(
        &file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nl, namespace: \"1\"}\ndata: {\"a\\x01b\\x7f\\x1b[2J\\x1b]52;c;SGVsbG8=\\x07 z\": v, \"\\uFFFE\\uD7FF\\U0001F600\": x}\n",
    )
    .unwrap();
    let name = file.display().to_string();
    let (_, short) = run(&["-o", "short", &name]);
    assert_no_raw(&short);
    assert_eq!(short.lines().count(), 2);
    let (_, human) = run(&[&name]);
    assert_no_raw(&human);
    let (_, junit) = run(&["-o", "junit", &name]);
    assert_well_formed(&junit);
}

/// The subcommands' reports and what any command writes to standard error (input errors,
/// notes, warnings) escape control characters of names from the input too.
#[test]
fn subcommands_and_standard_error_escape_them_too() {
    let dir = tempfile::tempdir().unwrap();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: \"nginx:1.27\"}\n";
    std::fs::write(dir.path().join("a\u{1b}[2Jb.yaml"), pod).unwrap();
    std::fs::write(dir.path().join("bad\u{1b}]52;c;SGk=\u{7}.yaml"), "x: [\n").unwrap();
    let nodes = dir.path().join("nodes.yaml");
    std::fs::write(
        &nodes,
        "apiVersion: v1\nkind: Node\nmetadata: {name: \"n\\e[2J\\a\"}\nstatus: {allocatable: {cpu: \"4\", memory: 8Gi, pods: \"110\"}}\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let n = nodes.to_str().unwrap();
    for args in [
        vec!["-o", "short", d],
        vec![d],
        vec!["timeline", "-f", d],
        vec!["defaults", "-f", d],
        vec!["schedule", "--nodes", n, "-f", d],
    ] {
        let mut argv = vec!["kubectl-lint", "--no-config", "--color", "never"];
        argv.extend(&args);
        let (code, out, err) = kubectl_lint::cli::run_captured(argv);
        assert!(matches!(code, 1 | 2), "{args:?}: {code}");
        let (out, err) = (String::from_utf8_lossy(&out), String::from_utf8_lossy(&err));
        assert_no_raw(&out);
        assert_no_raw(&err);
        // The syntax error of `bad...yaml` is reported, with its name escaped.
        let all = format!("{out}{err}");
        assert!(
            all.contains("bad\\u{1b}]52;c;SGk=\\u{7}.yaml"),
            "{args:?}:\n{all}"
        );
    }
}

/// `-o github`: GitHub shows a workflow command's title and message in the log and in
/// annotations, so what `human` and `short` escape is escaped there too (then GitHub's own
/// `%`, CR, LF, `:` and `,` escapes), and each finding is one command line. The key holds
/// ESC, BEL, NUL, DEL, U+009B, U+0085, U+2028, U+2029, U+202E and U+2067 (an OSC 52
/// clipboard write among them, as in the review's reproduction), and so does the file name.
#[test]
fn github_output_escapes_control_characters_from_the_input() {
    // A line feed cannot be in a line: the split into lines below checks it.
    const HIDDEN: [char; 11] = [
        '\u{1b}', '\u{7}', '\u{0}', '\u{7f}', '\u{9b}', '\u{85}', '\u{2028}', '\u{2029}',
        '\u{202e}', '\u{2067}', '\r',
    ];
    let dir = tempfile::tempdir().unwrap();
    // YAML escapes for the key: \e ESC, \a BEL, \0 NUL, \x7f DEL, \x9b, \N (U+0085),
    // \L (U+2028), \P (U+2029), \u202E, \u2067; and a forged command after a line feed.
    let manifest = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: shop}\ndata:\n  \"a\\e]52;c;SU5KRUNU\\a\\0\\x7f\\x9b\\N\\L\\P\\u202E\\u2067%,:z\": v\n  \"bad\\n::error file=evil.yaml::INJECT key\": v\n";
    let mut names = vec![dir.path().join("cm.yaml")];
    if cfg!(unix) {
        names.push(dir.path().join("f\u{1b}]52;c;SGk=\u{7}\u{9b}\u{202e}.yaml"));
    }
    for file in names {
        std::fs::write(&file, manifest).unwrap();
        let name = file.display().to_string();
        let (code, out) = run(&["-o", "github", &name]);
        assert_eq!(code, 1);
        let commands: Vec<&str> = out.strip_suffix('\n').unwrap().split('\n').collect();
        assert_eq!(commands.len(), 2, "one line per finding:\n{out:?}");
        assert!(
            commands.iter().all(|l| l.starts_with("::error file=")),
            "{out:?}"
        );
        for line in &commands {
            for c in HIDDEN {
                assert!(!line.contains(c), "{c:?} written raw:\n{line:?}");
            }
        }
        assert!(
            out.contains(r"`a\u{1b}]52;c;SU5KRUNU\u{7}\u{0}\u{7f}\u{9b}\u{85}\u{2028}\u{2029}\u{202e}\u{2067}%25,:z` is not a valid"),
            "{out}"
        );
        assert!(
            out.contains(r"`bad\n::error file=evil.yaml::INJECT key`"),
            "{out}"
        );
        // The file name is a property: escaped, then `:` and `,` as GitHub wants them.
        if name.contains('\u{1b}') {
            assert!(
                out.contains(r"f\u{1b}]52;c;SGk=\u{7}\u{9b}\u{202e}.yaml,line="),
                "{out}"
            );
        }
    }
}

/// `defaults` prints objects for people to read: bidi, zero-width and line-separator
/// characters in names, keys and values are written escaped in its YAML and its JSON (review3
/// finding 14), and each still reads back as the same string.
#[test]
fn defaults_escapes_bidi_and_line_separators() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cm.yaml");
    let name = "a\u{202e}b\u{2028}c\u{85}d\u{2066}e\u{200b}f\u{61c}g";
    std::fs::write(
        &file,
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: \"a\\u202eb\\u2028c\\x85d\\u2066e\\u200bf\\u061cg\"}\ndata: {\"k\\u202e\": \"v\\u2067x\\u2029y\"}\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let hidden = [
        '\u{202e}', '\u{2028}', '\u{85}', '\u{2066}', '\u{200b}', '\u{61c}', '\u{2067}', '\u{2029}',
    ];
    let (_, yaml) = run(&["defaults", "-f", file]);
    let (_, json) = run(&["defaults", "-o", "json", "-f", file]);
    for out in [&yaml, &json] {
        for c in hidden {
            assert!(!out.contains(c), "{c:?} written raw:\n{out}");
        }
    }
    let v: Value = serde_json::from_str(&json).unwrap();
    let stored = &v["results"][0]["defaulted"];
    assert_eq!(stored["metadata"]["name"], name);
    assert_eq!(stored["data"]["k\u{202e}"], "v\u{2067}x\u{2029}y");
    // The YAML reads back the same, through the project's own YAML reader.
    let body: String = yaml
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let doc = kubectl_lint::yaml::parse_stream(&body, kubectl_lint::yaml::Limits::default())
        .documents
        .remove(0);
    let back = doc.to_json(doc.root).unwrap();
    assert_eq!(back["metadata"]["name"], name);
    assert_eq!(back["data"]["k\u{202e}"], "v\u{2067}x\u{2029}y");
}

/// Characters that draw nothing (review3, left open in session 6): soft hyphen, Mongolian vowel
/// separator, word joiner, interlinear annotation anchor, a variation selector, a Hangul
/// filler and a tag character, in a key that `invalid-config-key` quotes. In `human`, `short`
/// and `github` each is written as its escape, so `a\u{ad}b` does not read as `ab`.
#[test]
fn characters_that_draw_nothing_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let hidden = [
        '\u{ad}',
        '\u{180e}',
        '\u{2060}',
        '\u{fff9}',
        '\u{fe0f}',
        '\u{3164}',
        '\u{e0041}',
    ];
    let key: String = hidden.iter().flat_map(|c| ['x', *c]).collect();
    let file = dir.path().join("cm.yaml");
    std::fs::write(
        &file,
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: cm, namespace: shop}}\ndata:\n  \"{key} y\": v\n"),
    )
    .unwrap();
    let f = file.to_str().unwrap();
    for format in ["human", "short", "github"] {
        let (code, out) = run(&["-o", format, f]);
        assert_eq!(code, 1, "{format}: {out}");
        for c in hidden {
            assert!(!out.contains(c), "{format}: {c:?} written raw:\n{out}");
        }
        assert!(out.contains("x\\u{ad}x\\u{180e}"), "{format}:\n{out}");
    }
}
