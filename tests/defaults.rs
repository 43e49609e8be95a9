//! `kubectl lint defaults` on the cases in fixtures/defaults/. Each case states what the API
//! server stores as lines `# expect: <JSON pointer> = <JSON value>` (or `# expect: <JSON
//! pointer> is absent`) over the `-o json` output, next to the `# source:` it comes from.
//! `# expect-1.28:` lines hold for `--kubernetes-version 1.28`.

mod common;

use std::path::PathBuf;

use serde_json::Value;

fn cases() -> Vec<PathBuf> {
    common::cases("defaults")
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
    common::check_cases("defaults", "defaults", 5);
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
