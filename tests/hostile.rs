//! Hostile input: the release contract is that no input makes the linter panic, hang, or use
//! unbounded memory. Each case runs the real binary under an address-space limit (`ulimit -v`)
//! and a timeout, and asserts a clear diagnostic (at a position inside the file where one
//! applies) and exit code 1 or 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// Address space the binary may use, in KiB (the debug binary with its threads and malloc
/// arenas runs the clean example in well under half of it).
const MEMORY_KIB: u64 = 1024 * 1024;
const TIMEOUT: Duration = Duration::from_secs(120);

fn bin() -> &'static str {
    env!("CARGO_BIN_EXE_kubectl-lint")
}

/// Runs the binary with `args` under the memory limit and the timeout.
fn run_limited(args: &[&str]) -> Output {
    run_as(args, None)
}

fn run_as(args: &[&str], user: Option<&str>) -> Output {
    let mut script = format!("ulimit -v {MEMORY_KIB}; exec");
    if let Some(u) = user {
        script.push_str(&format!(
            " setpriv --reuid={u} --regid={u} --clear-groups --inh-caps=-all"
        ));
    }
    script.push_str(" \"$@\"");
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg("sh")
        .arg(bin())
        .arg("--no-config")
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read both pipes on threads so that a large output cannot block the child.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).unwrap();
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).unwrap();
        v
    });
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if start.elapsed() > TIMEOUT {
            child.kill().unwrap();
            panic!("{args:?} still running after {TIMEOUT:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output {
        status,
        stdout: t_out.join().unwrap(),
        stderr: t_err.join().unwrap(),
    }
}

/// Asserts a normal end (no panic, no signal) with exit code 1 or 2, and returns the output.
fn ends_cleanly(args: &[&str], out: &Output) {
    ends_with(args, out, &[1, 2]);
}

/// [`ends_cleanly`] with the exit codes that `args` may end with.
fn ends_with(args: &[&str], out: &Output, codes: &[i32]) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("panicked")
            && !stderr.contains("overflow")
            && !stderr.contains("memory allocation"),
        "{args:?} crashed:\n{stderr}"
    );
    let code = out.status.code();
    assert!(
        code.is_some_and(|c| codes.contains(&c)),
        "{args:?} ended with {:?} (want exit {codes:?})\nstderr: {}\nstdout: {}",
        out.status,
        &stderr[..stderr.len().min(2000)],
        String::from_utf8_lossy(&out.stdout[..out.stdout.len().min(2000)])
    );
}

/// Lints `path` as JSON under the limits; returns the report.
fn json(path: &Path) -> Value {
    let args = [path.to_str().unwrap(), "-o", "json"];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{args:?}: not JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout[..out.stdout.len().min(500)])
        )
    })
}

/// The findings of `rule` in a JSON report.
fn findings_of<'r>(report: &'r Value, rule: &str) -> Vec<&'r Value> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"] == rule)
        .collect()
}

/// The one `invalid-yaml` finding of `report`, checked to lie inside `text`; its message.
fn syntax_error_inside(report: &Value, text: &[u8]) -> (usize, usize, String) {
    let d = findings_of(report, "invalid-yaml");
    assert_eq!(d.len(), 1, "{report:#}");
    let (line, col) = (
        d[0]["line"].as_u64().unwrap() as usize,
        d[0]["column"].as_u64().unwrap() as usize,
    );
    let text = String::from_utf8_lossy(text);
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        line >= 1 && line <= lines.len(),
        "line {line} of {}",
        lines.len()
    );
    assert!(
        col >= 1 && col <= lines[line - 1].chars().count() + 1,
        "column {col} past the end of line {line}"
    );
    (line, col, d[0]["message"].as_str().unwrap().to_string())
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

/// Pseudo-random letters (a linear congruential generator): the same text on every run, no
/// value like another.
struct Letters(u64);

impl Letters {
    fn take(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| {
                self.0 = self
                    .0
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((self.0 >> 33) % 26) as u8)
            })
            .collect()
    }
}

fn config_map(name: &str, value: &str) -> String {
    format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\ndata:\n  key: {value}\n")
}

#[test]
fn an_alias_bomb_stops_at_the_expansion_limit() {
    // "Billion laughs": ten aliases of ten aliases ... nine levels deep is 10^9 nodes.
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: lol\nx:\n");
    text.push_str("  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("  a{i}: &a{i} [{refs}]\n"));
    }
    let path = write(dir.path(), "bomb.yaml", &text);
    let report = json(&path);
    let (line, _, message) = syntax_error_inside(&report, text.as_bytes());
    assert!(message.contains("--max-alias-expansion"), "{message}");
    // It stops at the level whose expansion passes one million nodes.
    assert!(line >= 10, "{line}");
    // A user who trusts the file can raise the limit for moderate expansion.
    let small = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\nx:\n  a: &a [1, 2, 3, 4]\n  b: [*a, *a, *a]\n";
    let small_path = write(dir.path(), "small.yaml", small);
    let args = [
        small_path.to_str().unwrap(),
        "--max-alias-expansion",
        "5",
        "-o",
        "short",
    ];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("invalid-yaml"));
    let out = run_limited(&[
        small_path.to_str().unwrap(),
        "--max-alias-expansion",
        "100",
        "-o",
        "short",
    ]);
    assert!(!String::from_utf8_lossy(&out.stdout).contains("invalid-yaml"));
}

/// Many documents, each just under the expansion limit on its own (review3 findings 05 and 06:
/// 400 of them, 129 KB, took 22 s of CPU to lint, and `defaults` ran out of memory on 100): the
/// limit counts a whole file, so the second document already passes it.
#[test]
fn many_documents_each_just_under_the_expansion_limit() {
    let dir = tempfile::tempdir().unwrap();
    let doc = |i: usize| {
        let mut d = format!("apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: b{i}}}\n");
        d.push_str("x0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for l in 1..5 {
            d.push_str(&format!(
                "x{l}: &a{l} [{}]\n",
                vec![format!("*a{}", l - 1); 10].join(", ")
            ));
        }
        d.push_str(&format!("x5: [{}]\n", ["*a4"; 7].join(", ")));
        d
    };
    let text: Vec<String> = (0..400).map(doc).collect();
    let text = text.join("---\n");
    let path = write(dir.path(), "aliases.yaml", &text);
    let report = json(&path);
    let (line, _, message) = syntax_error_inside(&report, text.as_bytes());
    assert!(message.contains("aliases expand this file"), "{message}");
    // The first document (about 900,000 nodes expanded) is linted; the second is refused where
    // it ends (at the `---` after it).
    let lines = doc(0).lines().count();
    assert!(line > lines + 1 && line <= 2 * lines + 2, "{line}");
    for args in [
        vec!["defaults", "-f", path.to_str().unwrap()],
        vec!["defaults", "-o", "json", "-f", path.to_str().unwrap()],
        vec!["diff", path.to_str().unwrap(), path.to_str().unwrap()],
    ] {
        let out = run_limited(&args);
        ends_cleanly(&args, &out);
    }
}

/// Suppression comments naming one rule thousands of times (review3 finding 13: a 4 MB file
/// peaked at 2 GB, one suppression and one finding per mention): a name given twice in a
/// comment counts once, so each comment draws one finding.
#[test]
fn a_suppression_comment_naming_a_rule_thousands_of_times() {
    let dir = tempfile::tempdir().unwrap();
    let names = vec!["a"; 2000].join(",");
    let mut text =
        String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\ndata:\n");
    for i in 0..1000 {
        text.push_str(&format!(
            "  k{i}: v # kubectl-lint: ignore[{names}] reason\n"
        ));
    }
    let path = write(dir.path(), "suppressions.yaml", &text);
    let args = [path.to_str().unwrap(), "-o", "json"];
    let out = run_limited(&args);
    // Warnings only: exit 0.
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let unused = findings_of(&report, "unused-suppression").len();
    assert_eq!(unused, 1000);
}

/// Rules that compare each of many entries of a pod with many others (review3 finding 15: 10,000
/// mounts of missing volumes beside 10,000 volumes took 15 s, and 10,000 references to missing
/// keys of a 10,000-key ConfigMap 7 s, growing with the square): at 50,000 each they end well
/// inside the harness's timeout, with one finding per mount and per reference.
#[test]
fn many_missing_mounts_and_config_keys_in_one_pod() {
    let n = 50_000;
    let dir = tempfile::tempdir().unwrap();
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n  - name: c\n    image: x:1\n";
    let mut vol = format!("{pod}    volumeMounts:\n");
    for i in 0..n {
        vol.push_str(&format!("    - {{name: v{i}, mountPath: /m{i}}}\n"));
    }
    vol.push_str("  volumes:\n");
    for i in 0..n {
        vol.push_str(&format!("  - {{name: w{i}, emptyDir: {{}}}}\n"));
    }
    let keys: Vec<String> = (0..n).map(|i| format!("k{i}: v")).collect();
    let mut cm = format!(
        "{{apiVersion: v1, kind: ConfigMap, metadata: {{name: cm0, namespace: x}}, data: {{{}}}}}\n---\n{pod}    env:\n",
        keys.join(", ")
    );
    for i in 0..n {
        cm.push_str(&format!(
            "    - {{name: E{i}, valueFrom: {{configMapKeyRef: {{name: cm0, key: zz{i}}}}}}}\n"
        ));
    }
    for (name, text, rule) in [
        ("vol.yaml", vol, "volume-mount-not-found"),
        ("cm.yaml", cm, "missing-config-key"),
    ] {
        let path = write(dir.path(), name, &text);
        let args = [path.to_str().unwrap(), "-o", "json"];
        let out = run_limited(&args);
        // Errors exit 1; missing-config-key is a warning.
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{rule}: {:?}",
            out.status
        );
        let report: Value = serde_json::from_slice(&out.stdout).unwrap();
        let count = findings_of(&report, rule).len();
        assert_eq!(count, n, "{rule}");
    }
}

/// Many PodDisruptionBudgets whose `matchExpressions` select none of many Deployments (review3
/// finding 11: each budget was compared with every pod template, 4,000 of each took 12 s):
/// budgets are looked up by the values of their `In` expression as by their `matchLabels`.
/// Each Deployment keeps its `missing-pod-disruption-budget` finding.
#[test]
fn many_disruption_budgets_selecting_by_expression() {
    let n = 10_000;
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!("---\n{{apiVersion: apps/v1, kind: Deployment, metadata: {{name: d{i}, namespace: x}}, spec: {{replicas: 3, selector: {{matchLabels: {{a: x}}}}, template: {{metadata: {{labels: {{a: x}}}}, spec: {{containers: [{{name: c, image: i}}]}}}}}}}}\n"));
    }
    for i in 0..n {
        text.push_str(&format!("---\n{{apiVersion: policy/v1, kind: PodDisruptionBudget, metadata: {{name: p{i}, namespace: x}}, spec: {{selector: {{matchExpressions: [{{key: a, operator: In, values: [y]}}]}}, minAvailable: 1}}}}\n"));
    }
    let path = write(dir.path(), "pdbs.yaml", &text);
    let report = json(&path);
    let missing = findings_of(&report, "missing-pod-disruption-budget").len();
    assert_eq!(missing, n);
}

/// A CRD whose item schema nests `anyOf` seventeen deep through aliases (3 KB standing for
/// 260,000 subschemas), and a custom resource with 5,000 items of the wrong type (review3
/// finding 17: each item's message read every subschema again, 1,000 items took 18 s): one
/// finding per item, well inside the harness's timeout.
#[test]
fn a_crd_schema_of_aliased_alternatives() {
    let mut schema = String::from("{type: integer}");
    for i in 1..=17 {
        schema = format!("{{anyOf: [&a{i} {schema}, *a{i}]}}");
    }
    let items = vec!["s"; 5_000].join(",");
    let text = format!(
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {{name: foos.ex.com}}\nspec:\n  group: ex.com\n  names: {{kind: Foo, plural: foos}}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              items:\n                type: array\n                items: {schema}\n---\napiVersion: ex.com/v1\nkind: Foo\nmetadata: {{name: f, namespace: x}}\nspec:\n  items: [{items}]\n"
    );
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "crd.yaml", &text);
    let report = json(&path);
    let wrong = findings_of(&report, "invalid-field-type").len();
    assert_eq!(wrong, 5_000);
}

#[test]
fn nesting_fifty_thousand_deep_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().unwrap();
    let n = 50_000;
    let cases: Vec<(&str, String, &str)> = vec![
        (
            "flow-seq.yaml",
            format!("a: {}{}\n", "[".repeat(n), "]".repeat(n)),
            "nested deeper than 255",
        ),
        (
            "flow-map.yaml",
            format!("a: {}x{}\n", "{a: ".repeat(n), "}".repeat(n)),
            "nested deeper than 255",
        ),
        // Unclosed, and mixed.
        (
            "flow-mixed.yaml",
            "[{a: ".repeat(n),
            "nested deeper than 255",
        ),
        // Block sequences nest two columns a level on one line.
        (
            "block-seq.yaml",
            format!("{}x\n", "- ".repeat(n)),
            "nesting deeper than 512",
        ),
        // Block mappings need a deeper indent per level: quadratic text, so fewer levels.
        (
            "block-map.yaml",
            (0..3000)
                .map(|i| format!("{}k:\n", " ".repeat(i)))
                .collect(),
            "nesting deeper than 512",
        ),
    ];
    for (name, text, want) in cases {
        let path = write(dir.path(), name, &text);
        let report = json(&path);
        let (_, _, message) = syntax_error_inside(&report, text.as_bytes());
        assert!(message.contains(want), "{name}: {message}");
    }
    // The depth limit can be lowered or raised.
    let text = format!("{}x\n", "- ".repeat(40));
    let path = write(dir.path(), "forty.yaml", &text);
    let report = json_args(&[path.to_str().unwrap(), "--max-depth", "20"]);
    let (_, _, message) = syntax_error_inside(&report, text.as_bytes());
    assert!(message.contains("--max-depth"), "{message}");
}

fn json_args(args: &[&str]) -> Value {
    let mut a = args.to_vec();
    a.extend(["-o", "json"]);
    let out = run_limited(&a);
    ends_cleanly(&a, &out);
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn a_multi_megabyte_scalar_is_linted() {
    let dir = tempfile::tempdir().unwrap();
    // 8 MiB plain scalar, 8 MiB block literal, and a quoted one with an invalid escape at
    // its end, each with a problem the rules report so that the run exits 1.
    let plain = config_map("Bad_Name", &"x".repeat(8 << 20));
    let literal = format!(
        "{}{}",
        config_map("Bad_Name", "|"),
        format!("    {}\n", "y".repeat(1000)).repeat(8 << 10)
    );
    let quoted = format!(
        "{}\"{}\\q\"\n",
        &config_map("q", "")[..],
        "z".repeat(4 << 20)
    );
    for (name, text) in [
        ("plain.yaml", plain),
        ("literal.yaml", literal),
        ("quoted.yaml", quoted),
    ] {
        let path = write(dir.path(), name, &text);
        let report = json(&path);
        let findings = report["diagnostics"].as_array().unwrap();
        assert!(!findings.is_empty(), "{name}");
        for f in findings {
            let line = f["line"].as_u64().unwrap() as usize;
            assert!(line >= 1 && line <= text.lines().count() + 1, "{name}: {f}");
        }
        // Human output of a finding on a huge line shows a window, not the whole line.
        let out = run_limited(&[path.to_str().unwrap()]);
        assert!(
            out.stdout.len() < 64 * 1024,
            "{name}: {} bytes",
            out.stdout.len()
        );
    }
}

#[test]
fn a_one_line_file_with_many_findings_prints_each_frame_short() {
    // Minified JSON: every frame would otherwise print the whole file.
    let dir = tempfile::tempdir().unwrap();
    let items: Vec<String> = (0..2000)
        .map(|i| format!(r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"p{i}"}},"spec":{{"containers":[{{"name":"c","image":"nginx"}}]}}}}"#))
        .collect();
    let text = format!(
        r#"{{"apiVersion":"v1","kind":"List","items":[{}]}}"#,
        items.join(",")
    );
    let path = write(dir.path(), "list.json", &text);
    let out = run_limited(&[
        path.to_str().unwrap(),
        "--allow",
        "all",
        "--deny",
        "latest-image-tag",
    ]);
    ends_cleanly(&[], &out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("latest-image-tag").count(), 2000);
    assert!(
        stdout.len() < 2000 * 1500,
        "{} bytes of output for a {} byte file",
        stdout.len(),
        text.len()
    );
}

#[test]
fn tens_of_thousands_of_documents_in_one_stream() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::new();
    for i in 0..25_000 {
        text.push_str("---\n");
        text.push_str(&config_map(&format!("c{i}"), "v"));
    }
    // One bad one near the end.
    text.push_str("---\n");
    text.push_str(&config_map("Not_A_Name", "v"));
    let path = write(dir.path(), "many.yaml", &text);
    let report = json(&path);
    assert_eq!(report["summary"]["objects"], 25_001);
    let d = &report["diagnostics"][0];
    assert_eq!(d["line"].as_u64(), Some(25_000 * 7 + 5), "{d}");
    // And as many empty documents.
    let empty = "---\n".repeat(100_000) + "{kind: [\n";
    let path = write(dir.path(), "empty.yaml", &empty);
    let report = json(&path);
    let (line, _, _) = syntax_error_inside(&report, empty.as_bytes());
    assert!(line >= 100_000, "{line}");
}

#[test]
fn random_bytes_nul_bytes_and_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    // A fixed-seed generator (xorshift) so that the bytes are the same on every run.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let random: Vec<u8> = (0..1 << 20)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    // Random bytes that are valid UTF-8 reach the YAML parser instead of the UTF-8 check.
    let random_text: String = random
        .iter()
        .map(|b| char::from(b' ' + b % 95))
        .chain(['\n'])
        .collect::<String>()
        .replace(['~'], "\n");
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("random.yaml", random, "not valid UTF-8"),
        (
            "nul.yaml",
            b"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\0q\n".to_vec(),
            "",
        ),
        ("nul-only.yaml", vec![0; 4096], ""),
        (
            "latin1.yaml",
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9\n".to_vec(),
            "not valid UTF-8",
        ),
        (
            "truncated.yaml",
            b"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: \xe2\x82".to_vec(),
            "not valid UTF-8",
        ),
        ("random-text.yaml", random_text.into_bytes(), ""),
    ];
    for (name, bytes, want) in cases {
        let path = write(dir.path(), name, &bytes);
        let report = json(&path);
        let (line, _, message) = syntax_error_inside(&report, &bytes);
        assert!(message.contains(want), "{name}: {message}");
        if name == "nul.yaml" || name == "latin1.yaml" {
            assert_eq!(line, 4, "{name}");
        }
    }
}

#[test]
fn a_bom_and_crlf_line_ends_shift_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let lf = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndata:\n  k: v\n";
    let mut reports = Vec::new();
    for (name, text) in [
        ("lf.yaml", lf.to_string()),
        ("crlf.yaml", lf.replace('\n', "\r\n")),
        ("bom.yaml", format!("\u{feff}{lf}")),
        (
            "bom-crlf.yaml",
            format!("\u{feff}{}", lf.replace('\n', "\r\n")),
        ),
        // A lone CR is a line break too.
        ("cr.yaml", lf.replace('\n', "\r")),
    ] {
        let path = write(dir.path(), name, &text);
        let report = json(&path);
        let d = &report["diagnostics"][0];
        reports.push((
            name,
            d["rule"].clone(),
            d["line"].clone(),
            d["column"].clone(),
        ));
    }
    for r in &reports[1..] {
        assert_eq!(
            (&r.1, &r.2, &r.3),
            (&reports[0].1, &reports[0].2, &reports[0].3),
            "{r:?}"
        );
    }
    assert_eq!(reports[0].2, 4);
    assert_eq!(reports[0].3, 9);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_under_r_ends() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    write(&sub, "bad.yaml", config_map("Bad_Name", "v"));
    std::os::unix::fs::symlink(dir.path(), sub.join("up")).unwrap();
    std::os::unix::fs::symlink(&sub, sub.join("self")).unwrap();
    // A link to itself (ELOOP) and a dangling one.
    std::os::unix::fs::symlink(sub.join("me.yaml"), sub.join("me.yaml")).unwrap();
    std::os::unix::fs::symlink(sub.join("nowhere"), sub.join("gone.yaml")).unwrap();
    let args = ["-R", dir.path().to_str().unwrap(), "-o", "short"];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Linted once, not once per way round the loop.
    assert_eq!(stdout.matches("bad.yaml").count(), 1, "{stdout}");
    assert!(stderr.contains("already visited"), "{stderr}");
    assert!(stderr.contains("me.yaml"), "{stderr}");
    assert!(stderr.contains("gone.yaml"), "{stderr}");
    assert_eq!(out.status.code(), Some(2));
}

fn is_root() -> bool {
    // The owner of a file this process just made.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "me", "");
    std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(p).unwrap()) == 0
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_input_error_and_the_rest_is_linted() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let good = write(dir.path(), "a.yaml", config_map("Bad_Name", "v"));
    std::fs::set_permissions(&good, std::fs::Permissions::from_mode(0o644)).unwrap();
    let locked = write(dir.path(), "b.yaml", config_map("ok", "v"));
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    let locked_dir = dir.path().join("sub");
    std::fs::create_dir(&locked_dir).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file whatever its mode: then run as `nobody`, for whom mode 000 holds.
    let user = is_root().then_some("65534");
    let args = ["-R", dir.path().to_str().unwrap(), "-o", "short"];
    let out = run_as(&args, user);
    ends_cleanly(&args, &out);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("b.yaml: permission denied"), "{stderr}");
    assert!(stderr.contains("sub: permission denied"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("a.yaml:4:9"));
}

#[test]
fn a_directory_as_f() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write(&empty, "notes.txt", "not a manifest");
    let args = ["-f", empty.to_str().unwrap()];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr)
        .contains("a directory with no .yaml, .yml or .json file (add -R"));
    // A directory named like a manifest is walked, not read as a file.
    let named = dir.path().join("deploy.yaml");
    std::fs::create_dir(&named).unwrap();
    write(&named, "a.yaml", config_map("Bad_Name", "v"));
    let args = ["-f", named.to_str().unwrap(), "-o", "short"];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert_eq!(out.status.code(), Some(1));
    // The analysis subcommands say the same of a directory without manifests.
    for sub in ["timeline", "defaults"] {
        let args = [sub, "-f", empty.to_str().unwrap()];
        let out = run_limited(&args);
        ends_cleanly(&args, &out);
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_in_a_directory_is_skipped_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.yaml", config_map("Bad_Name", "v"));
    let fifo = dir.path().join("pipe.yaml");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let args = [dir.path().to_str().unwrap(), "-o", "short"];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("pipe.yaml: not a regular file"));
}

/// The same in a `--rules` directory (review3 finding 07: it was opened and waited on): an input
/// error naming it, exit 2.
#[test]
fn a_fifo_in_a_rules_directory_is_refused_not_waited_on() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = write(dir.path(), "a.yaml", config_map("a", "v"));
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    let made = Command::new("mkfifo")
        .arg(rules.join("r.yaml"))
        .status()
        .unwrap();
    assert!(made.success());
    let args = [
        "--rules",
        rules.to_str().unwrap(),
        manifest.to_str().unwrap(),
        "-o",
        "short",
    ];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("r.yaml: not a regular file"));
}

#[test]
fn a_file_over_the_size_limit_is_refused_before_it_is_read_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "big.yaml",
        config_map("big", &"x".repeat(2 << 20)),
    );
    let args = [path.to_str().unwrap(), "--max-file-size", "1000000"];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-file-size"));
    // /dev/zero never ends: the limit ends it.
    let args = ["/dev/zero", "--max-file-size", "1000000"];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("larger than 1000000 bytes"));
}

#[test]
fn the_node_limit_stops_a_huge_flat_document() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!("a: [{}]\n", "1, ".repeat(50_000));
    let path = write(dir.path(), "flat.yaml", &text);
    let report = json_args(&[path.to_str().unwrap(), "--max-nodes", "10000"]);
    let (_, _, message) = syntax_error_inside(&report, text.as_bytes());
    assert!(message.contains("--max-nodes"), "{message}");
}

#[test]
fn input_errors_are_reported_even_when_stdout_is_closed() {
    // The default output is written while files are checked; a reader that went away
    // (`| head`) must not swallow what goes to stderr.
    let dir = tempfile::tempdir().expect("temp dir");
    // Pods with findings: their code frames (more than any output buffer holds) are written
    // while the file is checked.
    let pods: String = (0..50)
        .map(|i| format!("---\napiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec:\n  containers:\n  - {{name: c, image: nginx}}\n"))
        .collect();
    let good = write(dir.path(), "a.yaml", pods);
    let missing = dir.path().join("missing.yaml");
    let mut child = Command::new(bin())
        .args(["--no-config", "-f"])
        .arg(&good)
        .arg("-f")
        .arg(&missing)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start");
    // Closed before anything is written: every write to it fails.
    drop(child.stdout.take());
    let out = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("missing.yaml"), "{stderr}");
    assert_eq!(out.status.code(), Some(2), "{stderr}");
}

#[test]
fn fifty_thousand_findings_in_one_mapping() {
    // Each finding is placed by looking its key up in the mapping: that must not take time
    // quadratic in the mapping's size (it took 20 s on 100,000 keys in a release build, and
    // 200,000 unknown fields did not end in 30 s). 50,000 of each keeps the report (some
    // 600 bytes of JSON per finding) well inside the memory limit.
    let dir = tempfile::tempdir().unwrap();
    let n = 50_000;
    let mut text =
        String::from("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n");
    for i in 0..n {
        text.push_str(&format!("    \"bad key {i}\": v\n"));
    }
    text.push_str("---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n");
    for i in 0..n {
        text.push_str(&format!("  unknownField{i}: 1\n"));
    }
    let path = write(dir.path(), "wide.yaml", &text);
    let report = json(&path);
    let rules = |id: &str| findings_of(&report, id);
    let labels = rules("invalid-label");
    assert_eq!(labels.len(), n, "{}", report["summary"]);
    assert_eq!(
        labels[n - 1]["line"].as_u64(),
        Some(5 + n as u64),
        "{}",
        labels[n - 1]
    );
    let unknown = rules("unknown-field");
    assert_eq!(unknown.len(), n, "{}", report["summary"]);
    assert_eq!(
        unknown[0]["line"].as_u64(),
        Some(5 + n as u64 + 6),
        "{}",
        unknown[0]
    );
}

#[test]
fn a_secret_with_tens_of_thousands_of_values() {
    // Every finding's text is searched for every secret value, and the code frames' text for
    // every value: both must not be the product of the two counts (10,000 values each with a
    // finding took 4 s in a release build, 30,000 took 41 s).
    let dir = tempfile::tempdir().unwrap();
    let n = 20_000;
    let mut text = String::from(
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nbogusField: 1\nstringData:\n",
    );
    for i in 0..n {
        text.push_str(&format!("  k{i}: [v{i:07}x]\n"));
    }
    let path = write(dir.path(), "many.yaml", &text);
    for format in ["json", "human"] {
        let args = [path.to_str().unwrap(), "-o", format];
        let out = run_limited(&args);
        ends_cleanly(&args, &out);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("v0012345x"), "a value leaks");
        if format == "json" {
            let report: Value = serde_json::from_slice(&out.stdout).unwrap();
            let wrong_type = findings_of(&report, "invalid-field-type").len();
            assert_eq!(wrong_type, n, "{}", report["summary"]);
        }
    }
}

#[test]
fn a_multi_megabyte_secret_value_in_a_code_frame() {
    // The search for secret values elsewhere in the file must stay linear for one long value
    // of one repeated character (an automaton over whole values took minutes to build, and
    // checking each overlapping hit whole would be quadratic).
    let dir = tempfile::tempdir().unwrap();
    let value = "x".repeat(4_000_000);
    let text = format!(
        "apiVersion: v1\nkind: Secret\nmetadata: {{name: Bad_Name}}\nbogusField: 1\nstringData:\n  a: {value}\n  b: [{}y]\n",
        &value[..1_000_000]
    );
    let path = write(dir.path(), "big.yaml", &text);
    for format in ["human", "json"] {
        let args = [path.to_str().unwrap(), "-o", format];
        let out = run_limited(&args);
        ends_cleanly(&args, &out);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(stdout.contains("invalid-object-name"), "{format}");
        assert!(
            !stdout.contains("xxxxxxxxxxxx"),
            "{format}: the value leaks"
        );
    }
}

/// Secret values built to make the search for their copies quadratic (review round 3, D1): a
/// megabyte run of one character as a value, another after it, and forty long values so that
/// long values are searched by their first bytes. Each occurrence of those bytes was checked
/// against the whole value: 12 s for 2 MB, hours at the file size limit. The search now has a
/// budget linear in the text, and masks everything when it runs out.
#[test]
fn secret_values_that_make_the_copy_search_quadratic() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n");
    text.push_str(&format!("  big: \"{}\"\n", "a".repeat(4_000_000)));
    let mut letters = Letters(7);
    for i in 0..40 {
        text.push_str(&format!("  k{i}: {}\n", letters.take(300)));
    }
    text.push_str(&format!("  tail: \"{}\"\n", "a".repeat(4_000_000)));
    text.push_str("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n");
    let path = write(dir.path(), "quadratic.yaml", &text);
    let report = json(&path);
    assert_eq!(findings_of(&report, "invalid-object-name").len(), 1);
    // The code frame, too (it searches the file for copies of the values).
    let args = [path.to_str().unwrap()];
    let out = run_limited(&args);
    ends_cleanly(&args, &out);
    assert!(String::from_utf8_lossy(&out.stdout).contains("Bad_Name"));
}

/// Review round 4: a megabyte of text aliased a thousand times is a few nodes, far under the
/// node limit, yet every stage copies the text at each alias (1 GiB, then an abort under the
/// memory limit). A scalar now weighs one node per 64 bytes of its text in the expansion limit.
#[test]
fn aliases_of_a_long_text_stop_at_the_expansion_limit() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c}}\ndata:\n  k0: &a \"{}\"\n",
        "a".repeat(1_000_000)
    );
    for i in 1..1000 {
        text.push_str(&format!("  k{i}: *a\n"));
    }
    let path = write(dir.path(), "long-alias.yaml", &text);
    let report = json(&path);
    let (_, _, message) = syntax_error_inside(&report, text.as_bytes());
    assert!(message.contains("64 bytes"), "{message}");
    for sub in ["defaults", "timeline"] {
        let args = [sub, "-f", path.to_str().unwrap()];
        let out = run_limited(&args);
        ends_with(&args, &out, &[1, 2]);
    }
}

/// Review round 4: the search for copies of secret values held an automaton with tens of bytes
/// per byte of the values (an 8 MB Secret: 850 MB for `timeline` and `defaults`, which then
/// aborted under the memory limit; 48,000 values of 250 bytes: 780 MB for `lint`). Values of
/// 6 bytes or more are now found by their first bytes in a table: memory linear in the number
/// of values.
#[test]
fn long_and_many_secret_values_fit_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let big = format!(
        "apiVersion: v1\nkind: Secret\nmetadata: {{name: big}}\ndata:\n  k: {}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: Bad_Name}}\n",
        "eHh4".repeat(2_000_000)
    );
    let big = write(dir.path(), "big.yaml", &big);
    let mut letters = Letters(5);
    let mut many =
        String::from("apiVersion: v1\nkind: Secret\nmetadata: {name: many}\nstringData:\n");
    for i in 0..48_000 {
        many.push_str(&format!("  k{i}: {}\n", letters.take(250)));
    }
    many.push_str("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name}\n");
    let many = write(dir.path(), "many.yaml", &many);
    for path in [&big, &many] {
        let p = path.to_str().unwrap();
        for args in [
            vec![p],
            vec!["-o", "json", p],
            vec!["timeline", "-f", p],
            vec!["defaults", "-f", p],
        ] {
            let out = run_limited(&args);
            ends_with(&args, &out, &[0, 1]);
        }
    }
}
