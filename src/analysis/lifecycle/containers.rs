//! Which containers a pod runs, in which role, and where each sits in the spec.

use k8s_openapi::api::core::v1::{Container, PodSpec};

use crate::yaml::FieldPath;

use super::{sidecars_enabled, Version};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// An init container that must exit 0 before the next one starts.
    Init,
    /// A restartable init container (`restartPolicy: Always`): started, not finished, gates
    /// the next step. source: api core/v1 types.go Container.RestartPolicy
    Sidecar,
    /// A regular (app) container.
    App,
}

#[derive(Debug, Clone)]
pub struct ContainerInfo<'a> {
    pub container: &'a Container,
    pub role: Role,
    /// Relative to the pod spec: `containers[1]`, `initContainers[0]`.
    pub path: FieldPath,
}

impl ContainerInfo<'_> {
    pub fn name(&self) -> &str {
        &self.container.name
    }
}

/// Init containers in order, then app containers in order: the order the kubelet starts
/// them in, on a cluster of `version`. source: pkg/kubelet/kuberuntime/kuberuntime_container.go
/// computeInitContainerActions, kuberuntime_manager.go SyncPod
pub fn containers(spec: &PodSpec, version: Version) -> Vec<ContainerInfo<'_>> {
    let mut out = Vec::new();
    for (i, c) in spec.init_containers.iter().flatten().enumerate() {
        let role = if c.restart_policy.as_deref() == Some("Always") && sidecars_enabled(version) {
            Role::Sidecar
        } else {
            Role::Init
        };
        out.push(ContainerInfo {
            container: c,
            role,
            path: FieldPath::root().field("initContainers").index(i),
        });
    }
    for (i, c) in spec.containers.iter().enumerate() {
        out.push(ContainerInfo {
            container: c,
            role: Role::App,
            path: FieldPath::root().field("containers").index(i),
        });
    }
    out
}
