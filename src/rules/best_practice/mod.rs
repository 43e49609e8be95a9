//! Rules for practices that keep workloads predictable to run and operate.

mod required_metadata;

super::native_rules! {
    default_namespace,
    image_pull_policy_not_always,
    instance_label_mismatch,
    job_ttl_misuse,
    latest_image_tag,
    missing_dns_ndots,
    missing_node_affinity,
    missing_priority_class,
    missing_required_annotation,
    missing_required_label,
    missing_topology_spread,
    non_rolling_update_strategy,
    restart_policy_never,
    unsorted_keys,
    unused_suppression,
}
