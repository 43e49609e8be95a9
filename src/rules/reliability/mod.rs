//! Rules for manifests the API server accepts but that go wrong at run time: probes that
//! cannot succeed or kill too early, hooks that do not fit the grace period they get,
//! containers behind a Service that get traffic too early or lose it too abruptly.

mod service_backed;
mod spread;

super::native_rules! {
    liveness_kills_before_start,
    liveness_same_as_readiness,
    missing_pod_anti_affinity,
    missing_prestop_hook,
    missing_readiness_probe,
    missing_starting_deadline,
    prestop_exceeds_grace_period,
    probe_port_not_declared,
    probe_timeout_exceeds_period,
    topology_spread_selector_mismatch,
    zero_grace_period,
}

/// How a message names a probe or hook field: `livenessProbe` → `liveness probe`.
fn noun(field: &str) -> &'static str {
    match field {
        "startupProbe" => "startup probe",
        "livenessProbe" => "liveness probe",
        "readinessProbe" => "readiness probe",
        "postStart" => "`postStart` hook",
        "preStop" => "`preStop` hook",
        _ => "probe",
    }
}
