//! The command line as users run it: the real binary, its exit codes, inputs, configuration
//! and every output format.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

fn data(name: &str) -> String {
    format!("tests/data/{name}")
}

fn cmd() -> Command {
    let mut c = Command::cargo_bin("kubectl-lint").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .arg("--no-config");
    c
}

fn json_of(args: &[&str]) -> Value {
    let out = cmd().args(args).args(["-o", "json"]).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn exit_codes_follow_fail_on() {
    cmd().arg(data("clean.yaml")).assert().code(0);
    cmd().arg(data("app.yaml")).assert().code(1);
    // Only warnings once the error is allowed: 0 by default, 1 with --fail-on warning.
    cmd()
        .args([&data("app.yaml"), "--allow", "selector-mismatch"])
        .assert()
        .code(0);
    cmd()
        .args([
            &data("app.yaml"),
            "--allow",
            "selector-mismatch",
            "--fail-on",
            "warning",
        ])
        .assert()
        .code(1);
}

#[test]
fn usage_and_input_errors_exit_2_and_the_rest_is_still_linted() {
    cmd().arg("--no-such-flag").assert().code(2);
    cmd()
        .args([&data("clean.yaml"), "--warn", "no-such-rule"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown rule"));
    cmd()
        .args(["--kubernetes-version", "1.12", &data("clean.yaml")])
        .assert()
        .code(2);
    cmd()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no input"));
    cmd()
        .args(["-o", "short", "does-not-exist.yaml", &data("app.yaml")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "does-not-exist.yaml: no such file or directory",
        ))
        .stdout(predicate::str::contains("selector-mismatch"));
}

#[test]
fn stdin_is_read_with_a_dash() {
    let text = std::fs::read_to_string(data("app.yaml")).unwrap();
    cmd()
        .args(["-f", "-", "-o", "short"])
        .write_stdin(text)
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "<stdin>:13:14: error[selector-mismatch]",
        ));
}

#[test]
fn filename_flags_repeat_and_split_on_commas() {
    let v = json_of(&[
        "-f",
        &format!("{},{}", data("clean.yaml"), data("app.yaml")),
        "-f",
        &data("clean.yaml"),
    ]);
    assert_eq!(v["summary"]["files"], 3);
}

#[test]
fn directories_are_walked_and_recursion_is_opt_in() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("nested");
    std::fs::create_dir(&nested).unwrap();
    std::fs::copy(data("clean.yaml"), dir.path().join("a.yaml")).unwrap();
    std::fs::copy(data("app.yaml"), nested.join("b.yml")).unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not yaml").unwrap();
    let d = dir.path().to_str().unwrap();
    let flat = json_of(&[d]);
    assert_eq!(flat["summary"]["files"], 1);
    let deep = json_of(&["-R", "-f", d]);
    assert_eq!(deep["summary"]["files"], 2);
    assert_eq!(deep["summary"]["objects"], 3);
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_skipped_with_a_note() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(data("clean.yaml"), dir.path().join("a.yaml")).unwrap();
    std::os::unix::fs::symlink(dir.path(), dir.path().join("loop")).unwrap();
    cmd()
        .args(["-R", dir.path().to_str().unwrap()])
        .timeout(std::time::Duration::from_secs(20))
        .assert()
        .code(0)
        .stderr(predicate::str::contains("already visited"));
}

#[test]
fn bad_bytes_are_diagnostics_not_crashes() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8]); 5] = [
        ("empty.yaml", b""),
        ("comments.yaml", b"# nothing here\n# at all\n"),
        ("binary.yaml", &[0, 159, 146, 150, 0, 1, 2, 255]),
        ("latin1.yaml", b"kind: Pod\nname: caf\xe9\n"),
        ("crlf-bom.yaml", b"\xef\xbb\xbfapiVersion: v1\r\nkind: Pod\r\nmetadata:\r\n  name: p\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: nginx\r\n"),
    ];
    for (name, bytes) in cases {
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let path = |n: &str| dir.path().join(n).to_str().unwrap().to_string();
    cmd().arg(path("empty.yaml")).assert().code(0);
    cmd().arg(path("comments.yaml")).assert().code(0);
    cmd()
        .arg(path("binary.yaml"))
        .assert()
        .code(1)
        .stdout(predicate::str::contains("invalid-yaml"));
    let v = json_of(&[&path("latin1.yaml")]);
    assert_eq!(v["diagnostics"][0]["rule"], "invalid-yaml");
    assert_eq!(
        (
            v["diagnostics"][0]["line"].as_u64(),
            v["diagnostics"][0]["column"].as_u64()
        ),
        (Some(2), Some(10))
    );
    // A BOM and CRLF line ends shift nothing.
    let v = json_of(&[&path("crlf-bom.yaml")]);
    let d = first_of(&v, "latest-image-tag");
    assert_eq!(
        (d["line"].as_u64(), d["column"].as_u64()),
        (Some(8), Some(12))
    );
}

#[test]
fn warn_deny_allow_apply_left_to_right() {
    let rules = |args: &[&str]| -> Vec<String> {
        let mut a = vec![data("app.yaml")];
        a.extend(args.iter().map(|s| s.to_string()));
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        json_of(&a)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                format!(
                    "{}:{}",
                    d["rule"].as_str().unwrap(),
                    d["level"].as_str().unwrap()
                )
            })
            .collect()
    };
    assert_eq!(
        rules(&["--allow", "all", "--deny", "latest-image-tag"]),
        ["latest-image-tag:error"]
    );
    assert_eq!(
        rules(&["--deny", "latest-image-tag", "--allow", "all"]),
        Vec::<String>::new()
    );
    assert_eq!(
        rules(&[
            "--allow",
            "all",
            "--warn",
            "correctness",
            "--allow",
            "duplicate-env-var"
        ]),
        ["selector-mismatch:warning"]
    );
}

#[test]
fn config_file_is_found_walking_up_and_sets_levels_and_ignores() {
    let dir = tempfile::tempdir().unwrap();
    let sub = dir.path().join("deploy/prod");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(data("app.yaml"), sub.join("app.yaml")).unwrap();
    std::fs::create_dir_all(dir.path().join("vendor")).unwrap();
    std::fs::copy(data("app.yaml"), dir.path().join("vendor/app.yaml")).unwrap();
    std::fs::write(
        dir.path().join(".kubectl-lint.yaml"),
        "rules:\n  correctness: off\n  latest-image-tag: error\nignore:\n  - vendor\n",
    )
    .unwrap();
    let run = |cwd: &Path, args: &[&str]| {
        let out = Command::cargo_bin("kubectl-lint")
            .unwrap()
            .current_dir(cwd)
            .args(args)
            .args(["-o", "json"])
            .output()
            .unwrap();
        (
            out.status.code(),
            serde_json::from_slice::<Value>(&out.stdout).unwrap(),
        )
    };
    let (code, v) = run(&sub, &["app.yaml"]);
    assert_eq!(code, Some(1));
    let rules: Vec<&str> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap())
        .collect();
    assert!(
        rules.contains(&"latest-image-tag") && !rules.contains(&"selector-mismatch"),
        "{rules:?}"
    );
    let (_, v) = run(dir.path(), &["-R", "."]);
    assert_eq!(v["summary"]["files"], 1, "vendor/ is ignored");
    std::fs::write(
        dir.path().join(".kubectl-lint.yaml"),
        "rules:\n  latest-image-tags: error\n",
    )
    .unwrap();
    Command::cargo_bin("kubectl-lint")
        .unwrap()
        .current_dir(dir.path())
        .arg(".")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `latest-image-tag`?"));
}

#[test]
fn user_rules_are_loaded_from_a_directory() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("team-label.yaml"),
        r#"id: missing-team-label
category: restriction
level: error
summary: Every object carries a `team` label
target: object
schema:
  properties:
    metadata:
      required: [labels]
      properties:
        labels:
          required: [team]
message: "`{kind}` `{name}` has no `team` label"
docs: |
  ## What it does
  x
  ## Why is this bad?
  x
  ## Example
  x
  ## Use instead
  x
"#,
    )
    .unwrap();
    let v = json_of(&["--rules", dir.path().to_str().unwrap(), &data("clean.yaml")]);
    let d = &v["diagnostics"][0];
    assert_eq!(d["rule"], "missing-team-label");
    assert_eq!(d["message"], "`Pod` `clean` has no `team` label");
    // The missing field is reported on the nearest thing that exists: `metadata`.
    assert_eq!(
        (d["line"].as_u64(), d["path"].as_str()),
        (Some(3), Some("metadata"))
    );
}

#[test]
fn rules_and_explain() {
    cmd().args(["rules"]).assert().code(0).stdout(
        predicate::str::contains("selector-mismatch").and(predicate::str::contains("correctness")),
    );
    cmd()
        .args(["explain", "latest-image-tag"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("## Why is this bad?"));
    cmd()
        .args(["explain", "latest-image-tags"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("did you mean `latest-image-tag`?"));
}

/// The first diagnostic of `rule` in a JSON report (other rules may come first).
fn first_of<'v>(v: &'v Value, rule: &str) -> &'v Value {
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {v}"))
}

fn output(format: &str) -> String {
    let out = cmd()
        .args(["-o", format, "--color", "never", &data("app.yaml")])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn snapshots_of_every_format() {
    for format in ["human", "short", "json", "github", "junit"] {
        insta::assert_snapshot!(format!("format_{format}"), output(format));
    }
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let sarif: Value = serde_json::from_str(&output("sarif")).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(!results.is_empty());
    for r in results {
        assert!(r["locations"][0]["physicalLocation"]["region"]["startLine"]
            .as_u64()
            .is_some());
    }
    let rules = sarif["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    assert!(rules.iter().any(|r| r["id"] == "selector-mismatch"));
}

#[test]
fn secret_values_never_reach_any_output() {
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let text = output(format);
        assert!(
            !text.contains("hunter2"),
            "{format} leaks the secret:\n{text}"
        );
    }
    // The frame still points at the line, with the value masked.
    assert!(output("human").contains("password: ******"));
}

#[test]
fn colour_follows_the_flag_and_no_color() {
    let colored = cmd()
        .args(["--color", "always", &data("app.yaml")])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&colored.stdout).contains('\u{1b}'));
    let plain = cmd()
        .args(["--color", "auto", &data("app.yaml")])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&plain.stdout).contains('\u{1b}'));
}

#[test]
fn the_bundled_example_has_its_deliberate_problems() {
    let v = json_of(&["-R", "examples/"]);
    assert!(v["summary"]["errors"].as_u64().unwrap() >= 1, "{v}");
}

#[test]
fn cross_object_rules_see_every_input_including_stdin() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("svc.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]\n",
    )
    .unwrap();
    let deploy = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      containers:\n        - {name: web, image: 'nginx:1.27.3'}\n";
    let out = cmd()
        .args([
            "-o",
            "short",
            "-f",
            "-",
            dir.path().join("svc.yaml").to_str().unwrap(),
        ])
        .write_stdin(deploy)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(
            "<stdin>:10:11: warning[missing-readiness-probe]: container `web` serves Service `web`"
        ),
        "{text}"
    );
    // Alone, the Deployment is behind no Service.
    let out = cmd()
        .args(["-o", "short", "-f", "-"])
        .write_stdin(deploy)
        .output()
        .unwrap();
    assert!(!String::from_utf8(out.stdout)
        .unwrap()
        .contains("serves Service"));
}

#[test]
fn custom_resources_are_checked_against_crds_given_with_crd() {
    let dir = tempfile::tempdir().unwrap();
    let crds = dir.path().join("crds");
    std::fs::create_dir(&crds).unwrap();
    std::fs::write(
        crds.join("widget.yaml"),
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec: {type: object, properties: {size: {type: integer}}}\n",
    )
    .unwrap();
    let cr = dir.path().join("w.yaml");
    std::fs::write(
        &cr,
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: big\n",
    )
    .unwrap();
    let rules = |args: &[&str]| -> Vec<String> {
        json_of(args)["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| format!("{}@{}", d["rule"].as_str().unwrap(), d["line"]))
            .collect()
    };
    assert_eq!(rules(&[cr.to_str().unwrap()]), ["missing-crd@2"]);
    assert_eq!(
        rules(&["--crd", crds.to_str().unwrap(), cr.to_str().unwrap()]),
        ["invalid-field-type@5"]
    );
    // The --crd files themselves are not linted.
    assert_eq!(
        json_of(&["--crd", crds.to_str().unwrap(), cr.to_str().unwrap()])["summary"]["files"],
        1
    );
}

/// Runs git in `dir` (with an identity for commits), asserting it succeeds.
fn git_in(dir: &std::path::Path, args: &[&str]) {
    let st = std::process::Command::new("git")
        .args(["-c", "user.email=t@example.com", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        st.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&st.stderr)
    );
}

#[test]
fn base_revision_checks_files_as_updates_of_their_git_version() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| git_in(dir.path(), args);
    let deploy = |labels: &str| {
        format!("apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  selector:\n    matchLabels: {labels}\n  template:\n    metadata: {{labels: {{app: web, tier: a}}}}\n    spec:\n      containers:\n      - {{name: web, image: 'nginx:1.27.3'}}\n")
    };
    git(&["init", "-q"]);
    std::fs::write(dir.path().join("web.yaml"), deploy("{app: web}")).unwrap();
    git(&["add", "web.yaml"]);
    git(&["commit", "-q", "-m", "web"]);
    std::fs::write(dir.path().join("web.yaml"), deploy("{app: web, tier: a}")).unwrap();
    std::fs::write(
        dir.path().join("new.yaml"),
        deploy("{app: other}").replace("web}", "new}"),
    )
    .unwrap();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("kubectl-lint")
            .unwrap()
            .current_dir(dir.path())
            .args(["--no-config", "-o", "short"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, out, _) = run(&["--base", "HEAD", "web.yaml", "new.yaml"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(
        out.contains("web.yaml:5:3: error[selector-changed]"),
        "{out}"
    );
    // A file that did not exist at the revision is a new object: no update rule applies.
    assert!(
        !out.contains("new.yaml:5:3: error[selector-changed]"),
        "{out}"
    );
    // Without --base, nothing is an update.
    let (_, out, _) = run(&["web.yaml"]);
    assert!(!out.contains("selector-changed"), "{out}");
    // An unknown revision is an input error.
    let (code, _, err) = run(&["--base", "no-such-rev", "web.yaml"]);
    assert_eq!(code, Some(2), "{err}");
}

#[test]
fn update_findings_point_at_the_old_version_too() {
    let old = "fixtures/selector-changed/fail.old.yaml";
    let new = "fixtures/selector-changed/fail.new.yaml";
    let v = json_of(&["diff", old, new]);
    let d = first_of(&v, "selector-changed");
    assert_eq!(d["related"][0]["file"], old);
    assert_eq!(
        (
            d["related"][0]["line"].as_u64(),
            d["related"][0]["column"].as_u64()
        ),
        (Some(5), Some(3))
    );
    // SARIF carries it as a related location in the other file, and stays valid.
    let out = cmd()
        .args(["diff", old, new, "-o", "sarif"])
        .output()
        .unwrap();
    let sarif: Value = serde_json::from_slice(&out.stdout).unwrap();
    let schema_path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/schemas/sarif-schema-2.1.0.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    assert!(validator.is_valid(&sarif));
    let result = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "selector-changed")
        .unwrap();
    let rel = &result["relatedLocations"][0]["physicalLocation"];
    assert_eq!(rel["artifactLocation"]["uri"], old);
}

/// Policy rules read their settings from the config file's `options:` (allowed priority
/// classes, required labels and annotations with value patterns, the replica threshold of
/// `missing-pod-anti-affinity`).
#[test]
fn policy_rule_options_come_from_the_config_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("app.yaml"),
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\n  \
         labels: {team: web, env: qa}\n  annotations: {runbook: 'http://wiki/web'}\nspec:\n  \
         replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: \
         {labels: {app: web}}\n    spec:\n      priorityClassName: batch-low\n      \
         containers: [{name: web, image: 'nginx:1.27.3'}]\n",
    )
    .unwrap();
    let run = |config: &str| {
        std::fs::write(dir.path().join(".kubectl-lint.yaml"), config).unwrap();
        let out = Command::cargo_bin("kubectl-lint")
            .unwrap()
            .current_dir(dir.path())
            .args(["app.yaml", "-o", "json"])
            .output()
            .unwrap();
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut found: Vec<String> = v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| {
                [
                    "missing-priority-class",
                    "missing-required-label",
                    "missing-required-annotation",
                    "missing-pod-anti-affinity",
                ]
                .contains(&d["rule"].as_str().unwrap())
            })
            .map(|d| format!("{}:{}", d["rule"].as_str().unwrap(), d["line"]))
            .collect();
        found.sort();
        found
    };
    let rules = "rules:\n  missing-priority-class: warning\n  missing-required-label: warning\n  \
                 missing-required-annotation: warning\n";
    // Defaults: any class, an `owner` label, an `email` annotation, anti-affinity from 2.
    assert_eq!(
        run(rules),
        [
            "missing-pod-anti-affinity:13",
            "missing-required-annotation:7",
            "missing-required-label:6"
        ]
    );
    let options = format!(
        "{rules}options:\n  missing-priority-class: {{allowed: [business-critical]}}\n  \
         missing-required-label: {{labels: {{team: '', env: 'prod|staging'}}}}\n  \
         missing-required-annotation: {{annotations: {{runbook: 'https://.*'}}}}\n  \
         missing-pod-anti-affinity: {{min-replicas: 3}}\n"
    );
    assert_eq!(
        run(&options),
        [
            "missing-priority-class:14",
            "missing-required-annotation:7",
            "missing-required-label:6"
        ]
    );
    // A value of another type than the default is a configuration error.
    std::fs::write(
        dir.path().join(".kubectl-lint.yaml"),
        "options:\n  missing-priority-class: {allowed: business-critical}\n",
    )
    .unwrap();
    Command::cargo_bin("kubectl-lint")
        .unwrap()
        .current_dir(dir.path())
        .arg("app.yaml")
        .assert()
        .code(2);
}

#[test]
fn literal_credentials_reported_are_never_printed() {
    for format in ["human", "short", "json", "sarif", "github", "junit"] {
        let out = cmd()
            .args([
                "-o",
                format,
                "--color",
                "never",
                &data("plain-secrets.yaml"),
            ])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("literal-secret-env"), "{format}:\n{text}");
        assert!(
            text.contains("sensitive-configmap-data"),
            "{format}:\n{text}"
        );
        for value in ["Xq7-hunter3", "Xq7-tiger4", "Xq7-lion5"] {
            assert!(!text.contains(value), "{format} prints `{value}`:\n{text}");
        }
    }
}

/// A file of `len` bytes that takes no disk space (a sparse file): reading it whole would
/// take `len` bytes of memory.
fn sparse_file(path: &Path, len: u64) {
    std::fs::File::create(path).unwrap().set_len(len).unwrap();
}

#[test]
fn config_and_rule_files_are_read_within_max_file_size() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.yaml");
    sparse_file(&big, 1 << 30);
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    sparse_file(&rules.join("r.yaml"), 1 << 30);
    let limit = "larger than 4096 bytes (raise --max-file-size to allow it)";
    Command::cargo_bin("kubectl-lint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--config", big.to_str().unwrap(), "--max-file-size", "4096"])
        .arg(data("clean.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("big.yaml: {limit}")));
    cmd()
        .args([
            "--rules",
            rules.to_str().unwrap(),
            "--max-file-size",
            "4096",
        ])
        .arg(data("clean.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("r.yaml: {limit}")));
    // `diff` has its own --max-file-size, and it bounds the configuration too.
    Command::cargo_bin("kubectl-lint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "--config",
            big.to_str().unwrap(),
            "diff",
            "--max-file-size",
            "4096",
        ])
        .args([data("clean.yaml"), data("clean.yaml")])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(format!("big.yaml: {limit}")));
    // A device that never ends, under the default limit.
    #[cfg(target_os = "linux")]
    Command::cargo_bin("kubectl-lint")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--config", "/dev/zero"])
        .arg(data("clean.yaml"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "/dev/zero: larger than 67108864 bytes (raise --max-file-size to allow it)",
        ));
}

/// `diff` was asked to compare with OLD: an OLD that cannot be read or parsed is an input
/// error (exit code 2), not an update that passes because nothing was compared. NEW is
/// still linted.
#[test]
fn diff_with_an_old_side_that_cannot_be_used_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let new = "fixtures/selector-changed/fail.new.yaml";
    let broken = dir.path().join("broken.yaml");
    std::fs::write(&broken, "apiVersion: apps/v1\nkind: Deployment\nspec: [\n").unwrap();
    let bytes = dir.path().join("bytes.yaml");
    std::fs::write(&bytes, b"kind: \xff\xfe\n").unwrap();
    let big = dir.path().join("big.yaml");
    sparse_file(&big, 1 << 30);
    for (old, extra, message) in [
        (
            &broken,
            None,
            "broken.yaml: does not parse at 4:1: while parsing a node, did not find expected node content",
        ),
        (
            &bytes,
            None,
            "bytes.yaml: does not parse at 1:7: the file is not valid UTF-8",
        ),
        (
            &big,
            Some("4096"),
            "big.yaml: larger than 4096 bytes (raise --max-file-size to allow it)",
        ),
    ] {
        let mut c = cmd();
        c.args(["diff", "-o", "short", old.to_str().unwrap(), new]);
        if let Some(max) = extra {
            c.args(["--max-file-size", max]);
        }
        let out = c.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(message), "{err}");
        assert!(err.contains("not compared with NEW"), "{err}");
    }
    // A good OLD still finds the refused update (control).
    cmd()
        .args(["diff", "-o", "short"])
        .args(["fixtures/selector-changed/fail.old.yaml", new])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("error[selector-changed]"));
}

/// A `--crd` file that cannot be read, does not parse, or holds a CRD that cannot be used is an
/// input error with its own position, not only `missing-crd` on the custom resource.
#[test]
fn a_crd_file_that_cannot_be_used_is_an_input_error() {
    let dir = tempfile::tempdir().unwrap();
    let cr = dir.path().join("w.yaml");
    std::fs::write(
        &cr,
        "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec:\n  size: big\n",
    )
    .unwrap();
    let broken = dir.path().join("broken.yaml");
    std::fs::write(
        &broken,
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  bad: [\n",
    )
    .unwrap();
    let groupless = dir.path().join("groupless.yaml");
    std::fs::write(
        &groupless,
        "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  names: {kind: Widget, plural: widgets}\n",
    )
    .unwrap();
    let big = dir.path().join("big.yaml");
    sparse_file(&big, 1 << 30);
    for (crd, message) in [
        (&broken, "broken.yaml: does not parse at 7:1: "),
        (
            &groupless,
            "groupless.yaml: the CustomResourceDefinition `widgets.example.com` at 1:1 cannot be used: it has no `spec.group`",
        ),
        (
            &big,
            "big.yaml: larger than 4096 bytes (raise --max-file-size to allow it)",
        ),
    ] {
        let out = cmd()
            .args(["-o", "short", "--max-file-size", "4096", "--crd"])
            .args([crd, &cr])
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(err.contains(message), "{err}");
        // The custom resource is still linted.
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("info[missing-crd]"),
            "{err}"
        );
    }
}

/// `--base`: a version over --max-file-size is an input error and is not read (git is stopped),
/// and then no file is checked as an update; a version that does not parse is a note, since
/// the commit that fixes a file committed broken must pass.
#[test]
fn base_versions_over_the_limit_or_broken_are_reported() {
    let dir = tempfile::tempdir().unwrap();
    let git = |args: &[&str]| git_in(dir.path(), args);
    let cm = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x, namespace: prod}\n";
    git(&["init", "-q"]);
    std::fs::write(
        dir.path().join("big.yaml"),
        format!("# {}\n", "a".repeat(100_000)),
    )
    .unwrap();
    std::fs::write(dir.path().join("broken.yaml"), "kind: [\n").unwrap();
    git(&["add", "."]);
    git(&["commit", "-q", "-m", "old"]);
    std::fs::write(dir.path().join("big.yaml"), cm).unwrap();
    std::fs::write(dir.path().join("broken.yaml"), cm.replace("x,", "z,")).unwrap();
    let run = |args: &[&str]| {
        let out = Command::cargo_bin("kubectl-lint")
            .unwrap()
            .current_dir(dir.path())
            .args(["--no-config", "-o", "short", "--base", "HEAD"])
            .args(args)
            .output()
            .unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["--max-file-size", "4096", "big.yaml"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains("big.yaml@HEAD: larger than 4096 bytes (raise --max-file-size to allow it); no file was checked as an update of `HEAD`"),
        "{err}"
    );
    let (code, err) = run(&["big.yaml"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, err) = run(&["broken.yaml"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("note: broken.yaml@HEAD: does not parse at 2:1: ")
            && err.contains("was not checked as an update"),
        "{err}"
    );
}

/// `timeline`, `defaults` and `schedule` parse with the limits given before them (review3
/// finding 08: they used the defaults whatever was given, though their errors say to raise
/// the limit).
#[test]
fn subcommands_take_the_limits_given_before_them() {
    let dir = tempfile::tempdir().unwrap();
    let deep = dir.path().join("deep.yaml");
    std::fs::write(
        &deep,
        format!(
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {{name: c, namespace: x}}\ndata:\n  a:\n    {}x\n",
            "- ".repeat(600)
        ),
    )
    .unwrap();
    let cluster = dir.path().join("cluster.yaml");
    std::fs::write(
        &cluster,
        "kind: ClusterProfile\nnodePools: [{name: g, count: 1, allocatable: {cpu: \"1\"}}]\n",
    )
    .unwrap();
    let deep = deep.to_str().unwrap();
    let cluster = cluster.to_str().unwrap();
    let nesting = "nesting deeper than 512";
    for sub in [
        vec!["timeline", "-f", deep],
        vec!["defaults", "-f", deep],
        vec!["schedule", "--cluster", cluster, "-f", deep],
    ] {
        cmd()
            .args(&sub)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(nesting));
        let out = cmd()
            .args(["--max-depth", "1000"])
            .args(&sub)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("nesting deeper"), "{sub:?}: {stderr}");
        // And the file size limit: this file is about 1.3 KB.
        cmd()
            .args(["--max-file-size", "1000"])
            .args(&sub)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("larger than 1000 bytes"));
    }
}

/// `diff` with one object on each side pairs them whatever their names, but not across kinds
/// (review3): an immutable Secret beside a ConfigMap is no update ("an immutable ConfigMap
/// cannot become mutable" was reported); two Secrets of different names still pair.
#[test]
fn diff_of_single_objects_pairs_only_the_same_kind() {
    let dir = tempfile::tempdir().unwrap();
    let file = |name: &str, text: &str| {
        let p = dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.to_str().unwrap().to_string()
    };
    let old = file(
        "old.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: a, namespace: x}\nimmutable: true\ndata: {k: dg==}\n",
    );
    let config_map = file(
        "cm.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: x}\ndata: {k: v}\n",
    );
    let secret = file(
        "secret.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: b, namespace: x}\ndata: {k: dg==}\n",
    );
    let rules = |v: &Value| -> Vec<String> {
        v["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["rule"].as_str().unwrap().to_string())
            .collect()
    };
    let across = rules(&json_of(&["diff", &old, &config_map]));
    assert!(
        !across.iter().any(|r| r.contains("immutable")),
        "{across:?}"
    );
    let same = rules(&json_of(&["diff", &old, &secret]));
    assert!(same.iter().any(|r| r.contains("immutable")), "{same:?}");
}
