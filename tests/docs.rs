//! The README stays current: every rule of the catalog is in its rule table.

use serde_json::Value;

#[test]
fn readme_lists_every_rule() {
    let (code, out, _) =
        kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "rules", "-o", "json"]);
    assert_eq!(code, 0);
    let rules: Value = serde_json::from_slice(&out).unwrap();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let missing: Vec<&str> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .filter(|id| !readme.contains(&format!("| `{id}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's rule table lacks: {missing:?}"
    );
}
