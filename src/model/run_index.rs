//! Indexes over every object of the run, built on first use, for cross-object rules that
//! run once per object: pod templates by label and objects by kind and name, so that a rule
//! asking "which pods does this selector select" or "is there a ConfigMap named x" looks at
//! candidates, not at the whole run.

use std::collections::{BTreeMap, HashMap};

use super::workspace::{same_namespace, ObjectRef, Workspace};

/// A Pod or an object with a pod template, with the labels its pods get.
#[derive(Debug, Clone)]
pub struct PodTemplate {
    pub namespace: Option<String>,
    pub labels: BTreeMap<String, String>,
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
}

impl RunIndex {
    pub(super) fn build(ws: &Workspace) -> Self {
        let mut ix = RunIndex::default();
        for (file, index, o) in ws.positions() {
            ix.by_name
                .entry((o.object.kind.clone(), o.object.name.clone()))
                .or_default()
                .push((file, index));
            if let Some(labels) = o.pod_labels() {
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
                    file,
                    index,
                });
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
