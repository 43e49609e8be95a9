//! `liveness-kills-before-start`: an app container or sidecar with a liveness probe and no
//! startup probe, whose liveness probe gives it less than [`MIN_START_SECONDS`] to become
//! healthy. A start that is slower than usual (cold caches, a slow node, a migration) is
//! then killed and restarted, and may never complete.
//!
//! source: web tasks/configure-pod-container/configure-liveness-readiness-startup-probes.md
//! ("If your container usually starts in more than initialDelaySeconds + failureThreshold ×
//! periodSeconds, you should specify a startup probe"); the bound itself is
//! `analysis::lifecycle::timing` (`liveness_kill_after.docs_bound`).

use k8s_openapi::api::core::v1::Probe;

use crate::analysis::lifecycle::probes::{effective, EffectiveProbe};
use crate::analysis::lifecycle::timing::timing;
use crate::analysis::lifecycle::{containers, Role};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: LivenessKillsBeforeStart = LivenessKillsBeforeStart;

pub(super) struct LivenessKillsBeforeStart;

/// The least time a liveness probe without a startup probe should give a container to
/// start, in seconds. It is what the API server's defaults give (`initialDelaySeconds` 0 +
/// `failureThreshold` 3 × `periodSeconds` 10 = 30 s, source: pkg/apis/core/v1/defaults.go
/// SetDefaults_Probe), so a probe left at its defaults is never reported: only one made
/// stricter than the defaults, which is where slow starts get killed. Strictly less is
/// reported.
pub const MIN_START_SECONDS: f64 = 30.0;

fn diagnostic(cx: &PodCx<'_>, container: &str, e: &EffectiveProbe, after: f64, at: &FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!(
            "the liveness probe can kill `{container}` {after} s after it starts, before a slow start completes"
        ),
        cx.at(at),
    )
    .label(format!(
        "{} s delay + {} failures × {} s period = {after} s",
        e.initial_delay_seconds, e.failure_threshold, e.period_seconds
    ))
    .help("add a `startupProbe` that allows for the slowest start")
}

/// The field that made the probe stricter than the defaults: a lowered `failureThreshold`
/// or `periodSeconds`, else the probe itself.
fn culprit(p: &Probe) -> &'static str {
    let e = effective(p);
    if e.failure_threshold < 3 && p.failure_threshold.is_some() {
        "failureThreshold"
    } else if e.period_seconds < 10 && p.period_seconds.is_some() {
        "periodSeconds"
    } else if p.failure_threshold.is_some() {
        "failureThreshold"
    } else if p.period_seconds.is_some() {
        "periodSeconds"
    } else {
        ""
    }
}

impl Rule for LivenessKillsBeforeStart {
    fn id(&self) -> &str {
        "liveness-kills-before-start"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else { return };
        let t = timing(spec, cx.object.version);
        // `timing` lists the containers in the same order as `containers`.
        for (c, ct) in containers(spec, cx.object.version).iter().zip(&t.containers) {
            if c.role == Role::Init || c.container.startup_probe.is_some() {
                continue;
            }
            let (Some(p), Some(kill)) = (&c.container.liveness_probe, ct.liveness_kill_after)
            else {
                continue;
            };
            let e = effective(p);
            // Negative numbers are rejected by the API server; not ours to report.
            if e.initial_delay_seconds < 0 || e.failure_threshold < 1 || e.period_seconds < 1 {
                continue;
            }
            if kill.docs_bound >= MIN_START_SECONDS {
                continue;
            }
            let mut at = c.path.clone().field("livenessProbe");
            let key = culprit(p);
            if !key.is_empty() {
                at = at.field(key);
            }
            out.emit(diagnostic(cx, c.name(), &e, kill.docs_bound, &at));
        }
    }
}
