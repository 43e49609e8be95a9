//! Property: any input either lints or yields diagnostics, and every diagnostic lies inside
//! the file (a valid 1-based line and column, byte offsets on character boundaries); nothing
//! panics. Inputs are arbitrary bytes, and the repository's own fixtures mutated the way
//! hand-edited manifests go wrong (cut, duplicated, re-indented lines, stray YAML tokens).

use std::io::Write as _;
use std::sync::OnceLock;

use kubectl_lint::diagnostic::Level;
use kubectl_lint::report::{self, Format, HumanStyle, Settings};
use kubectl_lint::rules::Registry;
use kubectl_lint::source::{Expanded, Input};
use kubectl_lint::yaml::Limits;
use proptest::prelude::*;

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::load(&[] as &[&str]).unwrap())
}

/// Every fixture of the repository, as seeds to mutate.
fn seeds() -> &'static Vec<String> {
    static S: OnceLock<Vec<String>> = OnceLock::new();
    S.get_or_init(|| {
        let mut out = Vec::new();
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(d) = stack.pop() {
            for e in std::fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    stack.push(p);
                } else if let Ok(t) = std::fs::read_to_string(&p) {
                    out.push(t);
                }
            }
        }
        out.sort();
        assert!(out.len() > 50, "only {} fixtures", out.len());
        out
    })
}

/// Lints `bytes` as one file with every rule on, renders every format, and checks each
/// finding's place.
fn check(bytes: &[u8]) -> Result<(), TestCaseError> {
    let registry = registry();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("input.yaml");
    std::fs::File::create(&path)
        .unwrap()
        .write_all(bytes)
        .unwrap();
    let levels: std::collections::HashMap<String, Level> = registry
        .rules
        .iter()
        .map(|r| {
            let l = if r.meta.level == Level::Off {
                Level::Warning
            } else {
                r.meta.level
            };
            (r.meta.id.clone(), l)
        })
        .collect();
    let settings = Settings {
        registry,
        enabled: registry
            .rules
            .iter()
            .map(|r| (r, levels[&r.meta.id]))
            .collect(),
        levels,
        limits: Limits::default(),
        max_file_bytes: 1 << 20,
        version: kubectl_lint::rules::NEWEST,
        namespace: None,
        crd_inputs: Vec::new(),
        old_inputs: Vec::new(),
        base: None,
        live: None,
        human: Some(HumanStyle {
            color: false,
            width: 100,
        }),
        options: kubectl_lint::config::options(registry, &kubectl_lint::config::Config::default())
            .expect("the catalog's default options"),
        cluster: None,
    };
    let expanded = Expanded {
        inputs: vec![Input::File {
            path,
            name: "input.yaml".into(),
        }],
        ..Expanded::default()
    };
    let rep = report::lint_inputs(expanded, &settings);
    prop_assert!(rep.input_errors.is_empty(), "{:?}", rep.input_errors);
    // The text the positions count in: invalid UTF-8 is replaced, lone CRs are line breaks.
    let text = String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').collect();
    let valid = std::str::from_utf8(bytes).is_ok();
    for f in rep.findings() {
        prop_assert!(
            f.line >= 1 && f.line <= lines.len(),
            "{}: line {}",
            f.rule,
            f.line
        );
        let width = lines[f.line - 1].chars().count();
        prop_assert!(
            f.column >= 1 && f.column <= width + 1,
            "{}: column {} of a {width}-character line {}",
            f.rule,
            f.column,
            f.line
        );
        prop_assert!(
            f.end_line >= f.line && f.end_line <= lines.len(),
            "{}",
            f.rule
        );
        prop_assert!(f.span.start <= f.span.end, "{}: {:?}", f.rule, f.span);
        if valid {
            let s = std::str::from_utf8(bytes).unwrap();
            prop_assert!(f.span.end <= s.len(), "{}: {:?}", f.rule, f.span);
            prop_assert!(
                s.is_char_boundary(f.span.start) && s.is_char_boundary(f.span.end),
                "{}: {:?} splits a character",
                f.rule,
                f.span
            );
        }
    }
    for format in [
        Format::Human,
        Format::Short,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Gitlab,
    ] {
        let mut out = Vec::new();
        report::render(&rep, format, registry, &mut out).unwrap();
    }
    Ok(())
}

/// How a hand edit breaks a manifest.
#[derive(Debug, Clone)]
enum Edit {
    /// Delete bytes `[at, at + len)` (clamped, on character boundaries).
    Cut(usize, usize),
    /// Insert a token at `at`.
    Insert(usize, &'static str),
    /// Repeat line `n`.
    DuplicateLine(usize),
    /// Indent line `n` by `by` more spaces, or dedent it.
    Indent(usize, i8),
    /// Swap lines `a` and `b`.
    Swap(usize, usize),
}

const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "&a ",
    "*a",
    "<<: *a",
    "!!str ",
    "!!binary ",
    "|",
    ">-",
    "\"",
    "'",
    "\\",
    "#",
    "---\n",
    "...\n",
    "\t",
    "\r\n",
    "\r",
    "\u{feff}",
    "\0",
    "é",
    "日本",
    "😀",
    "~",
    "null",
    "true",
    "yes",
    "0x1F",
    "1e400",
    "-1",
    "99999999999999999999",
    ".inf",
    "2024-01-01",
    "0777",
    "apiVersion: v1\n",
    "kind: List\nitems:\n",
    "kind: Secret\n",
    "items: ",
    "spec: ",
    "containers: ",
    "template: ",
    "metadata: ",
    "name: ",
    "image: ",
    "env: ",
    "value: ",
    "ports: ",
    "resources: ",
    "limits: ",
    "cpu: ",
    "memory: 1e3Gi",
    "selector: ",
    "labels: ",
    "replicas: ",
    "# kubectl-lint: ignore\n",
    "# kubectl-lint: ignore[invalid-yaml]\n",
    "\n  ",
    "\n    - ",
];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0usize..40).prop_map(|(a, l)| Edit::Cut(a, l)),
        (any::<usize>(), prop::sample::select(TOKENS)).prop_map(|(a, t)| Edit::Insert(a, t)),
        any::<usize>().prop_map(Edit::DuplicateLine),
        (any::<usize>(), -4i8..6).prop_map(|(n, b)| Edit::Indent(n, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Edit::Swap(a, b)),
    ]
}

fn boundary(s: &str, i: usize) -> usize {
    let mut i = i % (s.len() + 1);
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(mut s: String, edits: &[Edit]) -> String {
    for e in edits {
        match e {
            Edit::Cut(at, len) => {
                let a = boundary(&s, *at);
                let b = boundary(&s, a + len).max(a);
                s.replace_range(a..b, "");
            }
            Edit::Insert(at, t) => {
                let a = boundary(&s, *at);
                s.insert_str(a, t);
            }
            Edit::DuplicateLine(n) | Edit::Indent(n, _) | Edit::Swap(n, _) => {
                let mut lines: Vec<String> = s.split('\n').map(String::from).collect();
                let i = n % lines.len();
                match e {
                    Edit::DuplicateLine(_) => {
                        let l = lines[i].clone();
                        lines.insert(i, l);
                    }
                    Edit::Indent(_, by) if *by >= 0 => {
                        lines[i].insert_str(0, &" ".repeat(*by as usize));
                    }
                    Edit::Indent(_, by) => {
                        let cut = lines[i]
                            .bytes()
                            .take(by.unsigned_abs() as usize)
                            .take_while(|b| *b == b' ')
                            .count();
                        lines[i].replace_range(..cut, "");
                    }
                    Edit::Swap(_, b) => {
                        let j = b % lines.len();
                        lines.swap(i, j);
                    }
                    _ => unreachable!(),
                }
                s = lines.join("\n");
            }
        }
    }
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_lint_or_report_inside_the_file(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        check(&bytes)?;
    }

    #[test]
    fn arbitrary_text_lints_or_reports_inside_the_file(text in "(?s).{0,1024}") {
        check(text.as_bytes())?;
    }

    #[test]
    fn mutated_manifests_lint_or_report_inside_the_file(
        seed in any::<prop::sample::Index>(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let seeds = seeds();
        let text = apply(seeds[seed.index(seeds.len())].clone(), &edits);
        check(text.as_bytes())?;
    }
}

/// Inputs the fuzzer (scripts/fuzz.sh) reported, kept as regression cases.
#[test]
fn fuzzer_findings_stay_fixed() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        check(&bytes).unwrap();
        n += 1;
    }
    assert!(n >= 1);
}
