//! `prestop-exceeds-grace-period`: a `preStop` hook of known length (a `sleep` action, or an
//! exec hook that only sleeps) that does not fit the grace period it gets: on deletion it
//! runs into the pod's `terminationGracePeriodSeconds` or leaves the app less than the
//! kubelet's 2 s minimum; on a liveness or startup kill, a probe-level
//! `terminationGracePeriodSeconds` cuts it off. The API server only bounds a `sleep` by the
//! pod's grace period, with `>` (so `sleep == grace` passes), and never by a probe's.
//!
//! source: pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer,
//! executePreStopHook, setTerminationGracePeriod; kuberuntime_manager.go
//! minimumGracePeriodInSeconds; pkg/apis/core/validation/validation.go validateSleepAction.
//! The timeline itself is `analysis::lifecycle::termination`.

use k8s_openapi::api::core::v1::LifecycleHandler;

use crate::analysis::lifecycle::termination::{termination, Step, Trigger, MIN_STOP_GRACE};
use crate::analysis::lifecycle::{containers, hooks, pod_grace, ContainerInfo};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: PrestopExceedsGracePeriod = PrestopExceedsGracePeriod;

pub(super) struct PrestopExceedsGracePeriod;

/// How the preStop does not fit.
enum Misfit {
    /// Deletion: the hook runs past the grace period and is abandoned.
    CutOff,
    /// Deletion: the hook ends in time but leaves the app only the 2 s minimum.
    LeavesMinimum,
    /// A liveness or startup kill whose probe-level grace cuts the hook off.
    ProbeCutOff(Trigger),
}

fn diagnostic(
    cx: &PodCx<'_>,
    container: &str,
    misfit: Misfit,
    hook_seconds: f64,
    grace: i64,
    hook_at: &FieldPath,
    grace_at: Option<FieldPath>,
) -> Diagnostic {
    let (d, g, min) = (hook_seconds, grace, MIN_STOP_GRACE);
    let (message, help) = match misfit {
        Misfit::CutOff => (
            format!(
                "the `preStop` hook of `{container}` takes {d} s but the grace period is {g} s, so it is cut off and the app gets only {min} s after the stop signal"
            ),
            "raise `terminationGracePeriodSeconds` above the `preStop` time plus the time the app needs to stop",
        ),
        Misfit::LeavesMinimum => (
            format!(
                "the `preStop` hook of `{container}` takes {d} s of its {g} s grace period, leaving the app only {min} s to stop"
            ),
            "raise `terminationGracePeriodSeconds` above the `preStop` time plus the time the app needs to stop",
        ),
        Misfit::ProbeCutOff(trigger) => {
            let probe = if trigger == Trigger::Startup { "startup" } else { "liveness" };
            (
                format!(
                    "when its {probe} probe fails, `{container}` gets the probe's {g} s grace period, which does not leave room for its {d} s `preStop` hook"
                ),
                "raise the probe's `terminationGracePeriodSeconds` above the `preStop` time plus the time the app needs to stop",
            )
        }
    };
    let mut diag = Diagnostic::new(message, cx.at(hook_at))
        .label(format!("takes {d} s"))
        .help(help);
    if let Some(at) = grace_at {
        diag = diag.related(cx.at(&at), format!("grace period {g} s"));
    }
    diag
}

/// Where a hook's duration is written: `sleep.seconds` or `exec.command`.
fn duration_path(base: FieldPath, h: &LifecycleHandler) -> FieldPath {
    if h.sleep.is_some() {
        base.field("sleep").field("seconds")
    } else {
        base.field("exec").field("command")
    }
}

impl Rule for PrestopExceedsGracePeriod {
    fn id(&self) -> &str {
        "prestop-exceeds-grace-period"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else { return };
        let all = containers(spec, cx.object.version);
        let find = |name: &str| -> Option<&ContainerInfo<'_>> {
            all.iter().find(|c| c.name() == name)
        };
        // A pod grace below 1 s is `zero-grace-period`'s finding; every preStop is cut short
        // then.
        let pod = pod_grace(spec);
        let pod_grace_at = spec
            .termination_grace_period_seconds
            .is_some()
            .then(|| FieldPath::root().field("terminationGracePeriodSeconds"));
        for step in termination(spec, cx.object.version) {
            let Some(c) = find(&step.container) else { continue };
            let Some(h) = c.container.lifecycle.as_ref().and_then(|l| l.pre_stop.as_ref()) else {
                continue;
            };
            let Some(d) = hooks::known_seconds(h) else { continue };
            if !step.prestop_runs {
                continue;
            }
            // A `sleep` action is the API server's business first: longer than the pod's
            // grace it is refused (`sleep-exceeds-grace-period`), and before 1.30 it is
            // dropped, so there is no preStop to run at all.
            if let Some(sleep) = &h.sleep {
                if cx.object.version < (1, 30) || sleep.seconds > pod {
                    continue;
                }
            }
            let Some((misfit, grace_at)) = misfit(&step, d, pod, &pod_grace_at, c) else {
                continue;
            };
            let hook_at = duration_path(c.path.clone().field("lifecycle").field("preStop"), h);
            out.emit(diagnostic(
                cx,
                c.name(),
                misfit,
                d,
                step.grace_seconds,
                &hook_at,
                grace_at,
            ));
        }
    }
}

/// Whether this kill cuts the preStop of `d` seconds short, and where its grace is written.
fn misfit(
    step: &Step,
    d: f64,
    pod: i64,
    pod_grace_at: &Option<FieldPath>,
    c: &ContainerInfo<'_>,
) -> Option<(Misfit, Option<FieldPath>)> {
    let g = step.grace_seconds as f64;
    match step.trigger {
        Trigger::Delete => {
            if pod < 1 {
                return None;
            }
            if step.prestop_cut_off && d > g {
                return Some((Misfit::CutOff, pod_grace_at.clone()));
            }
            // The app gets what is left, but never less than the minimum; below a 3 s grace
            // it gets the minimum with or without a preStop, so the hook costs it nothing.
            let left = g - d.floor();
            (left < MIN_STOP_GRACE && g > MIN_STOP_GRACE)
                .then(|| (Misfit::LeavesMinimum, pod_grace_at.clone()))
        }
        Trigger::Liveness | Trigger::Startup => {
            // With the pod's grace this is the deletion case again, reported once above.
            let field = match step.trigger {
                Trigger::Liveness => "livenessProbe",
                _ => "startupProbe",
            };
            let probe = match step.trigger {
                Trigger::Liveness => c.container.liveness_probe.as_ref(),
                _ => c.container.startup_probe.as_ref(),
            };
            probe?.termination_grace_period_seconds?;
            step.prestop_cut_off.then(|| {
                (
                    Misfit::ProbeCutOff(step.trigger),
                    Some(
                        c.path
                            .clone()
                            .field(field)
                            .field("terminationGracePeriodSeconds"),
                    ),
                )
            })
        }
    }
}
