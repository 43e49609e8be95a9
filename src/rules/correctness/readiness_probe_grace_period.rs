//! `readiness-probe-grace-period`: a readiness probe with `terminationGracePeriodSeconds`;
//! the API server refuses it, as a failing readiness probe never kills the container.
//! source: pkg/apis/core/validation/validation.go validateReadinessProbe

use crate::analysis::lifecycle::validated_probes;
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: ReadinessProbeGracePeriod = ReadinessProbeGracePeriod;

pub(super) struct ReadinessProbeGracePeriod;

fn diagnostic(cx: &PodCx<'_>, container: &str, at: &FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!(
            "the `readinessProbe` of container `{container}` sets `terminationGracePeriodSeconds`"
        ),
        cx.at(at),
    )
    .label("not allowed on a readiness probe")
    .help("remove it; a failing readiness probe never kills the container, so there is no grace period to set")
    .api_error(
        cx.path.join(at).to_string(),
        "Invalid",
        "must not be set for readinessProbes",
    )
}

impl Rule for ReadinessProbeGracePeriod {
    fn id(&self) -> &str {
        "readiness-probe-grace-period"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else {
            return;
        };
        for p in validated_probes(spec, cx.object.version) {
            if p.field == "readinessProbe" && p.probe.termination_grace_period_seconds.is_some() {
                let at = p.path.clone().field("terminationGracePeriodSeconds");
                out.emit(diagnostic(cx, p.container.name(), &at));
            }
        }
    }
}
