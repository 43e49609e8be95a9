//! The termination timeline of each container (reference note §5): where its grace period
//! comes from, whether its preStop runs and is cut off, when the stop signal is sent and
//! when SIGKILL comes at the latest. Times are seconds from the start of the kill.
//!
//! source: pkg/kubelet/kuberuntime/kuberuntime_container.go killContainer,
//! setTerminationGracePeriod; pkg/kubelet/pod_workers.go calculateEffectiveGracePeriod;
//! pkg/kubelet/kuberuntime/kuberuntime_termination_order.go

use k8s_openapi::api::core::v1::PodSpec;
use serde::Serialize;

use super::containers::{containers, ContainerInfo, Role};
use super::{hooks, pod_grace};

/// The runtime is never given less than this between the stop signal and SIGKILL.
/// source: pkg/kubelet/kuberuntime/kuberuntime_manager.go minimumGracePeriodInSeconds
pub const MIN_STOP_GRACE: f64 = 2.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Trigger {
    /// Pod deletion with the pod's own grace period.
    Delete,
    /// The kubelet kills the container for failing its liveness probe.
    Liveness,
    /// The kubelet kills the container for failing its startup probe.
    Startup,
}

#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub trigger: Trigger,
    pub container: String,
    pub grace_seconds: i64,
    /// Where the grace period came from.
    pub grace_from: &'static str,
    pub prestop_runs: bool,
    /// When the preStop ends; `None` when only the program knows.
    pub prestop_ends_at: Option<f64>,
    pub prestop_cut_off: bool,
    /// When the stop signal is sent (for a sidecar: once the containers it waits for have
    /// exited, at the earliest); `None` when it depends on an unknown preStop duration.
    pub stop_signal_at: Option<f64>,
    pub sigkill_at_latest: f64,
    /// For sidecars: what the stop signal waits for.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub waits_for: Vec<String>,
}

/// One container's kill with grace `grace` (already overridden), §5.3.
fn kill(trigger: Trigger, c: &ContainerInfo<'_>, grace: i64, grace_from: &'static str) -> Step {
    let pre_stop = c
        .container
        .lifecycle
        .as_ref()
        .and_then(|l| l.pre_stop.as_ref());
    let g = grace as f64;
    let (prestop_runs, prestop_ends_at, prestop_cut_off, stop_signal_at, sigkill_at_latest) =
        match pre_stop {
            None => (false, None, false, Some(0.0), g.max(MIN_STOP_GRACE)),
            // A zero grace skips the preStop (only a single-container kill can see 0).
            Some(_) if grace <= 0 => (false, None, false, Some(0.0), MIN_STOP_GRACE),
            Some(h) => match hooks::known_seconds(h) {
                Some(d) if d < g && g - d.floor() >= MIN_STOP_GRACE => {
                    (true, Some(d), false, Some(d), d + (g - d.floor()))
                }
                Some(d) => {
                    let end = d.min(g);
                    (true, Some(end), d >= g, Some(end), end + MIN_STOP_GRACE)
                }
                // Unknown length: the worst case runs into the deadline and gets the minimum.
                None => (true, None, false, None, g + MIN_STOP_GRACE),
            },
        };
    Step {
        trigger,
        container: c.name().to_string(),
        grace_seconds: grace,
        grace_from,
        prestop_runs,
        prestop_ends_at,
        prestop_cut_off,
        stop_signal_at,
        sigkill_at_latest,
        waits_for: Vec::new(),
    }
}

/// Every termination the spec allows to predict: the pod's deletion (all running
/// containers: sidecars and app containers), and each liveness or startup kill.
pub fn termination(spec: &PodSpec, version: super::Version) -> Vec<Step> {
    let all = containers(spec, version);
    // Deletion: the pod worker never goes below 1 s. source: pod_workers.go calculateEffectiveGracePeriod
    let pod = pod_grace(spec);
    let delete_grace = pod.max(1);
    let mut steps = Vec::new();
    let apps: Vec<&ContainerInfo<'_>> = all.iter().filter(|c| c.role == Role::App).collect();
    let sidecars: Vec<&ContainerInfo<'_>> =
        all.iter().filter(|c| c.role == Role::Sidecar).collect();
    let mut app_steps: Vec<Step> = apps
        .iter()
        .map(|c| {
            kill(
                Trigger::Delete,
                c,
                delete_grace,
                "pod terminationGracePeriodSeconds",
            )
        })
        .collect();
    // Sidecars stop last, in reverse order; their preStop runs at once, only the signal
    // waits, and the wait eats the same budget (§5.4).
    let mut later_exit_earliest: f64 = app_steps
        .iter()
        .filter_map(|s| s.stop_signal_at)
        .fold(0.0, f64::max);
    let mut later_exit_latest: f64 = app_steps
        .iter()
        .map(|s| s.sigkill_at_latest)
        .fold(0.0, f64::max);
    let mut waits: Vec<String> = apps.iter().map(|c| c.name().to_string()).collect();
    let mut sidecar_steps = Vec::new();
    for sc in sidecars.iter().rev() {
        let mut s = kill(
            Trigger::Delete,
            sc,
            delete_grace,
            "pod terminationGracePeriodSeconds",
        );
        let own_end = s.prestop_ends_at.unwrap_or(0.0);
        let signal = own_end.max(later_exit_earliest);
        let g = delete_grace as f64;
        // The wait for the others is bounded by the grace period itself (a timer of the
        // grace), so a sidecar never waits past it. source: kuberuntime_termination_order.go waitForTurn
        let waited_until = later_exit_latest.min(g).max(own_end);
        let budget_left = g - waited_until.floor();
        s.stop_signal_at =
            s.prestop_ends_at
                .map(|_| signal)
                .or(if s.prestop_runs { None } else { Some(signal) });
        s.sigkill_at_latest = waited_until + budget_left.max(MIN_STOP_GRACE);
        s.waits_for = waits.clone();
        later_exit_earliest = signal;
        later_exit_latest = s.sigkill_at_latest;
        waits = vec![sc.name().to_string()];
        sidecar_steps.push(s);
    }
    steps.append(&mut app_steps);
    steps.append(&mut sidecar_steps);
    // Probe kills: the probe's own grace if set, else the pod's (may be 0 here).
    // source: kuberuntime_container.go setTerminationGracePeriod
    for c in &all {
        if c.role == Role::Init {
            continue;
        }
        for (trigger, probe) in [
            (Trigger::Liveness, c.container.liveness_probe.as_ref()),
            (Trigger::Startup, c.container.startup_probe.as_ref()),
        ] {
            let Some(p) = probe else { continue };
            let (grace, from) = match p.termination_grace_period_seconds {
                Some(g) => (g, "probe terminationGracePeriodSeconds"),
                None => (pod, "pod terminationGracePeriodSeconds"),
            };
            steps.push(kill(trigger, c, grace, from));
        }
    }
    steps
}
