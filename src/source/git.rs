//! Files as they were at a git revision (`--base REV`): the old side of an update check.
//! Runs the `git` program, read-only (`rev-parse`, `show`).

use std::path::Path;
use std::process::{Command, Stdio};

use super::{from_bytes, read_limited, InputError, Source};

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

/// The file at `path` as it was at `rev`, or `None` when it did not exist then (a new file),
/// reading at most `max_bytes` of `git show`'s output: a version larger than that is an input
/// error, and git is stopped without the rest being read (a blob of a few hundred kilobytes in
/// the repository may expand to gigabytes).
pub fn show_limited(
    rev: &str,
    path: &Path,
    name: &str,
    max_bytes: u64,
) -> Result<Option<Source>, InputError> {
    let name = format!("{name}@{rev}");
    let err = |message: String| InputError {
        name: name.clone(),
        message,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Some(file) = path.file_name() else {
        return Ok(None);
    };
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("show")
        .arg(format!("{rev}:./{}", file.to_string_lossy()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| err(format!("cannot run git: {e}")))?;
    let read = match child.stdout.take() {
        Some(out) => read_limited(out, max_bytes),
        None => Ok(Vec::new()),
    };
    if read.is_err() {
        // Stop git rather than wait for it to write what will not be read.
        let _ = child.kill();
    }
    let status = child
        .wait()
        .map_err(|e| err(format!("cannot run git: {e}")))?;
    let bytes = read.map_err(|e| err(e.to_string()))?;
    // git fails when the path did not exist at `rev`: a new file.
    Ok(status.success().then(|| from_bytes(name.clone(), bytes)))
}
