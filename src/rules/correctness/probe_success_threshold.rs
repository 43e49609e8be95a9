//! `probe-success-threshold`: a liveness or startup probe whose `successThreshold` is not 1
//! once defaulted; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go validateLivenessProbe, validateStartupProbe;
//! pkg/apis/core/v1/defaults.go SetDefaults_Probe (0 becomes 1)

use crate::analysis::lifecycle::{probes, validated_probes};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: ProbeSuccessThreshold = ProbeSuccessThreshold;

pub(super) struct ProbeSuccessThreshold;

fn diagnostic(cx: &PodCx<'_>, container: &str, at: &FieldPath, kind: &str, value: i32) -> Diagnostic {
    Diagnostic::new(
        format!(
            "the `{kind}` of container `{container}` has `successThreshold: {value}`, but only 1 is allowed"
        ),
        cx.at(at),
    )
    .label("must be 1")
    .help("set `successThreshold: 1` or remove it; one success is enough to stop a kill")
    .api_error(cx.path.join(at).to_string(), "Invalid", "must be 1")
}

impl Rule for ProbeSuccessThreshold {
    fn id(&self) -> &str {
        "probe-success-threshold"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else {
            return;
        };
        for p in validated_probes(spec, cx.object.version) {
            if p.field == "readinessProbe" {
                continue;
            }
            let value = probes::effective(p.probe).success_threshold;
            if value != 1 {
                let at = p.path.clone().field("successThreshold");
                out.emit(diagnostic(cx, p.container.name(), &at, p.field, value));
            }
        }
    }
}
