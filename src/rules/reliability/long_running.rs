//! Which objects run pods that are meant to keep running (and so to be probed, replicated,
//! protected by a disruption budget), as opposed to run-to-completion pods.

use crate::rules::ObjectCx;

/// Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and Pods whose
/// `restartPolicy` is `Always` (the default); not Jobs and CronJobs, whose pods finish, nor
/// PodTemplates, which run nothing by themselves.
pub(super) fn long_running(cx: &ObjectCx<'_>) -> bool {
    let o = cx.object;
    if o.pod_spec.is_none() {
        return false;
    }
    match o.kind.as_str() {
        "Deployment" | "StatefulSet" | "DaemonSet" | "ReplicaSet" | "ReplicationController" => true,
        // source: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec (restartPolicy Always)
        "Pod" => cx
            .node(&crate::yaml::FieldPath::parse("spec"))
            .and_then(|s| cx.doc.get_str(s, "restartPolicy"))
            .is_none_or(|p| p == "Always"),
        _ => false,
    }
}
