//! The start timeline by the nominal model of the reference note (§3, §4): every probe runs
//! at `initialDelaySeconds + k·periodSeconds` after its container starts and answers at
//! once; what only the program decides (how long a regular init container or an exec hook
//! runs) counts as zero, so every figure is the earliest possible.

use k8s_openapi::api::core::v1::PodSpec;
use serde::Serialize;

use super::containers::{containers, Role};
use super::hooks;
use super::probes::effective;

/// The two figures the reference note defines for a probe-driven deadline: the earliest
/// moment the kubelet can decide, and the bound the Kubernetes docs give.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Bounds {
    pub earliest: f64,
    pub docs_bound: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct ContainerTiming {
    pub name: String,
    pub role: Role,
    /// Seconds from the pod's start (its sandbox ready) until this container starts.
    pub starts_at: f64,
    /// Seconds from the container's start until it is `started` (its startup probe's first
    /// success; 0 without one).
    pub started_after: f64,
    /// Seconds from the container's start until it can first be Ready (sidecars and app
    /// containers).
    pub ready_after: Option<f64>,
    /// Seconds a postStart hook is known to hold back the next container.
    pub post_start_seconds: Option<f64>,
    pub startup_budget: Option<Bounds>,
    pub liveness_kill_after: Option<Bounds>,
    /// What the next step waits for.
    pub gates_next: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Timing {
    pub start_order: Vec<String>,
    pub containers: Vec<ContainerTiming>,
    /// Seconds from the pod's start until it can first be Ready; `None` when readiness gates
    /// hold it until something outside the kubelet sets their conditions.
    pub earliest_ready_seconds: Option<f64>,
}

fn secs(n: i32) -> f64 {
    f64::from(n)
}

pub fn timing(spec: &PodSpec, version: super::Version) -> Timing {
    let all = containers(spec, version);
    let mut t = 0.0;
    let mut out = Vec::new();
    let mut app_started = false;
    for c in &all {
        let k = c.container;
        let started_after = k
            .startup_probe
            .as_ref()
            .map_or(0.0, |p| secs(effective(p).initial_delay_seconds));
        let startup_budget = k.startup_probe.as_ref().map(|p| {
            let e = effective(p);
            Bounds {
                earliest: secs(e.initial_delay_seconds)
                    + (secs(e.failure_threshold) - 1.0) * secs(e.period_seconds),
                docs_bound: secs(e.initial_delay_seconds)
                    + secs(e.failure_threshold) * secs(e.period_seconds),
            }
        });
        let liveness_kill_after = k.liveness_probe.as_ref().map(|p| {
            let e = effective(p);
            let from = started_after.max(secs(e.initial_delay_seconds));
            Bounds {
                earliest: from + (secs(e.failure_threshold) - 1.0) * secs(e.period_seconds),
                docs_bound: from + secs(e.failure_threshold) * secs(e.period_seconds),
            }
        });
        let ready_after = (c.role != Role::Init).then(|| match &k.readiness_probe {
            None => started_after,
            Some(p) => {
                let e = effective(p);
                started_after.max(secs(e.initial_delay_seconds))
                    + (secs(e.success_threshold) - 1.0) * secs(e.period_seconds)
            }
        });
        let post_start_seconds = k
            .lifecycle
            .as_ref()
            .and_then(|l| l.post_start.as_ref())
            .and_then(hooks::known_seconds);
        if c.role == Role::App && !app_started {
            app_started = true;
        }
        let starts_at = t;
        let gates_next = match c.role {
            Role::Init => {
                // Runs to completion; how long is the program's business.
                "exits 0".to_string()
            }
            Role::Sidecar => {
                t += started_after;
                if k.startup_probe.is_some() {
                    format!("started (startup probe succeeds, earliest {started_after} s)")
                } else {
                    "started (running)".to_string()
                }
            }
            Role::App => {
                // postStart runs synchronously before the next container is started.
                let hook = post_start_seconds.unwrap_or(0.0);
                t += hook;
                match (
                    k.lifecycle.as_ref().and_then(|l| l.post_start.as_ref()),
                    post_start_seconds,
                ) {
                    (Some(_), Some(s)) => format!("postStart returns ({s} s)"),
                    (Some(_), None) => "postStart returns".to_string(),
                    (None, _) => "nothing (started right after)".to_string(),
                }
            }
        };
        out.push(ContainerTiming {
            name: k.name.clone(),
            role: c.role,
            starts_at,
            started_after,
            ready_after,
            post_start_seconds,
            startup_budget,
            liveness_kill_after,
            gates_next,
        });
    }
    let gated = spec.readiness_gates.as_ref().is_some_and(|g| !g.is_empty());
    let earliest_ready_seconds = (!gated).then(|| {
        out.iter()
            .filter_map(|c| c.ready_after.map(|r| c.starts_at + r))
            .fold(0.0, f64::max)
    });
    Timing {
        start_order: all.iter().map(|c| c.container.name.clone()).collect(),
        containers: out,
        earliest_ready_seconds,
    }
}
