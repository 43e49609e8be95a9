//! Indexes over every object of the run, built on first use, for cross-object rules that
//! run once per object: pod templates by label and objects by kind and name, so that a rule
//! asking "which pods does this selector select" or "is there a ConfigMap named x" looks at
//! candidates, not at the whole run.

use std::collections::{BTreeMap, HashMap};

use super::workspace::{same_namespace, ObjectRef, Workspace};

/// A Pod or an object with a pod template, with the labels its pods get; or a custom
/// resource that may have an operator create pods with some labels of its own.
#[derive(Debug, Clone)]
pub struct PodTemplate {
    pub namespace: Option<String>,
    pub labels: BTreeMap<String, String>,
    /// A custom resource, whose operator may create pods: no pod spec to look into.
    pub custom: bool,
    file: usize,
    index: usize,
}

#[derive(Debug, Default)]
pub struct RunIndex {
    pods: Vec<PodTemplate>,
    /// Pod templates by each of their `key=value` labels.
    pods_by_label: HashMap<(String, String), Vec<usize>>,
    /// Objects by kind and name.
    by_name: HashMap<(String, String), Vec<(usize, usize)>>,
    /// NetworkPolicies by namespace (`None`: no namespace, may be in any).
    policies: HashMap<Option<String>, Vec<(usize, usize)>>,
}

impl RunIndex {
    pub(super) fn build(ws: &Workspace) -> Self {
        let mut ix = RunIndex::default();
        for ((file, index), o) in ws.indexed() {
            ix.by_name
                .entry((o.object.kind.clone(), o.object.name.clone()))
                .or_default()
                .push((file, index));
            let sets = match o.pod_labels() {
                Some(labels) => vec![(labels, false)],
                None if is_custom(o.object.group()) => custom_label_sets(&o)
                    .into_iter()
                    .map(|l| (l, true))
                    .collect(),
                None => Vec::new(),
            };
            for (labels, custom) in sets {
                let id = ix.pods.len();
                for (k, v) in &labels {
                    ix.pods_by_label
                        .entry((k.clone(), v.clone()))
                        .or_default()
                        .push(id);
                }
                ix.pods.push(PodTemplate {
                    namespace: o.object.namespace.clone(),
                    labels,
                    custom,
                    file,
                    index,
                });
            }
        }
        for (at, np) in ws.indexed_of_kind("NetworkPolicy") {
            if np.object.group() == "networking.k8s.io" {
                ix.policies
                    .entry(np.object.namespace.clone())
                    .or_default()
                    .push(at);
            }
        }
        ix
    }

    /// The pod templates that may be in `namespace` and carry every label of `required`
    /// (all of them when `required` is empty; further requirements are the caller's).
    pub fn pods_with<'s>(
        &'s self,
        namespace: Option<&'s str>,
        required: &'s BTreeMap<String, String>,
    ) -> impl Iterator<Item = &'s PodTemplate> + 's {
        let candidates: Box<dyn Iterator<Item = &'s PodTemplate> + 's> =
            match required.iter().next() {
                Some((k, v)) => Box::new(
                    self.pods_by_label
                        .get(&(k.clone(), v.clone()))
                        .map(Vec::as_slice)
                        .unwrap_or_default()
                        .iter()
                        .map(|&i| &self.pods[i]),
                ),
                None => Box::new(self.pods.iter()),
            };
        candidates.filter(move |p| {
            same_namespace(namespace, p.namespace.as_deref())
                && required.iter().all(|(k, v)| p.labels.get(k) == Some(v))
        })
    }

    /// Every pod template of the run, in the order of the run's objects; a template's
    /// position here is its id.
    pub fn pods(&self) -> &[PodTemplate] {
        &self.pods
    }

    /// The ids (positions in [`pods`](Self::pods), ascending) of the pod templates that carry
    /// the label `key=value`.
    pub fn pods_labelled(&self, label: &(String, String)) -> &[usize] {
        self.pods_by_label
            .get(label)
            .map(Vec::as_slice)
            .unwrap_or_default()
    }

    /// The NetworkPolicies of the run that may be in `namespace` (all of them for `None`).
    pub fn network_policies<'s>(
        &'s self,
        ws: &'s Workspace,
        namespace: Option<&str>,
    ) -> Vec<ObjectRef<'s>> {
        let mut at: Vec<(usize, usize)> = match namespace {
            Some(ns) => [Some(ns.to_string()), None]
                .iter()
                .filter_map(|k| self.policies.get(k))
                .flatten()
                .copied()
                .collect(),
            None => self.policies.values().flatten().copied().collect(),
        };
        at.sort_unstable();
        at.into_iter()
            .filter_map(|(f, i)| ws.object_at(f, i))
            .collect()
    }

    /// Objects of `kind` named `name` that may be in `namespace`.
    pub fn named<'s>(
        &'s self,
        ws: &'s Workspace,
        kind: &str,
        namespace: Option<&'s str>,
        name: &str,
    ) -> impl Iterator<Item = ObjectRef<'s>> + 's {
        self.by_name
            .get(&(kind.to_string(), name.to_string()))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(move |&(f, i)| ws.object_at(f, i))
            .filter(move |o| same_namespace(namespace, o.object.namespace.as_deref()))
    }
}

/// Whether an API group is not one of Kubernetes' own (`apps`, `*.k8s.io`, ...).
fn is_custom(group: &str) -> bool {
    group.contains('.') && !group.ends_with(".k8s.io") && group != "k8s.io"
}

/// Top-level `spec` fields that say a custom resource describes pods its operator runs
/// (prometheus-operator, ECK, CloudNativePG, Strimzi and most others have one of them).
const POD_HINTS: [&str; 8] = [
    "image",
    "replicas",
    "podMetadata",
    "podTemplate",
    "template",
    "instances",
    "nodeSets",
    "containers",
];

/// The label sets a custom resource that describes pods may give the pods its operator
/// creates: its own `metadata.labels` (operators commonly copy them) and every `labels` map
/// under `spec` (prometheus-operator's `podMetadata.labels`, ECK's
/// `podTemplate.metadata.labels`, ...). None for other custom resources (a ServiceMonitor's
/// labels are no pod's).
fn custom_label_sets(o: &ObjectRef<'_>) -> Vec<BTreeMap<String, String>> {
    let mut out = Vec::new();
    let doc = o.doc();
    let Some(spec) = o.node("spec") else {
        return out;
    };
    if !POD_HINTS.iter().any(|k| doc.get(spec, k).is_some()) {
        return out;
    }
    let own = o.string_map("metadata.labels");
    if !own.is_empty() {
        out.push(own);
    }
    // Breadth-first, bounded: a few levels of the spec, a few hundred nodes.
    let mut queue = vec![(spec, 0usize)];
    let mut visited = 0;
    while let Some((node, depth)) = queue.pop() {
        visited += 1;
        if visited > 512 || depth > 6 {
            break;
        }
        let node = doc.deref(node);
        if doc.is_seq(node) {
            queue.extend(doc.items(node).iter().map(|n| (*n, depth + 1)));
            continue;
        }
        for e in doc.entries(node) {
            let value = doc.deref(e.value);
            if doc.str(e.key) == Some("labels") && doc.is_map(value) {
                let labels: BTreeMap<String, String> = doc
                    .entries(value)
                    .iter()
                    .filter_map(|l| {
                        Some((doc.str(l.key)?.to_string(), doc.str(l.value)?.to_string()))
                    })
                    .collect();
                if !labels.is_empty() {
                    out.push(labels);
                }
            } else if doc.is_map(value) || doc.is_seq(value) {
                queue.push((value, depth + 1));
            }
        }
    }
    out
}

impl PodTemplate {
    /// The object this template belongs to.
    pub fn object<'w>(&self, ws: &'w Workspace) -> Option<ObjectRef<'w>> {
        ws.object_at(self.file, self.index)
    }
}

/// The workspace's slot for its index; a clone starts empty (the clone may get more files).
#[derive(Debug, Default)]
pub(super) struct Lazy(pub(super) std::sync::OnceLock<RunIndex>);

impl Clone for Lazy {
    fn clone(&self) -> Self {
        Lazy::default()
    }
}
