//! The real kubectl finds the binary as a plugin and runs it as `kubectl lint`.

use std::path::Path;
use std::process::Command;

fn kubectl(args: &[&str]) -> std::process::Output {
    let bin = Path::new(env!("CARGO_BIN_EXE_kubectl-lint"));
    let dir = bin.parent().unwrap();
    let path = format!(
        "{}:{}",
        dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    Command::new("kubectl")
        .args(args)
        .env("PATH", path)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        // No cluster is needed, and none may be touched.
        .env("KUBECONFIG", "/dev/null")
        .output()
        .expect("kubectl is installed (see .ci/run)")
}

#[test]
fn kubectl_runs_the_plugin() {
    let list = kubectl(&["plugin", "list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    assert!(text.contains("kubectl-lint"), "{text}");

    let help = kubectl(&["lint", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Usage: kubectl lint"));

    let run = kubectl(&[
        "lint",
        "--no-config",
        "-f",
        "tests/data/app.yaml",
        "-o",
        "short",
    ]);
    assert_eq!(
        run.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(String::from_utf8_lossy(&run.stdout)
        .contains("tests/data/app.yaml:13:14: error[selector-mismatch]"));

    let clean = kubectl(&["lint", "--no-config", "tests/data/clean.yaml"]);
    assert_eq!(clean.status.code(), Some(0));
}

/// JSON with UTF-16 surrogate escapes (Python's `json.dumps` writes every character outside
/// the BMP so): kubectl reads such a file as JSON, and so must the linter, not refuse it as
/// YAML. The key it decodes is the key the linter reports.
/// source: apimachinery yaml.NewYAMLOrJSONDecoder (a stream that starts with `{` is JSON);
/// encoding/json decode.go unquote
#[test]
fn json_with_surrogate_escapes_reads_as_kubectl_reads_it() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("emoji.json");
    std::fs::write(
        &file,
        "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"emoji\"},\n \"data\": {\"bad \\ud83d\\ude00 key\": \"x\\udc00\"}}\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    let read = kubectl(&["annotate", "--local", "-f", file, "x=y", "-o", "json"]);
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    let object: serde_json::Value = serde_json::from_slice(&read.stdout).unwrap();
    let (key, value) = object["data"].as_object().unwrap().iter().next().unwrap();
    assert_eq!(
        (key.as_str(), value.as_str()),
        ("bad 😀 key", Some("x\u{fffd}"))
    );

    let lint = kubectl(&["lint", "--no-config", "-o", "json", "-f", file]);
    let report: serde_json::Value = serde_json::from_slice(&lint.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert_eq!(rules, ["invalid-config-key"], "{report:#}");
    let d = &report["diagnostics"][0];
    assert!(
        d["message"].as_str().unwrap().contains(&format!("`{key}`")),
        "{d:#}"
    );
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(2), Some(11))
    );
}
