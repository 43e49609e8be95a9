//! Rules for manifests the API server accepts but that go wrong at run time: probes that
//! cannot succeed, kill too early or are missing, hooks that do not fit the grace period
//! they get, containers behind a Service that get traffic too early or lose it too
//! abruptly, containers without requests or limits, and workloads that one disruption takes
//! down (too few replicas, autoscalers and disruption budgets that do not fit them).

mod long_running;
mod pdb;
mod resources;
mod selection;
mod service_backed;
mod spread;

super::native_rules! {
    dangling_config_reference,
    dangling_ingress,
    dangling_network_policy,
    dangling_network_policy_peer,
    dangling_service,
    dangling_service_monitor,
    duplicate_container_port,
    hpa_min_equals_max,
    hpa_min_replicas_too_low,
    hpa_target_not_found,
    hpa_target_sets_replicas,
    liveness_kills_before_start,
    liveness_same_as_readiness,
    missing_config_key,
    missing_cpu_limit,
    missing_ephemeral_storage,
    missing_liveness_probe,
    missing_memory_limit,
    missing_pod_anti_affinity,
    missing_pod_disruption_budget,
    missing_prestop_hook,
    missing_readiness_probe,
    missing_resource_requests,
    missing_starting_deadline,
    pdb_blocks_all_disruptions,
    pdb_min_available_exceeds_hpa_min,
    pdb_unhealthy_pod_eviction_policy,
    pdb_without_policy,
    pod_without_network_policy,
    prestop_exceeds_grace_period,
    probe_port_not_declared,
    probe_timeout_exceeds_period,
    request_not_equal_limit,
    statefulset_without_headless_service,
    too_few_replicas,
    topology_spread_selector_mismatch,
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

/// `1 replica`, `3 replicas`.
fn count(n: i64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
