//! Rules for what the API server, the scheduler or the kubelet will not do as written.

super::native_rules! {
    annotations_too_large,
    duplicate_env_var,
    init_container_probe,
    invalid_hook_handler,
    invalid_label,
    invalid_object_name,
    invalid_probe_handler,
    invalid_restart_policy,
    invalid_yaml,
    job_deadline_before_start,
    missing_object_name,
    namespace_mismatch,
    negative_probe_field,
    non_kubernetes_document,
    probe_success_threshold,
    readiness_probe_grace_period,
    selector_mismatch,
    sleep_exceeds_grace_period,
    workload_active_deadline,
}
