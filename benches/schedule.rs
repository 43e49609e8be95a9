//! Scheduling speed: a 1,000-replica Deployment with zone spread (DoNotSchedule) and
//! required hostname anti-affinity, placed replica by replica on 5,000 nodes that already hold
//! 10,000 pods (some of them with anti-affinity of their own).
//!
//! `cargo bench --bench schedule -- [NODES] [PODS] [REPLICAS]` (defaults 5000, 10000, 1000)
//! prints the time to compile the snapshot and the time to place the replicas, best of three
//! runs. Target: under a second for the placement in a release build.

use std::time::Instant;

use k8s_openapi::api::core::v1::{Node, Pod, PodSpec};
use serde_json::json;

use kubectl_lint::analysis::scheduling::workload;
use kubectl_lint::analysis::scheduling::ClusterState;
use kubectl_lint::model::cluster::Snapshot;

const ZONES: usize = 5;

fn snapshot(nodes: usize, pods: usize) -> Snapshot {
    let nodes_v: Vec<Node> = (0..nodes)
        .map(|i| {
            let name = format!("node-{i:05}");
            serde_json::from_value(json!({
                "metadata": {"name": name, "labels": {
                    "kubernetes.io/hostname": name,
                    "topology.kubernetes.io/zone": format!("zone-{}", i % ZONES),
                    "kubernetes.io/os": "linux"}},
                "spec": if i % 50 == 0 { json!({"taints": [{"key": "dedicated", "value": "infra", "effect": "NoSchedule"}]}) } else { json!({}) },
                "status": {"allocatable": {"cpu": "16", "memory": "64Gi", "pods": "110"}}
            }))
            .unwrap()
        })
        .collect();
    let pods_v: Vec<Pod> = (0..pods)
        .map(|i| {
            let app = format!("app-{}", i % 400);
            let mut spec = json!({
                "nodeName": format!("node-{:05}", i % nodes),
                "containers": [{"name": "c", "image": "nginx:1.27",
                    "resources": {"requests": {"cpu": "250m", "memory": "512Mi"}}}]
            });
            if i % 10 == 0 {
                spec["affinity"] = json!({"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
                    {"labelSelector": {"matchLabels": {"app": app}}, "topologyKey": "kubernetes.io/hostname"}]}});
            }
            serde_json::from_value(json!({
                "metadata": {"name": format!("pod-{i}"), "namespace": format!("team-{}", i % 20),
                    "labels": {"app": app, "tier": "backend"}},
                "spec": spec,
                "status": {"phase": "Running"}
            }))
            .unwrap()
        })
        .collect();
    Snapshot {
        nodes: nodes_v,
        pods: pods_v,
        namespaces: Vec::new(),
    }
}

fn deployment(replicas: usize) -> (serde_json::Value, PodSpec) {
    let spec = json!({
        "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "DoNotSchedule", "labelSelector": {"matchLabels": {"app": "web"}}}],
        "affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "web"}}, "topologyKey": "kubernetes.io/hostname"}]}},
        "containers": [{"name": "web", "image": "nginx:1.27",
            "resources": {"requests": {"cpu": "500m", "memory": "1Gi"}}}]
    });
    let object = json!({"apiVersion": "apps/v1", "kind": "Deployment",
        "metadata": {"name": "web", "namespace": "shop"},
        "spec": {"replicas": replicas, "selector": {"matchLabels": {"app": "web"}},
            "template": {"metadata": {"labels": {"app": "web"}}, "spec": spec.clone()}}});
    (object, serde_json::from_value(spec).unwrap())
}

/// CPU seconds this process has used (user + system), from /proc: the machine running the
/// benchmark may be shared, so wall time alone overstates the cost.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let after = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let nodes = args.first().copied().unwrap_or(5000);
    let pods = args.get(1).copied().unwrap_or(10_000);
    let replicas = args.get(2).copied().unwrap_or(1000);
    let snap = snapshot(nodes, pods);
    let (object, spec) = deployment(replicas);
    let version = kubectl_lint::model::NEWEST;
    let labels = [("app".to_string(), "web".to_string())].into();
    let mut best_compile = f64::MAX;
    let mut best_place = f64::MAX;
    let mut best_cpu = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let state = ClusterState::new(&snap, version);
        best_compile = best_compile.min(t.elapsed().as_secs_f64());
        let t = Instant::now();
        let cpu = cpu_seconds();
        let v = workload::schedule_workload(
            &state,
            "Deployment",
            "shop",
            "web",
            std::collections::BTreeMap::clone(&labels),
            &spec,
            &object,
            version,
        )
        .expect("a verdict");
        best_place = best_place.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
        assert_eq!(v.scheduled, replicas.min(nodes - nodes.div_ceil(50)));
    }
    println!(
        "schedule: {replicas} replicas (zone spread + hostname anti-affinity) on {nodes} nodes holding {pods} pods: \
         compile {:.3} s, placement {:.3} s wall, {:.2} s CPU ({:.0} replicas/s), best of 3",
        best_compile,
        best_place,
        best_cpu,
        replicas as f64 / best_place
    );
}
