//! `namespace-mismatch`: `-n/--namespace` names one namespace and the object's
//! `metadata.namespace` another; kubectl refuses the object before anything is sent.
//! source: staging/src/k8s.io/cli-runtime/pkg/resource/visitor.go RequireNamespace

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: NamespaceMismatch = NamespaceMismatch;

pub(super) struct NamespaceMismatch;

fn diagnostic(cx: &ObjectCx<'_>, own: &str, flag: &str) -> Diagnostic {
    // Not a field error of the API server but kubectl's own, so no `api_error`:
    // the namespace from the provided object "a" does not match the namespace "b". You must
    // pass '--namespace=a' to perform this operation.
    Diagnostic::new(
        format!("the namespace `{own}` does not match `--namespace={flag}`"),
        cx.at(FieldPath::parse("metadata.namespace")),
    )
    .label(format!("kubectl refuses this with `-n {flag}`"))
    .help(format!(
        "run with `-n {own}`, or remove `metadata.namespace` so that `-n` decides"
    ))
}

/// Built-in kinds that live outside namespaces; kubectl does not compare their namespace
/// (`RequireNamespace` skips objects whose REST mapping is not namespaced).
fn cluster_scoped(group: &str, kind: &str) -> bool {
    matches!(
        (group, kind),
        ("", "Namespace" | "Node" | "PersistentVolume" | "ComponentStatus")
            | ("rbac.authorization.k8s.io", "ClusterRole" | "ClusterRoleBinding")
            | (
                "storage.k8s.io",
                "StorageClass" | "CSIDriver" | "CSINode" | "VolumeAttachment"
            )
            | ("scheduling.k8s.io", "PriorityClass")
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
            | ("networking.k8s.io", "IngressClass" | "IPAddress" | "ServiceCIDR")
            | ("resource.k8s.io", "DeviceClass" | "ResourceSlice")
    )
}

impl Rule for NamespaceMismatch {
    fn id(&self) -> &str {
        "namespace-mismatch"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let (Some(flag), Some(own)) = (&cx.workspace.namespace, &cx.object.namespace) else {
            return;
        };
        if own.is_empty() || own == flag || cluster_scoped(cx.object.group(), &cx.object.kind) {
            return;
        }
        out.emit(diagnostic(cx, own, flag));
    }
}
