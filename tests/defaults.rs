//! `kubectl lint defaults` on the cases in fixtures/defaults/. Each case states what the API
//! server stores as lines `# expect: <JSON pointer> = <JSON value>` (or `# expect: <JSON
//! pointer> is absent`) over the `-o json` output, next to the `# source:` it comes from.
//! `# expect-1.28:` lines hold for `--kubernetes-version 1.28`.

use std::path::{Path, PathBuf};

use serde_json::Value;

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/defaults");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn run(args: &[&str]) -> (u8, String, String) {
    let mut all = vec!["kubectl-lint", "--no-config"];
    all.extend(args);
    let (code, out, err) = kubectl_lint::cli::run_captured(all);
    (
        code,
        String::from_utf8(out).unwrap(),
        String::from_utf8(err).unwrap(),
    )
}

#[test]
fn defaults_cases_match_their_expectations() {
    let mut failures = Vec::new();
    let mut cases_run = 0;
    for path in cases() {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut versions: Vec<Option<String>> = text
            .lines()
            .filter_map(|l| {
                l.strip_prefix("# expect-")?
                    .split_once(':')
                    .map(|(v, _)| Some(v.to_string()))
            })
            .collect();
        versions.sort();
        versions.dedup();
        versions.insert(0, None);
        let mut expects = 0;
        for version in &versions {
            expects += check(&path, &text, version.as_deref(), &mut failures);
        }
        assert!(expects > 0, "{} has no expectations", path.display());
        assert!(
            text.contains("# source:"),
            "{} cites no source",
            path.display()
        );
        cases_run += 1;
    }
    assert!(cases_run >= 5);
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// Runs `defaults -o json` on one case at one version and checks its expectations; returns
/// how many there were.
fn check(path: &Path, text: &str, version: Option<&str>, failures: &mut Vec<String>) -> usize {
    let mut args = vec!["defaults", "-o", "json"];
    if let Some(v) = version {
        args.extend(["--kubernetes-version", v]);
    }
    args.push(path.to_str().unwrap());
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{}: {err}", path.display());
    let v: Value = serde_json::from_str(&out).unwrap();
    let prefix = match version {
        None => "# expect: ".to_string(),
        Some(v) => format!("# expect-{v}: "),
    };
    let mut expects = 0;
    for line in text.lines() {
        let Some(e) = line.strip_prefix(prefix.as_str()) else {
            continue;
        };
        expects += 1;
        let at = version.unwrap_or("newest");
        if let Some(pointer) = e.strip_suffix(" is absent") {
            if let Some(got) = v.pointer(pointer) {
                failures.push(format!(
                    "{} ({at}): {pointer}: want absent, got {got}",
                    path.display()
                ));
            }
            continue;
        }
        let (pointer, want) = e.split_once(" = ").expect("`pointer = value`");
        let want: Value = serde_json::from_str(want).expect("expected value is JSON");
        match v.pointer(pointer) {
            Some(got) if *got == want => {}
            got => failures.push(format!(
                "{} ({at}): {pointer}: want {want}, got {got:?}",
                path.display()
            )),
        }
    }
    expects
}

/// The YAML view of every case reads back (with the crate's own parser) as the objects of
/// the JSON view, document by document.
#[test]
fn yaml_view_reads_back_as_the_json_view() {
    for path in cases() {
        let p = path.to_str().unwrap();
        let (_, json, _) = run(&["defaults", "-o", "json", p]);
        let (code, yaml, err) = run(&["defaults", p]);
        assert_eq!(code, 0, "{p}: {err}");
        let json: Value = serde_json::from_str(&json).unwrap();
        let want: Vec<&Value> = json["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| &r["defaulted"])
            .collect();
        let stream = kubectl_lint::yaml::parse_stream(&yaml, kubectl_lint::yaml::Limits::default());
        assert!(stream.error.is_none(), "{p}: {:?}\n{yaml}", stream.error);
        let got: Vec<Value> = stream
            .documents
            .iter()
            .map(|d| d.to_json(d.root).unwrap())
            .collect();
        assert_eq!(got.len(), want.len(), "{p}");
        for (g, w) in got.iter().zip(want) {
            assert_eq!(g, w, "{p}\n{yaml}");
        }
    }
}

#[test]
fn secret_values_never_appear() {
    let p = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/defaults/secret.yaml");
    for format in ["yaml", "json"] {
        let (_, out, _) = run(&["defaults", "-o", format, p]);
        for value in ["c2VjcmV0", "YWRtaW4=", "hunter2", "not-a-map"] {
            assert!(!out.contains(value), "{format} shows {value}:\n{out}");
        }
    }
}

#[test]
fn defaulted_deployment_reads_well() {
    let (code, out, _) = run(&[
        "defaults",
        "-f",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/defaults/deployment.yaml"
        ),
    ]);
    assert_eq!(code, 0);
    let out = out.replace(env!("CARGO_MANIFEST_DIR"), "<dir>");
    insta::assert_snapshot!(out);
}

#[test]
fn no_input_is_a_usage_error() {
    let (code, _, err) = run(&["defaults"]);
    assert_eq!(code, 2);
    assert!(err.contains("no input"), "{err}");
}
