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
