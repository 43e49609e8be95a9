//! The real manifests in ../shared/corpus (written by others, some old or templated): the
//! linter must run over all of it, point every finding inside its file, and raise errors
//! only where kubectl or the API server would fail too.

use assert_cmd::Command;
use serde_json::Value;

fn lint(args: &[&str]) -> Value {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");
    let out = Command::cargo_bin("kubectl-lint")
        .unwrap()
        .args(["--no-config", "-R", "-o", "json"])
        .args(args)
        .arg(root)
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .unwrap();
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "exit {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn lints_the_whole_corpus_without_crashing_or_false_errors() {
    let v = lint(&[]);
    assert!(
        v["summary"]["objects"].as_u64().unwrap() > 400,
        "{}",
        v["summary"]
    );
    for d in v["diagnostics"].as_array().unwrap() {
        let file = d["file"].as_str().unwrap();
        let text = std::fs::read_to_string(file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        let (line, col) = (
            d["line"].as_u64().unwrap() as usize,
            d["column"].as_u64().unwrap() as usize,
        );
        assert!(line >= 1 && line <= lines.len().max(1), "{file}:{line}");
        assert!(
            col >= 1 && col <= lines[line - 1].chars().count() + 1,
            "{file}:{line}:{col}"
        );
        if d["level"] == "error" {
            // Errors only in the archived examples, which are old (removed API versions,
            // fields of removed volume plugins) or unrendered templates.
            assert!(file.contains("/kubernetes-examples/_archived/"), "{d}");
        }
    }
}

/// What a 1.35 cluster accepts gives no error: microservices-demo, and kube-prometheus with
/// its custom resources checked against its own CRDs.
#[test]
fn real_applications_are_accepted_by_1_35() {
    let v = lint(&["--kubernetes-version", "1.35"]);
    let errors: Vec<&Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["level"] == "error")
        .filter(|d| {
            let f = d["file"].as_str().unwrap();
            f.contains("/microservices-demo/") || f.contains("/kube-prometheus/")
        })
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The CRDs were found: no custom resource of kube-prometheus went unchecked.
    assert!(!v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "missing-crd"
            && d["file"].as_str().unwrap().contains("/kube-prometheus/")));
}
