//! Rules about what a pod may do to its node and to the cluster: privileges, host namespaces
//! and mounts, capabilities, Linux hardening, service account tokens and secrets written in
//! plain text. A container inherits the pod-level `securityContext` fields Kubernetes lets it
//! inherit, so these rules look at both levels (see [`pod`]).

pub(crate) mod pod;
pub(crate) mod sensitive;

super::native_rules! {
    automounted_service_account_token,
    dangerous_capability,
    default_service_account,
    docker_socket_mount,
    host_path_volume,
    host_port,
    literal_secret_env,
    low_user_id,
    missing_linux_hardening,
    missing_seccomp_profile,
    missing_service_account,
    run_as_root,
    secret_env_var,
    sensitive_configmap_data,
    sensitive_host_mount,
    unsafe_sysctl,
    writable_host_mount,
}
