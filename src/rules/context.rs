//! What a rule sees: the file, one object, or one pod spec, with helpers that turn relative
//! field paths into diagnostic targets; and the sink diagnostics go into.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use k8s_openapi::api::core::v1::PodSpec;
use serde_json::Value;

use crate::diagnostic::{Diagnostic, Level, Target};
use crate::model::{File, Object, Workspace};
use crate::yaml::{Document, FieldPath, NodeId, Segment};

pub use crate::model::{Version, NEWEST};

pub struct FileCx<'a> {
    pub file: &'a File,
    pub version: Version,
    pub workspace: &'a Workspace,
}

pub struct ObjectCx<'a> {
    pub file: &'a File,
    /// Index of the object in `file.objects`.
    pub index: usize,
    pub object: &'a Object,
    pub doc: &'a Document,
    /// The targeted Kubernetes version.
    pub version: Version,
    /// The other objects of the run, as far as the index keeps them.
    pub workspace: &'a Workspace,
    json: OnceLock<Option<Value>>,
    schema: OnceLock<crate::schema::SchemaCheck>,
    pod_labels: OnceLock<Option<BTreeMap<String, String>>>,
}

/// The labels of a pod template without labels.
static NO_LABELS: BTreeMap<String, String> = BTreeMap::new();

impl<'a> ObjectCx<'a> {
    pub fn new(file: &'a File, index: usize, version: Version, workspace: &'a Workspace) -> Self {
        let object = &file.objects[index];
        ObjectCx {
            file,
            index,
            object,
            doc: file.document(object),
            version,
            workspace,
            json: OnceLock::new(),
            schema: OnceLock::new(),
            pod_labels: OnceLock::new(),
        }
    }

    /// The labels of the pods this object creates (or of the Pod itself; `None` for objects
    /// without a pod template), read once and shared by the rules that ask.
    pub fn pod_labels(&self) -> Option<&BTreeMap<String, String>> {
        self.pod_labels
            .get_or_init(|| self.object_ref().pod_labels())
            .as_ref()
    }

    /// Each schema violation of the object, with whether it is a custom resource (whose
    /// errors the API server words differently).
    pub fn schema_violations(&self) -> impl Iterator<Item = (&crate::schema::Violation, bool)> {
        let check = self.schema();
        let custom = check.crd != crate::schema::CrdState::NotCustom;
        check.violations.iter().map(move |v| (v, custom))
    }

    /// The object against its schema for the targeted version, computed once and shared by
    /// every schema rule.
    pub fn schema(&self) -> &crate::schema::SchemaCheck {
        self.schema.get_or_init(|| {
            crate::schema::check_object(self.doc, self.object, self.version, &self.workspace.crds)
        })
    }

    /// A setting of `rule` (declared in its catalog entry's `options:`): the config file's
    /// value or the default. `None` only when the run was set up without options.
    pub fn option(&self, rule: &str, name: &str) -> Option<&Value> {
        self.workspace.options.get(rule)?.get(name)
    }

    /// This object as a workspace reference, to compare with other objects of the run.
    pub fn object_ref(&self) -> crate::model::ObjectRef<'a> {
        crate::model::ObjectRef {
            file: self.file,
            index: self.index,
            object: self.object,
        }
    }

    /// A target at `path`, relative to the object.
    pub fn at(&self, path: FieldPath) -> Target {
        Target::Field {
            doc: self.object.document,
            object: Some(self.index),
            path,
        }
    }

    /// A target at the key of the field at `path` (relative to the object).
    pub fn at_key(&self, path: FieldPath) -> Target {
        Target::Key {
            doc: self.object.document,
            object: Some(self.index),
            path,
        }
    }

    /// The node at `path` if it exists.
    pub fn node(&self, path: &FieldPath) -> Option<NodeId> {
        match path.resolve(self.doc, self.object.root) {
            (n, true) => Some(n),
            _ => None,
        }
    }

    /// The node at the object keys `keys` (looked up as the JSON view would: the last of
    /// repeated keys, merge keys, aliases), without building a path.
    pub fn field(&self, keys: &[&str]) -> Option<NodeId> {
        keys.iter()
            .try_fold(self.object.root, |at, k| self.doc.get(at, k))
    }

    /// The JSON view of the field at `keys` alone (`Null` when the object lacks it), converted
    /// on its own: for a rule that reads a few fields, much cheaper than [`json`](Self::json)
    /// of the whole object, with the same values. `None` when it is too deep to convert.
    pub fn field_json(&self, keys: &[&str]) -> Option<Value> {
        match self.field(keys) {
            Some(n) => self.doc.to_json(n).ok(),
            None => Some(Value::Null),
        }
    }

    /// The object as JSON, computed once.
    pub fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| self.doc.to_json(self.object.root).ok())
            .as_ref()
    }
}

/// A container of a pod spec.
#[derive(Debug, Clone)]
pub struct ContainerRef<'a> {
    /// Relative to the object: `spec.template.spec.containers[0]`.
    pub path: FieldPath,
    pub node: NodeId,
    pub name: &'a str,
    pub init: bool,
}

pub struct PodCx<'a> {
    pub object: &'a ObjectCx<'a>,
    /// The pod spec, relative to the object.
    pub path: &'a FieldPath,
    pub node: NodeId,
    json: OnceLock<Option<Cow<'a, Value>>>,
    typed: OnceLock<Option<PodSpec>>,
    containers: OnceLock<Vec<ContainerRef<'a>>>,
}

impl<'a> PodCx<'a> {
    pub fn new(object: &'a ObjectCx<'a>, path: &'a FieldPath, node: NodeId) -> Self {
        PodCx {
            object,
            path,
            node,
            json: OnceLock::new(),
            typed: OnceLock::new(),
            containers: OnceLock::new(),
        }
    }

    pub fn doc(&self) -> &'a Document {
        self.object.doc
    }

    /// The labels of these pods (those of the template around the spec), read once per
    /// object.
    pub fn labels(&self) -> &'a BTreeMap<String, String> {
        self.object.pod_labels().unwrap_or(&NO_LABELS)
    }

    /// A target at `rel`, relative to the pod spec.
    pub fn at(&self, rel: &FieldPath) -> Target {
        self.object.at(self.path.join(rel))
    }

    /// The pod spec as JSON, computed once: the part of the object's JSON at its path when a
    /// rule already built that, or else the pod spec's node converted on its own (the same
    /// value: the path resolves as the JSON view looks keys up).
    pub fn json(&self) -> Option<&Value> {
        self.json
            .get_or_init(|| match self.object.json.get() {
                Some(object) => {
                    let mut v = object.as_ref()?;
                    for seg in &self.path.0 {
                        v = match seg {
                            Segment::Field(k) | Segment::Key(k) => v.get(&**k)?,
                            Segment::Index(i) => v.get(*i)?,
                        };
                    }
                    Some(Cow::Borrowed(v))
                }
                None => self.doc().to_json(self.node).ok().map(Cow::Owned),
            })
            .as_deref()
    }

    /// The typed k8s-openapi view; `None` when the spec does not even have the right types
    /// (which the schema rules report).
    pub fn spec(&self) -> Option<&PodSpec> {
        self.typed
            .get_or_init(|| {
                self.json()
                    .and_then(|v| serde::Deserialize::deserialize(v).ok())
            })
            .as_ref()
    }

    /// Init containers then containers, in pod order (found once; most pod rules ask).
    pub fn containers(&self) -> &[ContainerRef<'a>] {
        self.containers.get_or_init(|| self.find_containers())
    }

    fn find_containers(&self) -> Vec<ContainerRef<'a>> {
        let doc = self.doc();
        let mut out = Vec::new();
        for (field, init) in [("initContainers", true), ("containers", false)] {
            let Some(list) = doc.get(self.node, field) else {
                continue;
            };
            for (i, c) in doc.items(list).iter().enumerate() {
                let node = doc.deref(*c);
                if !doc.is_map(node) {
                    continue;
                }
                out.push(ContainerRef {
                    path: self.path.clone().field(field).index(i),
                    node,
                    name: doc.get_str(node, "name").unwrap_or(""),
                    init,
                });
            }
        }
        out
    }
}

/// Collects one rule's diagnostics, stamping them with its id and configured level.
///
/// It borrows the id and counts a reference only when a diagnostic is made: switching rules
/// (about 90 times per object) then costs no atomic operation on an id shared by all threads.
pub struct Sink<'r> {
    rule: &'r Arc<str>,
    level: Level,
    pub(crate) out: Vec<Diagnostic>,
}

impl<'r> Sink<'r> {
    pub(crate) fn new(rule: &'r Arc<str>, level: Level) -> Self {
        Sink {
            rule,
            level,
            out: Vec::new(),
        }
    }

    pub(crate) fn retarget(&mut self, rule: &'r Arc<str>, level: Level) {
        self.rule = rule;
        self.level = level;
    }

    pub fn emit(&mut self, mut d: Diagnostic) {
        d.rule = self.rule.clone();
        d.level = self.level;
        self.out.push(d);
    }
}

/// An object and its previous version, for rules about updates. Targets point into the NEW
/// object; the old one is there to compare with (quote its values in messages).
pub struct UpdateCx<'a> {
    pub new: &'a ObjectCx<'a>,
    pub old_file: &'a File,
    pub old: &'a Object,
    pub old_doc: &'a Document,
    old_json: OnceLock<Option<Value>>,
    new_defaulted: OnceLock<Option<Value>>,
    old_defaulted: OnceLock<Option<Value>>,
}

impl<'a> UpdateCx<'a> {
    pub fn new(new: &'a ObjectCx<'a>, old_file: &'a File, old_index: usize) -> Self {
        let old = &old_file.objects[old_index];
        UpdateCx {
            new,
            old_file,
            old,
            old_doc: old_file.document(old),
            old_json: OnceLock::new(),
            new_defaulted: OnceLock::new(),
            old_defaulted: OnceLock::new(),
        }
    }

    /// A target at `path` in the NEW object.
    pub fn at(&self, path: FieldPath) -> Target {
        self.new.at(path)
    }

    pub fn old_json(&self) -> Option<&Value> {
        self.old_json
            .get_or_init(|| self.old_doc.to_json(self.old.root).ok())
            .as_ref()
    }

    /// Both sides as the API server stores them (defaults applied), as `kubectl apply` sees
    /// the change.
    pub fn new_defaulted(&self) -> Option<&Value> {
        self.new_defaulted
            .get_or_init(|| {
                self.new
                    .json()
                    .map(|v| crate::analysis::defaults::defaulted(v, self.new.version))
            })
            .as_ref()
    }

    pub fn old_defaulted(&self) -> Option<&Value> {
        self.old_defaulted
            .get_or_init(|| {
                self.old_json()
                    .map(|v| crate::analysis::defaults::defaulted(v, self.new.version))
            })
            .as_ref()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load;
    use crate::source::from_bytes;
    use crate::yaml::Limits;

    #[test]
    fn field_json_and_the_pod_spec_json_agree_with_the_whole_objects_json() {
        // Duplicate keys (the last wins), merge keys, aliases, YAML 1.1 scalars.
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\n\
            base: &b {minReadySeconds: 5, strategy: {type: Recreate}}\n\
            spec:\n  <<: *b\n  minReadySeconds: '7'\n  minReadySeconds: 0x10\n\
            \x20 template:\n    spec: &p {containers: [{name: c, image: 'i:1'}], hostNetwork: yes}\n";
        let file = load(from_bytes("t".into(), text.into()), Limits::default());
        assert!(file.error.is_none(), "{:?}", file.error);
        let ws = Workspace::default();
        let whole = ObjectCx::new(&file, 0, NEWEST, &ws)
            .json()
            .cloned()
            .unwrap();
        let ocx = ObjectCx::new(&file, 0, NEWEST, &ws);
        for keys in [
            &["spec", "minReadySeconds"][..],
            &["spec", "strategy"],
            &["spec", "nothing"],
            &["spec", "template", "spec", "hostNetwork"],
        ] {
            let mut want = &whole;
            for k in keys {
                want = &want[*k];
            }
            assert_eq!(ocx.field_json(keys).as_ref(), Some(want), "{keys:?}");
        }
        let path = ocx.object.pod_spec.clone().unwrap();
        let node = ocx.node(&path).unwrap();
        let pcx = PodCx::new(&ocx, &path, ocx.doc.deref(node));
        assert_eq!(pcx.json(), Some(&whole["spec"]["template"]["spec"]));
    }

    #[test]
    fn every_workload_kind_gets_a_typed_pod_spec() {
        let pod = "spec: {containers: [{name: c, image: 'img:1', env: [{name: A, value: x}]}]}";
        let template = format!("template: {{metadata: {{labels: {{a: b}}}}, {pod}}}");
        let kinds = [
            ("v1", "Pod", pod.to_string()),
            ("v1", "PodTemplate", template.clone()),
            (
                "v1",
                "ReplicationController",
                format!("spec: {{{template}}}"),
            ),
            ("apps/v1", "Deployment", format!("spec: {{{template}}}")),
            ("apps/v1", "ReplicaSet", format!("spec: {{{template}}}")),
            ("apps/v1", "StatefulSet", format!("spec: {{{template}}}")),
            ("apps/v1", "DaemonSet", format!("spec: {{{template}}}")),
            ("batch/v1", "Job", format!("spec: {{{template}}}")),
            (
                "batch/v1",
                "CronJob",
                format!("spec: {{jobTemplate: {{spec: {{{template}}}}}}}"),
            ),
        ];
        for (api, kind, body) in kinds {
            let text = format!("apiVersion: {api}\nkind: {kind}\nmetadata: {{name: x}}\n{body}\n");
            let file = load(from_bytes("t".into(), text.into_bytes()), Limits::default());
            assert!(file.error.is_none(), "{kind}: {:?}", file.error);
            let ws = Workspace::default();
            let ocx = ObjectCx::new(&file, 0, NEWEST, &ws);
            let path = ocx.object.pod_spec.clone().expect(kind);
            let node = ocx.node(&path).expect(kind);
            let pcx = PodCx::new(&ocx, &path, node);
            let spec = pcx.spec().expect(kind);
            assert_eq!(spec.containers[0].image.as_deref(), Some("img:1"), "{kind}");
            assert_eq!(
                pcx.containers()[0].path.to_string(),
                format!("{path}.containers[0]")
            );
        }
    }
}
