//! `kubectl lint schedule`: the fixtures of fixtures/schedule/, and the command line.
//!
//! A fixture `X.yaml` holds one workload; its nodes are `X.nodes.yaml` (or the file a
//! `# nodes: FILE` line names, relative to the fixture), its running pods `X.pods.yaml` (or
//! `# pods: FILE`), or a cluster profile `# cluster: FILE`. `# args:` adds flags
//! (`--kubernetes-version 1.33`). Expectations, checked against `-o json`:
//!
//! ```text
//! # expect: replicas 5
//! # expect: scheduled 4
//! # expect: feasible node-1, node-2      (`-` for none)
//! # expect: filtered node-3: Insufficient cpu; Insufficient memory
//! # expect: message 0/4 nodes are available: ...   (`null` when every pod fits)
//! # expect: best node-2
//! # expect: placements node-1, node-2, node-1
//! ```
//!
//! `filtered` lines, when present, list every filtered node (the map must be equal). Every
//! fixture cites the plugin code or upstream test it follows (`# source:`).

use std::path::{Path, PathBuf};

use serde_json::Value;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/schedule");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy().into_owned();
            n.ends_with(".yaml")
                && !n.contains(".nodes.")
                && !n.contains(".pods.")
                && !n.contains(".cluster.")
        })
        .collect();
    out.sort();
    out
}

fn header<'a>(text: &'a str, key: &str) -> Vec<&'a str> {
    let prefix = format!("# {key}:");
    text.lines()
        .filter_map(|l| l.trim().strip_prefix(prefix.as_str()))
        .map(str::trim)
        .collect()
}

fn list(v: &Value) -> String {
    let items: Vec<&str> = v
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str())
        .collect();
    if items.is_empty() {
        "-".into()
    } else {
        items.join(", ")
    }
}

fn run_fixture(path: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(path).unwrap();
    let dir = path.parent().unwrap();
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let mut args: Vec<String> = vec![
        "kubectl-lint".into(),
        "--no-config".into(),
        "schedule".into(),
        "-o".into(),
        "json".into(),
    ];
    let side = |key: &str| -> Option<PathBuf> {
        header(&text, key)
            .first()
            .map(|f| dir.join(f))
            .or_else(|| Some(dir.join(format!("{stem}.{key}.yaml"))).filter(|p| p.exists()))
    };
    if let Some(n) = side("nodes") {
        args.extend(["--nodes".into(), n.display().to_string()]);
    }
    if let Some(c) = side("cluster") {
        args.extend(["--cluster".into(), c.display().to_string()]);
    }
    if let Some(p) = side("pods") {
        args.extend(["--pods".into(), p.display().to_string()]);
    }
    for a in header(&text, "args") {
        args.extend(a.split_whitespace().map(str::to_string));
    }
    args.push(path.display().to_string());
    let (code, out, err) = kubectl_lint::cli::run_captured(&args);
    if code > 1 {
        return Err(format!("exit {code}: {}", String::from_utf8_lossy(&err)));
    }
    let json: Value = serde_json::from_slice(&out).map_err(|e| e.to_string())?;
    let r = &json["results"][0];
    if r.is_null() {
        return Err("no result".into());
    }
    let mut failures = Vec::new();
    let mut filtered_expected = serde_json::Map::new();
    let expects = header(&text, "expect");
    if expects.is_empty() {
        return Err("no `# expect:` lines".into());
    }
    for e in expects {
        let (key, want) = e.split_once(' ').unwrap_or((e, ""));
        let want = want.trim();
        let got = match key {
            "replicas" => r["replicas"].to_string(),
            "scheduled" => r["scheduled_replicas"].to_string(),
            "feasible" => list(&r["feasible_nodes"]),
            "best" => list(&r["best_nodes"]),
            "placements" => list(&r["placements"]),
            "message" => match &r["message"] {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            },
            "filtered" => {
                let (node, reasons) = want.split_once(':').unwrap_or((want, ""));
                let reasons: Vec<&str> = reasons.split(';').map(str::trim).collect();
                filtered_expected.insert(node.trim().to_string(), serde_json::json!(reasons));
                continue;
            }
            other => {
                failures.push(format!("unknown expectation `{other}`"));
                continue;
            }
        };
        if got != want {
            failures.push(format!("{key}:\n    want {want}\n    got  {got}"));
        }
    }
    if !filtered_expected.is_empty() && r["filtered"] != Value::Object(filtered_expected.clone()) {
        failures.push(format!(
            "filtered:\n    want {}\n    got  {}",
            Value::Object(filtered_expected),
            r["filtered"]
        ));
    }
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n  "))
    }
}

#[test]
fn schedule_fixtures_agree_with_the_scheduler() {
    let files = fixtures();
    assert!(
        files.len() >= 20,
        "fixtures/schedule has {} cases",
        files.len()
    );
    let mut failures = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        if !text.contains("# source:") {
            failures.push(format!("{}: cites no source", f.display()));
        }
        if let Err(e) = run_fixture(f) {
            failures.push(format!("{}:\n  {e}", f.display()));
        }
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

fn write(dir: &Path, name: &str, text: &str) -> String {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

const NODES: &str = "apiVersion: v1\nkind: NodeList\nitems:\n- apiVersion: v1\n  kind: Node\n  metadata: {name: n1}\n  status: {allocatable: {cpu: '1', memory: 1Gi, pods: '10'}}\n";

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: shop}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    resources: {requests: {cpu: 500m}}\n";

#[test]
fn exit_codes_follow_the_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = write(dir.path(), "nodes.yaml", NODES);
    let ok = write(dir.path(), "ok.yaml", POD);
    let big = write(dir.path(), "big.yaml", &POD.replace("500m", "2"));
    let (code, out, _) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "schedule",
        "--nodes",
        &nodes,
        "-f",
        &ok,
    ]);
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&out));
    assert!(String::from_utf8_lossy(&out).contains("the pod schedules"));
    let (code, out, _) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "schedule",
        "--nodes",
        &nodes,
        "-f",
        &big,
    ]);
    assert_eq!(code, 1);
    // source: pkg/scheduler/framework/types.go FitError.Error; v1.37 default target
    assert!(String::from_utf8_lossy(&out).contains("0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling."));
}

#[test]
fn a_node_list_that_is_not_one_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let pod = write(dir.path(), "pod.yaml", POD);
    let (code, out, err) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "schedule",
        "--nodes",
        &pod,
        "-f",
        &pod,
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    let err = String::from_utf8_lossy(&err);
    assert!(
        err.contains("expected a NodeList") && err.contains("holds a Pod"),
        "{err}"
    );
    let (code, _, err) =
        kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "schedule", "-f", &pod]);
    assert_eq!(code, 2);
    assert!(String::from_utf8_lossy(&err).contains("no nodes"));
    let bad = write(
        dir.path(),
        "bad.yaml",
        "kind: ClusterProfile\nnodePools:\n- name: a\n  count: 2\n  allocatable: {cpu: lots}\n",
    );
    let (code, _, err) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "schedule",
        "--cluster",
        &bad,
        "-f",
        &pod,
    ]);
    assert_eq!(code, 2);
    assert!(
        String::from_utf8_lossy(&err).contains("allocatable `cpu: lots`"),
        "{}",
        String::from_utf8_lossy(&err)
    );
}

#[test]
fn json_follows_the_contract() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = write(dir.path(), "nodes.yaml", NODES);
    let pod = write(dir.path(), "pod.yaml", POD);
    let (code, out, _) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "schedule",
        "--nodes",
        &nodes,
        "-o",
        "json",
        "-f",
        &pod,
    ]);
    assert_eq!(code, 0);
    let v: Value = serde_json::from_slice(&out).unwrap();
    let r = &v["results"][0];
    assert_eq!(r["object"]["kind"], "Pod");
    assert_eq!(r["object"]["namespace"], "shop");
    assert_eq!(r["object"]["document"], 0);
    assert_eq!(r["object"]["file"], pod.as_str());
    assert_eq!(r["replicas"], 1);
    assert_eq!(r["scheduled_replicas"], 1);
    assert_eq!(r["feasible_nodes"], serde_json::json!(["n1"]));
    assert!(r["filtered"].as_object().unwrap().is_empty());
    assert!(r["message"].is_null());
    assert!(r["best_nodes"].is_array());
    assert!(r["scores"].is_object());
}

#[test]
fn plain_lint_reports_unschedulable_only_with_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let nodes = write(dir.path(), "nodes.yaml", NODES);
    let big = write(dir.path(), "big.yaml", &POD.replace("500m", "2"));
    let (code, _, _) = kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "-f", &big]);
    assert_eq!(code, 0);
    let (code, out, _) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "--nodes",
        &nodes,
        "-o",
        "json",
        "-f",
        &big,
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_slice(&out).unwrap();
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "unschedulable")
        .expect("an unschedulable finding");
    assert_eq!(d["level"], "error");
    assert_eq!(d["line"], 4);
    assert!(d["message"]
        .as_str()
        .unwrap()
        .contains("0/1 nodes are available: 1 Insufficient cpu."));
}

const HUGE: &str = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 2147483647\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n        resources: {requests: {cpu: 1m, memory: 1Ki}}\n";

/// Three nodes with room for millions of these pods: placement stops at the cap, and says so.
#[test]
fn replicas_beyond_the_cap_are_not_simulated_and_the_output_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = write(
        dir.path(),
        "cluster.yaml",
        "kind: ClusterProfile\nnodePools:\n- name: gp\n  count: 3\n  allocatable: {cpu: '1000', memory: 1000Gi, pods: 100000000}\n",
    );
    let deploy = write(dir.path(), "deploy.yaml", HUGE);
    let run = |format: &str| {
        kubectl_lint::cli::run_captured([
            "kubectl-lint",
            "--no-config",
            "schedule",
            "--cluster",
            &cluster,
            "-o",
            format,
            "-f",
            &deploy,
        ])
    };
    let (code, out, err) = run("json");
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    let v: Value = serde_json::from_slice(&out).unwrap();
    let r = &v["results"][0];
    assert_eq!(r["replicas"], 2_147_483_647);
    assert_eq!(r["simulated_replicas"], 1000);
    assert_eq!(r["scheduled_replicas"], 1000);
    assert_eq!(r["placements"].as_array().unwrap().len(), 1000);
    assert!(r["message"].is_null());
    let (code, out, _) = run("human");
    assert_eq!(code, 0);
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains("the first 1000 replicas schedule; placement shown for the first 1000 of 2147483647 replicas; the other 2147482647 were not simulated"),
        "{out}"
    );
    // Not a failure of plain lint either: nothing simulated fails.
    let (code, out, _) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "--cluster",
        &cluster,
        "-o",
        "json",
        "-f",
        &deploy,
    ]);
    let v: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(code, 0);
    assert!(!v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["rule"] == "unschedulable"));
}

/// Full nodes stop placement before the cap, and then the verdict covers every replica:
/// 3 nodes × 110 pods (the default `pods` of a profile) hold 330 replicas.
/// source: pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest ("Too many pods")
#[test]
fn replicas_that_fill_the_nodes_get_exact_counts_and_message() {
    let dir = tempfile::tempdir().unwrap();
    let cluster = write(
        dir.path(),
        "cluster.yaml",
        "kind: ClusterProfile\nnodePools:\n- name: gp\n  count: 3\n  allocatable: {cpu: '1000', memory: 1000Gi}\n",
    );
    let deploy = write(dir.path(), "deploy.yaml", HUGE);
    let (code, out, _) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "schedule",
        "--cluster",
        &cluster,
        "-o",
        "json",
        "-f",
        &deploy,
    ]);
    assert_eq!(code, 1);
    let v: Value = serde_json::from_slice(&out).unwrap();
    let r = &v["results"][0];
    assert_eq!(r["replicas"], 2_147_483_647);
    assert_eq!(r["simulated_replicas"], 2_147_483_647);
    assert_eq!(r["scheduled_replicas"], 330);
    assert!(r["message"]
        .as_str()
        .unwrap()
        .starts_with("0/3 nodes are available: 3 Too many pods."));
}

/// A `--nodes` file over the input size limit is refused without being read (a sparse file:
/// its size is known, its bytes are never allocated), with exit code 2.
#[test]
fn a_nodes_file_over_the_size_limit_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let pod = write(dir.path(), "pod.yaml", POD);
    let nodes = dir.path().join("nodes.yaml");
    std::fs::File::create(&nodes)
        .unwrap()
        .set_len(64 * 1024 * 1024 + 1)
        .unwrap();
    let nodes = nodes.display().to_string();
    for args in [
        vec!["schedule", "--nodes", &nodes, "-f", &pod],
        vec!["--nodes", &nodes, "-f", &pod],
    ] {
        let mut argv = vec!["kubectl-lint", "--no-config"];
        argv.extend(args);
        let (code, out, err) = kubectl_lint::cli::run_captured(argv);
        let err = String::from_utf8_lossy(&err);
        assert_eq!(code, 2, "{err}");
        assert!(out.is_empty());
        assert!(
            err.contains(&format!("--nodes {nodes}: larger than 67108864 bytes")),
            "{err}"
        );
    }
    // The limit is --max-file-size's.
    let small = write(dir.path(), "small.yaml", NODES);
    let (code, _, err) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "--max-file-size",
        "100",
        "schedule",
        "--nodes",
        &small,
        "-f",
        &pod,
    ]);
    assert_eq!(code, 2);
    assert!(String::from_utf8_lossy(&err).contains("larger than 100 bytes"));
}

// `schedule --live` against a stand-in for the API server on 127.0.0.1. No cluster was
// available to record from, so the NodeList and PodList below are written by hand in the API
// server's response format (list kind, metadata.resourceVersion, items without kind). The
// stand-in records every request line, so the test can assert that only GETs were sent and
// that the token never reaches the output.
mod live {
    use std::io::{BufRead, BufReader, Write};
    use std::net::TcpListener;
    use std::sync::{Arc, Mutex};

    const TOKEN: &str = "s3cr3t-token-never-printed";

    const NODES: &str = r#"{"kind":"NodeList","apiVersion":"v1","metadata":{"resourceVersion":"5021"},"items":[
      {"metadata":{"name":"kind-worker","uid":"0a0a","resourceVersion":"4990","labels":{"kubernetes.io/hostname":"kind-worker","kubernetes.io/os":"linux"}},
       "spec":{"podCIDR":"10.244.1.0/24"},
       "status":{"capacity":{"cpu":"2","memory":"4Gi","pods":"110"},"allocatable":{"cpu":"2","memory":"4Gi","pods":"110"},
         "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"kubelet is posting ready status","lastHeartbeatTime":"2026-11-29T10:00:00Z","lastTransitionTime":"2026-11-01T10:00:00Z"}]}},
      {"metadata":{"name":"kind-control-plane","uid":"0b0b","resourceVersion":"4991","labels":{"kubernetes.io/hostname":"kind-control-plane","node-role.kubernetes.io/control-plane":""}},
       "spec":{"taints":[{"key":"node-role.kubernetes.io/control-plane","effect":"NoSchedule"}]},
       "status":{"allocatable":{"cpu":"2","memory":"4Gi","pods":"110"}}}]}"#;

    const PODS: &str = r#"{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":"5022"},"items":[
      {"metadata":{"name":"busy","namespace":"default","uid":"0c0c","labels":{"app":"busy"}},
       "spec":{"nodeName":"kind-worker","schedulerName":"default-scheduler","containers":[{"name":"c","image":"busybox:1.37","resources":{"requests":{"cpu":"1500m"}}}]},
       "status":{"phase":"Running"}}]}"#;

    fn stand_in() -> (u16, Arc<Mutex<Vec<String>>>) {
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
                let path = request.split_whitespace().nth(1).unwrap_or("");
                let body = if path.starts_with("/api/v1/nodes") {
                    NODES
                } else if path.starts_with("/api/v1/pods") {
                    PODS
                } else {
                    r#"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}"#
                };
                let status = if body.contains("NotFound") {
                    "404 Not Found"
                } else {
                    "200 OK"
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

    #[test]
    fn schedule_live_lists_nodes_and_pods_with_get_only() {
        let (port, seen) = stand_in();
        let dir = tempfile::tempdir().unwrap();
        let kc = dir.path().join("kubeconfig");
        std::fs::write(&kc, format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: s\n  cluster: {{server: \"http://127.0.0.1:{port}\"}}\nusers:\n- name: u\n  user: {{token: {TOKEN}}}\ncontexts:\n- name: s\n  context: {{cluster: s, user: u}}\ncurrent-context: s\n")).unwrap();
        let pod = dir.path().join("pod.yaml");
        std::fs::write(&pod, "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    resources: {requests: {cpu: '1'}}\n").unwrap();
        let out = assert_cmd::Command::cargo_bin("kubectl-lint")
            .unwrap()
            .args(["--no-config", "schedule", "--live", "--kubeconfig"])
            .arg(&kc)
            .args(["-o", "json", "-f"])
            .arg(&pod)
            .env_remove("KUBECONFIG")
            .timeout(std::time::Duration::from_secs(60))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stdout.contains(TOKEN) && !stderr.contains(TOKEN));
        assert_eq!(out.status.code(), Some(1), "{stdout}{stderr}");
        let v: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        // The worker has 500m left; the control plane is tainted.
        // source: pkg/scheduler/framework/types.go FitError.Error
        assert_eq!(
            v["results"][0]["message"],
            "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling."
        );
        let requests = seen.lock().unwrap().clone();
        assert!(
            requests.iter().any(|r| r.contains("/api/v1/nodes")),
            "{requests:?}"
        );
        assert!(
            requests.iter().any(|r| r.contains("/api/v1/pods")),
            "{requests:?}"
        );
        assert!(
            requests.iter().all(|r| r.starts_with("GET ")),
            "{requests:?}"
        );
    }
}
