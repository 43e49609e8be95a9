//! `-o gitlab`: GitLab's Code Quality report (a JSON array; GitLab reads `description`,
//! `check_name`, `fingerprint`, `severity` one of info/minor/major/critical/blocker, and
//! `location.path` with `location.lines.begin`).
//! source: GitLab documentation, ci/testing/code_quality, "Code Quality report format".

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str], stdin: Option<&str>) -> (Option<i32>, String) {
    let mut c = Command::cargo_bin("kubectl-lint").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--no-config", "-o", "gitlab"])
        .args(args);
    if let Some(s) = stdin {
        c.write_stdin(s);
    }
    let out = c.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

#[test]
fn gitlab_code_quality_report() {
    let (code, out) = run(&["tests/data/app.yaml"], None);
    assert_eq!(code, Some(1));
    insta::assert_snapshot!("format_gitlab", out);
    let issues: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!issues.is_empty());
    let mut fingerprints = std::collections::BTreeSet::new();
    for i in &issues {
        for key in ["description", "check_name", "fingerprint"] {
            assert!(i[key].as_str().is_some_and(|s| !s.is_empty()), "{key}: {i}");
        }
        assert!(
            ["info", "minor", "major", "critical", "blocker"]
                .contains(&i["severity"].as_str().unwrap()),
            "{i}"
        );
        assert_eq!(i["location"]["path"], "tests/data/app.yaml");
        assert!(i["location"]["lines"]["begin"].as_u64().unwrap() >= 1);
        assert!(fingerprints.insert(i["fingerprint"].as_str().unwrap().to_string()));
    }
    assert!(issues
        .iter()
        .any(|i| i["check_name"] == "selector-mismatch" && i["severity"] == "major"));
    assert!(!out.contains("hunter2"), "a Secret value leaked");
}

/// GitLab compares reports by fingerprint: a finding keeps its fingerprint when the lines
/// above it move, and two equal findings in one file still get two.
#[test]
fn fingerprints_survive_moved_lines_and_stay_unique() {
    let doc = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: 'nginx:latest'}\n";
    let (_, before) = run(&["-f", "-"], Some(doc));
    let (_, after) = run(&["-f", "-"], Some(&format!("# moved\n\n{doc}")));
    let before: Vec<Value> = serde_json::from_str(&before).unwrap();
    let after: Vec<Value> = serde_json::from_str(&after).unwrap();
    assert!(!before.is_empty());
    assert_eq!(before.len(), after.len());
    for (b, a) in before.iter().zip(&after) {
        assert_eq!(b["fingerprint"], a["fingerprint"]);
        assert_eq!(
            a["location"]["lines"]["begin"].as_u64().unwrap(),
            b["location"]["lines"]["begin"].as_u64().unwrap() + 2
        );
    }
    // The same document twice in one stream: same rule, object and message, two issues.
    let (_, twice) = run(&["-f", "-"], Some(&format!("{doc}---\n{doc}")));
    let twice: Vec<Value> = serde_json::from_str(&twice).unwrap();
    let prints: std::collections::BTreeSet<&str> = twice
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(prints.len(), twice.len(), "{twice:#?}");
}
