//! Rules: the catalog (`rules/*.yaml`, embedded, plus `--rules DIR`), declarative rules (a
//! JSON Schema over a container, pod spec or object), native rules (one file each under a
//! category folder), and running them over one file.
//!
//! Rules read objects and emit `Diagnostic`s; they never format output and never do I/O
//! (the catalog loader reads `--rules` directories, nothing else).

mod catalog;
mod context;
mod declarative;
mod pointer;
mod registry;
mod run;

mod best_practice;
mod correctness;
mod rbac;
mod reliability;
mod security;

pub use catalog::{Category, RuleMeta, Target as RuleTarget};
pub use context::{ContainerRef, FileCx, ObjectCx, PodCx, Sink, UpdateCx, Version, NEWEST};
pub(crate) use pointer::Pointer;
pub use registry::{CatalogError, Registry, RuleEntry};
pub use run::check_file;

/// Reading and matching suppressions (owned by the `unused-suppression` rule).
pub mod suppression {
    pub use super::best_practice::unused_suppression::{covers, suppressions, unused, Suppression};
}

/// What looks like a credential (owned by the `literal-secret-env` and
/// `sensitive-configmap-data` rules), for the report to mask.
pub(crate) mod sensitive {
    pub(crate) use super::security::sensitive::spans;
}

/// How many characters of a value a rule quotes before it cuts it with `…` (the redaction of
/// output masks what is left of a secret value cut so).
pub(crate) const QUOTE_MAX: usize = 60;

/// A native rule. Its metadata and docs live in its catalog entry, `rules/<id>.yaml`.
/// Implement whichever scopes it looks at; each runs once per file, object or pod spec.
pub trait Rule: Send + Sync {
    fn id(&self) -> &str;
    fn check_file(&self, _cx: &FileCx<'_>, _out: &mut Sink) {}
    fn check_object(&self, _cx: &ObjectCx<'_>, _out: &mut Sink) {}
    fn check_pod(&self, _cx: &PodCx<'_>, _out: &mut Sink) {}
    /// Runs for each object that has a previous version in the run (`diff`, `--base`).
    fn check_update(&self, _cx: &UpdateCx<'_>, _out: &mut Sink) {}
}

/// Declares a category's native rules: one line per rule module, each of which defines
/// `pub(super) static RULE`. This is the only list a new rule joins.
macro_rules! native_rules {
    ($($module:ident),* $(,)?) => {
        $(pub(super) mod $module;)*
        pub(super) fn rules() -> Vec<&'static dyn super::Rule> {
            vec![$(&$module::RULE),*]
        }
    };
}
use native_rules;

fn native() -> Vec<&'static dyn Rule> {
    let mut v = correctness::rules();
    v.extend(best_practice::rules());
    v.extend(reliability::rules());
    v.extend(security::rules());
    v.extend(rbac::rules());
    v
}
