//! `annotations-too-large` on annotations just under and just over the API server's limit.
//! The manifests are 256 KiB each, so they are written to a temporary directory instead of
//! being kept as fixtures.
//! source: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
//! ValidateAnnotationsSize (keys plus values, in bytes, at most TotalAnnotationSizeLimitB =
//! 262144) and ValidateAnnotations (`field.TooLong`, "may not be more than 262144 bytes")

use serde_json::Value;

const LIMIT: usize = 256 * 1024;

/// A ConfigMap whose annotations (keys plus values) take exactly `total` bytes.
fn manifest(total: usize) -> String {
    let (k1, k2) = ("a", "example.com/b");
    // Half the bytes in each of two annotations, so that the sum is what counts.
    let v1 = "x".repeat(total / 2 - k1.len());
    let v2 = "y".repeat(total - total / 2 - k2.len());
    format!(
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\n  annotations:\n    {k1}: {v1}\n    {k2}: {v2}\ndata: {{}}\n"
    )
}

fn lint(total: usize) -> Vec<Value> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.yaml");
    std::fs::write(&path, manifest(total)).unwrap();
    let args = [
        "kubectl-lint",
        "--no-config",
        "-o",
        "json",
        &path.display().to_string(),
    ]
    .map(String::from)
    .to_vec();
    let (code, out, err) = kubectl_lint::cli::run_captured(args);
    assert!(code < 2, "exit {code}: {}", String::from_utf8_lossy(&err));
    let v: Value = serde_json::from_slice(&out).unwrap();
    v["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn annotations_at_the_limit_are_accepted() {
    assert_eq!(lint(LIMIT), Vec::<Value>::new());
}

#[test]
fn one_byte_over_the_limit_is_refused_with_the_api_servers_words() {
    let d = lint(LIMIT + 1);
    assert_eq!(d.len(), 1, "{d:?}");
    assert_eq!(d[0]["rule"], "annotations-too-large");
    assert_eq!(d[0]["line"], 5, "points at `annotations:`");
    assert_eq!(d[0]["api_error"]["field"], "metadata.annotations");
    assert_eq!(d[0]["api_error"]["type"], "TooLong");
    assert_eq!(
        d[0]["api_error"]["detail"],
        "may not be more than 262144 bytes"
    );
}
