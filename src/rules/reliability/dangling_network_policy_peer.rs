//! `dangling-network-policy-peer`: an ingress `from` or egress `to` peer of a NetworkPolicy
//! whose `podSelector` matches no pod template of the input in the policy's namespace, so the
//! rule allows traffic from or to nothing. A peer with a `namespaceSelector` may select pods
//! of namespaces outside the input and is not reported; `podSelector: {}` selects every pod.
//! source: staging/src/k8s.io/api/networking/v1/types.go NetworkPolicyPeer ("If
//! namespaceSelector is also set ... Otherwise it selects the pods matching podSelector in the
//! policy's own namespace")

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::selection::Selector;

pub(super) static RULE: DanglingNetworkPolicyPeer = DanglingNetworkPolicyPeer;

pub(super) struct DanglingNetworkPolicyPeer;

impl Rule for DanglingNetworkPolicyPeer {
    fn id(&self) -> &str {
        "dangling-network-policy-peer"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "NetworkPolicy" || o.group() != "networking.k8s.io" {
            return;
        }
        let Some(spec) = cx.json().and_then(|j| j.get("spec")) else {
            return;
        };
        for (direction, peers) in [("ingress", "from"), ("egress", "to")] {
            let rules = spec.get(direction).and_then(Value::as_array);
            for (i, rule) in rules.into_iter().flatten().enumerate() {
                let list = rule.get(peers).and_then(Value::as_array);
                for (j, peer) in list.into_iter().flatten().enumerate() {
                    if peer.get("namespaceSelector").is_some_and(|n| !n.is_null()) {
                        continue;
                    }
                    let Some(sel) = peer.get("podSelector").and_then(Selector::from_label_selector) else {
                        continue;
                    };
                    if sel.is_empty() || sel.pods(cx.workspace, o.namespace.as_deref()).next().is_some() {
                        continue;
                    }
                    let at = FieldPath::parse("spec")
                        .field(direction)
                        .index(i)
                        .field(peers)
                        .index(j)
                        .field("podSelector");
                    out.emit(
                        Diagnostic::new(
                            format!("the {direction} peer `{}` of NetworkPolicy `{}` matches no pod template in the input", sel.show(), o.name),
                            cx.at(at),
                        )
                        .label("selects no pods")
                        .help("match the pod template labels of the peers, or add a `namespaceSelector` for pods of other namespaces"),
                    );
                }
            }
        }
    }
}
