//! `pdb-unhealthy-pod-eviction-policy`: a policy/v1 PodDisruptionBudget without
//! `unhealthyPodEvictionPolicy`. The default, `IfHealthyBudget`, lets running but unready
//! pods be evicted only while the budget is met: a workload stuck unready (a bad rollout,
//! a crash loop) then blocks node drains. `AlwaysAllow` lets drains evict pods that are
//! not serving anyway. Pedantic: the default is a deliberate, conservative choice.
//! source: pkg/registry/core/pod/storage/eviction.go (canIgnorePDB, the
//! IfHealthyBudget/AlwaysAllow handling); field beta and on by default since 1.27, GA 1.31

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::pdb::is_pdb;

pub(super) static RULE: PdbUnhealthyPodEvictionPolicy = PdbUnhealthyPodEvictionPolicy;

pub(super) struct PdbUnhealthyPodEvictionPolicy;

impl Rule for PdbUnhealthyPodEvictionPolicy {
    fn id(&self) -> &str {
        "pdb-unhealthy-pod-eviction-policy"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if !is_pdb(cx) || cx.object.api_version != "policy/v1" || cx.version < (1, 27) {
            return;
        }
        if cx
            .field(&["spec", "unhealthyPodEvictionPolicy"])
            .is_some()
        {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!(
                    "PodDisruptionBudget `{}` does not set `unhealthyPodEvictionPolicy`, so unready pods can block node drains",
                    cx.object.name
                ),
                cx.at(FieldPath::parse("spec.unhealthyPodEvictionPolicy")),
            )
            .label("defaults to `IfHealthyBudget`")
            .help("set `unhealthyPodEvictionPolicy: AlwaysAllow` (or `IfHealthyBudget` to keep the default on purpose)"),
        );
    }
}
