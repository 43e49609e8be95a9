//! The composite GitHub Action `action.yml`: its shape as GitHub reads it (inputs, composite
//! steps with a shell, outputs), and its lint step run for real. The step's script is taken
//! from the file and run the way a composite `shell: bash` step is run
//! (`bash --noprofile --norc -eo pipefail FILE`), with the step's `env:` filled from the
//! inputs, the runner's `GITHUB_OUTPUT` file, and the freshly built kubectl-lint on PATH, so a
//! flag the binary lacks or an exit code lost on the way fails the test.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn action() -> Value {
    let text = std::fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    let stream = kubectl_lint::yaml::parse_stream(&text, kubectl_lint::yaml::Limits::default());
    assert!(stream.error.is_none(), "{:?}", stream.error);
    let d = &stream.documents[0];
    d.to_json(d.root).unwrap()
}

/// Every `${{ ... }}` expression in `s`, trimmed.
fn expressions(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("${{") {
        let after = &rest[i + 3..];
        let Some(j) = after.find("}}") else { break };
        out.push(after[..j].trim().to_string());
        rest = &after[j + 2..];
    }
    out
}

#[test]
fn action_yml_has_the_shape_github_reads() {
    let a = action();
    for key in ["name", "description"] {
        assert!(a[key].as_str().is_some_and(|s| !s.is_empty()), "{key}");
    }
    assert_eq!(a["runs"]["using"], "composite");
    let inputs = a["inputs"].as_object().unwrap();
    for name in [
        "paths",
        "version",
        "kubernetes-version",
        "format",
        "fail-on",
        "output-file",
        "args",
    ] {
        let input = &inputs[name];
        assert!(input["description"].is_string(), "{name}");
        assert!(input["default"].is_string(), "{name}: defaults are strings");
    }
    let steps = a["runs"]["steps"].as_array().unwrap();
    let text = std::fs::read_to_string(Path::new(ROOT).join("action.yml")).unwrap();
    // Every expression names an input that exists, a step output, or the github context; and
    // every input is used.
    let mut used = std::collections::BTreeSet::new();
    for e in expressions(&text) {
        if let Some(name) = e.strip_prefix("inputs.") {
            assert!(inputs.contains_key(name), "unknown input {name}");
            used.insert(name.to_string());
        } else {
            assert!(
                e.starts_with("github.") || e.starts_with("steps.lint.outputs."),
                "{e}"
            );
        }
    }
    assert_eq!(used.len(), inputs.len(), "unused inputs: {used:?}");
    assert!(a["outputs"]["exit-code"]["value"]
        .as_str()
        .unwrap()
        .contains("steps.lint.outputs.exit-code"));
    for step in steps {
        let run = step["run"].as_str().unwrap();
        // Composite run steps must name their shell.
        assert_eq!(step["shell"], "bash", "{}", step["name"]);
        // Inputs reach scripts through env only (no template injection into the script).
        assert!(!run.contains("${{"), "{}", step["name"]);
        let check = Command::new("bash")
            .args(["-n", "-c", run])
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "{}: {}",
            step["name"],
            String::from_utf8_lossy(&check.stderr)
        );
    }
}

/// Runs the `lint` step with `inputs` over the defaults; returns (exit code, stdout, stderr,
/// the step's outputs).
fn run_lint_step(inputs: &[(&str, &str)]) -> (Option<i32>, String, String, String) {
    let a = action();
    let step = a["runs"]["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "lint")
        .unwrap()
        .clone();
    let mut values: BTreeMap<String, String> = a["inputs"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["default"].as_str().unwrap().to_string()))
        .collect();
    for (k, v) in inputs {
        assert!(values.contains_key(*k), "{k}");
        values.insert(k.to_string(), v.to_string());
    }
    let tmp = tempfile::tempdir().unwrap();
    let script = tmp.path().join("step.sh");
    std::fs::write(&script, step["run"].as_str().unwrap()).unwrap();
    let output = tmp.path().join("github_output");
    std::fs::write(&output, "").unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_kubectl-lint"))
        .parent()
        .unwrap();
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .current_dir(ROOT)
        .env(
            "PATH",
            format!("{}:{}", bin_dir.display(), std::env::var("PATH").unwrap()),
        )
        .env("GITHUB_OUTPUT", &output);
    for (k, v) in step["env"].as_object().unwrap() {
        let v = v.as_str().unwrap();
        let e = expressions(v);
        let name = e[0].strip_prefix("inputs.").unwrap();
        cmd.env(k, &values[name]);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        std::fs::read_to_string(&output).unwrap(),
    )
}

#[test]
fn the_lint_step_annotates_and_fails_on_findings() {
    // Defaults: `github` annotations in the log, failing on errors.
    let (code, out, err, outputs) = run_lint_step(&[("paths", "tests/data/app.yaml")]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(
        out.contains("::error file=tests/data/app.yaml,line=12,col=7"),
        "{out}"
    );
    assert_eq!(outputs.trim(), "exit-code=1");

    // Clean input: the step passes.
    let (code, out, err, outputs) =
        run_lint_step(&[("paths", "tests/data/clean.yaml"), ("format", "short")]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert_eq!(outputs.trim(), "exit-code=0");

    // A warning alone passes by default and fails with `fail-on: warning`; several paths.
    let tmp = tempfile::tempdir().unwrap();
    let warned = tmp.path().join("latest.yaml");
    std::fs::write(
        &warned,
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: c, image: 'nginx:latest'}\n",
    )
    .unwrap();
    let paths = format!("tests/data/clean.yaml\n{}", warned.display());
    let (code, out, err, _) = run_lint_step(&[
        ("paths", &paths),
        ("format", "short"),
        ("kubernetes-version", "1.30"),
    ]);
    assert_eq!(code, Some(0), "{out}{err}");
    assert!(out.contains("warning[latest-image-tag]"), "{out}");
    let (code, out, err, _) = run_lint_step(&[
        ("paths", &paths),
        ("format", "short"),
        ("fail-on", "warning"),
    ]);
    assert_eq!(code, Some(1), "{out}{err}");

    // A flag the binary does not know is an input error (exit code 2), not a pass.
    let (code, _, err, outputs) = run_lint_step(&[
        ("paths", "tests/data/clean.yaml"),
        ("args", "--no-such-flag"),
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(outputs.trim(), "exit-code=2");
}

#[test]
fn the_lint_step_writes_sarif_for_upload() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("kubectl-lint.sarif");
    let (code, out, err, _) = run_lint_step(&[
        ("paths", "tests/data/app.yaml examples"),
        ("format", "sarif"),
        ("output-file", file.to_str().unwrap()),
        ("args", "--deny best-practice --no-config"),
    ]);
    assert_eq!(code, Some(1), "{out}{err}");
    assert!(out.is_empty(), "the report went to the file: {out}");
    let sarif: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert!(results.iter().any(|r| r["ruleId"] == "selector-mismatch"));
}

/// The README's fenced `yaml` blocks, parsed.
fn readme_yaml_blocks() -> Vec<Value> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in readme.lines() {
        match (&mut current, line.trim_end()) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(text), "```") => {
                let stream =
                    kubectl_lint::yaml::parse_stream(text, kubectl_lint::yaml::Limits::default());
                assert!(stream.error.is_none(), "README block:\n{text}");
                for d in &stream.documents {
                    blocks.push(d.to_json(d.root).unwrap());
                }
                current = None;
            }
            (Some(text), l) => {
                text.push_str(l);
                text.push('\n');
            }
            _ => {}
        }
    }
    blocks
}

/// Every map in `v` (depth first).
fn maps(v: &Value, out: &mut Vec<serde_json::Map<String, Value>>) {
    match v {
        Value::Object(m) => {
            out.push(m.clone());
            m.values().for_each(|x| maps(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| maps(x, out)),
        _ => {}
    }
}

#[test]
fn readme_snippets_use_inputs_and_hooks_that_exist() {
    let a = action();
    let inputs = a["inputs"].as_object().unwrap();
    let hooks_text =
        std::fs::read_to_string(Path::new(ROOT).join(".pre-commit-hooks.yaml")).unwrap();
    let hooks = {
        let s =
            kubectl_lint::yaml::parse_stream(&hooks_text, kubectl_lint::yaml::Limits::default());
        let d = &s.documents[0];
        d.to_json(d.root).unwrap()
    };
    let hook_ids: Vec<&str> = hooks
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    let mut all = Vec::new();
    for block in readme_yaml_blocks() {
        maps(&block, &mut all);
    }
    let mut action_uses = 0;
    let mut hook_uses = 0;
    for m in &all {
        if m.get("uses")
            .and_then(Value::as_str)
            .is_some_and(|u| u.starts_with("OWNER/kubectl-lint@"))
        {
            action_uses += 1;
            for key in m["with"].as_object().unwrap().keys() {
                assert!(inputs.contains_key(key), "README uses unknown input {key}");
            }
        }
        if m.get("repo")
            .and_then(Value::as_str)
            .is_some_and(|r| r.ends_with("/kubectl-lint"))
        {
            for h in m["hooks"].as_array().unwrap() {
                hook_uses += 1;
                let id = h["id"].as_str().unwrap();
                assert!(hook_ids.contains(&id), "README names unknown hook {id}");
            }
        }
    }
    assert!(
        action_uses >= 2 && hook_uses >= 1,
        "{action_uses} {hook_uses}"
    );
}

/// Runs the install step with `cargo` and `curl` replaced by stand-ins that log their
/// arguments (`curl` serves `archive`); returns (exit code, the log, GITHUB_PATH's content,
/// RUNNER_TEMP).
fn run_install_step(
    version: &str,
    archive: Option<&Path>,
    tmp: &Path,
) -> (Option<i32>, String, String, std::path::PathBuf) {
    let a = action();
    let step = a["runs"]["steps"][0].clone();
    assert_eq!(step["name"], "Install kubectl-lint");
    let bin = tmp.join("stubs");
    std::fs::create_dir_all(&bin).unwrap();
    let log = tmp.join("log");
    std::fs::write(
        bin.join("cargo"),
        format!("#!/bin/sh\necho \"cargo $*\" >> {}\n", log.display()),
    )
    .unwrap();
    let serve = archive.map(|p| p.display().to_string()).unwrap_or_default();
    std::fs::write(
        bin.join("curl"),
        format!(
            "#!/bin/sh\necho \"curl $*\" >> {}\nexec cat '{serve}'\n",
            log.display()
        ),
    )
    .unwrap();
    for s in ["cargo", "curl"] {
        let st = Command::new("chmod")
            .arg("+x")
            .arg(bin.join(s))
            .status()
            .unwrap();
        assert!(st.success());
    }
    let runner_temp = tmp.join("runner");
    std::fs::create_dir_all(&runner_temp).unwrap();
    let github_path = tmp.join("github_path");
    std::fs::write(&github_path, "").unwrap();
    let script = tmp.join("install.sh");
    std::fs::write(&script, step["run"].as_str().unwrap()).unwrap();
    let values = [
        ("VERSION", version.to_string()),
        ("ACTION_PATH", "/action".to_string()),
        ("ACTION_REPOSITORY", "someone/kubectl-lint".to_string()),
    ];
    let mut cmd = Command::new("bash");
    cmd.args(["--noprofile", "--norc", "-eo", "pipefail"])
        .arg(&script)
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap()),
        )
        .env("RUNNER_TEMP", &runner_temp)
        .env("RUNNER_OS", "Linux")
        .env("RUNNER_ARCH", "X64")
        .env("GITHUB_PATH", &github_path);
    for (k, v) in values {
        assert!(step["env"][k].is_string(), "{k}");
        cmd.env(k, v);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code(),
        std::fs::read_to_string(&log).unwrap_or_default(),
        std::fs::read_to_string(&github_path).unwrap(),
        runner_temp,
    )
}

#[test]
fn the_install_step_builds_the_source_or_fetches_the_release_archive() {
    // `source`: cargo installs the action's own checkout, locked, into RUNNER_TEMP.
    let tmp = tempfile::tempdir().unwrap();
    let (code, log, path, runner) = run_install_step("source", None, tmp.path());
    assert_eq!(code, Some(0), "{log}");
    let root = runner.join("kubectl-lint");
    assert_eq!(
        log.trim(),
        format!(
            "cargo install --locked --quiet --path /action --root {}",
            root.display()
        )
    );
    assert_eq!(path.trim(), root.join("bin").display().to_string());

    // A version: the archive that scripts/krew.sh packs for that release and platform.
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    let stand_in = tmp.path().join("kubectl-lint");
    std::fs::write(&stand_in, "#!/bin/sh\necho stand-in\n").unwrap();
    let out = Command::new("bash")
        .args(["scripts/krew.sh", "pack"])
        .arg(&stand_in)
        .args(["linux", "amd64"])
        .arg(&dist)
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert!(out.status.success());
    let archive = String::from_utf8(out.stdout).unwrap();
    let archive = Path::new(archive.trim());
    let v = env!("CARGO_PKG_VERSION");
    assert_eq!(
        archive.file_name().unwrap().to_str().unwrap(),
        format!("kubectl-lint-v{v}-linux-amd64.tar.gz")
    );
    let (code, log, path, runner) = run_install_step(v, Some(archive), tmp.path());
    assert_eq!(code, Some(0), "{log}");
    assert_eq!(
        log.trim(),
        format!("curl -fsSL https://github.com/someone/kubectl-lint/releases/download/v{v}/kubectl-lint-v{v}-linux-amd64.tar.gz")
    );
    let bin = runner.join("kubectl-lint/bin");
    assert_eq!(path.trim(), bin.display().to_string());
    assert!(bin.join("kubectl-lint").is_file());
}
