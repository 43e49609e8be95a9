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

pub use containers::{
    containers, validated_hooks, validated_probes, ContainerInfo, HookRef, ProbeRef, Role,
};

pub use crate::model::{Version, NEWEST};

/// Sidecars (`restartPolicy: Always` on an init container) are on by default from 1.29;
/// before, the API server drops the field and the container is a regular init container.
/// source: feature gate SidecarContainers (alpha 1.28, beta 1.29, GA 1.33); pkg/api/pod/util.go dropDisabledFields
pub fn sidecars_enabled(version: Version) -> bool {
    version >= (1, 29)
}

/// Container-level `restartPolicy` on app containers is on by default from 1.35.
/// source: feature gate ContainerRestartRules (alpha 1.34, beta 1.35)
pub fn container_restart_rules_enabled(version: Version) -> bool {
    version >= (1, 35)
}

/// `spec.terminationGracePeriodSeconds` after defaulting.
/// source: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec (DefaultTerminationGracePeriodSeconds = 30)
pub const DEFAULT_GRACE_SECONDS: i64 = 30;

/// The pod's grace period as stored by the API server.
pub fn pod_grace(spec: &k8s_openapi::api::core::v1::PodSpec) -> i64 {
    spec.termination_grace_period_seconds
        .unwrap_or(DEFAULT_GRACE_SECONDS)
}

/// `spec.restartPolicy` when it is empty.
/// source: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec
pub const DEFAULT_RESTART_POLICY: &str = "Always";

/// `spec.restartPolicy` after defaulting (`Always`).
/// source: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec
pub fn restart_policy(spec: &k8s_openapi::api::core::v1::PodSpec) -> &str {
    spec.restart_policy
        .as_deref()
        .filter(|s| !s.is_empty())
        .unwrap_or(DEFAULT_RESTART_POLICY)
}
