//! One Kubernetes object: its identity and where it sits in its document.

use serde::Serialize;

use crate::yaml::{Document, FieldPath, NodeId};

#[derive(Debug, Clone, Serialize)]
pub struct Object {
    #[serde(rename = "apiVersion")]
    pub api_version: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub name: String,
    /// Index of the document in its file.
    pub document: usize,
    /// Index in `items` when the object came out of a `List`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<usize>,
    /// The object's own mapping node; field paths are relative to it.
    #[serde(skip)]
    pub root: NodeId,
    /// Where its pod spec lives, for workload kinds.
    #[serde(skip)]
    pub pod_spec: Option<FieldPath>,
}

impl Object {
    /// Reads the identity of the mapping at `root`; `Err` says why it is not an object.
    pub fn read(doc: &Document, root: NodeId, item: Option<usize>) -> Result<Object, String> {
        if !doc.is_map(root) {
            return Err("is not a mapping".into());
        }
        let api_version = doc.get_str(root, "apiVersion").filter(|s| !s.is_empty());
        let kind = doc.get_str(root, "kind").filter(|s| !s.is_empty());
        let (api_version, kind) = match (api_version, kind) {
            (Some(a), Some(k)) => (a.to_string(), k.to_string()),
            (None, Some(_)) => return Err("has no `apiVersion`".into()),
            (Some(_), None) => return Err("has no `kind`".into()),
            (None, None) => return Err("has neither `apiVersion` nor `kind`".into()),
        };
        let meta = doc.get(root, "metadata");
        let name = meta
            .and_then(|m| {
                doc.get_str(m, "name")
                    .or_else(|| doc.get_str(m, "generateName"))
            })
            .unwrap_or("")
            .to_string();
        let namespace = meta
            .and_then(|m| doc.get_str(m, "namespace"))
            .map(str::to_string);
        let pod_spec = super::pod_spec_path(&api_version, &kind);
        Ok(Object {
            api_version,
            kind,
            namespace,
            name,
            document: doc.index,
            item,
            root,
            pod_spec,
        })
    }

    /// `Deployment shop/web`, for people.
    pub fn display_name(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {}/{}", self.kind, ns, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }

    /// The API group, empty for the core group.
    pub fn group(&self) -> &str {
        self.api_version.rsplit_once('/').map_or("", |(g, _)| g)
    }

    /// Built-in kinds that live outside namespaces; kubectl does not compare their namespace
    /// (`RequireNamespace` skips objects whose REST mapping is not namespaced).
    pub fn cluster_scoped(&self) -> bool {
        matches!(
            (self.group(), self.kind.as_str()),
            (
                "",
                "Namespace" | "Node" | "PersistentVolume" | "ComponentStatus"
            ) | (
                "rbac.authorization.k8s.io",
                "ClusterRole" | "ClusterRoleBinding"
            ) | (
                "storage.k8s.io",
                "StorageClass" | "CSIDriver" | "CSINode" | "VolumeAttachment"
            ) | ("scheduling.k8s.io", "PriorityClass")
                | ("node.k8s.io", "RuntimeClass")
                | ("apiextensions.k8s.io", "CustomResourceDefinition")
                | ("apiregistration.k8s.io", "APIService")
                | (
                    "admissionregistration.k8s.io",
                    "ValidatingWebhookConfiguration"
                        | "MutatingWebhookConfiguration"
                        | "ValidatingAdmissionPolicy"
                        | "ValidatingAdmissionPolicyBinding"
                        | "MutatingAdmissionPolicy"
                        | "MutatingAdmissionPolicyBinding"
                )
                | (
                    "certificates.k8s.io",
                    "CertificateSigningRequest" | "ClusterTrustBundle"
                )
                | (
                    "flowcontrol.apiserver.k8s.io",
                    "FlowSchema" | "PriorityLevelConfiguration"
                )
                | (
                    "networking.k8s.io",
                    "IngressClass" | "IPAddress" | "ServiceCIDR"
                )
                | ("resource.k8s.io", "DeviceClass" | "ResourceSlice")
        )
    }
}
