//! `pod-without-network-policy`: a pod (or pod template) that no NetworkPolicy of the input
//! selects, so all traffic to and from it is allowed. Pods on the host network are exempt:
//! NetworkPolicy does not apply to them.
//! source: https://kubernetes.io/docs/concepts/services-networking/network-policies/#the-two-sorts-of-pod-isolation
//! (a pod is isolated for a direction only when some policy that selects it has that type)

use crate::diagnostic::Diagnostic;
use crate::model::selector::unmet_requirements;
use crate::model::workspace::same_namespace;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: PodWithoutNetworkPolicy = PodWithoutNetworkPolicy;

pub(super) struct PodWithoutNetworkPolicy;

impl Rule for PodWithoutNetworkPolicy {
    fn id(&self) -> &str {
        "pod-without-network-policy"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        if doc
            .get(cx.node, "hostNetwork")
            .and_then(|n| doc.scalar(n))
            .is_some_and(|s| s.resolve() == crate::yaml::Resolved::Bool(true))
        {
            return;
        }
        let o = cx.object.object;
        let labels = cx.labels();
        let ws = cx.object.workspace;
        let policies = ws.index().network_policies(ws, o.namespace.as_deref());
        let selected = policies.iter().any(|np| {
            if !same_namespace(o.namespace.as_deref(), np.object.namespace.as_deref()) {
                return false;
            }
            let Some(sel) = np.node("spec.podSelector") else {
                // No podSelector: refused by the API server; treat it as `{}`.
                return true;
            };
            let d = np.doc();
            unmet_requirements(
                d,
                &|k| labels.get(k).cloned(),
                d.get(sel, "matchLabels"),
                d.get(sel, "matchExpressions"),
            )
            .is_some_and(|u| u.is_empty())
        });
        if selected {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!("no NetworkPolicy in the input selects the pods of {} `{}`", o.kind, o.name),
                cx.object.at(FieldPath::parse("metadata")),
            )
            .label("not isolated")
            .help("add a NetworkPolicy whose `podSelector` matches these pods (a default-deny policy with `podSelector: {}` covers the whole namespace)"),
        );
    }
}
