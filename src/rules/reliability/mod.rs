//! Rules for what the API server accepts but will go wrong at run time.

mod service_backed;

super::native_rules! {
    missing_prestop_hook,
    missing_readiness_probe,
}
