//! `diff --live` against a stand-in for the API server on 127.0.0.1. No cluster was available
//! to record from, so the responses below are written by hand in the API server's response
//! format (a Deployment as `kubectl get -o json` returns it, with server-set fields, and a
//! `Status` for 404). The stand-in records every request, so the test can assert that only
//! GETs were sent and that the token never reaches the output.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use assert_cmd::Command;

const TOKEN: &str = "s3cr3t-token-never-printed";

const LIVE_DEPLOYMENT: &str = r#"{
  "kind": "Deployment", "apiVersion": "apps/v1",
  "metadata": {"name": "web", "namespace": "shop", "uid": "7f1c2a4e-0000-4000-8000-000000000001",
    "resourceVersion": "48211", "generation": 3, "creationTimestamp": "2026-11-01T10:00:00Z",
    "annotations": {"deployment.kubernetes.io/revision": "3"},
    "managedFields": [{"manager": "kubectl-client-side-apply", "operation": "Update", "apiVersion": "apps/v1"}]},
  "spec": {"replicas": 2, "selector": {"matchLabels": {"app": "web"}},
    "template": {"metadata": {"labels": {"app": "web"}},
      "spec": {"containers": [{"name": "web", "image": "nginx:1.27.3", "imagePullPolicy": "IfNotPresent",
        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File", "resources": {}}],
        "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
        "securityContext": {}, "schedulerName": "default-scheduler"}},
    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": "25%"}},
    "revisionHistoryLimit": 10, "progressDeadlineSeconds": 600},
  "status": {"observedGeneration": 3, "replicas": 2, "updatedReplicas": 2, "readyReplicas": 2, "availableReplicas": 2}
}"#;

const NOT_FOUND: &str = r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"api\" not found","reason":"NotFound","details":{"name":"api","group":"apps","kind":"deployments"},"code":404}"#;

/// Serves GETs of /apis/apps/v1/namespaces/shop/deployments/{web,api}; records every request line.
fn stand_in() -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(50) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            let mut auth = String::new();
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
                if h.to_ascii_lowercase().starts_with("authorization:") {
                    auth = h.trim().to_string();
                }
            }
            log.lock()
                .unwrap()
                .push(format!("{} {}", request.trim(), auth));
            let path = request.split_whitespace().nth(1).unwrap_or("");
            let (status, body) =
                if path.starts_with("/apis/apps/v1/namespaces/shop/deployments/web") {
                    ("200 OK", LIVE_DEPLOYMENT)
                } else {
                    ("404 Not Found", NOT_FOUND)
                };
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, seen)
}

fn kubeconfig(dir: &std::path::Path, port: u16) -> std::path::PathBuf {
    let path = dir.join("kubeconfig");
    std::fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: stand-in\n  cluster: {{server: \"http://127.0.0.1:{port}\"}}\nusers:\n- name: u\n  user: {{token: {TOKEN}}}\ncontexts:\n- name: stand-in\n  context: {{cluster: stand-in, user: u, namespace: shop}}\ncurrent-context: stand-in\n"
        ),
    )
    .unwrap();
    path
}

fn manifest(dir: &std::path::Path, selector: &str) -> std::path::PathBuf {
    let path = dir.join("web.yaml");
    std::fs::write(
        &path,
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web, namespace: shop}}\nspec:\n  replicas: 3\n  selector:\n    matchLabels: {selector}\n  template:\n    metadata: {{labels: {{app: web, tier: a}}}}\n    spec:\n      containers:\n      - {{name: web, image: 'nginx:1.27.4'}}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: api, namespace: shop}}\nspec:\n  selector:\n    matchLabels: {{app: api}}\n  template:\n    metadata: {{labels: {{app: api}}}}\n    spec:\n      containers:\n      - {{name: api, image: 'api:1.0'}}\n"
        ),
    )
    .unwrap();
    path
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::cargo_bin("kubectl-lint")
        .unwrap()
        .args(["--no-config"])
        .args(args)
        .env_remove("KUBECONFIG")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn diff_live_reads_with_get_only_and_compares_as_apply_does() {
    let dir = tempfile::tempdir().unwrap();
    let (port, seen) = stand_in();
    let kc = kubeconfig(dir.path(), port);
    let changed = manifest(dir.path(), "{app: web, tier: a}");
    let (code, out, err) = run(&[
        "diff",
        "--live",
        "--kubeconfig",
        kc.to_str().unwrap(),
        "-f",
        changed.to_str().unwrap(),
        "-o",
        "short",
    ]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains("web.yaml:6:3: error[selector-changed]"),
        "{out}"
    );
    // Server-set fields (status, uid, managedFields, defaults) are not changes; the other
    // Deployment does not exist in the cluster: it is a creation.
    assert_eq!(out.matches("selector-changed").count(), 1, "{out}");
    assert!(
        !out.lines()
            .any(|l| l.contains("web.yaml:24") && l.contains("error[")),
        "{out}"
    );
    // Unchanged selector: nothing about the update.
    let same = manifest(dir.path(), "{app: web}");
    let (_, out, _) = run(&[
        "diff",
        "--live",
        "--kubeconfig",
        kc.to_str().unwrap(),
        "-f",
        same.to_str().unwrap(),
        "-o",
        "short",
    ]);
    assert!(!out.contains("selector-changed"), "{out}");
    let requests = seen.lock().unwrap().clone();
    assert!(requests.len() >= 4, "{requests:?}");
    for r in &requests {
        assert!(
            r.starts_with("GET /apis/apps/v1/namespaces/shop/deployments/"),
            "not a read: {r}"
        );
        assert!(r.contains(TOKEN), "the token authenticates the read: {r}");
    }
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN));
}

/// A port nothing listens on: bound, noted, closed.
fn closed_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[test]
fn an_unreachable_cluster_is_an_input_error_without_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let port = closed_port();
    let kc = kubeconfig(dir.path(), port);
    let m = manifest(dir.path(), "{app: web}");
    let (code, out, err) = run(&[
        "diff",
        "--live",
        "--kubeconfig",
        kc.to_str().unwrap(),
        "-f",
        m.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2), "{out}{err}");
    assert!(err.contains("cannot reach the cluster"), "{err}");
    assert!(!out.contains(TOKEN) && !err.contains(TOKEN));
    // A context the kubeconfig lacks.
    let (code, _, err) = run(&[
        "diff",
        "--live",
        "--kubeconfig",
        kc.to_str().unwrap(),
        "--context",
        "prod",
        "-f",
        m.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(2));
    assert!(err.contains("context `prod`"), "{err}");
}

/// `(exit code, stderr, seconds)` of `args` with `KUBECONFIG` set to `env` (or unset), under
/// `ulimit -v` when `memory_kib` is given (Linux: `sh` applies it, then becomes the binary).
fn run_bounded(
    args: &[&str],
    env: Option<&str>,
    memory_kib: Option<u64>,
) -> (Option<i32>, String, f64) {
    let bin = assert_cmd::cargo::cargo_bin("kubectl-lint");
    let mut cmd = match memory_kib {
        Some(kib) => {
            let mut c = Command::new("sh");
            c.args(["-c", &format!("ulimit -v {kib} && exec \"$0\" \"$@\"")])
                .arg(&bin);
            c
        }
        None => Command::new(&bin),
    };
    cmd.arg("--no-config")
        .args(args)
        .env_remove("KUBECONFIG")
        .timeout(std::time::Duration::from_secs(60));
    if let Some(v) = env {
        cmd.env("KUBECONFIG", v);
    }
    let start = std::time::Instant::now();
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        start.elapsed().as_secs_f64(),
    )
}

/// A kubeconfig is read within `--max-file-size` like every other input: a 1 GiB sparse file
/// as `--kubeconfig`, or in a colon-separated `KUBECONFIG` after a good one, is refused with
/// exit code 2, a message naming it and the limit, before any connection (the kubeconfig's
/// server is a port nothing listens on, so a connection attempt would say so instead).
#[test]
fn a_kubeconfig_over_the_size_limit_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let port = closed_port();
    let good = kubeconfig(dir.path(), port);
    let good = good.to_str().unwrap();
    let big = dir.path().join("big-kubeconfig");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let big = big.to_str().unwrap();
    let m = manifest(dir.path(), "{app: web}");
    let m = m.to_str().unwrap();
    let limit = "larger than 67108864 bytes";
    for args in [
        vec!["diff", "--live", "--kubeconfig", big, "-f", m],
        vec!["--live", "--kubeconfig", big, "-f", m],
        vec!["schedule", "--live", "--kubeconfig", big, "-f", m],
    ] {
        let (code, err, secs) = run_bounded(&args, None, None);
        assert_eq!(code, Some(2), "{args:?}: {err}");
        assert!(
            err.contains(&format!("kubeconfig {big} is {limit}")),
            "{args:?}: {err}"
        );
        assert!(!err.contains("cannot reach"), "{args:?}: {err}");
        assert!(secs < 20.0, "{args:?} took {secs} s");
    }
    let both = std::env::join_paths([good, big]).unwrap();
    let (code, err, _) = run_bounded(
        &["diff", "--live", "-f", m],
        Some(both.to_str().unwrap()),
        None,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!("kubeconfig {big} is {limit}")),
        "{err}"
    );
    // --max-file-size is the limit, for the kubeconfig as for the manifests.
    let (code, err, _) = run_bounded(
        &[
            "--max-file-size",
            "100",
            "--live",
            "--kubeconfig",
            good,
            "-f",
            m,
        ],
        None,
        None,
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("is larger than 100 bytes"), "{err}");
}

/// A device has no size to check first: `/dev/zero` as the kubeconfig, or as the certificate
/// authority file a kubeconfig names, costs at most the limit (the process runs under a 2 GB
/// address-space limit; unbounded, it grew to 24 GB).
#[cfg(target_os = "linux")]
#[test]
fn dev_zero_as_a_kubeconfig_or_the_files_it_names_is_bounded() {
    let dir = tempfile::tempdir().unwrap();
    let m = manifest(dir.path(), "{app: web}");
    let m = m.to_str().unwrap();
    let (code, err, _) = run_bounded(
        &["--live", "--kubeconfig", "/dev/zero", "-f", m],
        None,
        Some(2_000_000),
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("kubeconfig /dev/zero is larger than"), "{err}");
    let (code, err, _) = run_bounded(
        &["diff", "--live", "-f", m],
        Some("/dev/zero"),
        Some(2_000_000),
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("kubeconfig /dev/zero is larger than"), "{err}");
    // A relative path is relative to the kubeconfig's directory, as kube and kubectl take it.
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("ca.pem")).unwrap();
    let kc = dir.path().join("ca-kubeconfig");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"https://127.0.0.1:1\", certificate-authority: ca.pem}\nusers:\n- name: u\n  user: {token: t}\ncontexts:\n- name: x\n  context: {cluster: c, user: u}\ncurrent-context: x\n",
    )
    .unwrap();
    let (code, err, _) = run_bounded(
        &[
            "diff",
            "--live",
            "--kubeconfig",
            kc.to_str().unwrap(),
            "-f",
            m,
        ],
        None,
        Some(2_000_000),
    );
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("certificate authority file") && err.contains("ca.pem is larger than"),
        "{err}"
    );
}
