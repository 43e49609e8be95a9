//! `too-few-replicas`: a Deployment, StatefulSet, ReplicaSet or ReplicationController that
//! runs fewer replicas than the `minimum` option (default 2), so one node drain, eviction or
//! crash takes the whole workload down. Not reported when an HPA of the run scales it (the
//! HPA's `minReplicas` is what counts, see `hpa-min-replicas-too-low`), for `replicas: 0`
//! (scaled down on purpose), or for objects owned by another (a Deployment's ReplicaSets).
//! source: pkg/apis/apps/v1/defaults.go SetDefaults_Deployment (replicas defaults to 1)

use crate::diagnostic::Diagnostic;
use crate::model::scaling::int;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: TooFewReplicas = TooFewReplicas;

pub(super) struct TooFewReplicas;

const ID: &str = "too-few-replicas";

/// Whether `kind` of `group` is a replicated workload with `spec.replicas`.
pub(super) fn replicated(group: &str, kind: &str) -> bool {
    matches!(
        (group, kind),
        ("apps" | "extensions", "Deployment" | "ReplicaSet")
            | ("apps", "StatefulSet")
            | ("", "ReplicationController")
    )
}

impl Rule for TooFewReplicas {
    fn id(&self) -> &str {
        ID
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if !replicated(o.group(), &o.kind) {
            return;
        }
        let doc = cx.doc;
        let owned = cx
            .field(&["metadata", "ownerReferences"])
            .is_some_and(|n| !doc.items(n).is_empty());
        if owned {
            return;
        }
        let minimum = cx
            .option(ID, "minimum")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(2);
        let replicas_node = cx.field(&["spec", "replicas"]);
        let replicas = match replicas_node {
            Some(n) => match int(doc, Some(n)) {
                Some(r) => r,
                // Templated or mistyped: the schema rules say so.
                None => return,
            },
            None => 1,
        };
        if replicas == 0 || replicas >= minimum {
            return;
        }
        if cx.workspace.scaling().hpas_targeting(o).next().is_some() {
            return;
        }
        let message = if replicas_node.is_some() {
            format!("{} `{}` runs {}, fewer than {minimum}", o.kind, o.name, super::count(replicas, "replica"))
        } else {
            format!(
                "{} `{}` sets no `replicas`, so it runs 1, fewer than {minimum}",
                o.kind, o.name
            )
        };
        out.emit(
            Diagnostic::new(message, cx.at(FieldPath::parse("spec.replicas")))
                .label("one disruption takes every replica down")
                .help(format!("run at least {minimum} replicas, or let an HPA scale it")),
        );
    }
}
