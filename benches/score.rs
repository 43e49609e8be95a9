//! Cost of scoring one pod with every Score plugin on a large generated cluster.
//!
//! `cargo bench --bench score -- [NODES] [PODS_PER_NODE]` (defaults 5000 and 30) builds a
//! cluster of that many nodes (3 zones, images in `status.images`, a PreferNoSchedule taint
//! on every tenth node) with bound pods (a share of them with preferred pod affinity), then
//! scores a pod that uses every plugin (preferred node and pod affinity, a soft spread
//! constraint, an image, tolerations) against all nodes, and a plain pod with the system
//! default spreading; prints the best of five runs of each.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use kubectl_lint::analysis::scheduling::score::{default_selector, score_nodes, ScoreOptions};
use kubectl_lint::analysis::scheduling::{ClusterState, PodInfo};
use kubectl_lint::model::cluster::Snapshot;
use serde_json::json;

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let nodes = args.first().copied().unwrap_or(5000);
    let per_node = args.get(1).copied().unwrap_or(30);
    let version = kubectl_lint::model::NEWEST;

    let mut snap = Snapshot {
        nodes: Vec::new(),
        pods: Vec::new(),
        namespaces: Vec::new(),
    };
    for n in 0..nodes {
        let name = format!("node-{n}");
        let taints = if n % 10 == 0 {
            json!([{"key": "spot", "value": "true", "effect": "PreferNoSchedule"}])
        } else {
            json!([])
        };
        snap.nodes.push(
            serde_json::from_value(json!({
                "metadata": {"name": name, "labels": {
                    "kubernetes.io/hostname": name,
                    "topology.kubernetes.io/zone": format!("zone-{}", n % 3),
                    "disk": if n % 4 == 0 { "ssd" } else { "hdd" }}},
                "spec": {"taints": taints},
                "status": {
                    "allocatable": {"cpu": "32", "memory": "128Gi", "pods": "110"},
                    "images": [
                        {"names": [format!("registry/app-{}:1", n % 50)], "sizeBytes": 300_000_000},
                        {"names": ["registry/web:1"], "sizeBytes": 200_000_000}]}}))
            .unwrap(),
        );
        for p in 0..per_node {
            let app = format!("app-{}", (n * per_node + p) % 200);
            let affinity = if p % 7 == 0 {
                json!({"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                    {"weight": 10, "podAffinityTerm": {
                        "labelSelector": {"matchLabels": {"app": "web"}},
                        "topologyKey": "topology.kubernetes.io/zone"}}]}})
            } else {
                json!(null)
            };
            snap.pods.push(
                serde_json::from_value(json!({
                    "metadata": {"name": format!("{app}-{n}-{p}"), "namespace": "default",
                        "labels": {"app": app}},
                    "spec": {"nodeName": name, "affinity": affinity, "containers": [{"name": "c",
                        "image": "registry/app:1",
                        "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}}}]},
                    "status": {"phase": "Running"}}))
                .unwrap(),
            );
        }
    }
    let t = Instant::now();
    let state = ClusterState::new(&snap, version);
    println!(
        "state: {nodes} nodes, {} pods, built in {:?}",
        state.pods.len(),
        t.elapsed()
    );
    let feasible: Vec<usize> = (0..state.nodes.len()).collect();

    let full = serde_json::from_value(json!({
        "containers": [{"name": "c", "image": "registry/web:1",
            "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}}}],
        "tolerations": [{"key": "spot", "operator": "Exists"}],
        "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "ScheduleAnyway", "labelSelector": {"matchLabels": {"app": "web"}}}],
        "affinity": {
            "nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 50, "preference": {"matchExpressions": [
                    {"key": "disk", "operator": "In", "values": ["ssd"]}]}}]},
            "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
                {"weight": 100, "podAffinityTerm": {"labelSelector": {"matchLabels": {"app": "web"}},
                    "topologyKey": "kubernetes.io/hostname"}}]}}}))
    .unwrap();
    let labels = BTreeMap::from([("app".to_string(), "web".to_string())]);
    let pod = PodInfo::new("default", "web", labels.clone(), &full, true, version);
    let plain_spec =
        serde_json::from_value(json!({"containers": [{"name": "c", "image": "nginx"}]})).unwrap();
    let plain = PodInfo::new("default", "web", labels.clone(), &plain_spec, true, version);
    let opts = ScoreOptions {
        default_spread_selector: default_selector(&[labels], None),
    };

    for (name, p, o) in [
        ("every plugin", &pod, &ScoreOptions::default()),
        ("system default spreading", &plain, &opts),
    ] {
        let mut best = Duration::MAX;
        let mut top = Vec::new();
        for _ in 0..5 {
            let t = Instant::now();
            let r = score_nodes(&state, p, &feasible, version, o);
            best = best.min(t.elapsed());
            top = r.best_names(&state);
        }
        println!(
            "{name}: scored {} nodes in {best:?} (best of 5); {} best node(s), first {:?}",
            feasible.len(),
            top.len(),
            top.first()
        );
    }
}
