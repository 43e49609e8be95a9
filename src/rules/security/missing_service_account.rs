//! `missing-service-account`: a pod that names a ServiceAccount the run does not hold. The
//! API server refuses to create a pod whose ServiceAccount does not exist, but the account may
//! exist in the cluster already, hence only `info`.
//! source: plugin/pkg/admission/serviceaccount/admission.go Admit ("error looking up service
//! account")

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::service_account;

pub(super) static RULE: MissingServiceAccount = MissingServiceAccount;

pub(super) struct MissingServiceAccount;

impl Rule for MissingServiceAccount {
    fn id(&self) -> &str {
        "missing-service-account"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some((name, at)) = service_account(cx) else {
            return;
        };
        // Every namespace has `default`; the token controller creates it.
        if name == "default" {
            return;
        }
        let ns = cx.object.object.namespace.as_deref();
        if cx.object.workspace.find("ServiceAccount", ns, name).is_some() {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!("ServiceAccount `{name}` is not among the linted objects"),
                cx.object.at(at),
            )
            .label("not found in the input")
            .help("add the ServiceAccount to the manifests, or make sure it exists in the cluster"),
        );
    }
}
