//! kubectl-lint: an offline linter for Kubernetes manifests that reports every finding at
//! the exact line and column of the offending field.
//!
//! Data flows one way: `source` (read inputs) → `yaml` (spanned trees) → `model` (objects,
//! pod specs) → `rules` (diagnostics) → `report` (spans, suppressions, formats, exit code)
//! → `cli`. See DESIGN.md in the shared folder for the whole picture.

#![forbid(unsafe_code)]

pub mod analysis;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod model;
pub mod report;
pub mod rules;
pub mod schema;
pub mod source;
pub mod yaml;
