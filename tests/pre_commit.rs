//! The hooks of `.pre-commit-hooks.yaml`, run by the real `pre-commit` (from PyPI; `.ci/run`
//! installs it) as a user would: a temporary git repository whose `.pre-commit-config.yaml`
//! points at this repository, `pre-commit install`, then `git commit`. pre-commit clones the
//! hook repository and builds it with its `language: rust` (`cargo install --path .`), exactly
//! as it does for a user.
//!
//! The hook repository is a snapshot of this working tree (tracked and untracked, not ignored
//! files) committed into a temporary repository, so what is tested is what is on disk, not the
//! last commit. The build is the slow part: `CARGO_TARGET_DIR` points at `target/pre-commit`
//! (kept between runs, so only the first run compiles the dependencies) and the release
//! profile is relaxed through cargo's `CARGO_PROFILE_RELEASE_*` variables (no LTO, no
//! optimisation): the same sources and features, built faster. A user's hook gets the
//! optimised build.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn git(dir: &Path, args: &[&str]) -> Output {
    Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = git(dir, args);
    assert!(out.status.success(), "git {args:?}: {}", text(&out));
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// This working tree as a one-commit repository; returns its path and commit.
fn snapshot_of_this_repository(into: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = git_ok(
        root,
        &[
            "ls-files",
            "-z",
            "--cached",
            "--others",
            "--exclude-standard",
        ],
    );
    for name in files.split('\0').filter(|n| !n.is_empty()) {
        let from = root.join(name);
        // A file deleted in the working tree but still in the index.
        if !from.is_file() {
            continue;
        }
        let to = into.join(name);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(&from, &to).unwrap();
    }
    git_ok(into, &["init", "-q"]);
    git_ok(into, &["add", "-A"]);
    git_ok(into, &["commit", "-q", "-m", "snapshot"]);
    git_ok(into, &["rev-parse", "HEAD"])
}

/// `pre-commit`, or `python3 -m pre_commit` when pip put it where PATH does not look.
fn pre_commit() -> Command {
    let on_path = Command::new("pre-commit")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if on_path {
        Command::new("pre-commit")
    } else {
        let mut c = Command::new("python3");
        c.args(["-m", "pre_commit"]);
        c
    }
}

fn deployment(selector: &str, labels: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector:\n    matchLabels: {selector}\n  template:\n    metadata:\n      labels: {labels}\n    spec:\n      containers:\n        - name: web\n          image: nginx:1.27.3\n"
    )
}

struct UserRepo {
    dir: PathBuf,
    home: PathBuf,
}

impl UserRepo {
    /// `git commit` with the hooks pre-commit installed; pre-commit's cache in `home`.
    fn commit(&self, message: &str) -> Output {
        let target = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/pre-commit");
        Command::new("git")
            .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
            .args(["-c", "commit.gpgsign=false", "commit", "-m", message])
            .current_dir(&self.dir)
            .env("PRE_COMMIT_HOME", &self.home)
            .env("PRE_COMMIT_COLOR", "never")
            .env("CARGO_TARGET_DIR", target)
            .env("CARGO_PROFILE_RELEASE_LTO", "false")
            .env("CARGO_PROFILE_RELEASE_OPT_LEVEL", "0")
            .env("CARGO_PROFILE_RELEASE_CODEGEN_UNITS", "256")
            .env("CARGO_PROFILE_RELEASE_DEBUG", "false")
            .env("CARGO_TERM_COLOR", "never")
            .env_remove("KUBECONFIG")
            .output()
            .expect("git runs")
    }
}

#[test]
fn pre_commit_hooks_block_a_bad_manifest_and_an_immutable_change() {
    let version = pre_commit().arg("--version").output().expect(
        "pre-commit is installed (`pip install pre-commit`; .ci/run installs it when missing)",
    );
    assert!(version.status.success(), "{}", text(&version));

    let tmp = tempfile::tempdir().unwrap();
    let hook_repo = tmp.path().join("kubectl-lint");
    std::fs::create_dir_all(&hook_repo).unwrap();
    let rev = snapshot_of_this_repository(&hook_repo);

    let user = UserRepo {
        dir: tmp.path().join("user"),
        home: tmp.path().join("pre-commit-home"),
    };
    std::fs::create_dir_all(&user.dir).unwrap();
    git_ok(&user.dir, &["init", "-q"]);
    std::fs::write(
        user.dir.join(".pre-commit-config.yaml"),
        format!(
            "repos:\n  - repo: {}\n    rev: {rev}\n    hooks:\n      - id: kubectl-lint\n      - id: kubectl-lint-update\n",
            hook_repo.display()
        ),
    )
    .unwrap();
    let install = pre_commit()
        .arg("install")
        .current_dir(&user.dir)
        .env("PRE_COMMIT_HOME", &user.home)
        .output()
        .unwrap();
    assert!(install.status.success(), "{}", text(&install));

    // 1. A Deployment whose selector selects none of its pods: the commit is refused and the
    //    diagnostic, with its line and column, is in what pre-commit shows.
    let web = user.dir.join("web.yaml");
    std::fs::write(&web, deployment("{app: web}", "{app: frontend}")).unwrap();
    // Not a manifest: skipped with a note, it does not fail the hook.
    std::fs::write(user.dir.join("notes.json"), "{\"todo\": []}\n").unwrap();
    git_ok(&user.dir, &["add", "-A"]);
    let out = user.commit("bad");
    let shown = text(&out);
    assert!(!out.status.success(), "the commit went through:\n{shown}");
    assert!(
        shown.contains("kubectl-lint") && shown.contains("Failed"),
        "{shown}"
    );
    assert!(
        shown.contains("error[selector-mismatch]: web.yaml:10:7"),
        "{shown}"
    );
    assert!(git(&user.dir, &["rev-parse", "--verify", "-q", "HEAD"])
        .stdout
        .is_empty());

    // 2. Fixed: both hooks pass. This is the repository's first commit: for the update hook's
    //    `--base HEAD` every file is new.
    std::fs::write(&web, deployment("{app: web}", "{app: web}")).unwrap();
    git_ok(&user.dir, &["add", "-A"]);
    let out = user.commit("good");
    let shown = text(&out);
    assert!(
        out.status.success(),
        "a clean manifest was refused:\n{shown}"
    );
    assert!(shown.contains("Passed"), "{shown}");

    // 3. The selector changes (labels kept consistent): a valid manifest on its own, so the
    //    plain hook passes, but the API server refuses the update; the update hook says so.
    std::fs::write(
        &web,
        deployment("{app: web, tier: front}", "{app: web, tier: front}"),
    )
    .unwrap();
    git_ok(&user.dir, &["add", "-A"]);
    let out = user.commit("change the selector");
    let shown = text(&out);
    assert!(!out.status.success(), "the commit went through:\n{shown}");
    assert!(shown.contains("error[selector-changed]"), "{shown}");
    let lines: Vec<&str> = shown.lines().collect();
    let verdict = |name: &str| {
        lines
            .iter()
            .find(|l| l.starts_with(name) && l.contains("..."))
            .map(|l| l.trim_end().rsplit(['.', ' ']).next().unwrap_or(""))
            .unwrap_or_else(|| panic!("no verdict for {name}:\n{shown}"))
    };
    assert_eq!(
        verdict("kubectl-lint (update of HEAD)"),
        "Failed",
        "{shown}"
    );
    assert_eq!(verdict("kubectl-lint."), "Passed", "{shown}");
}

/// The update hook at a repository's first commit: `--base HEAD` with no HEAD yet treats every
/// file as new, while a revision that does not exist is still an input error.
#[test]
fn base_head_before_the_first_commit_means_every_file_is_new() {
    let dir = tempfile::tempdir().unwrap();
    git_ok(dir.path(), &["init", "-q"]);
    std::fs::write(
        dir.path().join("web.yaml"),
        deployment("{app: web}", "{app: web}"),
    )
    .unwrap();
    let run = |rev: &str| {
        Command::new(env!("CARGO_BIN_EXE_kubectl-lint"))
            .args(["--no-config", "--base", rev, "web.yaml"])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let out = run("HEAD");
    assert_eq!(out.status.code(), Some(0), "{}", text(&out));
    let out = run("main~1");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
}
