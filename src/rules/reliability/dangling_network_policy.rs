//! `dangling-network-policy`: a NetworkPolicy whose `podSelector` selects no pod template of
//! the input in its namespace, so it isolates nothing. An empty `podSelector: {}` selects
//! every pod of the namespace and is never reported.
//! source: staging/src/k8s.io/api/networking/v1/types.go NetworkPolicySpec.PodSelector
//! ("An empty podSelector selects all pods in this namespace")

use crate::rules::Pointer as _;
use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::selection::Selector;

pub(super) static RULE: DanglingNetworkPolicy = DanglingNetworkPolicy;

pub(super) struct DanglingNetworkPolicy;

impl Rule for DanglingNetworkPolicy {
    fn id(&self) -> &str {
        "dangling-network-policy"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "NetworkPolicy" || o.group() != "networking.k8s.io" {
            return;
        }
        let Some(sel) = cx
            .json()
            .and_then(|j| j.at("/spec/podSelector"))
            .and_then(Selector::from_label_selector)
        else {
            return;
        };
        if sel.is_empty() || sel.pods(cx.workspace, o.namespace.as_deref()).next().is_some() {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!(
                    "the `podSelector` `{}` of NetworkPolicy `{}` matches no pod template in the input",
                    sel.show(),
                    o.name
                ),
                cx.at(sel.culprit(FieldPath::parse("spec.podSelector"), true)),
            )
            .label("selects no pods")
            .help("match the pod template labels of the workloads to isolate (`podSelector: {}` selects all pods of the namespace)"),
        );
    }
}
