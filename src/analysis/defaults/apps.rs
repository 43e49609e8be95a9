//! `apps/v1`: Deployment, StatefulSet, DaemonSet, ReplicaSet.
//! source: pkg/apis/apps/v1/defaults.go; the generated defaulters also run the pod-spec
//! defaulters on `spec.template.spec` and the PVC defaulters on each volume claim template.

use serde_json::{json, Map, Value};

use super::{child, default_ptr, default_str, ensure, items, str_of, template, Version};

/// The revisions every apps controller keeps by default.
const REVISION_HISTORY_LIMIT: i64 = 10;

/// source: pkg/apis/apps/v1/defaults.go SetDefaults_Deployment
pub(super) fn deployment(o: &mut Map<String, Value>) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    default_ptr(spec, "replicas", json!(1));
    if let Some(strategy) = ensure(spec, "strategy") {
        default_str(strategy, "type", "RollingUpdate");
        if str_of(strategy, "type") == "RollingUpdate" {
            if let Some(ru) = ensure(strategy, "rollingUpdate") {
                default_ptr(ru, "maxUnavailable", json!("25%"));
                default_ptr(ru, "maxSurge", json!("25%"));
            }
        }
    }
    default_ptr(spec, "revisionHistoryLimit", json!(REVISION_HISTORY_LIMIT));
    default_ptr(spec, "progressDeadlineSeconds", json!(600));
    template(o, "apps/v1", "Deployment");
}

/// `persistentVolumeClaimRetentionPolicy` is defaulted while the gate
/// StatefulSetAutoDeletePVC is on: by default from 1.27 (beta), GA in 1.32.
/// source: website feature-gates/StatefulSetAutoDeletePVC.md
fn pvc_retention_defaulted(version: Version) -> bool {
    version >= (1, 27)
}

/// source: pkg/apis/apps/v1/defaults.go SetDefaults_StatefulSet
pub(super) fn stateful_set(o: &mut Map<String, Value>, version: Version) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    default_str(spec, "podManagementPolicy", "OrderedReady");
    if let Some(strategy) = ensure(spec, "updateStrategy") {
        if str_of(strategy, "type").is_empty() {
            strategy.insert("type".into(), json!("RollingUpdate"));
            default_ptr(strategy, "rollingUpdate", json!({}));
        }
        // An explicit `type: RollingUpdate` without `rollingUpdate` gets no partition.
        if str_of(strategy, "type") == "RollingUpdate" {
            if let Some(ru) = child(strategy, "rollingUpdate") {
                default_ptr(ru, "partition", json!(0));
            }
        }
    }
    if pvc_retention_defaulted(version) {
        if let Some(policy) = ensure(spec, "persistentVolumeClaimRetentionPolicy") {
            default_str(policy, "whenDeleted", "Retain");
            default_str(policy, "whenScaled", "Retain");
        }
    }
    default_ptr(spec, "replicas", json!(1));
    default_ptr(spec, "revisionHistoryLimit", json!(REVISION_HISTORY_LIMIT));
    // source: zz_generated.defaults.go SetObjectDefaults_StatefulSet calls
    // SetDefaults_PersistentVolumeClaim and SetDefaults_PersistentVolumeClaimSpec on each
    for claim in items(spec, "volumeClaimTemplates") {
        super::core::persistent_volume_claim(claim);
    }
    template(o, "apps/v1", "StatefulSet");
}

/// source: pkg/apis/apps/v1/defaults.go SetDefaults_DaemonSet
pub(super) fn daemon_set(o: &mut Map<String, Value>) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    if let Some(strategy) = ensure(spec, "updateStrategy") {
        default_str(strategy, "type", "RollingUpdate");
        if str_of(strategy, "type") == "RollingUpdate" {
            if let Some(ru) = ensure(strategy, "rollingUpdate") {
                default_ptr(ru, "maxUnavailable", json!(1));
                default_ptr(ru, "maxSurge", json!(0));
            }
        }
    }
    default_ptr(spec, "revisionHistoryLimit", json!(REVISION_HISTORY_LIMIT));
    template(o, "apps/v1", "DaemonSet");
}

/// source: pkg/apis/apps/v1/defaults.go SetDefaults_ReplicaSet
pub(super) fn replica_set(o: &mut Map<String, Value>) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    default_ptr(spec, "replicas", json!(1));
    template(o, "apps/v1", "ReplicaSet");
}
