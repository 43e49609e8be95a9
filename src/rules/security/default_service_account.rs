//! `default-service-account`: a pod that runs as its namespace's `default` ServiceAccount
//! (none named, or `default` named), which every other such pod shares, so a Role bound to it
//! for one workload is granted to all. A pod that gets no token (`automountServiceAccountToken:
//! false` and no projected token) cannot use that identity and is not reported.

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{pod_path, service_account};

pub(super) static RULE: DefaultServiceAccount = DefaultServiceAccount;

pub(super) struct DefaultServiceAccount;

/// Whether the pod can act as its service account: it gets a token, either mounted
/// automatically (not opted out on the pod) or through a projected `serviceAccountToken`
/// volume. A pod without a token has no API identity to share.
fn uses_identity(cx: &PodCx<'_>) -> bool {
    let Some(spec) = cx.json() else {
        return true;
    };
    if spec.field("automountServiceAccountToken").and_then(Value::as_bool) != Some(false) {
        return true;
    }
    spec.field("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|v| v.at("/projected/sources").and_then(Value::as_array))
        .flatten()
        .any(|s| s.field("serviceAccountToken").is_some())
}

impl Rule for DefaultServiceAccount {
    fn id(&self) -> &str {
        "default-service-account"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        if !uses_identity(cx) {
            return;
        }
        let (message, at) = match service_account(cx) {
            Some(("default", at)) => ("the pod runs as the `default` service account", at),
            Some(_) => return,
            None => (
                "the pod names no service account, so it runs as `default`",
                pod_path(cx, "serviceAccountName"),
            ),
        };
        out.emit(
            Diagnostic::new(message, cx.object.at(at))
                .label("shared by every pod of the namespace")
                .help("create a ServiceAccount for this workload and set `serviceAccountName`"),
        );
    }
}
