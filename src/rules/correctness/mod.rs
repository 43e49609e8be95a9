//! Rules for what the API server, the scheduler or the kubelet will not do as written.

super::native_rules! {
    duplicate_env_var,
    invalid_yaml,
    job_deadline_before_start,
    non_kubernetes_document,
    selector_mismatch,
}
