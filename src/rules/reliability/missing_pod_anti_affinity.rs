//! `missing-pod-anti-affinity`: a controller with several replicas and nothing that keeps
//! them off the same node, so one node failure takes them all.
//! source: pkg/scheduler/framework/plugins/interpodaffinity (anti-affinity terms),
//! pkg/scheduler/framework/plugins/podtopologyspread (spread constraints)


use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::{Document, FieldPath, NodeId};

use super::spread::{controller_labels, replicas, selects};

pub(super) static RULE: MissingPodAntiAffinity = MissingPodAntiAffinity;

pub(super) struct MissingPodAntiAffinity;

const ID: &str = "missing-pod-anti-affinity";

/// Keys whose domains are nodes or groups of nodes: pods kept apart over a zone are also on
/// different nodes.
const DEFAULT_KEYS: [&str; 4] = [
    "kubernetes.io/hostname",
    "topology.kubernetes.io/zone",
    "topology.kubernetes.io/region",
    "failure-domain.beta.kubernetes.io/zone",
];

fn diagnostic(cx: &PodCx<'_>, at: &FieldPath, count: i64, why: &str, replicas_node: bool) -> Diagnostic {
    let kind = &cx.object.object.kind;
    let mut d = Diagnostic::new(
        format!("{kind} `{}` runs {count} replicas but nothing keeps them off the same node", cx.object.object.name),
        cx.at(at),
    )
    .label(why.to_string())
    .help(
        "add a `podAntiAffinity` term (preferred is enough) or a `topologySpreadConstraints` entry \
         over `kubernetes.io/hostname` whose selector matches these pods' labels",
    );
    if replicas_node {
        d = d.related(cx.object.at(FieldPath::parse("spec.replicas")), "replicas set here");
    }
    d
}

/// The namespace an affinity term looks in includes the pod's own.
fn own_namespace(doc: &Document, term: NodeId, own: Option<&str>) -> bool {
    let listed: Vec<&str> = doc
        .get(term, "namespaces")
        .map(|n| doc.items(n).iter().filter_map(|i| doc.str(*i)).collect())
        .unwrap_or_default();
    listed.is_empty() || own.is_none_or(|ns| listed.contains(&ns))
}

impl Rule for MissingPodAntiAffinity {
    fn id(&self) -> &str {
        ID
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let ocx = cx.object;
        let Some((count, replicas_node)) = replicas(ocx) else {
            return;
        };
        let min = ocx
            .option(ID, "min-replicas")
            .and_then(Value::as_i64)
            .unwrap_or(2);
        if count < min.max(2) {
            return;
        }
        let keys: Vec<&str> = match ocx.option(ID, "topology-keys").and_then(Value::as_array) {
            Some(list) => list.iter().filter_map(Value::as_str).collect(),
            None => DEFAULT_KEYS.to_vec(),
        };
        let doc = cx.doc();
        let labels = cx.labels();
        let own_ns = ocx.object.namespace.as_deref();
        let auto = controller_labels(&ocx.object.kind);
        let spreads = |term: NodeId| {
            doc.get_str(term, "topologyKey")
                .is_some_and(|k| keys.contains(&k))
                && selects(doc, doc.get(term, "labelSelector"), labels, auto)
        };

        // A spread constraint over one of the keys does the same job (kube-linter #894).
        if let Some(tsc) = doc.get(cx.node, "topologySpreadConstraints") {
            if doc.items(tsc).iter().any(|t| spreads(doc.deref(*t))) {
                return;
            }
        }
        let anti = FieldPath::parse("affinity.podAntiAffinity");
        let (anti_node, found) = anti.resolve(doc, cx.node);
        if !found {
            out.emit(diagnostic(cx, &anti, count, "no `podAntiAffinity` here", replicas_node.is_some()));
            return;
        }
        let anti_node = doc.deref(anti_node);
        let mut terms: Vec<(NodeId, FieldPath)> = Vec::new();
        let required = "requiredDuringSchedulingIgnoredDuringExecution";
        if let Some(req) = doc.get(anti_node, required) {
            terms.extend(
                doc.items(req)
                    .iter()
                    .enumerate()
                    .map(|(i, t)| (doc.deref(*t), anti.clone().field(required).index(i))),
            );
        }
        let preferred = "preferredDuringSchedulingIgnoredDuringExecution";
        if let Some(pref) = doc.get(anti_node, preferred) {
            terms.extend(doc.items(pref).iter().enumerate().filter_map(|(i, t)| {
                let term = doc.get(doc.deref(*t), "podAffinityTerm")?;
                let at = anti.clone().field(preferred).index(i).field("podAffinityTerm");
                Some((doc.deref(term), at))
            }));
        }
        if terms.iter().any(|(t, _)| spreads(*t) && own_namespace(doc, *t, own_ns)) {
            return;
        }
        // One term: the finding sits on what is wrong with it (its key, its selector or its
        // namespaces); several: on `podAntiAffinity`.
        let at = match terms.as_slice() {
            [(t, at)] => {
                let key_ok = doc
                    .get_str(*t, "topologyKey")
                    .is_some_and(|k| keys.contains(&k));
                if !key_ok {
                    at.clone().field("topologyKey")
                } else if !selects(doc, doc.get(*t, "labelSelector"), labels, auto) {
                    at.clone().field("labelSelector")
                } else {
                    at.clone().field("namespaces")
                }
            }
            _ => anti,
        };
        out.emit(diagnostic(
            cx,
            &at,
            count,
            "no term over a node topology key that selects these pods",
            replicas_node.is_some(),
        ));
    }
}
