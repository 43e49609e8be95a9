//! Runs every fixture in `fixtures/<rule>/` and compares what is reported with the
//! expectations written inline as comments:
//!
//! ```yaml
//! image: nginx:latest        # warning: [latest-image-tag] col=18 mutable tag
//! # warning: [latest-image-tag]
//! image: busybox
//! ```
//!
//! A trailing comment applies to its own line; an own-line comment applies to the next line
//! that is neither blank nor a comment. Update rules use pairs: `X.new.yaml` holds the
//! expectations and is checked with `kubectl-lint diff X.old.yaml X.new.yaml`. `col=N` and any text after it narrow the match (the
//! text must occur in the message). Any diagnostic without an expectation and any expectation
//! without a diagnostic fails the test. A first line `# args: ...` adds command-line flags.
//! Warnings and infos of rules other than the fixture directory's, and that the fixture
//! does not name, are ignored; errors always count.

use std::path::{Path, PathBuf};

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
struct Expect {
    line: usize,
    level: String,
    rule: String,
    column: Option<usize>,
    text: Option<String>,
}

fn expectations(text: &str) -> Vec<Expect> {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for level in ["error", "warning", "info"] {
            let marker = format!("# {level}: [");
            let Some(at) = line.find(&marker) else {
                continue;
            };
            let rest = &line[at + marker.len()..];
            let Some(close) = rest.find(']') else {
                continue;
            };
            let rule = rest[..close].to_string();
            let mut tail = rest[close + 1..].trim();
            let mut column = None;
            if let Some(c) = tail.strip_prefix("col=") {
                let end = c.find(' ').unwrap_or(c.len());
                column = Some(c[..end].parse().expect("col=N"));
                tail = c[end..].trim();
            }
            let own_line = line[..at].trim().is_empty();
            let target = if own_line {
                (i + 1..lines.len())
                    .find(|j| {
                        let t = lines[*j].trim();
                        !t.is_empty() && !t.starts_with('#')
                    })
                    .unwrap_or(i)
            } else {
                i
            };
            out.push(Expect {
                line: target + 1,
                level: level.to_string(),
                rule,
                column,
                text: (!tail.is_empty()).then(|| tail.to_string()),
            });
        }
    }
    out
}

fn lint(path: &Path, extra: &[String]) -> Value {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    // A fixture that names its own config (`# args: --config FILE`, a `.yml` beside it that
    // is no fixture) gets that one instead of none.
    let mut args = vec!["kubectl-lint".to_string()];
    if !extra.iter().any(|a| a == "--config") {
        args.push("--no-config".into());
    }
    // An update pair: the NEW file against its OLD twin.
    if let Some(stem) = name.strip_suffix(".new.yaml") {
        args.push("diff".into());
        args.push(
            path.with_file_name(format!("{stem}.old.yaml"))
                .display()
                .to_string(),
        );
    }
    args.extend(["-o".to_string(), "json".into()]);
    args.extend(extra.iter().cloned());
    args.push(path.display().to_string());
    let (code, out, err) = kubectl_lint::cli::run_captured(args);
    assert!(
        code < 2,
        "{}: exit {code}: {}",
        path.display(),
        String::from_utf8_lossy(&err)
    );
    serde_json::from_slice(&out).expect("json output")
}

fn fixture_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut files = Vec::new();
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        // fixtures/timeline and fixtures/defaults hold `timeline` and `defaults` cases
        // (tests/timeline.rs, tests/defaults.rs), fixtures/schedule `schedule` cases
        // (tests/schedule.rs), not lint expectations.
        if !dir.is_dir()
            || dir.ends_with("timeline")
            || dir.ends_with("defaults")
            || dir.ends_with("schedule")
        {
            continue;
        }
        for f in std::fs::read_dir(&dir).unwrap() {
            let f = f.unwrap().path();
            let old_twin = f.to_string_lossy().ends_with(".old.yaml");
            if !old_twin && f.extension().is_some_and(|e| e == "yaml" || e == "json") {
                files.push(f);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn fixtures_report_exactly_what_they_expect() {
    let mut failures = Vec::new();
    for path in fixture_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let extra: Vec<String> = text
            .lines()
            .next()
            .and_then(|l| l.strip_prefix("# args:"))
            .map(|a| a.split_whitespace().map(str::to_string).collect())
            .unwrap_or_default();
        let mut expected = expectations(&text);
        // A fixture pins its own rule, every rule it names, and every error; warnings and
        // infos of other rules (a missing memory limit in a probe fixture) are not its
        // subject, and would make each new default rule rewrite every fixture.
        let own = path
            .parent()
            .and_then(|d| d.file_name())
            .map(|d| d.to_string_lossy().into_owned())
            .unwrap_or_default();
        let named: Vec<String> = expected.iter().map(|e| e.rule.clone()).collect();
        let report = lint(&path, &extra);
        for d in report["diagnostics"].as_array().unwrap() {
            let line = d["line"].as_u64().unwrap() as usize;
            let column = d["column"].as_u64().unwrap() as usize;
            let level = d["level"].as_str().unwrap();
            let rule = d["rule"].as_str().unwrap();
            if level != "error" && rule != own && !named.iter().any(|n| n == rule) {
                continue;
            }
            let message = d["message"].as_str().unwrap();
            let hit = expected.iter().position(|e| {
                e.line == line
                    && e.level == level
                    && e.rule == rule
                    && e.column.is_none_or(|c| c == column)
                    && e.text.as_ref().is_none_or(|t| message.contains(t.as_str()))
            });
            match hit {
                Some(i) => {
                    expected.remove(i);
                }
                None => failures.push(format!(
                    "{}:{line}:{column}: unexpected {level}[{rule}]: {message}",
                    path.display()
                )),
            }
        }
        for e in expected {
            failures.push(format!(
                "{}:{}: expected {}[{}]{}{} was not reported",
                path.display(),
                e.line,
                e.level,
                e.rule,
                e.column
                    .map(|c| format!(" at column {c}"))
                    .unwrap_or_default(),
                e.text.map(|t| format!(" with \"{t}\"")).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

#[test]
fn every_rule_has_a_failing_and_a_passing_fixture() {
    let (code, out, _) =
        kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "rules", "-o", "json"]);
    assert_eq!(code, 0);
    let rules: Value = serde_json::from_slice(&out).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut missing = Vec::new();
    for r in rules["rules"].as_array().unwrap() {
        let id = r["id"].as_str().unwrap();
        let dir = root.join(id);
        let files: Vec<(String, String)> = std::fs::read_dir(&dir)
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| {
                        (
                            e.file_name().to_string_lossy().into_owned(),
                            std::fs::read_to_string(e.path()).unwrap_or_default(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let expects_rule = |t: &str| expectations(t).iter().any(|e| e.rule == id);
        if !files
            .iter()
            .any(|(n, t)| n.starts_with("fail") && expects_rule(t))
        {
            missing.push(format!("{id}: no fixtures/{id}/fail*.yaml expecting it"));
        }
        if !files
            .iter()
            .any(|(n, t)| n.starts_with("pass") && !expects_rule(t))
        {
            missing.push(format!("{id}: no fixtures/{id}/pass*.yaml without it"));
        }
    }
    assert!(missing.is_empty(), "\n{}\n", missing.join("\n"));
}
