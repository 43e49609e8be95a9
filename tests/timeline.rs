//! `kubectl lint timeline` on the cases in fixtures/timeline/. Each case states what the
//! kubelet does as lines `# expect: <JSON pointer> = <JSON value>` over the `-o json` output,
//! next to the `# source:` it comes from.

use std::path::Path;

use serde_json::Value;

#[test]
fn timeline_cases_match_their_expectations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/timeline");
    let mut failures = Vec::new();
    let mut cases = 0;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        // `# expect:` holds for the newest version, `# expect-1.28:` for `--kubernetes-version 1.28`.
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
            expects += check(&path, &text, version.as_deref(), &mut failures);
        }
        assert!(expects > 0, "{} has no expectations", path.display());
        assert!(
            text.contains("# source:"),
            "{} cites no source",
            path.display()
        );
        cases += 1;
    }
    assert!(cases >= 5);
    assert!(failures.is_empty(), "\n{}\n", failures.join("\n"));
}

/// Runs the timeline for one case at one version and checks its expectations; returns how
/// many there were.
fn check(path: &Path, text: &str, version: Option<&str>, failures: &mut Vec<String>) -> usize {
    let mut args = vec!["kubectl-lint", "--no-config", "timeline", "-o", "json"];
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
    let mut expects = 0;
    for line in text.lines() {
        let Some(e) = line.strip_prefix(prefix.as_str()) else {
            continue;
        };
        let (pointer, want) = e.split_once(" = ").expect("`pointer = value`");
        let want: Value = serde_json::from_str(want).expect("expected value is JSON");
        expects += 1;
        match v.pointer(pointer) {
            Some(got) if *got == want => {}
            got => failures.push(format!(
                "{} ({}): {pointer}: want {want}, got {got:?}",
                path.display(),
                version.unwrap_or("newest")
            )),
        }
    }
    expects
}

#[test]
fn human_timeline_reads_well() {
    let (code, out, _) = kubectl_lint::cli::run_captured([
        "kubectl-lint",
        "--no-config",
        "timeline",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/timeline/sidecar-start-order.yaml"
        ),
    ]);
    assert_eq!(code, 0);
    let text = String::from_utf8(out).unwrap();
    let text = text.replace(env!("CARGO_MANIFEST_DIR"), "<dir>");
    insta::assert_snapshot!(text);
}
