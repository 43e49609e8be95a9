//! Which containers a pod runs, in which role, and where each sits in the spec.

use k8s_openapi::api::core::v1::{Container, PodSpec};

use crate::yaml::{FieldPath, Segment};

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
    // Sized once: most pod rules ask for this list, so growing it (and each path) as it
    // fills would cost more than the rest of the function.
    let init = spec.init_containers.as_deref().unwrap_or_default();
    let mut out = Vec::with_capacity(init.len() + spec.containers.len());
    for (i, c) in init.iter().enumerate() {
        let role = if c.restart_policy.as_deref() == Some("Always") && sidecars_enabled(version) {
            Role::Sidecar
        } else {
            Role::Init
        };
        out.push(ContainerInfo {
            container: c,
            role,
            path: path("initContainers", i),
        });
    }
    for (i, c) in spec.containers.iter().enumerate() {
        out.push(ContainerInfo {
            container: c,
            role: Role::App,
            path: path("containers", i),
        });
    }
    out
}

/// `field[i]`, relative to the pod spec, in one allocation of its exact size.
fn path(field: &'static str, i: usize) -> FieldPath {
    FieldPath(vec![Segment::Field(field.into()), Segment::Index(i)])
}

/// `base.f1.f2…` in one allocation of its exact size.
fn under(base: &FieldPath, fields: &[&'static str]) -> FieldPath {
    let mut v = Vec::with_capacity(base.0.len() + fields.len());
    v.extend(base.0.iter().cloned());
    v.extend(fields.iter().map(|f| Segment::Field((*f).into())));
    FieldPath(v)
}

/// A probe the API server validates, with its container and its path in the pod spec.
#[derive(Debug, Clone)]
pub struct ProbeRef<'a> {
    pub container: ContainerInfo<'a>,
    /// `startupProbe`, `livenessProbe` or `readinessProbe`.
    pub field: &'static str,
    pub probe: &'a k8s_openapi::api::core::v1::Probe,
    /// `containers[0].livenessProbe`.
    pub path: FieldPath,
}

/// A lifecycle hook the API server validates, with its container and its path.
#[derive(Debug, Clone)]
pub struct HookRef<'a> {
    pub container: ContainerInfo<'a>,
    /// `postStart` or `preStop`.
    pub field: &'static str,
    pub handler: &'a k8s_openapi::api::core::v1::LifecycleHandler,
    /// `containers[0].lifecycle.preStop`.
    pub path: FieldPath,
}

/// The probes of sidecars and app containers: the ones the API server looks inside. A regular
/// init container may not have any, and is refused for having them as a whole.
/// source: pkg/apis/core/validation/validation.go validateInitContainers, validateContainers
pub fn validated_probes(spec: &PodSpec, version: Version) -> Vec<ProbeRef<'_>> {
    let mut out = Vec::new();
    for c in containers(spec, version)
        .into_iter()
        .filter(|c| c.role != Role::Init)
    {
        for (field, probe) in super::probes::probes(c.container) {
            if let Some(probe) = probe {
                out.push(ProbeRef {
                    path: under(&c.path, &[field]),
                    container: c.clone(),
                    field,
                    probe,
                });
            }
        }
    }
    out
}

/// The `postStart` and `preStop` hooks of sidecars and app containers, as `validated_probes`.
pub fn validated_hooks(spec: &PodSpec, version: Version) -> Vec<HookRef<'_>> {
    let mut out = Vec::new();
    for c in containers(spec, version)
        .into_iter()
        .filter(|c| c.role != Role::Init)
    {
        let Some(l) = &c.container.lifecycle else {
            continue;
        };
        for (field, handler) in [("postStart", &l.post_start), ("preStop", &l.pre_stop)] {
            if let Some(handler) = handler {
                out.push(HookRef {
                    path: under(&c.path, &["lifecycle", field]),
                    container: c.clone(),
                    field,
                    handler,
                });
            }
        }
    }
    out
}
