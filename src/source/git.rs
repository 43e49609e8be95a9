//! Files as they were at a git revision (`--base REV`): the old side of an update check.
//! Runs the `git` program, read-only (`rev-parse`, `show`) and offline: in a partial clone
//! (`--filter=blob:none`) git would fetch a missing old version from the remote on demand, so
//! every `git` here runs with lazy fetching off and every transport refused; an old version
//! that is not in the clone is an input error saying so.

use std::path::Path;
use std::process::{Command, Stdio};

use super::{from_bytes, read_limited, InputError, Source};

/// Checks that `rev` names a commit of the repository around `dir`.
pub fn check_revision(rev: &str, dir: &Path) -> Result<(), InputError> {
    let out = git(dir)
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

/// `git -C dir`, offline and in English: `GIT_NO_LAZY_FETCH` (git 2.44 and later) stops a
/// partial clone from fetching missing objects, and `GIT_ALLOW_PROTOCOL` naming no real
/// protocol refuses every transport in older versions too; `LC_ALL=C` keeps the messages
/// that [`show_limited`] reads untranslated.
fn git(dir: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C")
        .arg(dir)
        .env("GIT_NO_LAZY_FETCH", "1")
        .env("GIT_ALLOW_PROTOCOL", "none")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C");
    c
}

/// A repository whose current branch has no commit yet: at its first commit (a pre-commit
/// hook's `--base HEAD`) every file is new, which is not an error.
fn is_unborn(dir: &Path) -> bool {
    let git = |args: &[&str]| {
        git(dir)
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
    let mut child = git(dir)
        .arg("show")
        .arg(format!("{rev}:./{}", file.to_string_lossy()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| err(format!("cannot run git: {e}")))?;
    // git writes a line or two on standard error; read it beside standard output (bounded)
    // so that neither pipe can fill up and stall the other.
    let stderr = child
        .stderr
        .take()
        .map(|e| std::thread::spawn(move || read_limited(e, 64 * 1024).unwrap_or_default()));
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
    let stderr = stderr
        .and_then(|t| t.join().ok())
        .map(|e| String::from_utf8_lossy(&e).into_owned())
        .unwrap_or_default();
    let bytes = read.map_err(|e| err(e.to_string()))?;
    if status.success() {
        return Ok(Some(from_bytes(name.clone(), bytes)));
    }
    // The path did not exist at `rev`: a new file. Anything else (an object missing from a
    // partial clone, a damaged repository) must not pass for one, or the update would go
    // unchecked.
    if is_absent_path(&stderr) {
        return Ok(None);
    }
    let why = stderr
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("git show failed");
    Err(err(format!(
        "cannot read this version offline ({why}); in a partial clone, fetch it first (kubectl-lint never fetches)"
    )))
}

/// Whether `git show REV:PATH` failed because PATH is not in REV's tree (its two messages), or
/// because REV is a branch with no commit yet (`HEAD` before the first commit, which
/// [`check_revision`] lets through: every file is new then).
fn is_absent_path(stderr: &str) -> bool {
    stderr.contains("does not exist in")
        || stderr.contains("exists on disk, but not in")
        || stderr.contains("invalid object name")
}
