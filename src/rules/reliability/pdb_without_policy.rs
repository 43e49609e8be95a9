//! `pdb-without-policy`: a PodDisruptionBudget that sets neither `minAvailable` nor
//! `maxUnavailable`. policy/v1 does not default either, and the disruption controller then
//! wants 0 healthy pods: every eviction is allowed, and the budget protects nothing.
//! source: pkg/controller/disruption/disruption.go getExpectedPodCount (neither set:
//! desiredHealthy stays 0)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::pdb::is_pdb;

pub(super) static RULE: PdbWithoutPolicy = PdbWithoutPolicy;

pub(super) struct PdbWithoutPolicy;

impl Rule for PdbWithoutPolicy {
    fn id(&self) -> &str {
        "pdb-without-policy"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if !is_pdb(cx) {
            return;
        }
        let set = |f: &str| cx.node(&FieldPath::root().field("spec").field(f.to_string())).is_some();
        if set("minAvailable") || set("maxUnavailable") {
            return;
        }
        // policy/v1beta1 defaulted minAvailable to 1. source: pkg/apis/policy/v1beta1/defaults.go
        if cx.object.api_version == "policy/v1beta1" {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!(
                    "PodDisruptionBudget `{}` sets neither `minAvailable` nor `maxUnavailable`, so it allows every disruption",
                    cx.object.name
                ),
                cx.at(FieldPath::parse("spec")),
            )
            .label("no budget")
            .help("set `maxUnavailable: 1` (or a `minAvailable` below the replica count)"),
        );
    }
}
