//! Files as they were at a git revision (`--base REV`): the old side of an update check.
//! Runs the `git` program, read-only (`rev-parse`, `show`).

use std::path::Path;
use std::process::Command;

use super::{from_bytes, InputError, Source};

/// Checks that `rev` names a commit of the repository around `dir`.
pub fn check_revision(rev: &str, dir: &Path) -> Result<(), InputError> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["rev-parse", "--verify", "--quiet"])
        .arg(format!("{rev}^{{commit}}"))
        .output()
        .map_err(|e| InputError {
            name: format!("--base {rev}"),
            message: format!("cannot run git: {e}"),
        })?;
    if out.status.success() || (rev == "HEAD" && is_unborn(dir)) {
        Ok(())
    } else {
        Err(InputError {
            name: format!("--base {rev}"),
            message: "not a revision of a git repository here".into(),
        })
    }
}

/// A repository whose current branch has no commit yet: at its first commit (a pre-commit
/// hook's `--base HEAD`) every file is new, which is not an error.
fn is_unborn(dir: &Path) -> bool {
    let git = |args: &[&str]| {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    git(&["symbolic-ref", "-q", "HEAD"]) && !git(&["rev-parse", "--verify", "-q", "HEAD"])
}

/// The file at `path` as it was at `rev`, or `None` when it did not exist then (a new file).
pub fn show_at(rev: &str, path: &Path, name: &str) -> Option<Source> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let file = path.file_name()?.to_string_lossy().into_owned();
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{file}"))
        .output()
        .ok()?;
    out.status
        .success()
        .then(|| from_bytes(format!("{name}@{rev}"), out.stdout))
}
