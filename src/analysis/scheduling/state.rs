//! The scheduler's view of a cluster: nodes with what is allocatable and what their bound
//! pods already use, and pods with what they request, compiled once from k8s-openapi
//! objects. Indexed so that filters never scan every pod: pods by node, by `key=value`
//! label, and the few pods that carry required anti-affinity.
//!
//! source: pkg/scheduler/framework/types.go NodeInfo (AddPod, update), PodInfo, newAffinityTerm;
//! staging/src/k8s.io/component-helpers/resource/helpers.go PodRequests;
//! pkg/scheduler/util/utils.go GetHostPorts; pkg/apis/core/v1/defaults.go SetDefaults_Pod.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Arc, Mutex};

use k8s_openapi::api::core::v1::{Container, Namespace, Node, Pod, PodSpec, Taint, Toleration};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity as K8sQuantity;

use super::labels::{RequiredNodeAffinity, Requirement, Selector};
use crate::model::cluster::Snapshot;
use crate::model::Version;

/// Amounts of resources: cpu in millicores, the rest in whole units (bytes for memory).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Resources {
    pub milli_cpu: i64,
    pub memory: i64,
    pub ephemeral_storage: i64,
    /// Extended resources (`nvidia.com/gpu`), hugepages, attachable volumes, prefixed
    /// native resources, by name.
    pub scalar: BTreeMap<String, i64>,
}

/// `IsScalarResourceName`: what the scheduler tracks besides cpu, memory, storage, pods.
/// source: pkg/apis/core/v1/helper/helpers.go IsScalarResourceName
pub fn is_scalar_resource(name: &str) -> bool {
    let extended =
        !name.contains("kubernetes.io/") && name.contains('/') && !name.starts_with("requests.");
    extended
        || name.starts_with("hugepages-")
        || name.starts_with("attachable-volumes-")
        || name.contains("kubernetes.io/")
}

fn quantity(q: &K8sQuantity, milli: bool) -> i64 {
    match crate::model::quantity::parse(&q.0) {
        Ok(v) => v.scaled_ceil(if milli { -3 } else { 0 }),
        Err(_) => 0,
    }
}

impl Resources {
    /// A resource list; `pods` and unknown unprefixed names are left out.
    pub fn from_list(list: &BTreeMap<String, K8sQuantity>) -> Self {
        let mut r = Resources::default();
        for (name, q) in list {
            match name.as_str() {
                "cpu" => r.milli_cpu = quantity(q, true),
                "memory" => r.memory = quantity(q, false),
                "ephemeral-storage" => r.ephemeral_storage = quantity(q, false),
                n if is_scalar_resource(n) => {
                    r.scalar.insert(n.to_string(), quantity(q, false));
                }
                _ => {}
            }
        }
        r
    }

    pub fn add(&mut self, o: &Resources) {
        self.milli_cpu = self.milli_cpu.saturating_add(o.milli_cpu);
        self.memory = self.memory.saturating_add(o.memory);
        self.ephemeral_storage = self.ephemeral_storage.saturating_add(o.ephemeral_storage);
        for (k, v) in &o.scalar {
            let e = self.scalar.entry(k.clone()).or_insert(0);
            *e = e.saturating_add(*v);
        }
    }

    pub fn sub(&mut self, o: &Resources) {
        self.milli_cpu -= o.milli_cpu;
        self.memory -= o.memory;
        self.ephemeral_storage -= o.ephemeral_storage;
        for (k, v) in &o.scalar {
            *self.scalar.entry(k.clone()).or_insert(0) -= *v;
        }
    }

    /// Per-resource maximum (`SetMaxResource`).
    pub fn max_with(&mut self, o: &Resources) {
        self.milli_cpu = self.milli_cpu.max(o.milli_cpu);
        self.memory = self.memory.max(o.memory);
        self.ephemeral_storage = self.ephemeral_storage.max(o.ephemeral_storage);
        for (k, v) in &o.scalar {
            let e = self.scalar.entry(k.clone()).or_insert(0);
            *e = (*e).max(*v);
        }
    }

    /// Whether nothing at all is requested.
    pub fn is_zero(&self) -> bool {
        self.milli_cpu == 0
            && self.memory == 0
            && self.ephemeral_storage == 0
            && self.scalar.values().all(|v| *v == 0)
    }

    /// The amount of a resource by its API name (`cpu` in millicores).
    pub fn get(&self, name: &str) -> i64 {
        match name {
            "cpu" => self.milli_cpu,
            "memory" => self.memory,
            "ephemeral-storage" => self.ephemeral_storage,
            n => self.scalar.get(n).copied().unwrap_or(0),
        }
    }
}

/// A host port a pod binds: empty hostIP means `0.0.0.0`, empty protocol `TCP`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct HostPort {
    pub ip: String,
    pub protocol: String,
    pub port: i32,
}

impl HostPort {
    /// `HostPortInfo.CheckConflict`: the wildcard IP conflicts with every IP.
    pub fn conflicts(&self, used: &HostPort) -> bool {
        self.port == used.port
            && self.protocol == used.protocol
            && (self.ip == "0.0.0.0" || used.ip == "0.0.0.0" || self.ip == used.ip)
    }
}

/// A term of pod (anti-)affinity, compiled (`newAffinityTerm`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AffinityTerm {
    /// Listed namespaces, or the owning pod's when neither these nor a selector are given.
    pub namespaces: BTreeSet<String>,
    /// `namespaceSelector`; `{}` selects every namespace.
    pub namespace_selector: Option<Selector>,
    pub selector: Selector,
    pub topology_key: String,
}

/// A preferred term with its weight.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WeightedTerm {
    pub weight: i32,
    pub term: AffinityTerm,
}

/// A topology spread constraint, compiled (`filterTopologySpreadConstraints`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpreadConstraint {
    pub max_skew: i64,
    pub topology_key: String,
    /// `labelSelector` with `matchLabelKeys` merged in.
    pub selector: Selector,
    pub min_domains: i64,
    /// `nodeAffinityPolicy: Honor` (the default).
    pub honor_node_affinity: bool,
    /// `nodeTaintsPolicy: Honor` (default Ignore).
    pub honor_taints: bool,
    /// `whenUnsatisfiable: DoNotSchedule`.
    pub hard: bool,
}

/// A pod as the scheduler sees it, after the API server's defaulting.
#[derive(Debug, Clone)]
pub struct PodInfo {
    pub namespace: String,
    pub name: String,
    pub labels: BTreeMap<String, String>,
    /// The spec after `SetDefaults_Pod` (requests from limits, host-network ports) and,
    /// for a pod that is yet to be created, the DefaultTolerationSeconds admission.
    pub spec: PodSpec,
    /// `PodRequests` plus overhead: what NodeResourcesFit compares.
    pub requests: Resources,
    /// cpu (milli) and memory as scoring counts them: 100m and 200Mi for each container
    /// that requests none (`NonZeroRequested`).
    pub non_zero_cpu: i64,
    pub non_zero_memory: i64,
    pub host_ports: Vec<HostPort>,
    pub tolerations: Vec<Toleration>,
    pub node_affinity: RequiredNodeAffinity,
    pub required_affinity: Vec<AffinityTerm>,
    pub required_anti_affinity: Vec<AffinityTerm>,
    pub preferred_affinity: Vec<WeightedTerm>,
    pub preferred_anti_affinity: Vec<WeightedTerm>,
    pub spread: Vec<SpreadConstraint>,
    /// `spec.priority` (the system classes by name when unset, else 0; see `priority.rs`).
    pub priority: i32,
    pub preemption_never: bool,
    /// `metadata.deletionTimestamp` is set (spread stops counting it).
    pub terminating: bool,
}

const DEFAULT_MILLI_CPU: i64 = 100;
const DEFAULT_MEMORY: i64 = 200 * 1024 * 1024;

/// A container's requests after `SetDefaults_Pod` (requests default to limits).
fn container_requests(c: &Container) -> BTreeMap<String, K8sQuantity> {
    let r = c.resources.as_ref();
    let mut req = r.and_then(|r| r.requests.clone()).unwrap_or_default();
    for (k, v) in r.and_then(|r| r.limits.as_ref()).into_iter().flatten() {
        req.entry(k.clone()).or_insert_with(|| v.clone());
    }
    req
}

fn is_sidecar(c: &Container) -> bool {
    c.restart_policy.as_deref() == Some("Always")
}

/// `PodRequests`: containers summed (restartable init containers with them), then the
/// per-resource maximum with what each init container needs while it runs (itself plus
/// the sidecars started before it); pod-level requests replace cpu and memory; overhead
/// is added. With `non_zero`, a container without a cpu or memory request counts 100m or
/// 200Mi (`NonMissingContainerRequests`), as scoring does.
pub fn pod_requests(spec: &PodSpec, non_zero: bool) -> Resources {
    let one = |c: &Container| {
        let list = container_requests(c);
        let mut r = Resources::from_list(&list);
        if non_zero {
            if !list.contains_key("cpu") {
                r.milli_cpu = DEFAULT_MILLI_CPU;
            }
            if !list.contains_key("memory") {
                r.memory = DEFAULT_MEMORY;
            }
        }
        r
    };
    let mut total = Resources::default();
    for c in &spec.containers {
        total.add(&one(c));
    }
    let mut sidecars = Resources::default();
    let mut init_max = Resources::default();
    for c in spec.init_containers.iter().flatten() {
        let r = one(c);
        if is_sidecar(c) {
            total.add(&r);
            sidecars.add(&r);
            init_max.max_with(&sidecars);
        } else {
            let mut use_ = r;
            use_.add(&sidecars);
            init_max.max_with(&use_);
        }
    }
    total.max_with(&init_max);
    if let Some(pod_level) = spec.resources.as_ref() {
        let mut req = pod_level.requests.clone().unwrap_or_default();
        for (k, v) in pod_level.limits.iter().flatten() {
            req.entry(k.clone()).or_insert_with(|| v.clone());
        }
        if let Some(q) = req.get("cpu") {
            total.milli_cpu = quantity(q, true);
        }
        if let Some(q) = req.get("memory") {
            total.memory = quantity(q, false);
        }
    }
    if let Some(o) = &spec.overhead {
        total.add(&Resources::from_list(o));
    }
    total
}

/// `GetHostPorts`: ports with a hostPort of containers and restartable init containers.
pub fn host_ports(spec: &PodSpec) -> Vec<HostPort> {
    let inits = spec
        .init_containers
        .iter()
        .flatten()
        .filter(|c| is_sidecar(c));
    spec.containers
        .iter()
        .chain(inits)
        .flat_map(|c| c.ports.iter().flatten())
        .filter_map(|p| {
            let port = p.host_port.filter(|h| *h > 0)?;
            Some(HostPort {
                ip: p
                    .host_ip
                    .clone()
                    .filter(|i| !i.is_empty())
                    .unwrap_or_else(|| "0.0.0.0".into()),
                protocol: p
                    .protocol
                    .clone()
                    .filter(|i| !i.is_empty())
                    .unwrap_or_else(|| "TCP".into()),
                port,
            })
        })
        .collect()
}

/// `SetDefaults_Pod`'s part that matters here: requests default to limits (containers,
/// init containers) and, with `hostNetwork`, every containerPort without a hostPort gets
/// it equal to the containerPort (`defaultHostNetworkPorts`).
pub fn apply_pod_defaults(spec: &mut PodSpec) {
    let host_network = spec.host_network == Some(true);
    let inits = spec.init_containers.iter_mut().flatten();
    for c in spec.containers.iter_mut().chain(inits) {
        let req = container_requests(c);
        if !req.is_empty() {
            c.resources.get_or_insert_with(Default::default).requests = Some(req);
        }
        if host_network {
            for p in c.ports.iter_mut().flatten() {
                if p.host_port.is_none() {
                    p.host_port = Some(p.container_port);
                }
            }
        }
    }
}

/// The DefaultTolerationSeconds admission plugin: a pod that does not tolerate the
/// not-ready and unreachable NoExecute taints gets tolerations for 300 seconds.
/// source: plugin/pkg/admission/defaulttolerationseconds/admission.go Admit
pub fn apply_default_tolerations(spec: &mut PodSpec) {
    let tols = spec.tolerations.get_or_insert_with(Vec::new);
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        let has = tols.iter().any(|t| {
            let k = t.key.as_deref().unwrap_or("");
            let e = t.effect.as_deref().unwrap_or("");
            (k == key || k.is_empty()) && (e == "NoExecute" || e.is_empty())
        });
        if !has {
            tols.push(Toleration {
                key: Some(key.into()),
                operator: Some("Exists".into()),
                effect: Some("NoExecute".into()),
                toleration_seconds: Some(300),
                value: None,
            });
        }
    }
}

fn affinity_term(
    t: &k8s_openapi::api::core::v1::PodAffinityTerm,
    namespace: &str,
    labels: &BTreeMap<String, String>,
    version: Version,
) -> AffinityTerm {
    let mut selector = Selector::from_label_selector(t.label_selector.as_ref());
    // The API server merges matchLabelKeys/mismatchLabelKeys into the selector when the
    // pod is created (MatchLabelKeysInPodAffinity, beta and on since 1.31).
    if version >= (1, 31) && !selector.nothing {
        for (keys, op) in [
            (&t.match_label_keys, super::labels::Op::In),
            (&t.mismatch_label_keys, super::labels::Op::NotIn),
        ] {
            for k in keys.iter().flatten() {
                if let Some(v) = labels.get(k) {
                    selector.requirements.push(Requirement {
                        key: k.clone(),
                        op,
                        values: vec![v.clone()],
                    });
                }
            }
        }
    }
    let mut namespaces: BTreeSet<String> = t.namespaces.iter().flatten().cloned().collect();
    let namespace_selector = t
        .namespace_selector
        .as_ref()
        .map(|s| Selector::from_label_selector(Some(s)));
    if namespaces.is_empty() && namespace_selector.is_none() {
        namespaces.insert(namespace.to_string());
    }
    AffinityTerm {
        namespaces,
        namespace_selector,
        selector,
        topology_key: t.topology_key.clone(),
    }
}

impl PodInfo {
    /// A pod already in the cluster (as the API server stored it) or one about to be
    /// created (`incoming`: the DefaultTolerationSeconds admission is applied too).
    pub fn new(
        namespace: &str,
        name: &str,
        labels: BTreeMap<String, String>,
        spec: &PodSpec,
        incoming: bool,
        version: Version,
    ) -> PodInfo {
        let mut spec = spec.clone();
        apply_pod_defaults(&mut spec);
        if incoming {
            apply_default_tolerations(&mut spec);
        }
        let requests = pod_requests(&spec, false);
        let nz = pod_requests(&spec, true);
        let affinity = spec.affinity.as_ref();
        let node_affinity = RequiredNodeAffinity::new(
            spec.node_selector.as_ref(),
            affinity
                .and_then(|a| a.node_affinity.as_ref())
                .and_then(|n| {
                    n.required_during_scheduling_ignored_during_execution
                        .as_ref()
                }),
        );
        let pa = affinity.and_then(|a| a.pod_affinity.as_ref());
        let paa = affinity.and_then(|a| a.pod_anti_affinity.as_ref());
        let term = |t: &k8s_openapi::api::core::v1::PodAffinityTerm| {
            affinity_term(t, namespace, &labels, version)
        };
        let required_affinity = pa
            .and_then(|p| {
                p.required_during_scheduling_ignored_during_execution
                    .as_ref()
            })
            .map(|ts| ts.iter().map(term).collect())
            .unwrap_or_default();
        let required_anti_affinity = paa
            .and_then(|p| {
                p.required_during_scheduling_ignored_during_execution
                    .as_ref()
            })
            .map(|ts| ts.iter().map(term).collect())
            .unwrap_or_default();
        let weighted = |ts: Option<&Vec<k8s_openapi::api::core::v1::WeightedPodAffinityTerm>>| {
            ts.map(|ts| {
                ts.iter()
                    .map(|w| WeightedTerm {
                        weight: w.weight,
                        term: term(&w.pod_affinity_term),
                    })
                    .collect()
            })
            .unwrap_or_default()
        };
        let preferred_affinity = weighted(pa.and_then(|p| {
            p.preferred_during_scheduling_ignored_during_execution
                .as_ref()
        }));
        let preferred_anti_affinity = weighted(paa.and_then(|p| {
            p.preferred_during_scheduling_ignored_during_execution
                .as_ref()
        }));
        let spread = spec
            .topology_spread_constraints
            .iter()
            .flatten()
            .map(|c| {
                let mut selector = Selector::from_label_selector(c.label_selector.as_ref());
                if version >= (1, 27) && !selector.nothing {
                    for k in c.match_label_keys.iter().flatten() {
                        if let Some(v) = labels.get(k) {
                            selector.requirements.push(Requirement {
                                key: k.clone(),
                                op: super::labels::Op::In,
                                values: vec![v.clone()],
                            });
                        }
                    }
                }
                let policies = version >= (1, 26);
                SpreadConstraint {
                    max_skew: i64::from(c.max_skew),
                    topology_key: c.topology_key.clone(),
                    selector,
                    min_domains: if version >= (1, 27) {
                        i64::from(c.min_domains.unwrap_or(1).max(1))
                    } else {
                        1
                    },
                    honor_node_affinity: !policies
                        || c.node_affinity_policy.as_deref() != Some("Ignore"),
                    honor_taints: policies && c.node_taints_policy.as_deref() == Some("Honor"),
                    hard: c.when_unsatisfiable == "DoNotSchedule",
                }
            })
            .collect();
        PodInfo {
            namespace: namespace.to_string(),
            name: name.to_string(),
            host_ports: host_ports(&spec),
            tolerations: spec.tolerations.clone().unwrap_or_default(),
            node_affinity,
            required_affinity,
            required_anti_affinity,
            preferred_affinity,
            preferred_anti_affinity,
            spread,
            priority: spec
                .priority
                .or_else(|| super::priority::system_class(spec.priority_class_name.as_deref()?))
                .unwrap_or(0),
            preemption_never: spec.preemption_policy.as_deref() == Some("Never"),
            terminating: false,
            requests,
            non_zero_cpu: nz.milli_cpu,
            non_zero_memory: nz.memory,
            labels,
            spec,
        }
    }

    /// A pod of the cluster snapshot; `None` for a terminal one (Succeeded/Failed), which
    /// the scheduler's informer never sees.
    pub fn from_pod(pod: &Pod, version: Version) -> Option<PodInfo> {
        let phase = pod.status.as_ref().and_then(|s| s.phase.as_deref());
        if matches!(phase, Some("Succeeded" | "Failed")) {
            return None;
        }
        let spec = pod.spec.as_ref()?;
        let m = &pod.metadata;
        let mut info = PodInfo::new(
            m.namespace.as_deref().unwrap_or("default"),
            m.name.as_deref().unwrap_or(""),
            m.labels.clone().unwrap_or_default(),
            spec,
            false,
            version,
        );
        info.terminating = m.deletion_timestamp.is_some();
        Some(info)
    }

    /// `spec.nodeName`, when set.
    pub fn node_name(&self) -> Option<&str> {
        self.spec.node_name.as_deref().filter(|n| !n.is_empty())
    }

    /// Every required (anti-)affinity term, for the scheduler's `PreFilter` skip test.
    pub fn has_required_pod_affinity(&self) -> bool {
        !self.required_affinity.is_empty() || !self.required_anti_affinity.is_empty()
    }
}

/// An image a node holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NodeImage {
    pub names: Vec<String>,
    pub size_bytes: i64,
}

/// A node and what its bound pods use.
#[derive(Debug, Clone)]
pub struct NodeInfo {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    /// `spec.taints` plus the taints its conditions imply when they are missing.
    pub taints: Vec<Taint>,
    pub unschedulable: bool,
    pub allocatable: Resources,
    /// `status.allocatable.pods` (0 when absent).
    pub allowed_pods: i64,
    pub images: Vec<NodeImage>,
    /// Sum of the requests of its pods.
    pub requested: Resources,
    pub non_zero_cpu: i64,
    pub non_zero_memory: i64,
    /// Indexes into `ClusterState::pods`.
    pub pods: Vec<usize>,
    pub used_ports: Vec<HostPort>,
}

/// The NoSchedule taints the node lifecycle controller keeps in step with conditions, and
/// the NoExecute ones of taint-based eviction.
/// source: pkg/controller/nodelifecycle/node_lifecycle_controller.go
/// nodeConditionToTaintKeyStatusMap, doNoExecuteTaintingPass
fn condition_taints(node: &Node) -> Vec<Taint> {
    let mut out = Vec::new();
    let mk = |key: &str, effect: &str| Taint {
        key: key.into(),
        value: None,
        effect: effect.into(),
        time_added: None,
    };
    for c in node
        .status
        .as_ref()
        .and_then(|s| s.conditions.as_ref())
        .into_iter()
        .flatten()
    {
        match (c.type_.as_str(), c.status.as_str()) {
            ("Ready", "False") => {
                out.push(mk("node.kubernetes.io/not-ready", "NoSchedule"));
                out.push(mk("node.kubernetes.io/not-ready", "NoExecute"));
            }
            ("Ready", "Unknown") => {
                out.push(mk("node.kubernetes.io/unreachable", "NoSchedule"));
                out.push(mk("node.kubernetes.io/unreachable", "NoExecute"));
            }
            ("MemoryPressure", "True") => {
                out.push(mk("node.kubernetes.io/memory-pressure", "NoSchedule"))
            }
            ("DiskPressure", "True") => {
                out.push(mk("node.kubernetes.io/disk-pressure", "NoSchedule"))
            }
            ("PIDPressure", "True") => {
                out.push(mk("node.kubernetes.io/pid-pressure", "NoSchedule"))
            }
            ("NetworkUnavailable", "True") => {
                out.push(mk("node.kubernetes.io/network-unavailable", "NoSchedule"))
            }
            _ => {}
        }
    }
    if node.spec.as_ref().and_then(|s| s.unschedulable) == Some(true) {
        out.push(mk("node.kubernetes.io/unschedulable", "NoSchedule"));
    }
    out
}

impl NodeInfo {
    pub fn from_node(node: &Node) -> NodeInfo {
        let spec = node.spec.as_ref();
        let status = node.status.as_ref();
        let mut taints = spec.and_then(|s| s.taints.clone()).unwrap_or_default();
        for t in condition_taints(node) {
            if !taints
                .iter()
                .any(|x| x.key == t.key && x.effect == t.effect)
            {
                taints.push(t);
            }
        }
        let alloc = status
            .and_then(|s| s.allocatable.as_ref().or(s.capacity.as_ref()))
            .cloned()
            .unwrap_or_default();
        NodeInfo {
            name: node.metadata.name.clone().unwrap_or_default(),
            labels: node.metadata.labels.clone().unwrap_or_default(),
            taints,
            unschedulable: spec.and_then(|s| s.unschedulable) == Some(true),
            allowed_pods: alloc.get("pods").map_or(0, |q| quantity(q, false)),
            allocatable: Resources::from_list(&alloc),
            images: status
                .and_then(|s| s.images.as_ref())
                .into_iter()
                .flatten()
                .map(|i| NodeImage {
                    names: i.names.clone().unwrap_or_default(),
                    size_bytes: i.size_bytes.unwrap_or(0),
                })
                .collect(),
            requested: Resources::default(),
            non_zero_cpu: 0,
            non_zero_memory: 0,
            pods: Vec::new(),
            used_ports: Vec::new(),
        }
    }
}

/// A pod bound to a node of the state.
#[derive(Debug, Clone)]
pub struct BoundPod {
    pub pod: PodInfo,
    /// Index into `ClusterState::nodes`.
    pub node: usize,
}

/// Nodes and the non-terminal pods bound to them, with the indexes the filters use.
#[derive(Debug, Clone, Default)]
pub struct ClusterState {
    pub nodes: Vec<NodeInfo>,
    pub pods: Vec<BoundPod>,
    /// Labels of namespaces (from Namespace objects, and `kubernetes.io/metadata.name`
    /// for every namespace) for `namespaceSelector`.
    pub namespace_labels: HashMap<String, BTreeMap<String, String>>,
    node_index: HashMap<String, usize>,
    by_label: HashMap<(String, String), Vec<usize>>,
    with_anti_affinity: Vec<usize>,
    with_affinity_terms: Vec<usize>,
    /// Pods with required anti-affinity, by a `key=value` one of their terms requires (the
    /// rest in `anti_any`): a pod's labels find the terms that may match it.
    anti_by_pair: HashMap<(String, String), Vec<usize>>,
    anti_any: Vec<usize>,
    /// Topology domains per key, computed once: nodes never change, only their pods.
    domains: Arc<Mutex<HashMap<String, Arc<Domains>>>>,
}

/// The topology domains of one label key: each node's domain, and each domain's value.
#[derive(Debug, Default)]
pub struct Domains {
    /// Per node (same order as `ClusterState::nodes`): its domain, `NONE` without the label.
    pub of_node: Vec<u32>,
    pub values: Vec<String>,
}

impl Domains {
    pub const NONE: u32 = u32::MAX;

    /// The domain of `node`, if it has the label.
    pub fn get(&self, node: usize) -> Option<usize> {
        match self.of_node.get(node) {
            Some(&d) if d != Self::NONE => Some(d as usize),
            _ => None,
        }
    }
}

impl ClusterState {
    /// Compiles a snapshot; pods of unknown nodes, unbound pods and terminal pods are left
    /// out, as the scheduler's cache leaves them out.
    pub fn new(snapshot: &Snapshot, version: Version) -> ClusterState {
        let mut s = ClusterState::default();
        for n in &snapshot.nodes {
            let info = NodeInfo::from_node(n);
            s.node_index
                .entry(info.name.clone())
                .or_insert(s.nodes.len());
            s.nodes.push(info);
        }
        for ns in &snapshot.namespaces {
            s.add_namespace(ns);
        }
        for p in &snapshot.pods {
            let Some(info) = PodInfo::from_pod(p, version) else {
                continue;
            };
            let Some(node) = info.node_name().and_then(|n| s.node(n)) else {
                continue;
            };
            s.add_pod(info, node);
        }
        s
    }

    fn add_namespace(&mut self, ns: &Namespace) {
        let Some(name) = ns.metadata.name.clone() else {
            return;
        };
        let mut labels = ns.metadata.labels.clone().unwrap_or_default();
        labels.insert("kubernetes.io/metadata.name".into(), name.clone());
        self.namespace_labels.insert(name, labels);
    }

    /// The index of the node called `name`.
    pub fn node(&self, name: &str) -> Option<usize> {
        self.node_index.get(name).copied()
    }

    /// Binds `pod` to `nodes[node]`: its requests, port and pod slot count there, and it
    /// joins the label and affinity indexes. Returns its index in `pods`.
    pub fn add_pod(&mut self, pod: PodInfo, node: usize) -> usize {
        let id = self.pods.len();
        let n = &mut self.nodes[node];
        n.requested.add(&pod.requests);
        n.non_zero_cpu += pod.non_zero_cpu;
        n.non_zero_memory += pod.non_zero_memory;
        n.used_ports.extend(pod.host_ports.iter().cloned());
        n.pods.push(id);
        for (k, v) in &pod.labels {
            self.by_label
                .entry((k.clone(), v.clone()))
                .or_default()
                .push(id);
        }
        if !pod.required_anti_affinity.is_empty() {
            self.with_anti_affinity.push(id);
            let mut pairs: Vec<(String, String)> = Vec::new();
            let mut any = false;
            for t in &pod.required_anti_affinity {
                match t.selector.required_pair() {
                    Some((k, v)) => pairs.push((k.to_string(), v.to_string())),
                    None if t.selector.nothing => {}
                    None => any = true,
                }
            }
            if any {
                self.anti_any.push(id);
            } else {
                pairs.sort();
                pairs.dedup();
                for p in pairs {
                    self.anti_by_pair.entry(p).or_default().push(id);
                }
            }
        }
        if pod.has_required_pod_affinity()
            || !pod.preferred_affinity.is_empty()
            || !pod.preferred_anti_affinity.is_empty()
        {
            self.with_affinity_terms.push(id);
        }
        if !self.namespace_labels.contains_key(&pod.namespace) {
            self.namespace_labels.insert(
                pod.namespace.clone(),
                BTreeMap::from([("kubernetes.io/metadata.name".into(), pod.namespace.clone())]),
            );
        }
        self.pods.push(BoundPod { pod, node });
        id
    }

    /// The state without the pods `remove` (indexes into `pods`), rebuilt.
    pub fn without_pods(&self, remove: &BTreeSet<usize>) -> ClusterState {
        let mut s = ClusterState {
            nodes: self
                .nodes
                .iter()
                .map(|n| NodeInfo {
                    requested: Resources::default(),
                    non_zero_cpu: 0,
                    non_zero_memory: 0,
                    pods: Vec::new(),
                    used_ports: Vec::new(),
                    ..n.clone()
                })
                .collect(),
            namespace_labels: self.namespace_labels.clone(),
            node_index: self.node_index.clone(),
            domains: self.domains.clone(),
            ..ClusterState::default()
        };
        for (i, b) in self.pods.iter().enumerate() {
            if !remove.contains(&i) {
                s.add_pod(b.pod.clone(), b.node);
            }
        }
        s
    }

    /// Whether a namespace is one that `term` covers.
    pub fn term_namespace_matches(&self, term: &AffinityTerm, namespace: &str) -> bool {
        if term.namespaces.contains(namespace) {
            return true;
        }
        match &term.namespace_selector {
            None => false,
            Some(sel) if sel.nothing => false,
            Some(sel) if sel.requirements.is_empty() => true,
            Some(sel) => match self.namespace_labels.get(namespace) {
                Some(l) => sel.matches(l),
                None => sel.matches(&BTreeMap::from([(
                    "kubernetes.io/metadata.name".to_string(),
                    namespace.to_string(),
                )])),
            },
        }
    }

    /// Whether `pod` is one that `term` selects (namespace and labels).
    pub fn term_matches(&self, term: &AffinityTerm, pod: &PodInfo) -> bool {
        self.term_namespace_matches(term, &pod.namespace) && term.selector.matches(&pod.labels)
    }

    /// Bound pods that `selector` may match: from the label index when the selector
    /// requires a `key=value`, else all. Callers still test the selector.
    pub fn candidates(&self, selector: &Selector) -> Box<dyn Iterator<Item = usize> + '_> {
        if selector.nothing {
            return Box::new(std::iter::empty());
        }
        match selector.required_pair() {
            Some((k, v)) => match self.by_label.get(&(k.to_string(), v.to_string())) {
                Some(ids) => Box::new(ids.iter().copied()),
                None => Box::new(std::iter::empty()),
            },
            None => Box::new(0..self.pods.len()),
        }
    }

    /// Bound pods with required anti-affinity whose terms may select `pod`: those with a
    /// term requiring one of its `key=value` labels, and those whose terms require none.
    /// Callers still test the terms. Ascending, without duplicates.
    pub fn anti_affinity_candidates(&self, pod: &PodInfo) -> Vec<usize> {
        let mut out: Vec<usize> = self.anti_any.clone();
        for (k, v) in &pod.labels {
            if let Some(ids) = self.anti_by_pair.get(&(k.clone(), v.clone())) {
                out.extend_from_slice(ids);
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// The topology domains of label `key` over the nodes, computed once per key.
    pub fn domains(&self, key: &str) -> Arc<Domains> {
        let mut cache = match self.domains.lock() {
            Ok(c) => c,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(d) = cache.get(key) {
            if d.of_node.len() == self.nodes.len() {
                return d.clone();
            }
        }
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut d = Domains::default();
        for n in &self.nodes {
            let id = match n.labels.get(key) {
                None => Domains::NONE,
                Some(v) => *index.entry(v.as_str()).or_insert_with(|| {
                    d.values.push(v.clone());
                    (d.values.len() - 1) as u32
                }),
            };
            d.of_node.push(id);
        }
        let d = Arc::new(d);
        cache.insert(key.to_string(), d.clone());
        d
    }

    /// Bound pods with required pod anti-affinity.
    pub fn pods_with_required_anti_affinity(&self) -> &[usize] {
        &self.with_anti_affinity
    }

    /// Bound pods with any pod (anti-)affinity term, required or preferred (for scoring).
    pub fn pods_with_affinity_terms(&self) -> &[usize] {
        &self.with_affinity_terms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(json: serde_json::Value) -> PodSpec {
        serde_json::from_value(json).unwrap()
    }

    // source: pkg/scheduler/framework/plugins/noderesources/fit.go computePodResourceRequest
    // (comment example: IC1 2cpu/1G, IC2 2cpu/3G, C1 2cpu/1G, C2 1cpu/1G => 3 cpu, 3G)
    #[test]
    fn init_container_maximum() {
        let s = spec(serde_json::json!({
            "initContainers": [
                {"name": "ic1", "resources": {"requests": {"cpu": "2", "memory": "1G"}}},
                {"name": "ic2", "resources": {"requests": {"cpu": "2", "memory": "3G"}}}],
            "containers": [
                {"name": "c1", "resources": {"requests": {"cpu": "2", "memory": "1G"}}},
                {"name": "c2", "resources": {"requests": {"cpu": "1", "memory": "1G"}}}]
        }));
        let r = pod_requests(&s, false);
        assert_eq!((r.milli_cpu, r.memory), (3000, 3_000_000_000));
    }

    // source: staging/src/k8s.io/component-helpers/resource/helpers_test.go restartable init
    // containers: a sidecar adds to the containers and to every later init container.
    #[test]
    fn sidecars_count_for_later_init_containers() {
        let s = spec(serde_json::json!({
            "initContainers": [
                {"name": "side", "restartPolicy": "Always", "resources": {"requests": {"cpu": "1"}}},
                {"name": "init", "resources": {"limits": {"cpu": "3"}}}],
            "containers": [{"name": "c", "resources": {"requests": {"cpu": "1"}}}],
            "overhead": {"cpu": "250m"}
        }));
        let r = pod_requests(&s, false);
        // init time: 3 + 1 (sidecar) = 4 > running 1 + 1; plus overhead
        assert_eq!(r.milli_cpu, 4250);
        let nz = pod_requests(&s, true);
        assert_eq!(nz.memory, 2 * DEFAULT_MEMORY);
    }

    #[test]
    fn host_network_ports_default() {
        let mut s = spec(serde_json::json!({
            "hostNetwork": true,
            "containers": [{"name": "c", "ports": [{"containerPort": 80}, {"containerPort": 53, "protocol": "UDP"}]}]
        }));
        apply_pod_defaults(&mut s);
        let p = host_ports(&s);
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[1].port, p[1].protocol.as_str(), p[1].ip.as_str()),
            (53, "UDP", "0.0.0.0")
        );
    }
}
