//! Shell completions: the committed scripts are what the binary generates now, and the real
//! kubectl completes `kubectl lint` flags through completions/kubectl_complete-lint.

use std::path::Path;
use std::process::Command;

#[test]
fn committed_completion_scripts_are_up_to_date() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    for (shell, file) in [
        ("bash", "kubectl-lint.bash"),
        ("zsh", "_kubectl-lint"),
        ("fish", "kubectl-lint.fish"),
        ("powershell", "kubectl-lint.ps1"),
    ] {
        let (code, out, _) =
            kubectl_lint::cli::run_captured(["kubectl-lint", "completions", shell]);
        assert_eq!(code, 0);
        let committed = std::fs::read(dir.join(file)).unwrap();
        assert!(
            out == committed,
            "completions/{file} is stale: run scripts/gen-completions.sh"
        );
    }
}

#[test]
fn kubectl_completes_plugin_flags() {
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_kubectl-lint"))
        .parent()
        .unwrap()
        .to_path_buf();
    let completions = Path::new(env!("CARGO_MANIFEST_DIR")).join("completions");
    let path = format!(
        "{}:{}:{}",
        completions.display(),
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("kubectl")
        .args(["__complete", "lint", "--fil"])
        .env("PATH", &path)
        .env("KUBECONFIG", "/dev/null")
        .output()
        .expect("kubectl is installed (see .ci/run)");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l == "--filename"), "{text}");
    let out = Command::new("kubectl")
        .args(["__complete", "lint", "-o", ""])
        .env("PATH", &path)
        .env("KUBECONFIG", "/dev/null")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.lines().any(|l| l == "sarif"), "{text}");
}
