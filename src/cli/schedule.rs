//! `kubectl lint schedule`: for each pod template, kube-scheduler's verdict on a set of
//! nodes (the scheduling analysis): feasible nodes, the first failing filter's reasons for
//! the others, the `FailedScheduling` message, replica-by-replica placement, a DaemonSet's
//! pod per node, and the kubelet's admission verdict for a pod that names its node.
//!
//! Each workload is placed on the snapshot as given (workloads do not count for each
//! other), so that its verdict does not depend on the order of the inputs.

use std::fmt::Write as _;

use clap::Args;
use serde_json::{json, Value};

use crate::analysis::scheduling::place;
use crate::analysis::scheduling::workload::{self, Mode, WorkloadVerdict};
use crate::analysis::scheduling::ClusterState;
use crate::model::cluster::{self, Snapshot};
use crate::model::Version;
use crate::rules::{ObjectCx, PodCx};

use super::{for_each_file, Cli, InputArgs, Io, ScheduleFormat};

/// Where the nodes and the pods already running come from.
#[derive(Debug, Args, Default, Clone)]
pub struct ClusterArgs {
    /// The nodes: a NodeList as `kubectl get nodes -o yaml` prints it
    #[arg(long, value_name = "FILE", conflicts_with = "cluster_profile")]
    pub nodes: Option<String>,

    /// Pods already bound to the nodes: a PodList as `kubectl get pods -A -o yaml` prints it
    #[arg(long, value_name = "FILE")]
    pub pods: Option<String>,

    /// A cluster profile instead of --nodes: node pools with count, allocatable, labels,
    /// taints and zones (see `kubectl lint schedule --help`)
    #[arg(
        long = "cluster",
        id = "cluster_profile",
        value_name = "FILE",
        conflicts_with = "live_cluster"
    )]
    pub cluster: Option<String>,

    /// Read the nodes and pods from the cluster (--context, --kubeconfig; GET/LIST only)
    #[arg(long = "live", id = "live_cluster", conflicts_with = "nodes")]
    pub live: bool,
}

impl ClusterArgs {
    pub fn given(&self) -> bool {
        self.nodes.is_some() || self.cluster.is_some() || self.live
    }
}

/// The largest `--nodes`, `--cluster` or `--pods` file: the largest input file of the
/// command (`--max-file-size`, default 64 MiB), and how to raise it.
fn max_file_size(cli: &Cli) -> (u64, &'static str) {
    match &cli.command {
        Some(super::Command::Diff { .. }) | None => {
            (super::max_file_size(cli), "raise --max-file-size")
        }
        // `schedule` has no flag of its own: the top-level one is given before it.
        Some(_) => (
            super::max_file_size(cli),
            "`kubectl lint --max-file-size BYTES schedule` raises it",
        ),
    }
}

fn load_file(
    path: &str,
    flag: &str,
    (max_bytes, raise): (u64, &str),
    limits: crate::yaml::Limits,
) -> Result<crate::model::File, String> {
    let too_large = || {
        format!(
            "{flag} {path}: larger than {max_bytes} bytes, the most an input file may be ({raise})"
        )
    };
    let input = if path == "-" {
        crate::source::Input::Stdin
    } else {
        // Refused before reading when its size is known; a file that grows, or standard
        // input, is refused after `max_bytes` bytes.
        if std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.len() > max_bytes) {
            return Err(too_large());
        }
        crate::source::Input::File {
            path: path.into(),
            name: path.to_string(),
        }
    };
    let src = crate::source::read(&input, max_bytes).map_err(|e| {
        if e.message.starts_with("larger than") {
            too_large()
        } else {
            format!("{}: {}", e.name, e.message)
        }
    })?;
    Ok(crate::model::load(src, limits))
}

/// Reads the snapshot the arguments name; `None` when none is asked for.
pub fn load_snapshot(cli: &Cli, args: &ClusterArgs) -> Result<Option<Snapshot>, String> {
    if !args.given() {
        if args.pods.is_some() {
            return Err("--pods needs nodes: give --nodes, --cluster or --live".into());
        }
        return Ok(None);
    }
    let max = max_file_size(cli);
    let limits = super::yaml_limits(cli);
    let mut snap = Snapshot::default();
    if let Some(n) = &args.nodes {
        snap.nodes = cluster::nodes(&load_file(n, "--nodes", max, limits)?)?;
    }
    if let Some(c) = &args.cluster {
        snap.nodes = cluster::profile(&load_file(c, "--cluster", max, limits)?)?;
    }
    if let Some(p) = &args.pods {
        let (pods, namespaces) = cluster::pods(&load_file(p, "--pods", max, limits)?)?;
        snap.pods = pods;
        snap.namespaces = namespaces;
    }
    if args.live {
        let live = crate::source::live::Live::connect(&crate::source::live::LiveOptions {
            kubeconfig: cli.global.kubeconfig.clone(),
            context: cli.global.context.clone(),
            namespace: None,
            timeout: None,
            max_file_size: max.0,
            raise: max.1,
        })
        .map_err(|e| e.message)?;
        fn typed<T: serde::de::DeserializeOwned>(v: Value, what: &str) -> Result<T, String> {
            serde_json::from_value(v).map_err(|e| format!("--live: cannot read a {what}: {e}"))
        }
        for v in live.list_all("v1", "Node").map_err(|e| e.message)? {
            snap.nodes.push(typed(v, "Node")?);
        }
        if args.pods.is_none() {
            for v in live.list_all("v1", "Pod").map_err(|e| e.message)? {
                snap.pods.push(typed(v, "Pod")?);
            }
        }
    }
    Ok(Some(snap))
}

/// The version of the target cluster.
pub fn version(cli: &Cli) -> Version {
    cli.global
        .kubernetes_version
        .unwrap_or(crate::rules::NEWEST)
}

/// The JSON contract of `schedule -o json` for one workload (its `object` is added by the
/// caller).
pub fn to_json(v: &WorkloadVerdict) -> Value {
    let filtered: serde_json::Map<String, Value> = v
        .filtered
        .iter()
        .map(|(n, r)| (n.clone(), json!(r)))
        .collect();
    let mut out = json!({
        "replicas": v.replicas,
        "simulated_replicas": v.simulated,
        "scheduled_replicas": v.scheduled,
        "feasible_nodes": v.feasible,
        "filtered": filtered,
        "message": v.message,
        "best_nodes": v.best,
        "scores": v.scores,
        "placements": v.placements,
    });
    match &v.mode {
        Mode::Replicas => {}
        Mode::Daemon { skipped } => out["daemon_skipped_nodes"] = json!(skipped),
        Mode::NodeName(a) => {
            use crate::analysis::scheduling::kubelet::Admission;
            out["bypasses_scheduler"] = json!(true);
            out["kubelet"] = match a {
                Admission::UnknownNode(n) => {
                    json!({"node": n, "node_exists": false, "admitted": false})
                }
                Admission::Admitted(n) => json!({"node": n, "node_exists": true, "admitted": true}),
                Admission::Rejected {
                    node,
                    reason,
                    message,
                } => json!({"node": node, "node_exists": true,
                    "admitted": false, "reason": reason, "message": format!("Pod was rejected: {message}")}),
            };
        }
    }
    out
}

fn human(out: &mut String, title: &str, v: &Value, summary: &str) {
    let _ = writeln!(out, "{title}");
    let _ = writeln!(out, "  {summary}");
    let list = |v: &Value| {
        v.as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let feasible = list(&v["feasible_nodes"]);
    if !feasible.is_empty() {
        let _ = writeln!(out, "  feasible: {feasible}");
    }
    if let Some(f) = v["filtered"].as_object().filter(|f| !f.is_empty()) {
        let _ = writeln!(out, "  filtered:");
        for (node, reasons) in f {
            let _ = writeln!(out, "    {node}: {}", list(reasons));
        }
    }
    if let Some(s) = v["scores"].as_object().filter(|s| !s.is_empty()) {
        let _ = writeln!(out, "  scores (weighted):");
        for (node, plugins) in s {
            let parts: Vec<String> = plugins
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, _)| *k != "total")
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let _ = writeln!(
                out,
                "    {node}: {} ({})",
                plugins["total"],
                parts.join(", ")
            );
        }
    }
    let best = list(&v["best_nodes"]);
    if !best.is_empty() {
        let _ = writeln!(out, "  best: {best}");
    }
    let placed = list(&v["placements"]);
    if !placed.is_empty() && v["replicas"].as_u64().unwrap_or(0) > 1 {
        let _ = writeln!(out, "  placements: {placed}");
    }
    if v["simulated_replicas"].as_u64() < v["replicas"].as_u64() {
        let _ = writeln!(
            out,
            "  replicas placed one by one: at most {}, and at most {} replicas × nodes",
            place::MAX_SIMULATED_REPLICAS,
            place::MAX_SIMULATED_WORK
        );
    }
    out.push('\n');
}

pub(super) fn run(
    cli: &Cli,
    input: &InputArgs,
    cluster_args: &ClusterArgs,
    namespace: Option<&str>,
    format: ScheduleFormat,
    io: &mut Io<'_>,
) -> Result<u8, String> {
    let version = version(cli);
    let snapshot = load_snapshot(cli, cluster_args)?.ok_or(
        "no nodes: give --nodes FILE (a NodeList), --cluster FILE (a cluster profile) or --live",
    )?;
    let state = ClusterState::new(&snapshot, version);
    let mut results = Vec::new();
    let mut text = String::new();
    let mut all_ok = true;
    // PriorityClass objects of the inputs (earlier files and this one) for priority admission.
    let mut classes = crate::analysis::scheduling::priority::PriorityClasses::default();
    let mut secrets = super::masked::RunSecrets::default();
    let code = for_each_file(
        cli,
        input,
        "kubectl lint schedule -f deploy.yaml --nodes nodes.yaml",
        io,
        &mut secrets,
        |file, secrets, io| {
            let ws = crate::model::Workspace::default();
            for i in 0..file.objects.len() {
                if let Some(v) = ObjectCx::new(file, i, version, &ws).json() {
                    classes.add(v);
                }
            }
            for i in 0..file.objects.len() {
                let ocx = ObjectCx::new(file, i, version, &ws);
                let Some(path) = ocx.object.pod_spec.clone() else {
                    continue;
                };
                let Some(node) = ocx.node(&path) else {
                    continue;
                };
                let pcx = PodCx::new(&ocx, &path, ocx.doc.deref(node));
                let o = ocx.object;
                let Some(spec) = pcx.spec().map(|s| classes.admit(s)) else {
                    let _ = writeln!(
                        io.err,
                        "warning: {}: {} has a pod spec of the wrong shape; `kubectl lint` says why",
                        crate::report::visible(&file.source.name),
                        crate::report::visible(&secrets.str(&o.display_name()))
                    );
                    continue;
                };
                let object_json = ocx.json().cloned().unwrap_or(Value::Null);
                let labels = crate::model::workspace::pod_labels(ocx.doc, o.root, &path);
                let ns = o
                    .namespace
                    .as_deref()
                    .or(namespace)
                    .unwrap_or("default")
                    .to_string();
                let Some(verdict) = workload::schedule_workload(
                    &state,
                    &o.kind,
                    &ns,
                    &o.name,
                    labels,
                    &spec,
                    &object_json,
                    version,
                ) else {
                    continue;
                };
                all_ok &= verdict.ok();
                let mut v = json!({"object": {"apiVersion": o.api_version, "kind": o.kind,
                    "namespace": o.namespace, "name": o.name, "document": o.document,
                    "file": file.source.name}});
                if let (Some(m), Value::Object(rest)) = (v.as_object_mut(), to_json(&verdict)) {
                    m.extend(rest);
                }
                if format == ScheduleFormat::Human {
                    let line = file
                        .lines
                        .position(file.text(), ocx.doc.node(o.root).span.start)
                        .line;
                    human(
                        &mut text,
                        &format!("{} ({}:{line})", o.display_name(), file.source.name),
                        &v,
                        &verdict.summary(),
                    );
                }
                results.push(v);
            }
            0
        },
    )?;
    super::write_results(
        io,
        format == ScheduleFormat::Json,
        results,
        text,
        "no pod templates found",
        &secrets,
    )?;
    Ok(code.max(u8::from(!all_ok)))
}
