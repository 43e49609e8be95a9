//! Rules for what the API server, the scheduler or the kubelet will not do as written.

super::native_rules! {
    duplicate_env_var,
    host_port_mismatch,
    init_container_probe,
    invalid_env_var_name,
    invalid_hook_handler,
    invalid_port,
    invalid_probe_handler,
    invalid_quantity,
    invalid_resource_name,
    invalid_restart_policy,
    invalid_yaml,
    job_deadline_before_start,
    negative_probe_field,
    non_kubernetes_document,
    probe_success_threshold,
    readiness_probe_grace_period,
    requests_exceed_limits,
    selector_mismatch,
    sleep_exceeds_grace_period,
    workload_active_deadline,
}
