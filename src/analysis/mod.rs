//! Pure computations over typed objects: what the API server would store, what the kubelet
//! would do. No diagnostics, no I/O; rules and subcommands turn the results into output.
//! Must not import `rules` or `report`.

pub mod defaults;
pub mod lifecycle;
pub mod project;
pub mod scheduling;
pub mod update;
