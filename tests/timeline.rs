//! `kubectl lint timeline` on the cases in fixtures/timeline/. Each case states what the
//! kubelet does as lines `# expect: <JSON pointer> = <JSON value>` over the `-o json` output,
//! next to the `# source:` it comes from.

mod common;

#[test]
fn timeline_cases_match_their_expectations() {
    common::check_cases("timeline", "timeline", 5);
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
