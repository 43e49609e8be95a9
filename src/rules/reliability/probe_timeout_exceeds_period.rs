//! `probe-timeout-exceeds-period`: a probe whose `timeoutSeconds` (after defaulting) is at
//! least its `periodSeconds`. The API server accepts it, but the kubelet's probe worker runs
//! one probe at a time, so a probe that hangs until its timeout delays the next one: the
//! probe no longer runs every `periodSeconds`, and every figure derived from the period
//! (time to restart, time to leave the endpoints) is longer than the manifest says.
//!
//! source: pkg/apis/core/v1/defaults.go SetDefaults_Probe (timeout 1, period 10);
//! pkg/kubelet/prober/worker.go run (doProbe, then wait for the next tick)

use super::noun;
use crate::analysis::lifecycle::probes::{effective, probes, EffectiveProbe};
use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: ProbeTimeoutExceedsPeriod = ProbeTimeoutExceedsPeriod;

pub(super) struct ProbeTimeoutExceedsPeriod;

fn diagnostic(
    cx: &PodCx<'_>,
    container: &str,
    field: &str,
    e: &EffectiveProbe,
    at: &FieldPath,
) -> Diagnostic {
    let (timeout, period) = (e.timeout_seconds, e.period_seconds);
    Diagnostic::new(
        format!(
            "the {} of `{container}` may wait {timeout} s for an answer but is meant to run every {period} s",
            noun(field)
        ),
        cx.at(at),
    )
    .label(format!("`timeoutSeconds` {timeout} ≥ `periodSeconds` {period}"))
    .help("make `timeoutSeconds` shorter than `periodSeconds`")
}

impl Rule for ProbeTimeoutExceedsPeriod {
    fn id(&self) -> &str {
        "probe-timeout-exceeds-period"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else { return };
        for c in containers(spec, cx.object.version) {
            if c.role == Role::Init {
                continue;
            }
            for (field, p) in probes(c.container) {
                let Some(p) = p else { continue };
                let e = effective(p);
                // Negative numbers are rejected by the API server; not ours to report.
                if e.timeout_seconds < 1 || e.period_seconds < 1 {
                    continue;
                }
                if e.timeout_seconds < e.period_seconds {
                    continue;
                }
                // Point at what was written: the timeout, or else the period that undercuts
                // the default timeout.
                let key = if p.timeout_seconds.is_some_and(|t| t != 0) {
                    "timeoutSeconds"
                } else {
                    "periodSeconds"
                };
                let at = c.path.clone().field(field).field(key);
                out.emit(diagnostic(cx, c.name(), field, &e, &at));
            }
        }
    }
}
