//! Rules for practices that keep workloads predictable to run and operate.

super::native_rules! {
    image_pull_policy_not_always,
    latest_image_tag,
    unused_suppression,
}
