//! The inputs that are used but not linted — `diff`'s OLD, `--crd`, each file's version at
//! `--base` — checked before the run: each must be read within `--max-file-size` and parse,
//! or the user is told, since a missing old version or CRD otherwise only means fewer checks
//! and a clean exit code (a refused update passed as a new object, a custom resource whose
//! CRD is "missing" when it is broken).
//!
//! The run reads them again (`report` owns reading them for the workspace); this module only
//! decides what to say about them. It does not lint them.

use rayon::prelude::*;

use crate::model::{self, workspace::unusable_crds};
use crate::source::{self, git, Input, InputError, InputNote};
use crate::yaml::Limits;

/// What the checks found: input errors (exit code 2) and notes (exit code unchanged).
#[derive(Debug, Default)]
pub(super) struct Found {
    pub errors: Vec<InputError>,
    pub notes: Vec<InputNote>,
    /// Whether every version at `--base` is within the size limit (the run may read them).
    pub base_readable: bool,
}

/// Where a parse error of `file` is, and what it says: `does not parse at 15:1: ...`.
fn parse_problem(file: &model::File) -> Option<String> {
    let e = file.error.as_ref()?;
    let p = file.lines.position(file.text(), e.span.start);
    Some(format!(
        "does not parse at {}:{}: {}",
        p.line, p.column, e.message
    ))
}

/// `diff`'s OLD files: one that cannot be read or does not parse is an input error, as a
/// missing one is. `diff` was asked to compare with it; without it a refused update passes.
pub(super) fn old_files(inputs: &[Input], max_bytes: u64, limits: Limits) -> Vec<InputError> {
    let found: Vec<Option<InputError>> = inputs
        .par_iter()
        .map(|input| {
            let file = match source::read(input, max_bytes) {
                Ok(src) => model::load(src, limits),
                Err(e) => {
                    return Some(InputError {
                        message: format!("{}; it was not compared with NEW", e.message),
                        name: e.name,
                    })
                }
            };
            parse_problem(&file).map(|p| InputError {
                name: file.source.name.clone(),
                message: format!("{p}; what it holds from there on was not compared with NEW"),
            })
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// `--crd` files: one that cannot be read, does not parse, or holds a CRD that cannot be
/// used is an input error. A file without any CRD is not: `--crd` takes directories, which
/// may hold other manifests.
pub(super) fn crd_files(inputs: &[Input], max_bytes: u64, limits: Limits) -> Vec<InputError> {
    let found: Vec<Vec<InputError>> = inputs
        .par_iter()
        .map(|input| {
            let file = match source::read(input, max_bytes) {
                Ok(src) => model::load(src, limits),
                Err(e) => {
                    return vec![InputError {
                        message: format!(
                            "{}; its CustomResourceDefinitions were not used",
                            e.message
                        ),
                        name: e.name,
                    }]
                }
            };
            let name = &file.source.name;
            let mut errors: Vec<InputError> = unusable_crds(&file)
                .into_iter()
                .map(|(o, why)| {
                    let at = file.document(o).node(o.root).span.start;
                    let p = file.lines.position(file.text(), at);
                    InputError {
                        name: name.clone(),
                        message: format!(
                            "the CustomResourceDefinition `{}` at {}:{} cannot be used: {why}",
                            o.name, p.line, p.column
                        ),
                    }
                })
                .collect();
            if let Some(p) = parse_problem(&file) {
                errors.push(InputError {
                    name: name.clone(),
                    message: format!(
                        "{p}; the CustomResourceDefinitions from there on were not used"
                    ),
                });
            }
            errors
        })
        .collect();
    found.into_iter().flatten().collect()
}

/// Each input file's version at `rev`. One over the size limit is an input error, and then
/// no file is checked as an update (`base_readable` is false): the run would read the whole
/// version. One that does not parse is a note: the file is still linted as it is now, and
/// fixing a file that was committed broken must not fail the check of that fix.
pub(super) fn base_versions(rev: &str, inputs: &[Input], max_bytes: u64, limits: Limits) -> Found {
    let found: Vec<Result<Option<model::File>, InputError>> = inputs
        .par_iter()
        .map(|input| match input {
            Input::File { path, name } => git::show_limited(rev, path, name, max_bytes)
                .map(|src| src.map(|src| model::load(src, limits))),
            Input::Stdin => Ok(None),
        })
        .collect();
    let mut out = Found {
        base_readable: true,
        ..Found::default()
    };
    for f in found {
        match f {
            Ok(None) => {}
            Ok(Some(file)) => {
                if let Some(p) = parse_problem(&file) {
                    out.notes.push(InputNote {
                        name: file.source.name.clone(),
                        message: format!(
                            "{p}; what it holds from there on was not checked as an update"
                        ),
                    });
                }
            }
            Err(e) => {
                out.base_readable = false;
                out.errors.push(InputError {
                    message: format!("{}; no file was checked as an update of `{rev}`", e.message),
                    name: e.name,
                });
            }
        }
    }
    out
}
