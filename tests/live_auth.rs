//! `--live` when the cluster refuses the credentials (401) or the user may not read (403): a
//! clear input error (exit code 2) that says so in the API server's words, after GETs only,
//! and never the token, not even with every log level turned on. The stand-in answers like the
//! API server does: a `Status` object with the code.
//! source: staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go
//! (Forbidden message "User %q cannot %s resource %q in API group %q in the namespace %q") and
//! staging/src/k8s.io/apiserver/pkg/endpoints/filters/authentication.go (Unauthorized).

use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use assert_cmd::Command;

const TOKEN: &str = "tok-3f9a-never-printed";

const UNAUTHORIZED: &str = r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}"#;

const FORBIDDEN: &str = r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"deployments.apps \"web\" is forbidden: User \"ci\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"shop\"","reason":"Forbidden","details":{"name":"web","group":"apps","kind":"deployments"},"code":403}"#;

/// Answers every request with `status`/`body`; records each request line.
fn stand_in(status: &'static str, body: &'static str) -> (u16, Arc<Mutex<Vec<String>>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let seen = Arc::new(Mutex::new(Vec::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(20) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            loop {
                let mut h = String::new();
                if reader.read_line(&mut h).unwrap_or(0) == 0 || h == "\r\n" {
                    break;
                }
            }
            log.lock().unwrap().push(request.trim().to_string());
            let _ = write!(
                stream,
                "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, seen)
}

fn run_against(port: u16) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("config");
    std::fs::write(
        &kc,
        format!("apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {{server: \"http://127.0.0.1:{port}\"}}\nusers:\n- name: ci\n  user: {{token: {TOKEN}}}\ncontexts:\n- name: c\n  context: {{cluster: c, user: ci, namespace: shop}}\ncurrent-context: c\n"),
    )
    .unwrap();
    let m = dir.path().join("web.yaml");
    std::fs::write(
        &m,
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - {name: web, image: 'nginx:1.27.3'}\n",
    )
    .unwrap();
    let out = Command::cargo_bin("kubectl-lint")
        .unwrap()
        .args(["--no-config", "diff", "--live", "-f"])
        .arg(&m)
        // KUBECONFIG, as kubectl reads it; debug logging of every library turned on.
        .env("KUBECONFIG", &kc)
        .env("RUST_LOG", "trace")
        .env("RUST_BACKTRACE", "1")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        out.status.code(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn refused_credentials_are_a_clear_error_without_the_token() {
    let (port, seen) = stand_in("401 Unauthorized", UNAUTHORIZED);
    let (code, shown) = run_against(port);
    assert_eq!(code, Some(2), "{shown}");
    assert!(
        shown.contains("the cluster refused to read Deployment web: Unauthorized (401)"),
        "{shown}"
    );
    assert!(!shown.contains(TOKEN), "{shown}");
    let seen = seen.lock().unwrap();
    assert!(!seen.is_empty());
    assert!(seen.iter().all(|r| r.starts_with("GET ")), "{seen:?}");
}

#[test]
fn a_forbidden_read_names_the_user_and_the_resource() {
    let (port, seen) = stand_in("403 Forbidden", FORBIDDEN);
    let (code, shown) = run_against(port);
    assert_eq!(code, Some(2), "{shown}");
    assert!(
        shown.contains(
            r#"cannot get resource "deployments" in API group "apps" in the namespace "shop" (403)"#
        ),
        "{shown}"
    );
    assert!(!shown.contains(TOKEN), "{shown}");
    let seen = seen.lock().unwrap();
    assert!(
        seen.iter()
            .all(|r| r.starts_with("GET /apis/apps/v1/namespaces/shop/deployments/web")),
        "{seen:?}"
    );
}
