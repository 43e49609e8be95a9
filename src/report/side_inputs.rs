//! What the run says about the inputs it uses but does not lint — `diff`'s OLD, `--crd` files,
//! each file's version at `--base` — when one cannot be read within `--max-file-size`, does
//! not parse, or holds a CRD that cannot be used. Without a word, a missing old version or CRD
//! only means fewer checks and a clean exit code (a refused update passes as a new object, a
//! custom resource's CRD is "missing" when it is broken).
//!
//! Only the messages live here: the pipeline reads and parses each of these inputs once and
//! hands over the read error or the parsed file. No reading, no linting.

use crate::model::{self, workspace::unusable_crds};
use crate::source::{InputError, InputNote};

/// Where a parse error of `file` is, and what it says: `does not parse at 15:1: ...`.
fn parse_problem(file: &model::File) -> Option<String> {
    let e = file.error.as_ref()?;
    let p = file.lines.position(file.text(), e.span.start);
    Some(format!(
        "does not parse at {}:{}: {}",
        p.line, p.column, e.message
    ))
}

/// A `diff` OLD that cannot be read: an input error, as a missing one is. `diff` was asked
/// to compare with it; without it a refused update passes.
pub(super) fn old_unreadable(e: InputError) -> InputError {
    InputError {
        message: format!("{}; it was not compared with NEW", e.message),
        name: e.name,
    }
}

/// A `diff` OLD that does not parse: an input error at the place it stops.
pub(super) fn old_broken(file: &model::File) -> Option<InputError> {
    parse_problem(file).map(|p| InputError {
        name: file.source.name.clone(),
        message: format!("{p}; what it holds from there on was not compared with NEW"),
    })
}

/// A `--crd` file that cannot be read: an input error.
pub(super) fn crd_unreadable(e: InputError) -> InputError {
    InputError {
        message: format!("{}; its CustomResourceDefinitions were not used", e.message),
        name: e.name,
    }
}

/// A `--crd` file's CRDs that cannot be used, then where it stops parsing: input errors. A
/// file without any CRD is not one: `--crd` takes directories, which may hold other manifests.
pub(super) fn crd_problems(file: &model::File) -> Vec<InputError> {
    let name = &file.source.name;
    let mut errors: Vec<InputError> = unusable_crds(file)
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
    if let Some(p) = parse_problem(file) {
        errors.push(InputError {
            name: name.clone(),
            message: format!("{p}; the CustomResourceDefinitions from there on were not used"),
        });
    }
    errors
}

/// A version at `--base` that cannot be read (over the size limit, git cannot run): an input
/// error, and then no file is checked as an update of `rev`.
pub(super) fn base_unreadable(e: InputError, rev: &str) -> InputError {
    InputError {
        message: format!("{}; no file was checked as an update of `{rev}`", e.message),
        name: e.name,
    }
}

/// A version at `--base` that does not parse: only a note. The file is still linted as it
/// is now, and fixing a file that was committed broken must not fail the check of that fix.
pub(super) fn base_broken(file: &model::File) -> Option<InputNote> {
    parse_problem(file).map(|p| InputNote {
        name: file.source.name.clone(),
        message: format!("{p}; what it holds from there on was not checked as an update"),
    })
}
