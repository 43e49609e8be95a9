//! Throughput, scaling, parse-versus-check cost and peak memory of the full default rule set
//! on generated, realistic manifests, and the same corpus through checkov when it is there.
//!
//! `cargo bench --bench throughput -- [OBJECTS] [OBJECTS_PER_FILE]` (defaults 20000 and 50)
//! writes that many objects (Deployments with their Services, ConfigMaps, CronJobs) into a
//! temporary directory and reports, in one run, with how many findings the rules made (the
//! workloads are written as many repositories write them: no securityContext, no
//! PodDisruptionBudget, CronJobs without resources; a few have a `latest` tag or a selector
//! that misses its pods):
//!
//! - objects per second for all default rules at a quarter, half and all of OBJECTS (best of
//!   three in-process runs each), and the time per object at each size, which stays flat when
//!   time grows linearly with the input;
//! - the same with every rule off (parse, model and report only), so that the cost of the
//!   checks reads against the cost of parsing;
//! - the release binary as a child process linting all OBJECTS: its best wall time of three
//!   runs, and its peak memory (VmHWM) in a fourth, watched, run; with `-o json` and with
//!   the default output (code frames);
//! - with `KUBECTL_LINT_CHECKOV=/path/to/checkov` (`scripts/bench-checkov.sh` installs it and
//!   sets it), checkov and the release binary, each as a process, on the same first
//!   `CHECKOV_OBJECTS` objects (default 2000), each the best of three runs, and the ratio of
//!   their objects per second. In-process runs after the first find the schema catalog
//!   loaded and read (it is kept for the process); the binary's figures include that cost.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

// The allocator of the release binary, set up as it sets it up, so that in-process runs
// measure it.
#[path = "../src/allocator.rs"]
mod allocator;

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
        // The Service of the Deployment just before it (same namespace, its `app` label and
        // named port), as a real repository pairs them.
        1 => format!(
            r#"apiVersion: v1
kind: Service
metadata:
  name: {app}
  namespace: team-{ns}
spec:
  selector: {{app: svc-{deployment}}}
  ports:
    - port: 80
      targetPort: http
"#,
            deployment = i - 1,
            ns = (i - 1) % 10
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

/// One in-process run, its report written to nowhere (as the binary's is to /dev/null): exit
/// code and wall time.
fn lint(dir: &str, extra: &[&str]) -> (u8, f64) {
    let mut args = vec!["kubectl-lint", "--no-config", "-o", "json", "-R", dir];
    args.extend_from_slice(extra);
    let start = Instant::now();
    let code = kubectl_lint::cli::run(
        args,
        &mut kubectl_lint::cli::Io {
            out: &mut std::io::sink(),
            err: &mut std::io::sink(),
            out_is_terminal: false,
        },
    );
    (code, start.elapsed().as_secs_f64())
}

/// The findings of the JSON summary of one more (untimed) run.
fn findings(dir: &str) -> u64 {
    let (_, out, _) =
        kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "-o", "json", "-R", dir]);
    let summary: serde_json::Value = serde_json::from_slice(&out)
        .map(|v: serde_json::Value| v["summary"].clone())
        .unwrap_or_default();
    ["errors", "warnings", "infos"]
        .iter()
        .filter_map(|k| summary[k].as_u64())
        .sum()
}

/// Writes objects `0..objects`, `per_file` to a file, into `dir`; returns the bytes written.
fn corpus(dir: &Path, objects: usize, per_file: usize) -> usize {
    let mut bytes = 0;
    for f in 0..objects.div_ceil(per_file) {
        let mut text = String::new();
        for i in f * per_file..((f + 1) * per_file).min(objects) {
            let _ = write!(text, "---\n{}", object(i));
        }
        bytes += text.len();
        std::fs::write(dir.join(format!("f{f:05}.yaml")), text).expect("write");
    }
    bytes
}

/// Best wall time of three in-process runs.
fn best(dir: &str, extra: &[&str]) -> f64 {
    (0..3)
        .map(|_| lint(dir, extra))
        .map(|(code, t)| {
            assert!(code < 2, "lint failed");
            t
        })
        .fold(f64::MAX, f64::min)
}

/// Best wall time of three runs of `cmd` to the end, output discarded, not watched while it
/// runs (reading its /proc status while it runs slows its page faults down).
fn wall(cmd: &mut Command) -> f64 {
    (0..3)
        .map(|_| {
            let start = Instant::now();
            let status = cmd
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("run the command");
            let elapsed = start.elapsed().as_secs_f64();
            // Findings exit 1 (kubectl-lint, checkov); anything else is a failed run.
            assert!(
                matches!(status.code(), Some(0 | 1)),
                "{cmd:?} failed: {status}"
            );
            elapsed
        })
        .fold(f64::MAX, f64::min)
}

/// Runs `cmd` to the end with its output discarded; its peak resident memory in MiB (VmHWM,
/// read from /proc while it runs; 0 where there is no /proc). Its time is [`wall`]'s.
fn peak_mib(cmd: &mut Command) -> f64 {
    let mut child = cmd
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the command");
    let status = format!("/proc/{}/status", child.id());
    let mut hwm_kib = 0u64;
    let exit = loop {
        if let Ok(s) = std::fs::read_to_string(&status) {
            if let Some(v) = s
                .lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            {
                hwm_kib = hwm_kib.max(v);
            }
        }
        if let Some(exit) = child.try_wait().expect("wait") {
            break exit;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    };
    assert!(matches!(exit.code(), Some(0 | 1)), "{cmd:?} failed: {exit}");
    hwm_kib as f64 / 1024.0
}

fn main() {
    allocator::keep_freed_memory();
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    let objects: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(20_000);
    let per_file: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(50);
    let bin = env!("CARGO_BIN_EXE_kubectl-lint");

    println!(
        "{} threads; objects per file: {per_file}",
        rayon::current_num_threads()
    );
    println!("all default rules (in process, best of 3):");
    let mut full_dir = None;
    let mut full = 0.0;
    for n in [objects / 4, objects / 2, objects] {
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = corpus(dir.path(), n, per_file);
        let path = dir.path().to_str().expect("utf-8 temp path");
        let t = best(path, &[]);
        let findings = findings(path);
        println!(
            "  {n:>7} objects ({:>5.1} MiB): {t:>7.3} s, {:>7.0} objects/s, {:>5.2} µs/object, {findings} findings ({:.1} per object)",
            bytes as f64 / 1048576.0,
            n as f64 / t,
            t / n as f64 * 1e6,
            findings as f64 / n as f64
        );
        if n == objects {
            full = t;
            full_dir = Some(dir);
        }
    }
    let dir = full_dir.expect("the full corpus");
    let path = dir.path().to_str().expect("utf-8 temp path");
    let parse = best(path, &["--allow", "all"]);
    println!(
        "every rule off (parse, model, report): {parse:.3} s, {:.0} objects/s",
        objects as f64 / parse
    );
    let checks = (full - parse).max(0.0);
    println!(
        "checks: {checks:.3} s = {:.0}% of parsing ({:.0}% of the whole run)",
        checks / parse * 100.0,
        checks / full * 100.0
    );

    let mib = peak_mib(Command::new(bin).args(["--no-config", "-o", "json", "-R", path]));
    let t = wall(Command::new(bin).args(["--no-config", "-o", "json", "-R", path]));
    println!(
        "release binary, {objects} objects: {t:.3} s (best of 3), {:.0} objects/s, peak memory {mib:.0} MiB",
        objects as f64 / t
    );

    // The default output, code frames for people: what `kubectl lint -R DIR` costs.
    let mib = peak_mib(Command::new(bin).args(["--no-config", "-R", path]));
    let t = wall(Command::new(bin).args(["--no-config", "-R", path]));
    println!(
        "release binary, {objects} objects, default (human) output: {t:.3} s (best of 3), {:.0} objects/s, peak memory {mib:.0} MiB",
        objects as f64 / t
    );

    let Some(checkov) = std::env::var_os("KUBECTL_LINT_CHECKOV") else {
        println!("checkov: not run (set KUBECTL_LINT_CHECKOV, or run scripts/bench-checkov.sh)");
        return;
    };
    let n: usize = std::env::var("CHECKOV_OBJECTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
        .min(objects);
    let small = tempfile::tempdir().expect("temp dir");
    corpus(small.path(), n, per_file);
    let small_path = small.path().to_str().expect("utf-8 temp path");
    let ours = wall(Command::new(bin).args(["--no-config", "-o", "json", "-R", small_path]));
    let checkov_args = [
        "-d",
        small_path,
        "--framework",
        "kubernetes",
        "--quiet",
        "--compact",
        "-o",
        "json",
    ];
    // Both timed the same way (best of three unwatched runs); checkov's memory in a fourth.
    let theirs = wall(Command::new(&checkov).args(checkov_args));
    let their_mib = peak_mib(Command::new(&checkov).args(checkov_args));
    println!("same {n} objects, each tool as a process:");
    println!(
        "  kubectl-lint: {ours:.3} s, {:.0} objects/s",
        n as f64 / ours
    );
    println!(
        "  checkov:      {theirs:.3} s, {:.0} objects/s, peak memory {their_mib:.0} MiB",
        n as f64 / theirs
    );
    println!("  kubectl-lint is {:.0}x faster", theirs / ours);
}
