//! A cluster snapshot for the scheduling analysis: the nodes (a NodeList as `kubectl get
//! nodes -o yaml` prints it, or a compact cluster profile of node pools) and the pods
//! already bound (`kubectl get pods -A -o yaml`). Reads typed objects out of parsed files;
//! knows nothing of scheduling itself (`analysis::scheduling` compiles the snapshot).
//!
//! The cluster profile:
//!
//! ```yaml
//! kind: ClusterProfile
//! nodePools:
//!   - name: general            # nodes general-1 .. general-3
//!     count: 3
//!     allocatable: {cpu: "4", memory: 16Gi, pods: 110}   # pods defaults to 110; others to 0
//!     zones: [eu-west-1a, eu-west-1b]  # round-robin over the pool (or `zone: X`)
//!     region: eu-west-1                # optional
//!     labels: {node.kubernetes.io/instance-type: m5.xlarge}
//!     taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
//!     unschedulable: false
//! ```
//!
//! Each node gets `kubernetes.io/hostname`, `kubernetes.io/os: linux`,
//! `kubernetes.io/arch: amd64`, `topology.kubernetes.io/zone` and `region` when given;
//! the pool's `labels` override them.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{Namespace, Node, Pod, Taint};
use serde::Deserialize;

use super::File;

/// The nodes and bound pods the scheduler would see.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    pub nodes: Vec<Node>,
    pub pods: Vec<Pod>,
    /// Namespace objects met among the pods (their labels serve `namespaceSelector`).
    pub namespaces: Vec<Namespace>,
}

fn typed<T: serde::de::DeserializeOwned>(file: &File, i: usize) -> Result<T, String> {
    let o = &file.objects[i];
    let json = file.document(o).to_json(o.root).map_err(|_| {
        format!(
            "{}: {} is nested too deeply",
            file.source.name,
            o.display_name()
        )
    })?;
    serde_json::from_value(json).map_err(|e| {
        format!(
            "{}: {} (document {}) does not have the shape of a {}: {e}",
            file.source.name,
            o.display_name(),
            o.document + 1,
            o.kind
        )
    })
}

fn parse_error(file: &File) -> Result<(), String> {
    match &file.error {
        Some(e) => {
            let p = file.lines.position(file.text(), e.span.start);
            Err(format!(
                "{}:{}:{}: {}",
                file.source.name, p.line, p.column, e.message
            ))
        }
        None => Ok(()),
    }
}

/// The nodes of a NodeList (or of single Node documents).
pub fn nodes(file: &File) -> Result<Vec<Node>, String> {
    parse_error(file)?;
    if let Some(s) = file.skipped.first() {
        return Err(format!(
            "{}: expected a NodeList (`kubectl get nodes -o yaml`), but {}",
            file.source.name, s.reason
        ));
    }
    let mut out = Vec::new();
    for (i, o) in file.objects.iter().enumerate() {
        if o.kind != "Node" || !o.group().is_empty() {
            return Err(format!(
                "{}: expected a NodeList (`kubectl get nodes -o yaml`), but document {} holds {} {}",
                file.source.name,
                o.document + 1,
                article(&o.kind),
                o.kind
            ));
        }
        out.push(typed(file, i)?);
    }
    // An empty NodeList is an empty cluster (the scheduler has its own message for that);
    // a file with no document at all is a mistake.
    if out.is_empty() && file.documents.iter().all(|d| d.is_null(d.root)) {
        return Err(format!(
            "{}: expected a NodeList (`kubectl get nodes -o yaml`), but it holds no nodes",
            file.source.name
        ));
    }
    Ok(out)
}

fn article(kind: &str) -> &'static str {
    if kind.starts_with(['A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// The pods of a PodList (Namespace objects may come along).
pub fn pods(file: &File) -> Result<(Vec<Pod>, Vec<Namespace>), String> {
    parse_error(file)?;
    if let Some(s) = file.skipped.first() {
        return Err(format!(
            "{}: expected a PodList (`kubectl get pods -A -o yaml`), but {}",
            file.source.name, s.reason
        ));
    }
    let mut pods = Vec::new();
    let mut namespaces = Vec::new();
    for (i, o) in file.objects.iter().enumerate() {
        match (o.group(), o.kind.as_str()) {
            ("", "Pod") => pods.push(typed(file, i)?),
            ("", "Namespace") => namespaces.push(typed(file, i)?),
            _ => {
                return Err(format!(
                    "{}: expected a PodList (`kubectl get pods -A -o yaml`), but document {} holds {} {}",
                    file.source.name,
                    o.document + 1,
                    article(&o.kind),
                    o.kind
                ))
            }
        }
    }
    Ok((pods, namespaces))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Profile {
    #[serde(default, rename = "apiVersion")]
    _api_version: Option<String>,
    kind: String,
    #[serde(default, rename = "metadata")]
    _metadata: Option<serde_json::Value>,
    node_pools: Vec<Pool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Pool {
    name: String,
    count: u32,
    #[serde(default)]
    allocatable: BTreeMap<String, serde_json::Value>,
    #[serde(default)]
    labels: BTreeMap<String, String>,
    #[serde(default)]
    taints: Vec<Taint>,
    #[serde(default)]
    zone: Option<String>,
    #[serde(default)]
    zones: Vec<String>,
    #[serde(default)]
    region: Option<String>,
    #[serde(default)]
    unschedulable: bool,
}

/// The most nodes a profile may describe (a guard against a typo such as `count: 1e9`).
pub const MAX_PROFILE_NODES: u64 = 100_000;

/// The most pool labels and taints a profile may give its nodes in all (each node is built
/// with its own copy): 100,000 nodes with 100 labels each, from a profile of a few hundred
/// bytes, took more than 4 GB.
pub const MAX_PROFILE_NODE_ENTRIES: u64 = 1_000_000;

/// The nodes a cluster profile describes.
pub fn profile(file: &File) -> Result<Vec<Node>, String> {
    parse_error(file)?;
    let name = &file.source.name;
    let doc = file
        .documents
        .iter()
        .find(|d| !d.is_null(d.root))
        .ok_or_else(|| format!("{name}: the cluster profile is empty"))?;
    let json = doc
        .to_json(doc.root)
        .map_err(|_| format!("{name}: the cluster profile is nested too deeply"))?;
    let p: Profile = serde_json::from_value(json).map_err(|e| {
        format!("{name}: not a cluster profile (kind: ClusterProfile, nodePools: [...]): {e}")
    })?;
    if p.kind != "ClusterProfile" {
        return Err(format!(
            "{name}: expected `kind: ClusterProfile`, found `{}`",
            p.kind
        ));
    }
    let total: u64 = p.node_pools.iter().map(|p| u64::from(p.count)).sum();
    if total > MAX_PROFILE_NODES {
        return Err(format!(
            "{name}: the profile describes {total} nodes, more than {MAX_PROFILE_NODES}"
        ));
    }
    let entries: u64 = p
        .node_pools
        .iter()
        .map(|p| u64::from(p.count) * (p.labels.len() + p.taints.len()) as u64)
        .sum();
    if entries > MAX_PROFILE_NODE_ENTRIES {
        return Err(format!(
            "{name}: the profile gives its {total} nodes {entries} labels and taints in all (a pool's count times its labels and taints), more than {MAX_PROFILE_NODE_ENTRIES}"
        ));
    }
    let mut nodes = Vec::new();
    for pool in &p.node_pools {
        let mut alloc = BTreeMap::new();
        for (k, v) in &pool.allocatable {
            let text = match v {
                serde_json::Value::String(s) => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                other => {
                    return Err(format!(
                        "{name}: pool `{}`: allocatable `{k}` is not a quantity: {other}",
                        pool.name
                    ))
                }
            };
            if let Err(e) = super::quantity::parse(&text) {
                return Err(format!(
                    "{name}: pool `{}`: allocatable `{k}: {text}`: {e}",
                    pool.name
                ));
            }
            alloc.insert(
                k.clone(),
                k8s_openapi::apimachinery::pkg::api::resource::Quantity(text),
            );
        }
        alloc.entry("pods".to_string()).or_insert_with(|| {
            k8s_openapi::apimachinery::pkg::api::resource::Quantity("110".into())
        });
        let zones: Vec<&String> = pool.zones.iter().chain(pool.zone.iter()).collect();
        for i in 0..pool.count {
            let node_name = format!("{}-{}", pool.name, i + 1);
            let mut labels = BTreeMap::from([
                ("kubernetes.io/hostname".to_string(), node_name.clone()),
                ("kubernetes.io/os".to_string(), "linux".to_string()),
                ("kubernetes.io/arch".to_string(), "amd64".to_string()),
            ]);
            if !zones.is_empty() {
                labels.insert(
                    "topology.kubernetes.io/zone".into(),
                    zones[i as usize % zones.len()].clone(),
                );
            }
            if let Some(r) = &pool.region {
                labels.insert("topology.kubernetes.io/region".into(), r.clone());
            }
            labels.extend(pool.labels.clone());
            let node = serde_json::json!({
                "apiVersion": "v1",
                "kind": "Node",
                "metadata": {"name": node_name, "labels": labels},
                "spec": {"taints": pool.taints, "unschedulable": pool.unschedulable},
                "status": {"allocatable": alloc, "capacity": alloc,
                           "conditions": [{"type": "Ready", "status": "True"}]},
            });
            nodes.push(
                serde_json::from_value(node)
                    .map_err(|e| format!("{name}: pool `{}`: {e}", pool.name))?,
            );
        }
    }
    Ok(nodes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::from_bytes;
    use crate::yaml::Limits;

    #[test]
    fn pool_labels_times_nodes_are_bounded() {
        let labels: Vec<String> = (0..11).map(|i| format!("l{i}: v")).collect();
        let text = |count: u32| {
            format!(
                "kind: ClusterProfile\nnodePools:\n- name: g\n  count: {count}\n  labels: {{{}}}\n",
                labels.join(", ")
            )
        };
        // 90,000 nodes with 11 labels: 990,000 in all, accepted.
        assert_eq!(profile(&file(&text(90_000))).unwrap().len(), 90_000);
        // 100,000 with 11: refused before a node is built.
        let e = profile(&file(&text(100_000))).unwrap_err();
        assert!(e.contains("1100000 labels and taints"), "{e}");
    }

    fn file(text: &str) -> File {
        super::super::load(
            from_bytes("c.yaml".into(), text.as_bytes().to_vec()),
            Limits::default(),
        )
    }

    #[test]
    fn profile_pools_become_nodes() {
        let f = file("kind: ClusterProfile\nnodePools:\n- name: gp\n  count: 3\n  allocatable: {cpu: 4, memory: 16Gi}\n  zones: [a, b]\n  taints: [{key: k, effect: NoSchedule}]\n");
        let nodes = profile(&f).unwrap();
        assert_eq!(nodes.len(), 3);
        let l = nodes[2].metadata.labels.as_ref().unwrap();
        assert_eq!(l["topology.kubernetes.io/zone"], "a");
        assert_eq!(l["kubernetes.io/hostname"], "gp-3");
        let alloc = nodes[0]
            .status
            .as_ref()
            .unwrap()
            .allocatable
            .as_ref()
            .unwrap();
        assert_eq!(alloc["pods"].0, "110");
        assert_eq!(alloc["cpu"].0, "4");
    }

    #[test]
    fn a_deployment_is_not_a_node_list() {
        let f = file("apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n");
        let e = nodes(&f).unwrap_err();
        assert!(e.contains("expected a NodeList"), "{e}");
        assert!(e.contains("a Deployment"), "{e}");
        assert!(profile(&f).is_err());
    }
}
