//! Kubernetes objects read out of spanned documents: identity (`apiVersion`, `kind`,
//! `metadata`), where a workload keeps its pod spec, and the typed k8s-openapi view.
//!
//! Knows Kubernetes shapes, not rules or output.

pub mod cluster;
mod file;
pub mod names;
mod object;
pub mod quantity;
pub mod run_index;
pub mod scaling;
pub mod selector;
mod workload;
pub mod workspace;

pub use file::{load, File, Skipped};
pub use object::Object;
pub use workload::{
    pod_spec_path, template_metadata_field, template_metadata_node, template_metadata_path,
};
pub use workspace::{ObjectRef, RuleOptions, Workspace};

/// A Kubernetes version as (1, minor): what the API server and the kubelet do differs by
/// version (`--kubernetes-version`).
pub type Version = (u32, u32);

/// The newest supported version, the default target.
pub const NEWEST: Version = (1, 37);
