//! Throughput of the full default rule set on generated, realistic manifests.
//!
//! `cargo bench --bench throughput -- [OBJECTS] [OBJECTS_PER_FILE]` (defaults 20000 and 50)
//! writes that many objects (Deployments, Services, ConfigMaps, CronJobs, a few with the
//! problems the rules look for) into a temporary directory, lints it three times, and prints
//! objects per second for the best run, plus the same for a parse-only pass (all rules off)
//! so that the cost of checking can be read against the cost of parsing.

use std::fmt::Write as _;
use std::time::Instant;

fn object(i: usize) -> String {
    let tag = if i.is_multiple_of(17) {
        "latest".to_string()
    } else {
        format!("1.{}.{}", i % 7, i % 13)
    };
    let app = format!("svc-{i}");
    let selector_app = if i.is_multiple_of(101) {
        format!("{app}-typo")
    } else {
        app.clone()
    };
    match i % 4 {
        0 => format!(
            r#"apiVersion: apps/v1
kind: Deployment
metadata:
  name: {app}
  namespace: team-{ns}
  labels: {{app: {app}, tier: web}}
  annotations:
    description: "generated object number {i}"
spec:
  replicas: 3
  selector:
    matchLabels: {{app: {selector_app}}}
  template:
    metadata:
      labels: {{app: {app}, tier: web}}
    spec:
      containers:
        - name: web
          image: registry.example.com/team/{app}:{tag}
          ports:
            - {{containerPort: 8080, name: http}}
          env:
            - {{name: LOG_LEVEL, value: info}}
            - {{name: PORT, value: "8080"}}
          resources:
            requests: {{cpu: 100m, memory: 128Mi}}
            limits: {{memory: 256Mi}}
          readinessProbe:
            httpGet: {{path: /healthz, port: http}}
            periodSeconds: 5
"#,
            ns = i % 10
        ),
        1 => format!(
            r#"apiVersion: v1
kind: Service
metadata:
  name: {app}
spec:
  selector: {{app: {app}}}
  ports:
    - port: 80
      targetPort: http
"#
        ),
        2 => format!(
            r#"apiVersion: v1
kind: ConfigMap
metadata:
  name: {app}-config
data:
  app.properties: |
    server.port=8080
    feature.flag={flag}
  LOG_FORMAT: json
"#,
            flag = i.is_multiple_of(2)
        ),
        _ => format!(
            r#"apiVersion: batch/v1
kind: CronJob
metadata:
  name: {app}-nightly
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: registry.example.com/team/tools:{tag}
              args: ["cleanup", "--id={i}"]
"#
        ),
    }
}

fn lint(dir: &str, extra: &[&str]) -> (u8, f64) {
    let mut args = vec!["kubectl-lint", "--no-config", "-o", "json", "-R", dir];
    args.extend_from_slice(extra);
    let start = Instant::now();
    let (code, _, _) = kubectl_lint::cli::run_captured(args);
    (code, start.elapsed().as_secs_f64())
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let objects: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let per_file: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut bytes = 0;
    for f in 0..objects.div_ceil(per_file) {
        let mut text = String::new();
        for i in f * per_file..((f + 1) * per_file).min(objects) {
            let _ = write!(text, "---\n{}", object(i));
        }
        bytes += text.len();
        std::fs::write(dir.path().join(format!("f{f:05}.yaml")), text).expect("write");
    }
    let path = dir.path().to_str().expect("utf-8 temp path");
    let best = |extra: &[&str]| {
        (0..3)
            .map(|_| lint(path, extra))
            .map(|(code, t)| {
                assert!(code < 2, "lint failed");
                t
            })
            .fold(f64::MAX, f64::min)
    };
    let full = best(&[]);
    let parse = best(&["--allow", "all"]);
    println!(
        "{objects} objects in {} files ({:.1} MiB), {} threads",
        objects.div_ceil(per_file),
        bytes as f64 / 1048576.0,
        rayon::current_num_threads()
    );
    println!(
        "all default rules: {:.3} s, {:.0} objects/s",
        full,
        objects as f64 / full
    );
    println!(
        "parse only:        {:.3} s, {:.0} objects/s",
        parse,
        objects as f64 / parse
    );
    println!(
        "checking costs {:.0}% of parsing",
        (full - parse).max(0.0) / parse * 100.0
    );
}
