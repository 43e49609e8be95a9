//! `missing-node-affinity`: a pod template that does not say which nodes it belongs on
//! (house policy: restriction).

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: MissingNodeAffinity = MissingNodeAffinity;

pub(super) struct MissingNodeAffinity;

fn diagnostic(cx: &PodCx<'_>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "{} `{}` sets no node affinity, so its pods may land on any node",
            cx.object.object.kind, cx.object.object.name
        ),
        cx.at(&FieldPath::parse("affinity.nodeAffinity")),
    )
    .label("no `nodeAffinity` here")
    .help("add `affinity.nodeAffinity` (or a `nodeSelector`) naming the nodes these pods belong on")
}

impl Rule for MissingNodeAffinity {
    fn id(&self) -> &str {
        "missing-node-affinity"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let affinity = doc
            .get(cx.node, "affinity")
            .and_then(|a| doc.get(a, "nodeAffinity"))
            .is_some_and(|n| !doc.is_null(n) && !doc.entries(n).is_empty());
        // A nodeSelector constrains nodes just as well (the scheduler's NodeAffinity plugin
        // evaluates both).
        let selector = doc
            .get(cx.node, "nodeSelector")
            .is_some_and(|n| !doc.entries(n).is_empty());
        if !affinity && !selector {
            out.emit(diagnostic(cx));
        }
    }
}
