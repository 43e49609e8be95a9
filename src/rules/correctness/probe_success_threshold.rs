//! `probe-success-threshold`: a liveness or startup probe whose `successThreshold` is not 1
//! once defaulted; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go validateLivenessProbe, validateStartupProbe;
//! pkg/apis/core/v1/defaults.go SetDefaults_Probe (0 becomes 1)

use crate::analysis::lifecycle::{containers, probes, Role};
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
        for c in containers(spec, cx.object.version) {
            if c.role == Role::Init {
                continue;
            }
            for (kind, probe) in probes::probes(c.container) {
                let Some(probe) = probe else {
                    continue;
                };
                if kind == "readinessProbe" {
                    continue;
                }
                let value = probes::effective(probe).success_threshold;
                if value != 1 {
                    let at = c.path.clone().field(kind).field("successThreshold");
                    out.emit(diagnostic(cx, c.name(), &at, kind, value));
                }
            }
        }
    }
}
