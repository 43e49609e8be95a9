//! Rules for manifests the API server accepts but that go wrong at run time: probes that
//! cannot succeed or kill too early, hooks that do not fit the grace period they get,
//! containers behind a Service that get traffic too early or lose it too abruptly.

mod selection;
mod service_backed;

super::native_rules! {
    dangling_config_reference,
    dangling_ingress,
    dangling_network_policy,
    dangling_network_policy_peer,
    dangling_service,
    dangling_service_monitor,
    duplicate_container_port,
    liveness_kills_before_start,
    liveness_same_as_readiness,
    missing_prestop_hook,
    missing_config_key,
    missing_readiness_probe,
    pod_without_network_policy,
    prestop_exceeds_grace_period,
    probe_port_not_declared,
    probe_timeout_exceeds_period,
    statefulset_without_headless_service,
    undeclared_target_port,
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
