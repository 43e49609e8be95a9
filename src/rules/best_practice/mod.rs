//! Rules for practices that keep workloads predictable to run and operate.

super::native_rules! {
    latest_image_tag,
    unused_suppression,
}
