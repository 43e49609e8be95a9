//! `missing-object-name`: an object with neither `metadata.name` nor
//! `metadata.generateName`; the API server refuses to create it.
//! source: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
//! ValidateObjectMetaAccessor

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: MissingObjectName = MissingObjectName;

pub(super) struct MissingObjectName;

fn diagnostic(cx: &ObjectCx<'_>, at: FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!("this {} has neither `name` nor `generateName`", cx.object.kind),
        cx.at(at),
    )
    .label("no name")
    .help("set `metadata.name`")
    .api_error("metadata.name", "Required", "name or generateName is required")
}

/// The API groups of the Kubernetes API server itself. Other kinds are left alone: files
/// that look like objects but never reach an API server (`Kustomization`, kubeadm and kind
/// configurations) have no name either.
fn built_in(group: &str, kind: &str) -> bool {
    match group {
        // The core group also names files that are not objects (`kind: Config` for a
        // kubeconfig, the old scheduler `Policy`), so only its real kinds.
        "" => matches!(
            kind,
            "Binding"
                | "ConfigMap"
                | "Endpoints"
                | "Event"
                | "LimitRange"
                | "Namespace"
                | "Node"
                | "PersistentVolume"
                | "PersistentVolumeClaim"
                | "Pod"
                | "PodTemplate"
                | "ReplicationController"
                | "ResourceQuota"
                | "Secret"
                | "Service"
                | "ServiceAccount"
        ),
        "apps" | "batch" | "autoscaling" | "policy" => true,
        g => {
            matches!(
                g,
                "networking.k8s.io"
                    | "rbac.authorization.k8s.io"
                    | "storage.k8s.io"
                    | "scheduling.k8s.io"
                    | "node.k8s.io"
                    | "discovery.k8s.io"
                    | "coordination.k8s.io"
                    | "admissionregistration.k8s.io"
                    | "apiextensions.k8s.io"
                    | "apiregistration.k8s.io"
                    | "certificates.k8s.io"
                    | "flowcontrol.apiserver.k8s.io"
                    | "resource.k8s.io"
                    | "events.k8s.io"
            )
        }
    }
}

impl Rule for MissingObjectName {
    fn id(&self) -> &str {
        "missing-object-name"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if !built_in(o.group(), &o.kind) {
            return;
        }
        let doc = cx.doc;
        let Some(meta) = cx.field(&["metadata"]) else {
            out.emit(diagnostic(cx, FieldPath::parse("kind")));
            return;
        };
        // A name that is not a string is a decoding error, reported elsewhere.
        let named = |field: &str| match doc.get(meta, field) {
            None => false,
            Some(n) => !matches!(
                doc.scalar(n).map(|s| s.resolve()),
                Some(Resolved::Str("") | Resolved::Null)
            ),
        };
        if !named("name") && !named("generateName") {
            out.emit(diagnostic(cx, FieldPath::parse("metadata")));
        }
    }
}
