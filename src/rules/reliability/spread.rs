//! What the anti-affinity and topology-spread rules share: how many replicas a controller
//! asks for, and whether a label selector of its pod template selects the template's own pods.

use std::collections::BTreeMap;

use crate::model::selector::{unmet_requirements, Unmet};
use crate::rules::ObjectCx;
use crate::yaml::{Document, NodeId, Resolved};

/// The replica count of a controller that runs several interchangeable pods (Deployment,
/// ReplicaSet, StatefulSet, ReplicationController), with the `replicas` node when written;
/// unset means 1 (the API server's default). `None` for other kinds, and for a count that is
/// not an integer (the schema rules report it).
pub(super) fn replicas(cx: &ObjectCx<'_>) -> Option<(i64, Option<NodeId>)> {
    let o = cx.object;
    let replicated = matches!(
        (o.group(), o.kind.as_str()),
        ("apps" | "extensions", "Deployment" | "ReplicaSet")
            | ("apps", "StatefulSet")
            | ("", "ReplicationController")
    );
    if !replicated {
        return None;
    }
    let Some(node) = cx.field(&["spec", "replicas"]) else {
        return Some((1, None));
    };
    let scalar = cx.doc.scalar(node)?;
    match scalar.resolve() {
        Resolved::Int(n) => Some((n, Some(node))),
        Resolved::Null => Some((1, None)),
        _ => None,
    }
}

/// Labels the controller of `kind` adds to the pods it creates, whose values the manifest
/// cannot know (a selector may use them).
/// source: pkg/registry/batch/job/strategy.go generateSelector (job-name,
/// controller-uid), pkg/controller/deployment/sync.go (pod-template-hash),
/// pkg/controller/statefulset/stateful_set_utils.go, pkg/controller/daemon (revision hashes)
pub(super) fn controller_labels(kind: &str) -> &'static [&'static str] {
    match kind {
        "Job" | "CronJob" => &[
            "job-name",
            "controller-uid",
            "batch.kubernetes.io/job-name",
            "batch.kubernetes.io/controller-uid",
            "batch.kubernetes.io/job-completion-index",
        ],
        "Deployment" => &["pod-template-hash"],
        "StatefulSet" => &[
            "statefulset.kubernetes.io/pod-name",
            "controller-revision-hash",
            "apps.kubernetes.io/pod-index",
        ],
        "DaemonSet" => &["controller-revision-hash", "pod-template-generation"],
        _ => &[],
    }
}

/// Whether the label selector at `selector` (a `LabelSelector` mapping) selects a pod with
/// `labels`; requirements on `auto` keys (labels the controller adds) are taken as met. A
/// null or absent selector selects nothing (`metav1.LabelSelectorAsSelector(nil)` is
/// `labels.Nothing()`); an empty one selects everything. A malformed selector counts as not
/// selecting (the API server refuses it anyway).
pub(super) fn selects(
    doc: &Document,
    selector: Option<NodeId>,
    labels: &BTreeMap<String, String>,
    auto: &[&str],
) -> bool {
    let Some(selector) = selector.map(|s| doc.deref(s)) else {
        return false;
    };
    if !doc.is_map(selector) {
        return false;
    }
    let lookup = |key: &str| labels.get(key).cloned();
    unmet_requirements(
        doc,
        &lookup,
        doc.get(selector, "matchLabels"),
        doc.get(selector, "matchExpressions"),
    )
    .is_some_and(|unmet| {
        unmet.iter().all(|u| {
            let key = match u {
                Unmet::Label { key, .. } => key.as_str(),
                Unmet::Expression(e) => e.trim_start_matches('!').split(' ').next().unwrap_or(""),
            };
            auto.contains(&key)
        })
    })
}
