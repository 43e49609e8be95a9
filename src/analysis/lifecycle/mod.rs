//! The kubelet's view of one pod spec: effective probes after defaulting, container roles
//! (regular init container, sidecar, app container), known hook durations, the start
//! timeline, the termination timeline and phases. Facts and formulas follow the Kubernetes
//! source as summarised, with citations, in the shared `reference/lifecycle.md`.

pub mod containers;
pub mod hooks;
pub mod phases;
pub mod probes;
pub mod termination;
pub mod timing;

pub use containers::{containers, ContainerInfo, Role};

/// `spec.terminationGracePeriodSeconds` after defaulting.
/// source: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec (DefaultTerminationGracePeriodSeconds = 30)
pub const DEFAULT_GRACE_SECONDS: i64 = 30;

/// The pod's grace period as stored by the API server.
pub fn pod_grace(spec: &k8s_openapi::api::core::v1::PodSpec) -> i64 {
    spec.termination_grace_period_seconds
        .unwrap_or(DEFAULT_GRACE_SECONDS)
}

/// `spec.restartPolicy` after defaulting (`Always`).
/// source: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec
pub fn restart_policy(spec: &k8s_openapi::api::core::v1::PodSpec) -> &str {
    spec.restart_policy
        .as_deref()
        .filter(|s| !s.is_empty())
        .unwrap_or("Always")
}
