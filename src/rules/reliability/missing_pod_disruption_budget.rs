//! `missing-pod-disruption-budget`: a Deployment or StatefulSet that runs several replicas
//! and whose pods no PodDisruptionBudget of the run selects. A node drain or cluster
//! upgrade may then evict every replica at once. Single-replica workloads are left out (a
//! budget can only block their drain), and so are Jobs and CronJobs.
//! source: pkg/registry/core/pod/storage/eviction.go (evictions without a matching PDB
//! are always allowed)

use crate::diagnostic::Diagnostic;
use crate::model::scaling::int;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: MissingPodDisruptionBudget = MissingPodDisruptionBudget;

pub(super) struct MissingPodDisruptionBudget;

impl Rule for MissingPodDisruptionBudget {
    fn id(&self) -> &str {
        "missing-pod-disruption-budget"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        let workload = matches!(
            (o.group(), o.kind.as_str()),
            ("apps" | "extensions", "Deployment") | ("apps", "StatefulSet")
        );
        if !workload {
            return;
        }
        let ws = cx.workspace;
        let scaling = ws.scaling();
        let replicas = match cx.field(&["spec", "replicas"]) {
            Some(n) => int(cx.doc, Some(n)),
            None => Some(1),
        };
        let hpa_max = scaling
            .hpas_targeting(o)
            .filter_map(|h| h.max_replicas)
            .max();
        let many = replicas.is_some_and(|r| r >= 2) || hpa_max.is_some_and(|m| m >= 2);
        if !many {
            return;
        }
        let Some(labels) = cx.pod_labels() else {
            return;
        };
        if labels.is_empty() {
            return;
        }
        if !scaling
            .pdbs_selecting(ws, o.namespace.as_deref(), labels)
            .is_empty()
        {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!(
                    "{} `{}` runs several replicas but no PodDisruptionBudget selects its pods",
                    o.kind, o.name
                ),
                cx.at(FieldPath::parse("kind")),
            )
            .label("no disruption budget")
            .help("add a PodDisruptionBudget with `maxUnavailable: 1` selecting the pod labels"),
        );
    }
}
