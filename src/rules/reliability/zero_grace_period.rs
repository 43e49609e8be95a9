//! `zero-grace-period`: a pod `terminationGracePeriodSeconds` of 0 or less. With 0 the pod
//! object is removed from the API at once on deletion (its replacement can start while the
//! old containers still run), the kubelet gives each container about 1 s and then 2 s after
//! the stop signal, and a liveness or startup kill skips the `preStop` hook entirely. A
//! negative value is accepted with a warning and treated as 1.
//!
//! source: pkg/api/pod/warnings.go warningsForPodSpecAndMeta ("must be >= 0; negative values
//! are invalid and will be treated as 1"); pkg/kubelet/pod_workers.go
//! calculateEffectiveGracePeriod (never below 1); pkg/kubelet/kuberuntime/kuberuntime_container.go
//! killContainer (preStop only when the grace is above 0); kubernetes/apiserver
//! pkg/registry/generic/registry/store.go (grace 0 deletes at once)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: ZeroGracePeriod = ZeroGracePeriod;

pub(super) struct ZeroGracePeriod;

fn diagnostic(cx: &PodCx<'_>, grace: i64) -> Diagnostic {
    let at = cx.at(&FieldPath::root().field("terminationGracePeriodSeconds"));
    let d = if grace == 0 {
        Diagnostic::new(
            "`terminationGracePeriodSeconds: 0` gives the containers no time to stop: the pod object is deleted at once and a probe kill skips `preStop`",
            at,
        )
        .label("no grace period")
    } else {
        Diagnostic::new(
            format!(
                "`terminationGracePeriodSeconds: {grace}` is treated as 1 s, and the API server warns that it must be >= 0"
            ),
            at,
        )
        .label("negative")
    };
    d.help("set `terminationGracePeriodSeconds` to the time the app needs to stop, or remove it for the default 30 s")
}

impl Rule for ZeroGracePeriod {
    fn id(&self) -> &str {
        "zero-grace-period"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else { return };
        if let Some(g) = spec.termination_grace_period_seconds.filter(|g| *g <= 0) {
            out.emit(diagnostic(cx, g));
        }
    }
}
