//! `default-service-account`: a pod that runs as its namespace's `default` ServiceAccount
//! (none named, or `default` named), which every other such pod shares, so a Role bound to it
//! for one workload is granted to all.

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{pod_path, service_account};

pub(super) static RULE: DefaultServiceAccount = DefaultServiceAccount;

pub(super) struct DefaultServiceAccount;

impl Rule for DefaultServiceAccount {
    fn id(&self) -> &str {
        "default-service-account"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
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
