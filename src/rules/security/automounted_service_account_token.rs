//! `automounted-service-account-token`: a pod that gets an API token mounted without asking:
//! `automountServiceAccountToken` is not false on the pod, nor on its ServiceAccount when the
//! run holds it (the pod's setting wins over the ServiceAccount's).
//! source: plugin/pkg/admission/serviceaccount/admission.go shouldAutomount

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{pod_path, service_account};

pub(super) static RULE: AutomountedServiceAccountToken = AutomountedServiceAccountToken;

pub(super) struct AutomountedServiceAccountToken;

impl Rule for AutomountedServiceAccountToken {
    fn id(&self) -> &str {
        "automounted-service-account-token"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.json() else { return };
        let at = pod_path(cx, "automountServiceAccountToken");
        match spec.field("automountServiceAccountToken").and_then(Value::as_bool) {
            Some(false) => {}
            Some(true) => out.emit(
                Diagnostic::new("the pod mounts an API token of its service account", cx.object.at(at))
                    .label("token mounted")
                    .help("set `automountServiceAccountToken: false` unless the program calls the Kubernetes API"),
            ),
            None => {
                let account = service_account(cx).map_or("default", |(n, _)| n);
                let ns = cx.object.object.namespace.as_deref();
                let off = cx
                    .object
                    .workspace
                    .find("ServiceAccount", ns, account)
                    .and_then(|sa| sa.json())
                    .and_then(|j| j.field("automountServiceAccountToken").and_then(Value::as_bool))
                    == Some(false);
                if !off {
                    out.emit(
                        Diagnostic::new(
                            format!("the pod gets an API token of service account `{account}` mounted by default"),
                            cx.object.at(at),
                        )
                        .label("token mounted")
                        .help("set `automountServiceAccountToken: false` on the pod (or its ServiceAccount) unless the program calls the Kubernetes API"),
                    );
                }
            }
        }
    }
}
