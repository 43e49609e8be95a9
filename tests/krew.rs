//! The krew manifest `plugins/lint.yaml` and `scripts/krew.sh`, checked as krew checks a
//! manifest. No krew binary can be had on this machine (it is a Go program, and only crates.io,
//! PyPI, npm and Debian are reachable), so its checks are restated here, each with its source in
//! kubernetes-sigs/krew:
//!
//! - `internal/index/indexscanner/scanner.go` `decodeFile`: `sigs.k8s.io/yaml` (YAML to JSON,
//!   then Go structs: every value must have the type of its field);
//! - `internal/index/validation/validate.go` `ValidatePlugin`, `validatePlatform`,
//!   `validateFiles`, `validateSelector`, `IsSafePluginName`;
//! - `internal/installation/semver/version.go` `Parse` (a leading `v`, then semantic version);
//! - `cmd/validate-krew-manifest/main.go` `validateManifestFile` (file name is the plugin name,
//!   `.yaml`; every platform matches a supported os/arch, no two overlap; line lengths),
//!   `allPlatforms`, `validateLicenseFileExists` (the installed files include a licence);
//! - `pkg/index/types.go` (the fields krew knows; others are ignored, so a typo is silent).
//!
//! The install itself (`krew install --manifest --archive`) is replayed for this machine's
//! platform: the archive is unpacked, the `files` operations applied, and `bin` run.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn load(text: &str) -> Value {
    let stream = kubectl_lint::yaml::parse_stream(text, kubectl_lint::yaml::Limits::default());
    assert!(stream.error.is_none(), "{:?}", stream.error);
    assert_eq!(stream.documents.len(), 1);
    let d = &stream.documents[0];
    d.to_json(d.root).unwrap()
}

/// `internal/installation/semver/version.go` `Parse` over `k8s.io/apimachinery`'s
/// `ParseSemantic`: `v`, then MAJOR.MINOR.PATCH without leading zeros, optional
/// `-pre.release` and `+build`.
fn is_krew_semver(s: &str) -> bool {
    let Some(rest) = s.strip_prefix('v') else {
        return false;
    };
    let (core, _) = rest.split_once('+').unwrap_or((rest, ""));
    let (core, pre) = core.split_once('-').unwrap_or((core, ""));
    let numbers: Vec<&str> = core.split('.').collect();
    let number_ok = |n: &&str| {
        !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
            && (n.len() == 1 || !n.starts_with('0'))
    };
    numbers.len() == 3
        && numbers.iter().all(number_ok)
        && (pre.is_empty()
            || pre.split('.').all(|p| {
                !p.is_empty() && p.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }))
}

/// `windowsForbidden` of `internal/index/validation/validate.go`.
const WINDOWS_FORBIDDEN: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// `allPlatforms` of `cmd/validate-krew-manifest/main.go`.
const KREW_PLATFORMS: &[(&str, &str)] = &[
    ("windows", "386"),
    ("windows", "amd64"),
    ("windows", "arm64"),
    ("linux", "386"),
    ("linux", "amd64"),
    ("linux", "arm"),
    ("linux", "arm64"),
    ("linux", "ppc64le"),
    ("darwin", "386"),
    ("darwin", "amd64"),
    ("darwin", "arm64"),
];

fn keys(v: &Value) -> BTreeSet<&str> {
    v.as_object()
        .map(|m| m.keys().map(String::as_str).collect())
        .unwrap_or_default()
}

fn known(v: &Value, allowed: &[&str], what: &str) -> Vec<String> {
    keys(v)
        .into_iter()
        .filter(|k| !allowed.contains(k))
        .map(|k| format!("{what}: field `{k}` is unknown to krew"))
        .collect()
}

/// Every problem krew would report for the manifest `text` stored as `file_name`.
fn krew_problems(file_name: &str, text: &str) -> Vec<String> {
    let p = load(text);
    let mut errs = Vec::new();
    let s = |v: &Value| v.as_str().map(str::to_string);

    // validate-krew-manifest: the name comes from the file name.
    let Some(name) = file_name.strip_suffix(".yaml") else {
        return vec![format!("expected manifest extension .yaml: {file_name}")];
    };
    errs.extend(known(
        &p,
        &["apiVersion", "kind", "metadata", "spec"],
        "top level",
    ));
    if s(&p["apiVersion"]).as_deref() != Some("krew.googlecontainertools.github.com/v1alpha2") {
        errs.push(format!("unsupported apiVersion {}", p["apiVersion"]));
    }
    if s(&p["kind"]).as_deref() != Some("Plugin") {
        errs.push(format!("kind {} is not Plugin", p["kind"]));
    }
    // IsSafePluginName: ^[\w-]+$ and not a Windows device name.
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !WINDOWS_FORBIDDEN
            .iter()
            .any(|f| f.eq_ignore_ascii_case(name));
    if !safe {
        errs.push(format!("the plugin name {name:?} is not allowed"));
    }
    if s(&p["metadata"]["name"]).as_deref() != Some(name) {
        errs.push(format!(
            "plugin should be named {name:?}, not {}",
            p["metadata"]["name"]
        ));
    }
    let spec = &p["spec"];
    errs.extend(known(
        spec,
        &[
            "version",
            "shortDescription",
            "description",
            "caveats",
            "homepage",
            "platforms",
        ],
        "spec",
    ));
    for field in [
        "version",
        "shortDescription",
        "description",
        "caveats",
        "homepage",
    ] {
        if !spec[field].is_null() && !spec[field].is_string() {
            errs.push(format!("spec.{field} is not a string: {}", spec[field]));
        }
    }
    let short = spec["shortDescription"].as_str().unwrap_or("");
    if short.is_empty() {
        errs.push("should have a short description".into());
    }
    if short.contains(['\r', '\n']) {
        errs.push("should not have line breaks in short description".into());
    }
    // validateLineLength: lines longer than the limit are refused unless they are one word.
    for (field, max) in [
        ("description", 80),
        ("shortDescription", 70),
        ("caveats", 80),
    ] {
        for line in spec[field].as_str().unwrap_or("").lines() {
            if line.len() > max && line.trim().contains(' ') {
                errs.push(format!("line length in `{field}` exceeds {max}: {line:?}"));
            }
        }
    }
    match spec["version"].as_str() {
        Some(v) if is_krew_semver(v) => {}
        other => errs.push(format!("failed to parse plugin version {other:?}")),
    }
    if let Some(home) = spec["homepage"].as_str() {
        if !home.starts_with("https://") {
            errs.push(format!("homepage {home} is not https"));
        }
    }
    let platforms = spec["platforms"].as_array().cloned().unwrap_or_default();
    if platforms.is_empty() {
        errs.push("should have a platform specified".into());
    }
    for (i, pl) in platforms.iter().enumerate() {
        let at = format!("spec.platforms[{i}]");
        errs.extend(known(
            pl,
            &["uri", "sha256", "files", "selector", "bin"],
            &at,
        ));
        match pl["uri"].as_str() {
            Some(u) if u.starts_with("https://") => {}
            other => errs.push(format!("{at}: `uri` must be set (https): {other:?}")),
        }
        match pl["sha256"].as_str() {
            Some(h)
                if h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) => {}
            _ => errs.push(format!(
                "{at}: `sha256` must match ^[a-f0-9]{{64}}$ (as a string): {}",
                pl["sha256"]
            )),
        }
        if pl["bin"].as_str().unwrap_or("").is_empty() {
            errs.push(format!("{at}: `bin` has to be set"));
        }
        // validateFiles: unspecified or non-empty, each with `from` and `to`.
        if let Some(files) = pl.get("files") {
            match files.as_array() {
                Some(ops) if !ops.is_empty() => {
                    for op in ops {
                        for f in ["from", "to"] {
                            if op[f].as_str().unwrap_or("").is_empty() {
                                errs.push(format!("{at}: `{f}` field has to be set"));
                            }
                        }
                    }
                }
                _ => errs.push(format!("{at}: `files` has to be unspecified or non-empty")),
            }
        }
        // validateSelector: present, not empty, only `os` and `arch`.
        let sel = &pl["selector"];
        let labels = sel["matchLabels"].as_object();
        if sel.is_null() || (labels.is_none() && sel["matchExpressions"].is_null()) {
            errs.push(format!("{at}: empty selector is not supported"));
        }
        if sel.get("matchExpressions").is_some() {
            errs.push(format!(
                "{at}: matchExpressions are not checked by this test"
            ));
        }
        for (k, v) in labels.into_iter().flatten() {
            if k != "os" && k != "arch" {
                errs.push(format!("{at}: selector key {k:?} not supported"));
            }
            if !v.is_string() {
                errs.push(format!("{at}: selector value {v} is not a string"));
            }
        }
        if labels.is_some_and(|l| l.is_empty()) {
            errs.push(format!("{at}: `matchLabels` specified but empty"));
        }
    }
    // validate-krew-manifest: each platform is used, and no supported platform has two.
    let matches = |pl: &Value, os: &str, arch: &str| {
        pl["selector"]["matchLabels"].as_object().is_some_and(|l| {
            l.iter().all(|(k, v)| match k.as_str() {
                "os" => v == os,
                "arch" => v == arch,
                _ => false,
            })
        })
    };
    for (i, pl) in platforms.iter().enumerate() {
        if !KREW_PLATFORMS.iter().any(|(o, a)| matches(pl, o, a)) {
            errs.push(format!(
                "spec.platform[{i}]'s selector doesn't match any supported platforms"
            ));
        }
    }
    for (os, arch) in KREW_PLATFORMS {
        let n = platforms.iter().filter(|pl| matches(pl, os, arch)).count();
        if n > 1 {
            errs.push(format!("overlapping platform selectors for {os}/{arch}"));
        }
    }
    errs
}

#[test]
fn the_committed_manifest_passes_krew_validation() {
    let text = std::fs::read_to_string(Path::new(ROOT).join("plugins/lint.yaml")).unwrap();
    assert_eq!(krew_problems("lint.yaml", &text), Vec::<String>::new());
    let p = load(&text);
    // The version is the crate's.
    assert_eq!(
        p["spec"]["version"],
        format!("v{}", env!("CARGO_PKG_VERSION"))
    );
    // The platforms asked for: Linux and macOS on amd64 and arm64, and Windows.
    let got: BTreeSet<String> = p["spec"]["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|pl| {
            let l = &pl["selector"]["matchLabels"];
            format!(
                "{}/{}",
                l["os"].as_str().unwrap(),
                l["arch"].as_str().unwrap()
            )
        })
        .collect();
    let want: BTreeSet<String> = [
        "linux/amd64",
        "linux/arm64",
        "darwin/amd64",
        "darwin/arm64",
        "windows/amd64",
    ]
    .map(String::from)
    .into();
    assert_eq!(got, want);
    // It is what the release script writes between releases (no archives: zero digests).
    let out = Command::new("bash")
        .args(["scripts/krew.sh", "manifest", "/nonexistent"])
        .env("KREW_ALLOW_MISSING", "1")
        .env_remove("KREW_BASE_URL")
        .env_remove("KREW_HOMEPAGE")
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        text,
        "plugins/lint.yaml is stale: KREW_ALLOW_MISSING=1 scripts/krew.sh manifest /nonexistent > plugins/lint.yaml"
    );
}

#[test]
fn the_validation_catches_what_krew_refuses() {
    let good = std::fs::read_to_string(Path::new(ROOT).join("plugins/lint.yaml")).unwrap();
    let refused = |text: &str, name: &str, needle: &str| {
        let problems = krew_problems(name, text);
        assert!(
            problems.iter().any(|p| p.contains(needle)),
            "{needle}: {problems:#?}"
        );
    };
    refused(&good, "kubectl-lint.yaml", "should be named");
    refused(
        &good.replace("version: v0.", "version: 0."),
        "lint.yaml",
        "version",
    );
    refused(
        &good.replacen("sha256: \"", "sha256: \"A", 1),
        "lint.yaml",
        "sha256",
    );
    // Unquoted, 64 zeros is the number 0 to sigs.k8s.io/yaml, not a string.
    refused(
        &good.replacen(
            "sha256: \"0000000000000000000000000000000000000000000000000000000000000000\"",
            "sha256: 0000000000000000000000000000000000000000000000000000000000000000",
            1,
        ),
        "lint.yaml",
        "sha256",
    );
    refused(
        &good.replacen("arch: arm64", "arch: amd64", 1),
        "lint.yaml",
        "overlapping",
    );
    refused(
        &good.replacen("os: linux", "os: plan9", 1),
        "lint.yaml",
        "supported platforms",
    );
    refused(
        &good.replacen("os: linux", "distro: linux", 1),
        "lint.yaml",
        "not supported",
    );
    refused(
        &good.replacen("      bin: kubectl-lint\n", "", 1),
        "lint.yaml",
        "`bin`",
    );
    refused(
        &good.replacen("uri: https://", "uri: http://", 1),
        "lint.yaml",
        "uri",
    );
    refused(
        &good.replacen(
            "shortDescription: ",
            "shortDescription: a very long line that goes on and on past the limit krew sets, ",
            1,
        ),
        "lint.yaml",
        "exceeds 70",
    );
}

fn sha256(path: &Path) -> String {
    let out = Command::new("sha256sum").arg(path).output().unwrap();
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .next()
        .unwrap()
        .to_string()
}

/// The release path: archives packed by the script, the manifest written from them, and the
/// install that krew would do replayed for linux/amd64 (the archive's `files` operations, then
/// `bin`).
#[test]
fn release_archives_and_their_manifest_install_as_krew_would() {
    let tmp = tempfile::tempdir().unwrap();
    let dist = tmp.path().join("dist");
    // The real binary for this machine, stripped of its debug information as a release build
    // is; the other platforms' binaries cannot be built here, so a stand-in file packs for them.
    let real = tmp.path().join("kubectl-lint");
    std::fs::copy(env!("CARGO_BIN_EXE_kubectl-lint"), &real).unwrap();
    assert!(Command::new("strip").arg(&real).status().unwrap().success());
    let stand_in = tmp.path().join("stand-in");
    std::fs::write(&stand_in, "not this platform's binary").unwrap();
    for (os, arch) in [
        ("linux", "amd64"),
        ("linux", "arm64"),
        ("darwin", "amd64"),
        ("darwin", "arm64"),
        ("windows", "amd64"),
    ] {
        let bin = if (os, arch) == ("linux", "amd64") {
            &real
        } else {
            &stand_in
        };
        let out = Command::new("bash")
            .args(["scripts/krew.sh", "pack"])
            .arg(bin)
            .args([os, arch])
            .arg(&dist)
            .current_dir(ROOT)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = Command::new("bash")
        .args(["scripts/krew.sh", "manifest"])
        .arg(&dist)
        .env("KREW_BASE_URL", "https://example.com/releases")
        .env_remove("KREW_ALLOW_MISSING")
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(krew_problems("lint.yaml", &text), Vec::<String>::new());

    let manifest = load(&text);
    let version = manifest["spec"]["version"].as_str().unwrap();
    let linux = manifest["spec"]["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|pl| {
            pl["selector"]["matchLabels"]["os"] == "linux"
                && pl["selector"]["matchLabels"]["arch"] == "amd64"
        })
        .unwrap();
    let archive_name = format!("kubectl-lint-{version}-linux-amd64.tar.gz");
    assert_eq!(
        linux["uri"],
        format!("https://example.com/releases/{version}/{archive_name}")
    );
    let archive = dist.join(&archive_name);
    assert_eq!(linux["sha256"], sha256(&archive));

    // krew: download (here: the archive), check the digest (above), unpack into a staging
    // directory, move each `files` entry `from` (relative to the archive) `to` (relative to
    // the install directory), then link `bin`.
    let staging = tmp.path().join("staging");
    let install = tmp.path().join("install");
    std::fs::create_dir_all(&staging).unwrap();
    std::fs::create_dir_all(&install).unwrap();
    let st = Command::new("tar")
        .arg("-xzf")
        .arg(&archive)
        .arg("-C")
        .arg(&staging)
        .status()
        .unwrap();
    assert!(st.success());
    for op in linux["files"].as_array().unwrap() {
        let from = staging.join(op["from"].as_str().unwrap());
        let to = install.join(op["to"].as_str().unwrap());
        assert!(from.exists(), "{} is not in the archive", op["from"]);
        let to = if op["to"] == "." {
            to.join(from.file_name().unwrap())
        } else {
            to
        };
        std::fs::rename(&from, &to).unwrap();
    }
    // validateLicenseFileExists
    assert!(install.join("LICENSE").is_file());
    let installed = install.join(linux["bin"].as_str().unwrap());
    let out = Command::new(&installed).arg("--version").output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        format!("kubectl-lint {}", env!("CARGO_PKG_VERSION"))
    );
    // The Windows archive holds `kubectl-lint.exe`, which its `bin` names.
    let windows = manifest["spec"]["platforms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|pl| pl["selector"]["matchLabels"]["os"] == "windows")
        .unwrap();
    assert_eq!(windows["bin"], "kubectl-lint.exe");
    let list = Command::new("tar")
        .arg("-tzf")
        .arg(dist.join(format!("kubectl-lint-{version}-windows-amd64.tar.gz")))
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&list.stdout)
        .lines()
        .any(|l| l == "kubectl-lint.exe"));

    // A missing archive is an error, not a manifest with a made-up digest.
    std::fs::remove_file(&archive).unwrap();
    let out = Command::new("bash")
        .args(["scripts/krew.sh", "manifest"])
        .arg(&dist)
        .env_remove("KREW_ALLOW_MISSING")
        .current_dir(ROOT)
        .output()
        .unwrap();
    assert!(!out.status.success());
}
