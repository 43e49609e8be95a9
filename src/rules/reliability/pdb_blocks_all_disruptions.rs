//! `pdb-blocks-all-disruptions`: a PodDisruptionBudget that can never allow an eviction:
//! `maxUnavailable: 0` or `0%`, `minAvailable: 100%`, or a `minAvailable` at least as large
//! as the replicas of the workloads of the run it selects. Node drains then hang until
//! someone deletes the pods by hand.
//! source: pkg/controller/disruption/disruption.go getExpectedPodCount, updatePdbStatus
//! (disruptionsAllowed = currentHealthy - desiredHealthy)

use crate::diagnostic::Diagnostic;
use crate::model::scaling::int;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::pdb::{amount, is_pdb, Amount};
use super::too_few_replicas::replicated;

pub(super) static RULE: PdbBlocksAllDisruptions = PdbBlocksAllDisruptions;

pub(super) struct PdbBlocksAllDisruptions;

fn diagnostic(cx: &ObjectCx<'_>, why: String, at: FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!("PodDisruptionBudget `{}` never allows a disruption: {why}", cx.object.name),
        cx.at(at),
    )
    .label("blocks every eviction")
    .help("allow at least one pod to be evicted (`maxUnavailable: 1`, or a lower `minAvailable`)")
}

/// The pods the PDB's selected workloads run in total, with who runs them;
/// `None` when some count is unknown (a DaemonSet, an HPA, a templated value).
fn selected_pods(cx: &ObjectCx<'_>) -> Option<(i64, String)> {
    let selector = cx.field(&["spec", "selector"])?;
    let ws = cx.workspace;
    let scaling = ws.scaling();
    let selected = scaling.templates_selected(ws, cx.doc, selector, cx.object.namespace.as_deref());
    let first = selected.first()?;
    let name = match selected.len() {
        1 => format!("{} `{}` runs", first.object.kind, first.object.name),
        n => format!("the {n} workloads it selects run"),
    };
    let mut total = 0;
    for w in &selected {
        let o = w.object;
        let n = if o.kind == "Pod" {
            1
        } else if replicated(o.group(), &o.kind) {
            if scaling.hpas_targeting(o).next().is_some() {
                return None;
            }
            match w.node("spec.replicas") {
                Some(n) => int(w.doc(), Some(n))?,
                None => 1,
            }
        } else {
            return None;
        };
        total += n;
    }
    Some((total, name))
}

impl Rule for PdbBlocksAllDisruptions {
    fn id(&self) -> &str {
        "pdb-blocks-all-disruptions"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if !is_pdb(cx) {
            return;
        }
        if let Some((a, path)) = amount(cx, "maxUnavailable") {
            if matches!(a, Amount::Count(0) | Amount::Percent(0)) {
                out.emit(diagnostic(cx, "`maxUnavailable` is 0".into(), path));
            }
            return;
        }
        let Some((a, path)) = amount(cx, "minAvailable") else {
            return;
        };
        if let Amount::Percent(p) = a {
            if p >= 100 {
                out.emit(diagnostic(cx, "`minAvailable` is 100%".into(), path));
                return;
            }
        }
        if a.of(1) <= 0 {
            return;
        }
        let Some((pods, name)) = selected_pods(cx) else {
            return;
        };
        let wanted = a.of(pods);
        if pods > 0 && wanted >= pods {
            out.emit(diagnostic(
                cx,
                format!("`minAvailable` wants {wanted} available and {name} {}", super::count(pods, "pod")),
                path,
            ));
        }
    }
}
