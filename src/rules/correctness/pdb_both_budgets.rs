//! `pdb-both-budgets`: a PodDisruptionBudget that sets both `minAvailable` and
//! `maxUnavailable`, which the API server refuses.
//! source: pkg/apis/policy/validation/validation.go ValidatePodDisruptionBudgetSpec
//! ("minAvailable and maxUnavailable cannot be both set", reported at `spec`)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: PdbBothBudgets = PdbBothBudgets;

pub(super) struct PdbBothBudgets;

impl Rule for PdbBothBudgets {
    fn id(&self) -> &str {
        "pdb-both-budgets"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "PodDisruptionBudget" || o.group() != "policy" {
            return;
        }
        let Some(json) = cx.json() else { return };
        let spec = &json["spec"];
        let set = |k: &str| spec.get(k).is_some_and(|v| !v.is_null());
        if set("minAvailable") && set("maxUnavailable") {
            let min = cx.at_key(FieldPath::parse("spec.minAvailable"));
            out.emit(
                Diagnostic::new(
                    "the PodDisruptionBudget sets both `minAvailable` and `maxUnavailable`",
                    cx.at_key(FieldPath::parse("spec.maxUnavailable")),
                )
                .label("second budget")
                .related(min, "first budget")
                .help("keep one of them: `minAvailable` (pods that must stay up) or `maxUnavailable` (pods that may be down)")
                .api_error("spec", "Invalid", "minAvailable and maxUnavailable cannot be both set"),
            );
        }
    }
}
