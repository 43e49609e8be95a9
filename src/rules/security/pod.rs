//! What the security rules share about a pod spec: each container with its JSON, the
//! `securityContext` value a container runs with (its own, else the pod's, for the fields the
//! pod level provides), the service account, and the hostPath volumes.
//! source: pkg/securitycontext/util.go DetermineEffectiveSecurityContext (container fields
//! override pod fields); pkg/kubelet/kuberuntime/helpers.go getSeccompProfile (the same for
//! seccomp)

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::rules::{ContainerRef, PodCx};
use crate::yaml::{FieldPath, Segment};

pub(crate) struct Container<'s> {
    pub r: &'s ContainerRef<'s>,
    pub json: &'s Value,
}

impl<'s> Container<'s> {
    /// `securityContext.<field>` of the container itself (relative to the object).
    pub fn sc_path(&self, field: &'static str) -> FieldPath {
        self.r.path.clone().field("securityContext").field(field)
    }

    /// The container's own `securityContext.<field>`.
    pub fn own(&self, field: &str) -> Option<&'s Value> {
        self.json
            .field("securityContext")?
            .field(field)
            .filter(|v| !v.is_null())
    }
}

/// Init containers then containers, with their JSON.
pub(crate) fn containers<'s>(cx: &'s PodCx<'_>) -> Vec<Container<'s>> {
    let Some(spec) = cx.json() else {
        return Vec::new();
    };
    cx.containers()
        .iter()
        .filter_map(|r| {
            let field = if r.init {
                "initContainers"
            } else {
                "containers"
            };
            let idx = match r.path.0.last() {
                Some(Segment::Index(i)) => *i,
                _ => return None,
            };
            let json = spec.field(field)?.get(idx)?;
            Some(Container { r, json })
        })
        .collect()
}

/// `securityContext.<field>` as the container runs with it: its own, else the pod's; with
/// where it is written (relative to the object). Only for fields both levels have
/// (runAsUser, runAsGroup, runAsNonRoot, seccompProfile, seLinuxOptions, appArmorProfile,
/// windowsOptions).
pub(crate) fn effective<'s>(
    cx: &'s PodCx<'_>,
    c: &Container<'s>,
    field: &'static str,
) -> Option<(&'s Value, FieldPath)> {
    if let Some(v) = c.own(field) {
        return Some((v, c.sc_path(field)));
    }
    let v = cx
        .json()?
        .field("securityContext")?
        .field(field)
        .filter(|v| !v.is_null())?;
    Some((v, cx.path.clone().field("securityContext").field(field)))
}

/// A pod spec field, relative to the object.
pub(crate) fn pod_path(cx: &PodCx<'_>, field: &'static str) -> FieldPath {
    cx.path.clone().field(field)
}

/// Whether the pod declares itself a Windows pod (`spec.os.name: windows`), where the Linux
/// settings (users, capabilities, seccomp, read-only root) do not apply.
pub(crate) fn is_windows(cx: &PodCx<'_>) -> bool {
    cx.json()
        .and_then(|s| s.at("/os/name"))
        .and_then(Value::as_str)
        == Some("windows")
}

/// A capability name as the runtime reads it: upper case, without a `CAP_` prefix.
pub(crate) fn capability(name: &str) -> String {
    let upper = name.trim().to_ascii_uppercase();
    upper
        .strip_prefix("CAP_")
        .map(str::to_string)
        .unwrap_or(upper)
}

/// The service account the pod runs as and where it is named: `serviceAccountName`, else
/// the deprecated `serviceAccount` (the API server copies one into the other).
/// source: pkg/apis/core/v1/conversion.go Convert_core_PodSpec_To_v1_PodSpec
pub(crate) fn service_account<'s>(cx: &'s PodCx<'_>) -> Option<(&'s str, FieldPath)> {
    let spec = cx.json()?;
    for field in ["serviceAccountName", "serviceAccount"] {
        if let Some(name) = spec
            .field(field)
            .and_then(Value::as_str)
            .filter(|n| !n.is_empty())
        {
            return Some((name, pod_path(cx, field)));
        }
    }
    None
}

/// A hostPath volume of the pod.
pub(crate) struct HostPath<'s> {
    /// The volume's name.
    pub name: &'s str,
    /// The host path, as written.
    pub path: &'s str,
    /// `volumes[i]`, relative to the object.
    pub at: FieldPath,
}

pub(crate) fn host_paths<'s>(cx: &'s PodCx<'_>) -> Vec<HostPath<'s>> {
    let Some(volumes) = cx
        .json()
        .and_then(|s| s.field("volumes"))
        .and_then(Value::as_array)
    else {
        return Vec::new();
    };
    volumes
        .iter()
        .enumerate()
        .filter_map(|(i, v)| {
            let hp = v.field("hostPath")?;
            Some(HostPath {
                name: v.field("name").and_then(Value::as_str).unwrap_or(""),
                path: hp.field("path").and_then(Value::as_str).unwrap_or(""),
                at: pod_path(cx, "volumes").index(i),
            })
        })
        .collect()
}

/// A host path without repeated or trailing slashes (`/` stays `/`).
pub(crate) fn normalize(path: &str) -> String {
    let parts: Vec<&str> = path
        .split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect();
    format!("/{}", parts.join("/"))
}

/// An annotation of the pod (the Pod's own, or the template's metadata for a workload).
pub(crate) fn pod_annotation<'s>(cx: &'s PodCx<'_>, key: &str) -> Option<&'s str> {
    // Read from the tree (as the JSON view would: the last of repeated keys, merge keys).
    let doc = cx.doc();
    let template = &cx.path.0[..cx.path.0.len().saturating_sub(1)];
    let (node, true) = FieldPath::resolve_segments(template, doc, cx.object.object.root) else {
        return None;
    };
    let annotations = doc.get(doc.get(node, "metadata")?, "annotations")?;
    doc.get_str(annotations, key)
}

/// Names what a finding is about: the container whose own setting it is, or the pod when the
/// setting comes from the pod's `securityContext` (then reported once, not per container).
#[derive(Default)]
pub(crate) struct Subjects(Vec<FieldPath>);

impl Subjects {
    /// `None` when this pod-level setting was already reported.
    pub fn of(&mut self, c: &Container<'_>, at: &FieldPath) -> Option<String> {
        if at.0.starts_with(&c.r.path.0) {
            return Some(format!("container `{}`", c.r.name));
        }
        if self.0.contains(at) {
            return None;
        }
        self.0.push(at.clone());
        Some("the pod".to_string())
    }
}
