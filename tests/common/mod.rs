//! Shared by the tests of the analysis subcommands (`timeline`, `defaults`): cases in a
//! fixtures folder state what the `-o json` output holds, as lines
//! `# expect: <JSON pointer> = <JSON value>` or `# expect: <JSON pointer> is absent`, for the
//! newest version, and `# expect-1.28: …` for `--kubernetes-version 1.28`; each case cites its
//! `# source:`.

use std::path::{Path, PathBuf};

use serde_json::Value;

/// The case files of `fixtures/<dir>`, sorted.
pub fn cases(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(dir);
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

/// Runs `subcommand -o json` on every case of `fixtures/<dir>` at every version it names and
/// fails with every unmet expectation; at least `min_cases` cases must exist.
pub fn check_cases(dir: &str, subcommand: &str, min_cases: usize) {
    let mut failures = Vec::new();
    let files = cases(dir);
    assert!(
        files.len() >= min_cases,
        "only {} cases in fixtures/{dir}",
        files.len()
    );
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut versions: Vec<Option<String>> = text
            .lines()
            .filter_map(|l| {
                l.strip_prefix("# expect-")?
                    .split_once(':')
                    .map(|(v, _)| Some(v.to_string()))
            })
            .collect();
        versions.sort();
        versions.dedup();
        versions.insert(0, None);
        let mut expects = 0;
        for version in &versions {
            expects += check(&path, &text, subcommand, version.as_deref(), &mut failures);
        }
        assert!(expects > 0, "{} has no expectations", path.display());
        assert!(
            text.contains("# source:"),
            "{} cites no source",
            path.display()
        );
    }
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

fn check(
    path: &Path,
    text: &str,
    subcommand: &str,
    version: Option<&str>,
    failures: &mut Vec<String>,
) -> usize {
    let mut args = vec!["kubectl-lint", "--no-config", subcommand, "-o", "json"];
    if let Some(v) = version {
        args.extend(["--kubernetes-version", v]);
    }
    args.push(path.to_str().unwrap());
    let (code, out, err) = kubectl_lint::cli::run_captured(args);
    assert_eq!(
        code,
        0,
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&err)
    );
    let v: Value = serde_json::from_slice(&out).unwrap();
    let prefix = match version {
        None => "# expect: ".to_string(),
        Some(v) => format!("# expect-{v}: "),
    };
    let at = version.unwrap_or("newest");
    let mut expects = 0;
    for line in text.lines() {
        let Some(e) = line.strip_prefix(prefix.as_str()) else {
            continue;
        };
        expects += 1;
        if let Some(pointer) = e.strip_suffix(" is absent") {
            if let Some(got) = v.pointer(pointer) {
                failures.push(format!(
                    "{} ({at}): {pointer}: want absent, got {got}",
                    path.display()
                ));
            }
            continue;
        }
        let (pointer, want) = e.split_once(" = ").expect("`pointer = value`");
        let want: Value = serde_json::from_str(want).expect("expected value is JSON");
        match v.pointer(pointer) {
            Some(got) if *got == want => {}
            got => failures.push(format!(
                "{} ({at}): {pointer}: want {want}, got {got:?}",
                path.display()
            )),
        }
    }
    expects
}
