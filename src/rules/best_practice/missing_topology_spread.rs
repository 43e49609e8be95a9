//! `missing-topology-spread`: a pod template without `topologySpreadConstraints` (house
//! policy: restriction).

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: MissingTopologySpread = MissingTopologySpread;

pub(super) struct MissingTopologySpread;

fn diagnostic(cx: &PodCx<'_>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "{} `{}` sets no `topologySpreadConstraints`",
            cx.object.object.kind, cx.object.object.name
        ),
        cx.at(&FieldPath::root().field("topologySpreadConstraints")),
    )
    .label("no `topologySpreadConstraints` here")
    .help(
        "add `topologySpreadConstraints` over `topology.kubernetes.io/zone` or \
         `kubernetes.io/hostname` with a `labelSelector` matching these pods",
    )
}

impl Rule for MissingTopologySpread {
    fn id(&self) -> &str {
        "missing-topology-spread"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        // Run-to-completion pods and one-per-node pods have nothing to spread.
        let kind = cx.object.object.kind.as_str();
        if matches!(kind, "Job" | "CronJob" | "DaemonSet") {
            return;
        }
        let doc = cx.doc();
        let set = doc
            .get(cx.node, "topologySpreadConstraints")
            .is_some_and(|l| !doc.items(l).is_empty());
        if !set {
            out.emit(diagnostic(cx));
        }
    }
}
