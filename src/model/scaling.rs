//! Who scales and who protects a workload: the HorizontalPodAutoscalers of the run by the
//! object they target, and the PodDisruptionBudgets of the run; the pod templates a PDB
//! selects are looked up in the run's pod-template index ([`super::run_index`]). Built once
//! per run, on first use, so that a rule asking "which HPA targets me?" or "which PDB selects
//! my pods?" for every object costs a lookup, not a scan.

use std::collections::{BTreeMap, HashMap};

use super::selector;
use super::workspace::{same_namespace, ObjectRef, Workspace};
use crate::yaml::{Document, NodeId, Resolved};

/// A HorizontalPodAutoscaler (any version) as far as its target and bounds go.
#[derive(Debug, Clone)]
pub struct Hpa {
    /// (file, object) in the workspace.
    pub at: (usize, usize),
    pub namespace: Option<String>,
    pub name: String,
    pub target_kind: String,
    pub target_name: String,
    /// `spec.minReplicas`, 1 when unset. source: pkg/apis/autoscaling/v2/defaults.go
    /// SetDefaults_HorizontalPodAutoscaler
    pub min_replicas: i64,
    pub max_replicas: Option<i64>,
}

/// The per-run index (see the module docs).
#[derive(Debug, Default, Clone)]
pub struct Index {
    hpa_by_target: HashMap<(String, String), Vec<Hpa>>,
    /// PodDisruptionBudgets by the labels of which a pod must carry one ([`required_one_of`]).
    pdb_by_label: HashMap<(String, String), Vec<(usize, usize)>>,
    /// PodDisruptionBudgets whose selector requires no particular label value (`Exists`,
    /// `NotIn`, empty): checked one by one.
    pdb_other: Vec<(usize, usize)>,
    /// The namespaces of the objects of the run by (kind, name), for the kinds HPAs target.
    targets: HashMap<(String, String), Vec<Option<String>>>,
}

/// An integer field, when it is written as one.
pub fn int(doc: &Document, node: Option<NodeId>) -> Option<i64> {
    match doc.scalar(node?)?.resolve() {
        Resolved::Int(n) => Some(n),
        _ => None,
    }
}

/// Whether `labels` satisfy the `selector` mapping (`matchLabels`, `matchExpressions`); an
/// empty or malformed selector matches nothing here (policy/v1 PDBs with `{}` select every
/// pod of the namespace, which callers handle themselves).
pub fn selects(doc: &Document, selector: NodeId, labels: &BTreeMap<String, String>) -> bool {
    if is_empty(doc, selector) {
        return false;
    }
    let ml = doc.get(selector, "matchLabels");
    let me = doc.get(selector, "matchExpressions");
    let lookup = |k: &str| labels.get(k).cloned();
    selector::unmet_requirements(doc, &lookup, ml, me).is_some_and(|u| u.is_empty())
}

/// Labels of which a pod must carry at least one for `selector` to select it, to look
/// selectors up by: the first `matchLabels` entry, else the `key=value` pairs of the first
/// `In` expression; `None` when the selector requires no particular label value (only
/// `Exists`, `NotIn`, `DoesNotExist`, or nothing), and then every pod is a candidate.
pub fn required_one_of(doc: &Document, selector: NodeId) -> Option<Vec<(String, String)>> {
    let first = doc
        .get(selector, "matchLabels")
        .and_then(|ml| doc.entries(ml).first().copied())
        .and_then(|e| Some((doc.str(e.key)?.to_string(), doc.str(e.value)?.to_string())));
    if let Some(pair) = first {
        return Some(vec![pair]);
    }
    let me = doc.get(selector, "matchExpressions")?;
    let item = doc
        .items(me)
        .iter()
        .find(|i| doc.get_str(**i, "operator") == Some("In"))?;
    let key = doc.get_str(*item, "key")?;
    // The values as `selects` reads them: the string ones.
    Some(
        doc.get(*item, "values")
            .map(|v| {
                doc.items(v)
                    .iter()
                    .filter_map(|n| Some((key.to_string(), doc.str(*n)?.to_string())))
                    .collect()
            })
            .unwrap_or_default(),
    )
}

/// Whether a selector mapping has neither `matchLabels` nor `matchExpressions` entries.
pub fn is_empty(doc: &Document, selector: NodeId) -> bool {
    doc.get(selector, "matchLabels")
        .is_none_or(|n| doc.entries(n).is_empty())
        && doc
            .get(selector, "matchExpressions")
            .is_none_or(|n| doc.items(n).is_empty())
}

impl Index {
    pub fn build(ws: &Workspace) -> Index {
        let mut ix = Index::default();
        for (at, o) in ws.indexed_of_kind("HorizontalPodAutoscaler") {
            if o.object.group() != "autoscaling" {
                continue;
            }
            let doc = o.doc();
            let Some(spec) = o.node("spec") else { continue };
            let Some(target) = doc.get(spec, "scaleTargetRef") else {
                continue;
            };
            let (Some(kind), Some(name)) =
                (doc.get_str(target, "kind"), doc.get_str(target, "name"))
            else {
                continue;
            };
            let hpa = Hpa {
                at,
                namespace: o.object.namespace.clone(),
                name: o.object.name.clone(),
                target_kind: kind.to_string(),
                target_name: name.to_string(),
                min_replicas: int(doc, doc.get(spec, "minReplicas")).unwrap_or(1),
                max_replicas: int(doc, doc.get(spec, "maxReplicas")),
            };
            ix.hpa_by_target
                .entry((hpa.target_kind.clone(), hpa.target_name.clone()))
                .or_default()
                .push(hpa);
        }
        for (at, o) in ws.indexed_of_kind("PodDisruptionBudget") {
            if o.object.group() != "policy" {
                continue;
            }
            let keys = o
                .node("spec.selector")
                .and_then(|s| required_one_of(o.doc(), s));
            match keys {
                Some(keys) => {
                    for k in keys {
                        ix.pdb_by_label.entry(k).or_default().push(at);
                    }
                }
                None => ix.pdb_other.push(at),
            }
        }
        let kinds: std::collections::HashSet<&str> =
            ix.hpa_by_target.keys().map(|(k, _)| k.as_str()).collect();
        let mut targets: HashMap<(String, String), Vec<Option<String>>> = HashMap::new();
        for kind in kinds {
            for o in ws.of_kind(kind) {
                targets
                    .entry((kind.to_string(), o.object.name.clone()))
                    .or_default()
                    .push(o.object.namespace.clone());
            }
        }
        ix.targets = targets;
        ix
    }

    /// The HPAs of the run that target `object` (same kind, name and namespace).
    pub fn hpas_targeting<'s>(
        &'s self,
        object: &super::Object,
    ) -> impl Iterator<Item = &'s Hpa> + 's {
        let ns = object.namespace.clone();
        self.hpa_by_target
            .get(&(object.kind.clone(), object.name.clone()))
            .map(Vec::as_slice)
            .unwrap_or_default()
            .iter()
            .filter(move |h| same_namespace(h.namespace.as_deref(), ns.as_deref()))
    }

    /// Whether the run holds the object an HPA in `namespace` targets.
    pub fn target_exists(&self, hpa_namespace: Option<&str>, kind: &str, name: &str) -> bool {
        self.targets
            .get(&(kind.to_string(), name.to_string()))
            .is_some_and(|v| {
                v.iter()
                    .any(|ns| same_namespace(hpa_namespace, ns.as_deref()))
            })
    }

    /// Whether the run has any HPA at all.
    pub fn has_hpas(&self) -> bool {
        !self.hpa_by_target.is_empty()
    }

    /// The PodDisruptionBudgets of the run whose selector matches pods with `labels` in
    /// `namespace`.
    pub fn pdbs_selecting<'w>(
        &self,
        ws: &'w Workspace,
        namespace: Option<&str>,
        labels: &BTreeMap<String, String>,
    ) -> Vec<ObjectRef<'w>> {
        let mut candidates: Vec<(usize, usize)> = labels
            .iter()
            .filter_map(|(k, v)| self.pdb_by_label.get(&(k.clone(), v.clone())))
            .flatten()
            .chain(&self.pdb_other)
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|(f, i)| ws.object_at(f, i))
            .filter(|p| same_namespace(namespace, p.object.namespace.as_deref()))
            .filter(|p| {
                let doc = p.doc();
                // source: pkg/apis/policy/v1 types.go PodDisruptionBudgetSpec.Selector (in
                // policy/v1 an empty selector selects every pod of the namespace)
                p.node("spec.selector").is_some_and(|s| {
                    selects(doc, s, labels)
                        || (p.object.api_version == "policy/v1" && is_empty(doc, s))
                })
            })
            .collect()
    }

    /// The objects of the run with a pod template (custom resources not included) whose pods
    /// the selector at `selector` (in `doc`, of an object in `namespace`) selects, in the
    /// order of the run.
    pub fn templates_selected<'w>(
        &self,
        ws: &'w Workspace,
        doc: &Document,
        selector: NodeId,
        namespace: Option<&str>,
    ) -> Vec<ObjectRef<'w>> {
        let pods = ws.index().pods();
        let candidates: Vec<usize> = match required_one_of(doc, selector) {
            Some(keys) => {
                let mut c: Vec<usize> = keys
                    .iter()
                    .flat_map(|k| ws.index().pods_labelled(k))
                    .copied()
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            }
            None => (0..pods.len()).collect(),
        };
        candidates
            .into_iter()
            .filter_map(|i| {
                let pod = &pods[i];
                if pod.custom {
                    return None;
                }
                let obj = pod.object(ws)?;
                (same_namespace(namespace, obj.object.namespace.as_deref())
                    && selects(doc, selector, &pod.labels))
                .then_some(obj)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::load;
    use crate::source::from_bytes;
    use crate::yaml::Limits;

    fn workspace(text: &str) -> Workspace {
        let file = load(
            from_bytes("t.yaml".into(), text.as_bytes().to_vec()),
            Limits::default(),
        );
        assert!(file.error.is_none(), "{:?}", file.error);
        let mut ws = Workspace::default();
        ws.add_file(Arc::new(file));
        ws
    }

    const RUN: &str = "
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web, tier: front}}
    spec: {containers: [{name: web, image: 'web:1'}]}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata: {name: web, namespace: shop}
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  maxReplicas: 4
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: by-expression, namespace: shop}
spec:
  maxUnavailable: 1
  selector:
    matchExpressions: [{key: tier, operator: In, values: [front]}]
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: elsewhere, namespace: other}
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: by-existence, namespace: shop}
spec:
  maxUnavailable: 1
  selector:
    matchExpressions: [{key: tier, operator: Exists}, {key: app, operator: NotIn, values: [db]}]
";

    #[test]
    fn finds_who_scales_and_who_protects_a_workload() {
        let ws = workspace(RUN);
        let ix = ws.scaling();
        let web = ws.of_kind("Deployment").next().unwrap();
        let hpas: Vec<&Hpa> = ix.hpas_targeting(web.object).collect();
        assert_eq!(hpas.len(), 1);
        // minReplicas defaults to 1.
        assert_eq!((hpas[0].min_replicas, hpas[0].max_replicas), (1, Some(4)));
        let labels = web.pod_labels().unwrap();
        let pdbs: Vec<String> = ix
            .pdbs_selecting(&ws, Some("shop"), &labels)
            .iter()
            .map(|p| p.object.name.clone())
            .collect();
        // The budget with an `In` expression is found through its values, the one with only
        // `Exists` and `NotIn` one by one; the other namespace's budget is not.
        assert_eq!(pdbs, ["by-expression", "by-existence"]);
        for pdb in ws
            .of_kind("PodDisruptionBudget")
            .filter(|p| p.object.name != "elsewhere")
        {
            let selector = pdb.node("spec.selector").unwrap();
            let selected = ix.templates_selected(&ws, pdb.doc(), selector, Some("shop"));
            assert_eq!(selected.len(), 1, "{}", pdb.object.name);
            assert!(ix
                .templates_selected(&ws, pdb.doc(), selector, Some("other"))
                .is_empty());
        }
        // What a selector is looked up by.
        let pdb = ws.of_kind("PodDisruptionBudget").next().unwrap();
        let selector = pdb.node("spec.selector").unwrap();
        assert_eq!(
            required_one_of(pdb.doc(), selector),
            Some(vec![("tier".to_string(), "front".to_string())])
        );
    }
}
