//! Without `--live`, never a socket: every command that works offline runs under
//! `strace -f -e trace=network` (Debian's `strace`; `.ci/run` installs it), which logs every
//! network system call (`socket`, `connect`, `bind`, `sendto`, ...) of the process and its
//! children (`git` for `--base`). The log must hold none. As a control, `diff --live` runs
//! under the same tracer and its `socket(AF_INET...)`/`connect(...127.0.0.1...)` show up, so
//! an empty log means no call was made, not that the tracer saw nothing.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_kubectl-lint");

/// Runs kubectl-lint with `args` under strace; returns (exit code, the network calls logged).
fn traced(dir: &Path, args: &[&str], stdin: Option<&str>) -> (Option<i32>, Vec<String>) {
    let log = tempfile::NamedTempFile::new().unwrap();
    let mut child = Command::new("strace")
        .args(["-f", "-qq", "-e", "trace=network", "-o"])
        .arg(log.path())
        .arg(BIN)
        .arg("--no-config")
        .args(args)
        .current_dir(dir)
        // A kubeconfig pointing at a server, as on a developer's machine: it must stay unread.
        .env("KUBECONFIG", dir.join("kubeconfig"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("strace is installed (.ci/run installs it)");
    if let Some(input) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(input.as_bytes())
            .unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("strace:"),
        "strace could not trace: {stderr}"
    );
    let calls = std::fs::read_to_string(log.path())
        .unwrap()
        .lines()
        // The tracer's own notes (`+++ exited with 1 +++`, `--- SIGCHLD ---`) are not calls,
        // nor is `PID ???( <detached ...>`: a worker thread still inside a system call when the
        // process exited. strace decodes on entry only the calls it traces, so the one it
        // cannot name is not a network call; those are always named (`connect(`, `socket(`),
        // as the test below checks.
        .filter(|l| !l.contains("+++") && !l.contains("---"))
        .filter(|l| !(l.contains("???(") && l.contains("<detached ...>")))
        .map(str::to_string)
        .collect();
    (out.status.code(), calls)
}

fn git(dir: &Path, args: &[&str]) {
    let st = Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(st.status.success(), "git {args:?}");
}

fn deployment(selector: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web, namespace: shop}}\nspec:\n  selector:\n    matchLabels: {selector}\n  template:\n    metadata: {{labels: {{app: web, tier: a}}}}\n    spec:\n      containers:\n      - {{name: web, image: 'nginx:1.27.3'}}\n"
    )
}

/// A workspace with manifests, a git history and a kubeconfig whose server is `port`.
fn workspace(port: u16) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    std::fs::write(
        p.join("kubeconfig"),
        format!("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: \"http://127.0.0.1:{port}\"}}\nusers:\n- name: u\n  user: {{token: t}}\ncontexts:\n- name: c\n  context: {{cluster: c, user: u, namespace: shop}}\ncurrent-context: c\n"),
    )
    .unwrap();
    std::fs::create_dir_all(p.join("deploy/nested")).unwrap();
    std::fs::write(p.join("deploy/web.yaml"), deployment("{app: web}")).unwrap();
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/shop/frontend.yaml"),
        p.join("deploy/nested/frontend.yaml"),
    )
    .unwrap();
    git(p, &["init", "-q"]);
    git(p, &["add", "-A"]);
    git(p, &["commit", "-q", "-m", "first"]);
    std::fs::write(p.join("deploy/web.yaml"), deployment("{app: web, tier: a}")).unwrap();
    std::fs::write(p.join("old.yaml"), deployment("{app: web}")).unwrap();
    dir
}

/// A local port that nothing listens on.
fn closed_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn offline_commands_make_no_network_call() {
    let ws = workspace(closed_port());
    let dir = ws.path();
    let piped = deployment("{app: x}");
    let cases: Vec<(Vec<&str>, Option<&str>)> = vec![
        (vec!["-R", "deploy"], None),
        (vec!["-R", "deploy", "-o", "short"], None),
        (vec!["-R", "deploy", "-o", "json"], None),
        (vec!["-R", "deploy", "-o", "sarif"], None),
        (vec!["-R", "deploy", "-o", "github"], None),
        (vec!["-R", "deploy", "-o", "junit"], None),
        (vec!["-R", "deploy", "-o", "gitlab"], None),
        (vec!["-f", "deploy/web.yaml,old.yaml", "-n", "shop"], None),
        (vec!["-f", "-"], Some(piped.as_str())),
        (vec!["--base", "HEAD", "-R", "deploy"], None),
        (vec!["diff", "old.yaml", "deploy/web.yaml"], None),
        (vec!["timeline", "-R", "deploy"], None),
        (vec!["defaults", "-R", "deploy"], None),
        (vec!["rules"], None),
        (vec!["explain", "selector-changed"], None),
    ];
    for (args, stdin) in cases {
        let (code, calls) = traced(dir, &args, stdin);
        assert!(matches!(code, Some(0 | 1)), "{args:?} exited with {code:?}");
        assert!(calls.is_empty(), "{args:?} made network calls: {calls:#?}");
    }
}

#[test]
fn the_tracer_sees_the_connection_of_diff_live() {
    let port = closed_port();
    let ws = workspace(port);
    let (code, calls) = traced(
        ws.path(),
        &["diff", "--live", "-f", "deploy/web.yaml"],
        None,
    );
    // Nothing listens: an input error, after trying to connect.
    assert_eq!(code, Some(2));
    assert!(
        calls
            .iter()
            .any(|c| c.contains("socket(AF_INET") || c.contains("socket(AF_INET6")),
        "{calls:#?}"
    );
    assert!(
        calls
            .iter()
            .any(|c| c.contains("connect(") && c.contains(&format!("htons({port})"))),
        "{calls:#?}"
    );
}

/// Objects of `rev`'s history missing from the (partial) clone at `dir`.
fn missing_objects(dir: &Path, rev: &str) -> usize {
    let out = Command::new("git")
        .args(["rev-list", "--objects", "--missing=print", rev])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| l.starts_with('?'))
        .count()
}

/// In a partial clone (`--filter=blob:none`, as CI systems make them) the old version of a file
/// may not be there; git would fetch it from the remote on demand. `--base` must not: it says
/// the version cannot be read offline (exit 2) and the clone is left as it was. The remote here
/// is a `file://` one (git's own transport, run as a process, not a socket), and the control at
/// the end shows that a plain `git show` in the same clone does fetch: the clone really misses
/// the blob and really can reach it.
#[test]
fn base_in_a_partial_clone_does_not_fetch() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path();
    git(p, &["init", "-q", "--bare", "origin.git"]);
    git(
        &p.join("origin.git"),
        &["config", "uploadpack.allowFilter", "true"],
    );
    git(p, &["init", "-q", "work"]);
    let work = p.join("work");
    std::fs::write(work.join("web.yaml"), deployment("{app: web}")).unwrap();
    git(&work, &["add", "-A"]);
    git(&work, &["commit", "-q", "-m", "old"]);
    std::fs::write(work.join("web.yaml"), deployment("{app: web, tier: a}")).unwrap();
    git(&work, &["commit", "-q", "-a", "-m", "new"]);
    git(
        &work,
        &["push", "-q", "../origin.git", "HEAD:refs/heads/main"],
    );
    let url = format!("file://{}", p.join("origin.git").display());
    git(
        p,
        &[
            "clone",
            "-q",
            "--filter=blob:none",
            "-b",
            "main",
            &url,
            "clone",
        ],
    );
    let clone = p.join("clone");
    let before = missing_objects(&clone, "HEAD~1");
    assert!(before > 0, "the clone should miss the old blob");

    let out = Command::new(BIN)
        .args(["--no-config", "-o", "json", "--base", "HEAD~1", "web.yaml"])
        .current_dir(&clone)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{stdout}");
    assert!(
        stdout.contains("web.yaml@HEAD~1") && stdout.contains("cannot read this version offline"),
        "{stdout}"
    );
    assert_eq!(
        missing_objects(&clone, "HEAD~1"),
        before,
        "kubectl-lint fetched"
    );

    // Control: git itself fetches the blob on demand.
    git(&clone, &["show", "HEAD~1:web.yaml"]);
    assert!(missing_objects(&clone, "HEAD~1") < before);
}
