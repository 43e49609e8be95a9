//! What a rule may know about the other objects of the run: an index built in a first pass
//! over every input, before any file is checked. Kept small (summaries, not trees) so that
//! memory still follows the largest file.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::File;
use serde_json::Value;

use crate::yaml::{Document, FieldPath, NodeId};

/// A Service, as far as its selection of pods goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServiceSummary {
    pub namespace: Option<String>,
    pub name: String,
    pub file: Arc<str>,
    /// `spec.selector`; a Service without one selects no pods by itself.
    pub selector: BTreeMap<String, String>,
    /// `spec.ports[].targetPort` (defaulting to `port`), as written: a number or a name.
    pub target_ports: Vec<String>,
}

/// Each rule's settings (rule id → option → value), defaults included.
pub type RuleOptions = std::collections::HashMap<String, serde_json::Map<String, Value>>;

#[derive(Debug, Default, Clone)]
pub struct Workspace {
    /// The rules' settings for this run (catalog defaults and the config file's `options:`).
    pub options: RuleOptions,
    /// The namespace the run targets (`-n/--namespace`), as kubectl would send it.
    pub namespace: Option<String>,
    pub services: Vec<ServiceSummary>,
    /// Every served version of every CustomResourceDefinition of the run (and `--crd`).
    pub crds: Vec<CrdSchema>,
    /// The previous version of objects, when an update is checked (`diff OLD NEW`, `--base`),
    /// by group, kind, namespace and name.
    pub old: std::collections::HashMap<ObjectKey, OldObject>,
    /// `diff` with one object on each side pairs them whatever their names (of one kind).
    pub old_single: Option<OldObject>,
    /// The cluster snapshot (`--nodes`/`--pods`/`--cluster`/`--live`) when one is given:
    /// the `unschedulable` rule schedules every pod template on it.
    pub cluster: Option<Arc<super::cluster::Snapshot>>,
    /// A compiled form of `cluster`, built once by the first rule that needs it (the
    /// scheduling analysis owns its type; the model only keeps the slot).
    pub cluster_compiled: Arc<std::sync::OnceLock<Arc<dyn std::any::Any + Send + Sync>>>,
    /// Services by the first `key=value` of their selector, so that a pod's labels find
    /// their candidates without a scan of every Service.
    by_first_label: std::collections::HashMap<(String, String), Vec<usize>>,
    /// Every file of the run, parsed once; cross-object rules read other objects here.
    files: Vec<Arc<File>>,
    /// (file, object) positions by kind.
    by_kind: std::collections::HashMap<String, Vec<(usize, usize)>>,
    /// HPAs, PDBs and pod templates by what they target or select, built on first use.
    scaling: std::sync::OnceLock<super::scaling::Index>,
    /// Pod templates by label and objects by name, built on first use (after every file
    /// was added).
    run_index: super::run_index::Lazy,
}

/// Another object of the run, as a cross-object rule sees it.
#[derive(Clone, Copy)]
pub struct ObjectRef<'a> {
    pub file: &'a File,
    /// Index of the object in `file.objects`.
    pub index: usize,
    pub object: &'a super::Object,
}

impl<'a> ObjectRef<'a> {
    pub fn doc(&self) -> &'a Document {
        self.file.document(self.object)
    }

    /// The object as JSON (computed on each call; `None` when it has no JSON form).
    pub fn json(&self) -> Option<Value> {
        self.doc().to_json(self.object.root).ok()
    }

    /// The node at `path` (relative to the object), when it exists.
    pub fn node(&self, path: &str) -> Option<NodeId> {
        match FieldPath::parse_owned(path).resolve(self.doc(), self.object.root) {
            (n, true) => Some(self.doc().deref(n)),
            _ => None,
        }
    }

    /// A string map (labels, a selector's `matchLabels`) at `path`.
    pub fn string_map(&self, path: &str) -> BTreeMap<String, String> {
        string_map(self.doc(), self.node(path))
    }

    /// The labels of the pods this object creates (or of the Pod itself); `None` for objects
    /// without a pod template.
    pub fn pod_labels(&self) -> Option<BTreeMap<String, String>> {
        let path = self.object.pod_spec.as_ref()?;
        Some(pod_labels(self.doc(), self.object.root, path))
    }

    /// Where the pod spec is, when this object has one.
    pub fn pod_spec(&self) -> Option<NodeId> {
        let path = self.object.pod_spec.as_ref()?;
        match path.resolve(self.doc(), self.object.root) {
            (n, true) if self.doc().is_map(self.doc().deref(n)) => Some(self.doc().deref(n)),
            _ => None,
        }
    }
}

/// Whether two objects may live in the same namespace: an unset namespace is chosen at apply
/// time (`-n`, the context), so it matches any.
pub fn same_namespace(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b,
        _ => true,
    }
}

fn string_map(doc: &Document, node: Option<NodeId>) -> BTreeMap<String, String> {
    node.map(|n| {
        // Merge keys applied (`labels: {<<: *common, app: web}`), as the API server gets it.
        doc.effective_entries(n)
            .iter()
            .filter_map(|e| Some((doc.str(e.key)?.to_string(), doc.str(e.value)?.to_string())))
            .collect()
    })
    .unwrap_or_default()
}

/// Whether a file may hold something the index wants, from its text alone (cheap enough
/// to run on every file before parsing any).
pub fn may_contribute(text: &str) -> bool {
    text.contains("Service") || text.contains("CustomResourceDefinition")
}

/// How an object is told apart from others of the run: group, kind, namespace, name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ObjectKey {
    pub group: String,
    pub kind: String,
    pub namespace: String,
    pub name: String,
}

impl ObjectKey {
    pub fn of(o: &super::Object) -> Self {
        ObjectKey {
            group: o.group().to_string(),
            kind: o.kind.clone(),
            namespace: o.namespace.clone().unwrap_or_default(),
            name: o.name.clone(),
        }
    }
}

/// An object's previous version: its file (kept whole, for its tree) and its index there.
#[derive(Debug, Clone)]
pub struct OldObject {
    pub file: std::sync::Arc<File>,
    pub index: usize,
}

impl OldObject {
    pub fn object(&self) -> &super::Object {
        &self.file.objects[self.index]
    }
}

impl Workspace {
    /// Records the objects of an old version of the inputs.
    pub fn add_old(&mut self, file: std::sync::Arc<File>) {
        for (index, o) in file.objects.iter().enumerate() {
            self.old.insert(
                ObjectKey::of(o),
                OldObject {
                    file: file.clone(),
                    index,
                },
            );
        }
    }

    /// The previous version of `object`, if the run has one.
    pub fn old_version(&self, object: &super::Object) -> Option<&OldObject> {
        // Most runs check no update: no key to build for every object then.
        if self.old.is_empty() {
            return self.old_single.as_ref();
        }
        self.old
            .get(&ObjectKey::of(object))
            .or(self.old_single.as_ref())
    }

    /// An empty workspace for a run that targets `namespace`.
    pub fn for_namespace(namespace: Option<String>) -> Self {
        Workspace {
            namespace,
            ..Workspace::default()
        }
    }

    /// Adds a linted file: its objects join the index, its Services and CRDs their lists.
    pub fn add_file(&mut self, file: Arc<File>) {
        self.add(&file);
        let f = self.files.len();
        for (i, o) in file.objects.iter().enumerate() {
            self.by_kind.entry(o.kind.clone()).or_default().push((f, i));
        }
        self.files.push(file);
    }

    /// Every object of the run (the linted inputs, not `--crd` or old versions).
    pub fn objects(&self) -> impl Iterator<Item = ObjectRef<'_>> {
        self.files.iter().flat_map(|f| {
            f.objects
                .iter()
                .enumerate()
                .map(move |(index, object)| ObjectRef {
                    file: f,
                    index,
                    object,
                })
        })
    }

    /// The objects of one kind (any group).
    pub fn of_kind<'s>(&'s self, kind: &str) -> impl Iterator<Item = ObjectRef<'s>> + 's {
        self.by_kind
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .map(move |&(f, index)| {
                let file = &*self.files[f];
                ObjectRef {
                    file,
                    index,
                    object: &file.objects[index],
                }
            })
    }

    /// The objects of one kind with their (file, object) positions.
    pub(crate) fn indexed_of_kind<'s>(
        &'s self,
        kind: &str,
    ) -> impl Iterator<Item = ((usize, usize), ObjectRef<'s>)> + 's {
        self.by_kind
            .get(kind)
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter_map(move |&(f, i)| Some(((f, i), self.object_at(f, i)?)))
    }

    /// Every object with its (file, object) position.
    pub(crate) fn indexed(&self) -> impl Iterator<Item = ((usize, usize), ObjectRef<'_>)> {
        self.files.iter().enumerate().flat_map(|(f, file)| {
            file.objects.iter().enumerate().map(move |(index, object)| {
                (
                    (f, index),
                    ObjectRef {
                        file,
                        index,
                        object,
                    },
                )
            })
        })
    }

    /// The object at a (file, object) position.
    pub(crate) fn object_at(&self, f: usize, index: usize) -> Option<ObjectRef<'_>> {
        let file = self.files.get(f)?;
        Some(ObjectRef {
            file,
            index,
            object: file.objects.get(index)?,
        })
    }

    /// Who scales and who protects each workload of the run (see [`super::scaling`]).
    pub fn scaling(&self) -> &super::scaling::Index {
        self.scaling
            .get_or_init(|| super::scaling::Index::build(self))
    }

    /// The object of `kind` named `name` that may be in `namespace` (see [`same_namespace`]).
    pub fn find(&self, kind: &str, namespace: Option<&str>, name: &str) -> Option<ObjectRef<'_>> {
        self.of_kind(kind).find(|o| {
            o.object.name == name && same_namespace(namespace, o.object.namespace.as_deref())
        })
    }

    /// Every object with a pod template (or a Pod), with the labels of its pods.
    pub fn pod_templates(&self) -> impl Iterator<Item = (ObjectRef<'_>, BTreeMap<String, String>)> {
        self.objects()
            .filter_map(|o| o.pod_labels().map(|labels| (o, labels)))
    }

    /// Indexes over every object of the run (pod templates by label, objects by name,
    /// NetworkPolicies by namespace). Built on first use: call only once every file was added.
    pub fn index(&self) -> &super::run_index::RunIndex {
        self.run_index
            .0
            .get_or_init(|| super::run_index::RunIndex::build(self))
    }

    /// Whether an object of the run is the very one `file`/`index` names.
    pub fn is_same(a: &ObjectRef<'_>, file: &File, index: usize) -> bool {
        std::ptr::eq(a.file, file) && a.index == index
    }

    /// Adds what `file` contributes to the Service and CRD lists.
    pub fn add(&mut self, file: &File) {
        self.crds.extend(crd_schemas(file));
        for o in &file.objects {
            if o.kind != "Service" || !o.group().is_empty() {
                continue;
            }
            let doc = file.document(o);
            let (spec, exact) = FieldPath::parse("spec").resolve(doc, o.root);
            if !exact {
                continue;
            }
            let selector = string_map(doc, doc.get(spec, "selector"));
            let target_ports = doc
                .get(spec, "ports")
                .map(|p| {
                    doc.items(p)
                        .iter()
                        .filter_map(|port| {
                            doc.get(*port, "targetPort")
                                .or_else(|| doc.get(*port, "port"))
                                .and_then(|n| doc.str(n))
                                .map(str::to_string)
                        })
                        .collect()
                })
                .unwrap_or_default();
            self.push(ServiceSummary {
                namespace: o.namespace.clone(),
                name: o.name.clone(),
                file: Arc::from(file.source.name.as_str()),
                selector,
                target_ports,
            });
        }
    }

    pub fn merge(&mut self, other: Workspace) {
        for s in other.services {
            self.push(s);
        }
        self.crds.extend(other.crds);
        self.old.extend(other.old);
    }

    fn push(&mut self, s: ServiceSummary) {
        if let Some((k, v)) = s.selector.iter().next() {
            self.by_first_label
                .entry((k.clone(), v.clone()))
                .or_default()
                .push(self.services.len());
        }
        self.services.push(s);
    }

    /// Services in the same namespace (an unset namespace matches any: it is chosen at
    /// apply time) whose non-empty selector is satisfied by `labels`.
    pub fn services_selecting(
        &self,
        namespace: Option<&str>,
        labels: &BTreeMap<String, String>,
    ) -> Vec<&ServiceSummary> {
        let mut candidates: Vec<usize> = labels
            .iter()
            .filter_map(|(k, v)| self.by_first_label.get(&(k.clone(), v.clone())))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .map(|i| &self.services[i])
            .filter(|s| {
                let same_ns = match (namespace, s.namespace.as_deref()) {
                    (Some(a), Some(b)) => a == b,
                    _ => true,
                };
                same_ns
                    && !s.selector.is_empty()
                    && s.selector.iter().all(|(k, v)| labels.get(k) == Some(v))
            })
            .collect()
    }
}

/// The labels of the pods a workload creates (or of the Pod itself), from its pod-spec path.
pub fn pod_labels(doc: &Document, root: NodeId, pod_spec: &FieldPath) -> BTreeMap<String, String> {
    // `metadata.labels` beside the pod spec, found without building its path: asked for
    // several times per workload by the rules and the run's indexes.
    let parent = &pod_spec.0[..pod_spec.0.len().saturating_sub(1)];
    let labels = match FieldPath::resolve_segments(parent, doc, root) {
        (n, true) => doc.get(n, "metadata").and_then(|m| doc.get(m, "labels")),
        _ => None,
    };
    string_map(doc, labels)
}

/// One served version of a custom resource type and its schema.
#[derive(Debug, Clone)]
pub struct CrdSchema {
    pub group: String,
    pub kind: String,
    pub version: String,
    /// Where the CRD was found.
    pub file: String,
    /// `openAPIV3Schema`, or `None` when the CRD gives none (anything goes).
    pub schema: Option<Value>,
}

/// Every CustomResourceDefinition of `file` that [`crd_schemas`] cannot use, with why: it is
/// nested deeper than a schema is read, or it names no `spec.group` or `spec.names.kind`.
pub fn unusable_crds(file: &File) -> Vec<(&super::Object, &'static str)> {
    file.objects
        .iter()
        .filter_map(|o| match crd_json(file, o) {
            Err(why) => Some((o, why)),
            Ok(_) => None,
        })
        .collect()
}

/// The object as JSON when it is a CustomResourceDefinition (`None` when it is not one),
/// or why it cannot be used as one.
fn crd_json(file: &File, o: &super::Object) -> Result<Option<Value>, &'static str> {
    if o.kind != "CustomResourceDefinition" || o.group() != "apiextensions.k8s.io" {
        return Ok(None);
    }
    let json = file
        .document(o)
        .to_json(o.root)
        .map_err(|_| "nested too deeply to read its schema")?;
    if json["spec"]["group"].as_str().is_none() {
        return Err("it has no `spec.group`");
    }
    if json["spec"]["names"]["kind"].as_str().is_none() {
        return Err("it has no `spec.names.kind`");
    }
    Ok(Some(json))
}

/// The schemas of every CRD in `file` (apiextensions.k8s.io v1, and v1beta1's
/// `spec.validation`).
pub fn crd_schemas(file: &File) -> Vec<CrdSchema> {
    let mut out = Vec::new();
    for o in &file.objects {
        let Ok(Some(json)) = crd_json(file, o) else {
            continue;
        };
        let spec = &json["spec"];
        let (Some(group), Some(kind)) = (spec["group"].as_str(), spec["names"]["kind"].as_str())
        else {
            continue;
        };
        let shared = spec["validation"]["openAPIV3Schema"].clone();
        let versions: Vec<&Value> = match spec["versions"].as_array() {
            Some(v) => v.iter().collect(),
            None => Vec::new(),
        };
        let mut push = |version: &str, schema: &Value| {
            out.push(CrdSchema {
                group: group.to_string(),
                kind: kind.to_string(),
                version: version.to_string(),
                file: file.source.name.clone(),
                schema: (!schema.is_null()).then(|| schema.clone()),
            });
        };
        if versions.is_empty() {
            if let Some(v) = spec["version"].as_str() {
                push(v, &shared);
            }
        }
        for v in versions {
            if v["served"] == false {
                continue;
            }
            let Some(name) = v["name"].as_str() else {
                continue;
            };
            let schema = &v["schema"]["openAPIV3Schema"];
            push(name, if schema.is_null() { &shared } else { schema });
        }
    }
    out
}
