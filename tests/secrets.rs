//! Secret values never reach any output (DESIGN.md invariant 5), whatever shape the Secret
//! takes: in a `List`, as JSON, through anchors, aliases and merge keys, with a field a rule
//! reports, as the old version of an update, and through the `defaults` and `timeline`
//! subcommands. The same holds for the values of env vars whose names look like credentials.
//!
//! Every secret below contains `s3cr3t` (or is listed in `OTHER`), so a leak is found by
//! searching the output for it.

use std::path::Path;

use assert_cmd::Command;

const FORMATS: [&str; 7] = [
    "human", "short", "json", "sarif", "github", "junit", "gitlab",
];

/// Secret values that do not contain `s3cr3t`: short, numeric, or base64 of one.
const OTHER: [&str; 4] = ["99887766", "aHVudGVyczNjcjN0", "hunters3cr3t", "pw1"];

fn cmd() -> Command {
    let mut c = Command::cargo_bin("kubectl-lint").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .arg("--no-config");
    c
}

fn run(args: &[&str]) -> String {
    let out = cmd().args(args).output().unwrap();
    let code = out.status.code();
    assert!(matches!(code, Some(0..=2)), "{args:?}: {:?}", out.status);
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    text.push_str(&String::from_utf8_lossy(&out.stderr));
    text
}

fn assert_no_secret(what: &str, text: &str) {
    for s in ["s3cr3t"].iter().chain(OTHER.iter()) {
        // `pw1` is short: only a quoted occurrence would be a leak.
        let leaked = if s.len() < 4 {
            text.contains(&format!("`{s}`")) || text.contains(&format!("\"{s}\""))
        } else {
            text.contains(s)
        };
        assert!(!leaked, "{what} leaks `{s}`:\n{text}");
    }
}

/// Lints `path` with every rule on in every format and checks that no secret leaks; returns
/// the human output.
fn lint_everywhere(path: &Path, extra: &[&str]) -> String {
    let p = path.to_str().unwrap();
    let mut human = String::new();
    for format in FORMATS {
        let mut args = vec!["--warn", "all"];
        args.extend_from_slice(extra);
        args.extend([p, "-o", format]);
        let text = run(&args);
        assert_no_secret(&format!("{p} -o {format}"), &text);
        if format == "human" {
            human = text;
        }
    }
    for sub in [
        vec!["defaults", "-f", p],
        vec!["defaults", "-f", p, "-o", "json"],
        vec!["timeline", "-f", p],
        vec!["timeline", "-f", p, "-o", "json"],
    ] {
        let text = run(&sub);
        assert_no_secret(&format!("{sub:?}"), &text);
    }
    human
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn secrets_in_a_list_and_with_fields_a_rule_reports() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "list.yaml",
        r#"apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Secret
  metadata:
    name: Bad_Name
  stringData:
    password: in-list-s3cr3t
    num: 99887766
    "bad key": other-s3cr3t
- apiVersion: v1
  kind: Secret
  metadata:
    name: second
    labels:
      copy: "label-s3cr3t!"
  type: Opaque
  data:
    token: aHVudGVyczNjcjN0
    flow: {a: flow-s3cr3t, b: [seq-s3cr3t]}
  stringData:
    copy: "label-s3cr3t!"
- apiVersion: v1
  kind: Secret
  metadata:
    name: third
  stringData: "scalar-s3cr3t-where-a-map-belongs"
"#,
    );
    let human = lint_everywhere(&path, &[]);
    // The frames still point at the findings, with the values masked.
    assert!(human.contains("name: Bad_Name"), "{human}");
    assert!(human.contains("password: **************"), "{human}");
    // The label copies the password: the rule that reports the label cannot quote it.
    assert!(
        human.contains("the value `***` of label `copy` is invalid"),
        "{human}"
    );
}

#[test]
fn a_json_secret() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "s.json",
        r#"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "json_name", "labels": {"k": "json-s3cr3t!"}},
 "data": {"k": "aHVudGVyczNjcjN0"}, "stringData": {"x": "json-s3cr3t!", "y": 99887766}}
"#,
    );
    let human = lint_everywhere(&path, &[]);
    assert!(human.contains("invalid-object-name"), "{human}");
    assert!(human.contains("\"k\": ******************"), "{human}");
}

#[test]
fn anchors_aliases_and_merge_keys() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "anchors.yaml",
        r#"apiVersion: v1
kind: Secret
metadata:
  annotations: {note: &pw anchored-s3cr3t}
  name: Bad_Name
  labels: {a: &short pw1}
stringData:
  password: *pw
  short: *short
  <<: {merged: merged-s3cr3t}
---
apiVersion: v1
kind: Secret
metadata:
  name: bad_too
stringData: &all
  user: admin
  password: whole-map-s3cr3t
copy: *all
"#,
    );
    let human = lint_everywhere(&path, &[]);
    // The frame of the name shows the annotation above it: the anchored value is masked
    // where it is written, since a Secret's data aliases it.
    assert!(
        human.contains("annotations: {note: *******************}"),
        "{human}"
    );
}

#[test]
fn credential_env_vars_are_masked_when_shown_or_quoted() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "pod.yaml",
        r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  labels:
    token-copy: "env-s3cr3t-token!"
spec:
  containers:
  - name: c
    image: nginx
    env:
    - {name: API_TOKEN, value: env-s3cr3t-token}
    - {name: DB_PASSWORD, value: 99887766}
    - {name: DB_PASSWORD, value: dup-s3cr3t}
    - name: AWS_SECRET_ACCESS_KEY
      value: |
        multi-line-s3cr3t
        second-line-s3cr3t
    - {name: LOG_LEVEL, value: debug}
"#,
    );
    let human = lint_everywhere(&path, &[]);
    assert!(human.contains("duplicate-env-var"), "{human}");
    assert!(
        human.contains("{name: DB_PASSWORD, value: **********}"),
        "{human}"
    );
    // Only credentials are masked.
    assert!(
        human.contains("value: debug") || !human.contains("LOG_LEVEL"),
        "{human}"
    );
    assert!(human.contains("`***!`"), "{human}");
}

#[test]
fn the_old_version_of_an_update_is_masked_too() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(
        dir.path(),
        "old.yaml",
        r#"apiVersion: v1
kind: Secret
metadata:
  name: s
immutable: true
type: Opaque
stringData:
  password: old-s3cr3t
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: registry.example.com/app:v1
    env:
    - {name: REGISTRY_PASSWORD, value: env-s3cr3t}
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  containers:
  - name: c
    image: &img registry.example.com/app:s3cr3t-tag
    env:
    - {name: REGISTRY_PASSWORD, value: *img}
"#,
    );
    let new = write(
        dir.path(),
        "new.yaml",
        r#"apiVersion: v1
kind: Secret
metadata:
  name: s
immutable: true
type: kubernetes.io/basic-auth
stringData:
  password: new-s3cr3t
---
apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
  - name: c
    image: registry.example.com/app:v2
---
apiVersion: v1
kind: Pod
metadata:
  name: q
spec:
  containers:
  - name: c
    image: registry.example.com/app:v2
    env:
    - {name: REGISTRY_PASSWORD, value: registry.example.com/app:s3cr3t-tag}
"#,
    );
    let (o, n) = (old.to_str().unwrap(), new.to_str().unwrap());
    let mut seen = Vec::new();
    for format in FORMATS {
        let text = run(&["--warn", "all", "diff", o, n, "-o", format]);
        assert_no_secret(&format!("diff -o {format}"), &text);
        seen.push(text);
    }
    // The update rules did report, pointing at the old version.
    assert!(seen[0].contains("immutable-data-changed"), "{}", seen[0]);
    assert!(seen[0].contains("secret-type-changed"), "{}", seen[0]);
    // A rule that quotes the old env list quotes no credential.
    assert!(
        seen[0].contains(r#"`[{"name":"REGISTRY_PASSWORD","value":"***"}]`"#),
        "{}",
        seen[0]
    );
    // The image the old Pod also used as a password is masked where the rule quotes it.
    assert!(seen[0].contains("container-image-changed"), "{}", seen[0]);
    assert!(seen[0].contains("(it was `***`)"), "{}", seen[0]);
}

/// A document that does not parse may be a Secret: its values are masked in the syntax
/// error's frame (the parser's error is the only finding), keys and caret kept.
#[test]
fn a_secret_that_does_not_parse() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text, shown) in [
        (
            "indent.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  DB_PASSWORD: indent-s3cr3t\n   DB_USER: admin\n",
            "  DB_PASSWORD: *************",
        ),
        (
            "flow.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {token: flow-s3cr3t, x: ]\n",
            "stringData: ***********************",
        ),
        (
            "data.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  token: aHVudGVyczNjcjN0\n- oops\n",
            "  token: ****************",
        ),
        (
            // No `Secret` in it: an env var with a credential's name, its quote unterminated.
            "env.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    env:\n    - name: DB_PASSWORD\n      value: \"env-s3cr3t\n",
            "      value: ***********",
        ),
        (
            // After a document that parsed.
            "second.yaml",
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ok}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData:\n  a: second-s3cr3t\n  b: [\n",
            "  b: *",
        ),
    ] {
        let path = write(dir.path(), name, text);
        let human = lint_everywhere(&path, &[]);
        assert!(human.contains("invalid-yaml"), "{name}: {human}");
        assert!(human.contains(shown), "{name}: {human}");
    }
    // A document that plainly holds no secret keeps its values in the frame.
    let path = write(
        dir.path(),
        "plain.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm\ndata:\n  level: debug\n   other: x\n",
    );
    let human = run(&[path.to_str().unwrap()]);
    assert!(human.contains("level: debug"), "{human}");
}

/// A `SecretList` as the API returns it (items without `kind`), a kind written with an
/// escape, a repeated `kind`, and a `last-applied-configuration` annotation that copies the
/// values as JSON (Go escapes `&`, `<`, `>`).
#[test]
fn secrets_in_other_shapes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "list.json",
            r#"{"apiVersion":"v1","kind":"SecretList","items":[{"metadata":{"name":"a"},"data":{"password":"aHVudGVyczNjcjN0"},"stringData":{"x":"list-s3cr3t"}}]}"#,
        ),
        (
            "list.yaml",
            "apiVersion: v1\nkind: SecretList\nitems:\n- metadata:\n    name: a\n  stringData:\n    password: list-s3cr3t\n",
        ),
        (
            "escaped.yaml",
            "apiVersion: v1\nkind: \"Secr\\x65t\"\nmetadata: {name: Bad_Name}\nstringData:\n  password: escaped-s3cr3t\n",
        ),
        (
            "escaped.json",
            r#"{"apiVersion": "v1", "kind": "Secr\u0065t", "metadata": {"name": "Bad_Name"}, "stringData": {"token": "escaped-s3cr3t"}}"#,
        ),
        (
            "repeated.yaml",
            "apiVersion: v1\nkind: Secret\nkind: ConfigMap\nmetadata: {name: Bad_Name}\nstringData:\n  password: repeated-s3cr3t\ndata:\n  password: aHVudGVyczNjcjN0\n",
        ),
        (
            "applied.yaml",
            r#"apiVersion: v1
kind: Secret
metadata:
  name: Bad_Name
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: |
      {"apiVersion":"v1","kind":"Secret","metadata":{"name":"Bad_Name"},"stringData":{"password":"applied-s3cr3t\u0026\u003c\"\\"}}
stringData:
  password: "applied-s3cr3t&<\"\\"
"#,
        ),
    ] {
        let path = write(dir.path(), name, text);
        lint_everywhere(&path, &[]);
    }
}

/// An update rule quotes an old value cut to 60 characters (`it was `ghp_…``), or an old env
/// list as JSON, where a value with `"` and `&` is escaped as serde_json escapes it: neither
/// shows any part of the credential.
#[test]
fn old_values_quoted_cut_or_escaped_are_masked() {
    let dir = tempfile::tempdir().unwrap();
    let deploy = |env: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web, namespace: shop}}\nspec:\n  replicas: 2\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n{env}"
        )
    };
    let token = "ghp_s3cr3t0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOP";
    let cases = [
        (
            format!("        env:\n        - {{name: GITHUB_TOKEN, value: {token}}}\n"),
            "        env:\n        - {name: GITHUB_TOKEN, value: rotated}\n".to_string(),
        ),
        (
            "        env:\n        - {name: DB_PASSWORD, value: 'quoted-s3cr3t\"&<x'}\n        - {name: LEVEL, value: debug}\n".to_string(),
            "        env:\n        - {name: LEVEL, value: debug}\n".to_string(),
        ),
    ];
    for (i, (old, new)) in cases.iter().enumerate() {
        let o = write(dir.path(), &format!("old{i}.yaml"), &deploy(old));
        let n = write(dir.path(), &format!("new{i}.yaml"), &deploy(new));
        for format in FORMATS {
            let text = run(&[
                "--warn",
                "all",
                "diff",
                o.to_str().unwrap(),
                n.to_str().unwrap(),
                "-o",
                format,
            ]);
            assert_no_secret(&format!("diff {i} -o {format}"), &text);
            // Not even the start of the token.
            assert!(!text.contains("ghp_s3"), "diff {i} -o {format}:\n{text}");
            if format == "short" {
                assert!(text.contains("it was `"), "the rule did quote: {text}");
            }
        }
    }
}

/// A kind or an env var name given as `!!binary` (kubectl decodes it), `env` written as a
/// mapping, an env name of the wrong shape, and a UTF-16 file (read as text with NULs) that
/// stops parsing.
#[test]
fn secrets_behind_binary_tags_and_odd_shapes() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "binary-kind.yaml",
            "apiVersion: v1\nkind: !!binary U2VjcmV0\nmetadata: {name: Bad_Name}\nstringData: {password: binary-s3cr3t}\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "binary-env.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    env:\n    - name: !!binary REJfUEFTU1dPUkQ=\n      value: binary-env-s3cr3t\n    - name: [DB_PASSWORD]\n      value: array-s3cr3t\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            "env-map.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n    env: {DB_PASSWORD: map-s3cr3t, API_TOKEN: map-token-s3cr3t}\n"
                .as_bytes()
                .to_vec(),
        ),
        ("utf16.yaml", {
            let text = "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  password: utf16-s3cr3t\n";
            let mut b = vec![0xff, 0xfe];
            b.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
            b
        }),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap();
        lint_everywhere(&path, &[]);
        // The UTF-16 text read as UTF-8 has a NUL between the letters.
        let human = run(&[path.to_str().unwrap()]);
        assert!(!human.contains("s\u{0}3\u{0}c\u{0}r\u{0}3\u{0}t"), "{name}: {human:?}");
    }
}

/// Review round 3 (findings 02, 09, 10, 12, 16): a misspelled kind (the finding that says so
/// has a frame), `binary` tags spelled verbatim or through `%TAG`, a `binary` kind in a Secret
/// that does not parse, a value written as a mapping (its keys are secret text too), an env
/// var named `*_PW`, and a ConfigMap's private key in a block scalar, in `defaults` as well.
#[test]
fn misspelled_kinds_other_tag_spellings_and_nested_values() {
    let dir = tempfile::tempdir().unwrap();
    let mut cases: Vec<(String, String)> = [
        "secret",
        "Secrets",
        "SECRET",
        "Secert",
        "\"Secret \"",
        "\"Sec\\u200bret\"",
        "\"S\\u0435cret\"",
    ]
    .iter()
    .enumerate()
    .map(|(i, kind)| {
        (
            format!("kind-{i}.yaml"),
            format!("apiVersion: v1\nkind: {kind}\nmetadata: {{name: db}}\ndata: {{password: aHVudGVyczNjcjN0}}\nstringData: {{token: kind-s3cr3t}}\n"),
        )
    })
    .collect();
    cases.extend(
        [
            (
                "tags.yaml",
                "%TAG !b! tag:yaml.org,2002:\n---\napiVersion: v1\nkind: !b!binary U2VjcmV0\nmetadata: {name: t1, namespace: x}\nstringData: {password: tag-s3cr3t}\n---\napiVersion: v1\nkind: !<tag:yaml.org,2002:binary> U2VjcmV0\nstringData: {password: verbatim-s3cr3t}\nmetadata: {name: t2, namespace: x}\n",
            ),
            (
                "broken-binary.yaml",
                "apiVersion: v1\nkind: !!binary U2VjcmV0\nstringData: {a: broken-s3cr3t}\nmetadata: {name: x]\n",
            ),
            (
                "nested.yaml",
                "apiVersion: v1\nkind: Secret\nmetadata: {name: htpasswd, namespace: x}\nstringData:\n  users: {alice-s3cr3t: admin}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    env:\n    - {name: DB_PW, value: {v: pw-s3cr3t}}\n    - {name: MY_PW, value: pw2-s3cr3t}\n",
            ),
            (
                "configmap-key.yaml",
                "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: x}\ndata:\n  tls.key: |\n    -----BEGIN RSA PRIVATE KEY-----\n    pem-s3cr3t-body\n    -----END RSA PRIVATE KEY-----\n",
            ),
        ]
        .map(|(n, t)| (n.to_string(), t.to_string())),
    );
    for (name, text) in cases {
        let path = write(dir.path(), &name, &text);
        lint_everywhere(&path, &[]);
    }
    // `defaults` masks a misspelled Secret's values as a Secret's, short ones included.
    let path = write(
        dir.path(),
        "short.yaml",
        "apiVersion: v1\nkind: Secrets\nmetadata: {name: db}\nstringData: {pw: ab}\n",
    );
    let out = run(&["defaults", "-f", path.to_str().unwrap()]);
    assert!(
        out.contains("pw: \"***\"") && !out.contains("pw: ab"),
        "{out}"
    );
}

/// A Secret's value copied into another object's name, namespace, container name or label key
/// (review3 finding 03): masked in every lint format, the structured fields included (the JSON
/// `object` and `path`, SARIF's locations, JUnit's test cases), as in messages; and in what
/// `defaults`, `timeline` and `schedule` print (review3, left open in session 6); and where the
/// Secret is in another file of the run than the copy.
#[test]
fn secret_values_copied_into_names() {
    let dir = tempfile::tempdir().unwrap();
    let text = "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: prod}\nstringData:\n  password: name-s3cr3t\n  other: ns-s3cr3t\n  label: label-s3cr3t\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: name-s3cr3t\n  namespace: ns-s3cr3t\n  labels: {\"label-s3cr3t\": x}\nspec:\n  selector: {matchLabels: {app: a}}\n  template:\n    metadata: {labels: {app: a}}\n    spec:\n      containers:\n      - name: name-s3cr3t\n        image: x:1\n";
    let path = write(dir.path(), "copies.yaml", text);
    let p = path.to_str().unwrap();
    for format in FORMATS {
        let out = run(&["--warn", "all", p, "-o", format]);
        assert_no_secret(&format!("-o {format}"), &out);
    }
    // The analysis subcommands print names and keys too: object header, container names,
    // label keys. The same Deployment in a second file, whose Secret is in the first, is masked
    // as well (the values of every file of the run count there).
    let other = write(
        dir.path(),
        "workload.yaml",
        &text[text.find("---\n").unwrap() + 4..],
    );
    let o = other.to_str().unwrap();
    // lint too: the Secret alone in one file, the workload in another, in every format (the
    // code frames of the workload's file included).
    let secret = write(
        dir.path(),
        "secret.yaml",
        &text[..text.find("---\n").unwrap()],
    );
    for format in FORMATS {
        let out = run(&["--warn", "all", secret.to_str().unwrap(), o, "-o", format]);
        assert!(
            out.contains("workload.yaml"),
            "-o {format} reports the workload:\n{out}"
        );
        assert_no_secret(&format!("two files, -o {format}"), &out);
    }
    let nodes = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/schedule/_basic.nodes.yaml"
    );
    for files in [vec![p], vec![p, o]] {
        for (sub, extra) in [
            ("defaults", vec![]),
            ("timeline", vec![]),
            ("schedule", vec!["--nodes", nodes]),
        ] {
            for format in ["human", "json"] {
                let mut args = vec![sub];
                for f in &files {
                    args.extend(["-f", f]);
                }
                args.extend(extra.iter().copied());
                if format == "json" {
                    args.extend(["-o", "json"]);
                }
                let out = run(&args);
                assert!(out.contains("***"), "{args:?} masks nothing:\n{out}");
                assert_no_secret(&format!("{args:?}"), &out);
            }
        }
    }
}

/// A misspelled or misplaced `data`/`stringData` (the API server refuses the field, and its
/// frame would show the value), a base64 value with the new line `echo pw | base64` adds
/// (copied without it elsewhere), and a core Secret written `apiVersion: /v1` (which
/// apimachinery's ParseGroupVersion reads as core v1). Found by an adversarial review.
#[test]
fn misplaced_fields_encoded_new_lines_and_odd_core_versions() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "misindented.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: x\n  stringData:\n    password: misindent-s3cr3t\ntype: Opaque\n",
        ),
        (
            "misspelled.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: x}\nstringdata:\n  password: lower-s3cr3t\nStringData: {password: upper-s3cr3t}\nDATA: {password: aHVudGVyczNjcjN0}\nstring_data: {password: snake-s3cr3t}\n",
        ),
        (
            "merged.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: x}\n<<: {stringdata: {password: merged-s3cr3t}}\n",
        ),
        (
            // `hunters3cr3t` and a new line, in base64; a ConfigMap copies the value.
            "newline.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: x}\ndata:\n  password: aHVudGVyczNjcjN0Cg==\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: x\n  labels: {a: \"hunters3cr3t!\"}\n",
        ),
        (
            "slash.yaml",
            "apiVersion: /v1\nkind: Secret\nmetadata: {name: db, namespace: x}\nstringData:\n  zeta: slash-s3cr3t\n  alpha: other\n",
        ),
    ] {
        let path = write(dir.path(), name, text);
        let human = lint_everywhere(&path, &[]);
        // The frames are drawn (the values are there, masked).
        assert!(human.contains("***"), "{name}: nothing masked:\n{human}");
    }
}

/// Credentials outside a Secret that the first policy missed: a probe's `Authorization`
/// header, env vars named like `JWT`, `DATABASE_URL` or `GITHUB_PAT`, a URL with a password
/// whatever the variable's name, and an env value copied only into the object's
/// `last-applied-configuration`. Found by an adversarial review.
#[test]
fn credentials_in_headers_urls_and_applied_configurations() {
    let dir = tempfile::tempdir().unwrap();
    let pod = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  namespace: x
  annotations:
    kubectl.kubernetes.io/last-applied-configuration: '{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"c","env":[{"name":"DB_PASSWORD","value":"applied-s3cr3t"}]}]}}'
spec:
  containers:
  - name: c
    image: x:1
    env:
    - {name: DB_PASSWORD, valueFrom: {secretKeyRef: {name: s, key: k}}}
    - {name: JWT, value: jwt-s3cr3t}
    - {name: DATABASE_URL, value: db-s3cr3t}
    - {name: GITHUB_PAT, value: pat-s3cr3t}
    - {name: UPSTREAM, value: "postgres://app:url-s3cr3t@db:5432/app"}
    readinessProbe:
      httpGet:
        port: 8080
        httpHeaders: [{name: Authorization, value: "Bearer header-s3cr3t"}]
"#;
    let path = write(dir.path(), "pod.yaml", pod);
    let human = lint_everywhere(&path, &[]);
    assert!(human.contains("***"), "nothing masked:\n{human}");
}

/// A masked value of multi-byte characters keeps the frame's columns: each character becomes
/// one mask character of as many bytes, so the frame's position is the finding's.
#[test]
fn masks_keep_columns_after_multibyte_values() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "mb.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata: {name: db, namespace: x}\nstringData: {b: пароль密码s3cr3t, a: 1}\n",
    );
    let human = lint_everywhere(&path, &[]);
    let mut pairs = 0;
    let mut headline = None;
    for line in human.lines() {
        if let Some(at) = line.find("mb.yaml:") {
            if line.contains('[') && line.contains("╭─[") {
                let frame = line[at..].trim_end_matches(']');
                if let Some(head) = headline.take() {
                    assert_eq!(frame, head, "frame and finding disagree:\n{human}");
                    pairs += 1;
                }
            } else {
                headline = Some(line[at..].to_string());
            }
        }
    }
    assert!(pairs >= 2, "no frames on line 4:\n{human}");
}

/// Merge chains deeper than 16 levels (the old bound of a key lookup, while the JSON
/// conversion, like go-yaml, follows the whole chain): a `kind: Secret` found only at the end
/// of one, and values written at its start. Found by an adversarial review.
#[test]
fn long_merge_chains() {
    let dir = tempfile::tempdir().unwrap();
    let chain = |first: &str| {
        let mut s = format!("    a0: &a0 {first}\n");
        for i in 1..=20 {
            s.push_str(&format!("    a{i}: &a{i} {{<<: *a{}}}\n", i - 1));
        }
        s
    };
    let kind_at_the_end = format!(
        "stringData:\n  password: chain-s3cr3t\napiVersion: v1\nmetadata:\n  name: db\n  namespace: x\n  annotations:\n{}<<: *a20\n",
        chain("{kind: Secret}")
    );
    let values_at_the_start = format!(
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: x\n  annotations:\n{}<<: *a20\n",
        chain("{stringData: {password: start-s3cr3t}}")
    );
    for (name, text) in [
        ("kind.yaml", kind_at_the_end),
        ("values.yaml", values_at_the_start),
    ] {
        let path = write(dir.path(), name, &text);
        let human = lint_everywhere(&path, &[]);
        assert!(human.contains("***"), "{name}: nothing masked:\n{human}");
    }
}

/// Copies of a secret value spelled differently from the value: YAML escapes in a
/// double-quoted scalar, a line folded with `\`, and `!!binary` (whose base64 a rule
/// quotes). Each is masked where it is written and where it is quoted. Found by an
/// adversarial review.
#[test]
fn copies_written_with_escapes_or_as_binary() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"apiVersion: v1
kind: Secret
metadata: {name: db, namespace: x}
stringData:
  password: copy-s3cr3t-long
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: cm
  namespace: x
  labels:
    a: "copy-s3cr3\x74-long"
    b: "copy-\
      s3cr3t-long"
    f: "\x63opy-s3cr3t-long"
    g: !!binary Y29weS1zM2NyM3QtbG9uZw==
data:
  u: "copy-s3cr3\u0074-long"
"#;
    let path = write(dir.path(), "copies.yaml", text);
    let p = path.to_str().unwrap();
    lint_everywhere(&path, &[]);
    for format in FORMATS {
        let out = run(&["--warn", "all", p, "-o", format]);
        for spelled in [
            r"s3cr3\x74",
            r"s3cr3\u0074",
            "Y29weS1zM2NyM3QtbG9uZw",
            "copy-\\",
        ] {
            assert!(
                !out.contains(spelled),
                "-o {format} shows `{spelled}`:\n{out}"
            );
        }
    }
}

/// kustomize's `secretGenerator` literals (`password=...`) are secret values, whether the
/// frame of the skipped `Kustomization` or a copy elsewhere would show them.
#[test]
fn kustomize_secret_generator_literals() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "kustomization.yaml",
        "secretGenerator:\n- name: db\n  literals:\n  - password=kustomize-s3cr3t\napiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: x\n  labels: {a: \"kustomize-s3cr3t!\"}\n",
    );
    let human = lint_everywhere(&path, &[]);
    assert!(human.contains("is a `Kustomization`"), "{human}");
}

/// `!!binary` scalars are read as go-yaml reads them, decoded (also a key, and a tag spelled
/// with URI escapes, `!!bin%61ry`): a key spelling `env` holds env vars, a kind spelling
/// `Secret` makes a Secret. Found by an adversarial review.
#[test]
fn binary_keys_and_escaped_tags() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            // `ZW52` is `env`.
            "key.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    !!binary ZW52:\n    - {name: DB_PASSWORD, value: binkey-s3cr3t}\n",
        ),
        (
            // `a2luZA==` is `kind`, `U2VjcmV0` is `Secret`.
            "kind.yaml",
            "apiVersion: v1\n!!binary a2luZA==: Secret\nmetadata: {name: db, namespace: x}\nstringData: {password: binkind-s3cr3t}\n",
        ),
        (
            "tag.yaml",
            "apiVersion: v1\nkind: !!bin%61ry U2VjcmV0\nmetadata: {name: Bad_Name, namespace: x}\nstringData: {password: tag-s3cr3t}\n",
        ),
    ] {
        let path = write(dir.path(), name, text);
        let human = lint_everywhere(&path, &[]);
        assert!(human.contains("***"), "{name}: nothing masked:\n{human}");
        assert!(!human.contains("unknown-kind"), "{name}:\n{human}");
    }
}

/// What a second adversarial review found: a credential env var or header whose `value` key
/// is misspelled (or whose `name` key is upper case), a kubeconfig, values written as a
/// mapping under a Secret's `type` or an annotation, a Secret with `apiVersion: core/v1`,
/// a kind named like a Secret, connection strings with `password=`, addresses with a
/// password but no scheme, `--token=` arguments and the item after `--db-password`, a token
/// in a probe's path, text that does not parse holding a URL with a password, and a
/// `last-applied-configuration` that is not JSON or that holds a Secret.
#[test]
fn second_review_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "misspelled.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    env:\n    - name: DB_PASSWORD\n      valeu: typo-s3cr3t\n    - NAME: API_TOKEN\n      Value: upper-s3cr3t\n    - {name: JDBC, value: \"jdbc:postgresql://h/d?user=u&password=jdbc-s3cr3t\"}\n    - {name: PG, value: \"host=db password=libpq-s3cr3t\"}\n    - {name: BARE, value: \"u:bare-s3cr3t@h:5432/d\"}\n    args: [\"--token=arg-s3cr3t\", \"--db-password\", \"next-s3cr3t\"]\n    readinessProbe:\n      httpGet:\n        port: 80\n        path: /health?token=path-s3cr3t\n        httpHeaders:\n        - name: Authorization\n          vaule: \"Bearer header-s3cr3t\"\n",
        ),
        (
            "kubeconfig.yaml",
            "apiVersion: v1\nkind: Config\nclusters: [{name: c, cluster: {server: \"https://h\"}}]\nusers:\n- name: u\n  user:\n    token: kubeconfig-s3cr3t\n    password: kcpw-s3cr3t\n",
        ),
        (
            "shapes.yaml",
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\n  namespace: x\n  annotations:\n    stringData: {password: annotation-s3cr3t}\n  labels: {password: label-s3cr3t}\ntype:\n  password: type-s3cr3t\n---\napiVersion: core/v1\nkind: Secret\nmetadata: {name: db2, namespace: x}\nstringData: {password: corev1-s3cr3t}\n---\napiVersion: v1\nkind: TLSSecret\nmetadata: {name: db3, namespace: x}\nstringData: {tls.key: tlssecret-s3cr3t}\n",
        ),
        (
            "applied.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: x\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '{\"kind\":\"Pod\",\"x\":1e999,\"env\":[{\"name\":\"DB_PASSWORD\",\"value\":\"bignum-s3cr3t\"}]}'\nspec:\n  containers: [{name: c, image: x:1}]\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  namespace: x\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"stringData\":{\"password\":\"inside-s3cr3t\"}}'\n",
        ),
        (
            "broken.yaml",
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n  - name: c\n    env: [{name: U, value: \"postgres://app:broken-s3cr3t@db/x\"}]\n     - bad\n",
        ),
    ];
    for (name, text) in files {
        let path = write(dir.path(), name, text);
        lint_everywhere(&path, &[]);
    }
    // A kubeconfig is not linted as an object: no unknown-kind error.
    let out = run(&[
        dir.path().join("kubeconfig.yaml").to_str().unwrap(),
        "-o",
        "short",
    ]);
    assert!(
        out.contains("non-kubernetes-document") && !out.contains("unknown-kind"),
        "{out}"
    );
}

/// A multi-byte white space (U+3000) right before an address or a setting: finding where the
/// user name or the setting's name starts panicked once (a byte offset inside a character).
#[test]
fn multibyte_separators_before_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "ws.yaml",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p, namespace: x}\nspec:\n  containers:\n  - name: c\n    image: x:1\n    env:\n    - {name: A, value: \"x\u{3000}u:ws-s3cr3t@h\"}\n    - {name: B, value: \"x\u{3000}password=ws2-s3cr3t\"}\n    args: [\"\u{3000}@\", \"\u{3000}=\"]\n",
    );
    lint_everywhere(&path, &[]);
}

/// Content the API server refuses (base64 that does not decode, a docker config that is not a
/// JSON object, more than 1 MiB of data) is reported at its key, in every format, without the
/// value or a character of it. source: pkg/apis/core/validation/validation.go ValidateSecret;
/// encoding/json decode.go literalStore (`[]byte` as base64)
#[test]
fn refused_secret_content_is_reported_without_its_value() {
    let dir = tempfile::tempdir().unwrap();
    let big = "czNjcjN0".repeat(600 * 1024 / 6);
    let text = format!(
        r#"apiVersion: v1
kind: Secret
metadata: {{name: plain}}
data:
  password: hunters3cr3t!
---
apiVersion: v1
kind: Secret
metadata: {{name: pull}}
type: kubernetes.io/dockerconfigjson
stringData:
  .dockerconfigjson: '{{"auths": {{"r": {{"password": "s3cr3t" x}}}}}}'
---
apiVersion: v1
kind: Secret
metadata: {{name: big}}
data:
  a: {big}
  b: {big}
"#
    );
    let file = write(dir.path(), "refused.yaml", &text);
    let human = lint_everywhere(&file, &[]);
    assert!(human.contains("`password` is not valid base64"), "{human}");
    assert!(
        human.contains("`.dockerconfigjson` is not a JSON object"),
        "{human}"
    );
    assert!(
        human.contains("the Secret's data takes 1228800 bytes"),
        "{human}"
    );
    let json = run(&[file.to_str().unwrap(), "-o", "json"]);
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let details: Vec<(&str, &str)> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["api_error"]["field"].as_str().unwrap(),
                d["api_error"]["detail"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        details,
        [
            ("data[password]", "illegal base64 data at input byte 12"),
            (
                "data[.dockerconfigjson]",
                "\"<secret contents redacted>\": invalid JSON (a syntax error at line 1, column 39)"
            ),
            ("data", "may not be more than 1048576 bytes"),
        ]
    );
}

/// Review round 3, L1: with more than 32 values over 256 bytes, long values are looked for by
/// their first 256 bytes. A value and its JSON-escaped form (`&` written `\u0026` past byte
/// 256) shared those bytes, only one of the two was reported at a place, and a label holding
/// the value was shown but for its first 60 characters, in the frame and in the message.
#[test]
fn long_values_that_share_their_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let mut seed = 11u64;
    let mut random = |n: usize| -> String {
        (0..n)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((seed >> 33) % 26) as u8)
            })
            .collect()
    };
    let copied = format!("{}&tail=s3cr3t{}", random(294), random(8));
    let mut text =
        String::from("apiVersion: v1\nkind: Secret\nmetadata: {name: tls}\nstringData:\n");
    for i in 0..40 {
        text.push_str(&format!("  k{i}: {}\n", random(300)));
    }
    text.push_str(&format!("  v: '{copied}'\n"));
    text.push_str(&format!(
        "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n  labels: {{a: '{copied}'}}\n"
    ));
    let file = write(dir.path(), "long.yaml", &text);
    let human = lint_everywhere(&file, &[]);
    assert!(human.contains("invalid-label"), "{human}");
}

/// Review round 3, L3 and D2: `defaults` masked only `data`/`stringData` strings and
/// `env[].value`, so a number in a Secret (printed as a number, `0x5F42A96` as `99887766`), a
/// misspelled `Data`, a misspelled env `valeu`, header values and `--db-password` arguments
/// were printed; it now masks what the code frames mask. And it searched every string for
/// every value one by one: 12.9 s for 40,000 entries.
#[test]
fn defaults_masks_what_the_frames_mask() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"apiVersion: v1
kind: Secret
metadata: {name: s1}
Data:
  pin: 0x5F42A96
stringdata:
  x: Data-s3cr3t
data:
  n: 99887766
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: nginx:1.25
    args: ["--db-password", 99887766, "--token=arg-s3cr3t"]
    env:
    - name: DB_PASSWORD
      valeu: 99887766
    readinessProbe:
      httpGet:
        port: 80
        httpHeaders:
        - name: X-Api-Key
          value: 99887766
"#;
    let file = write(dir.path(), "numbers.yaml", text);
    lint_everywhere(&file, &[]);
    let p = file.to_str().unwrap();
    let out = run(&["defaults", "-f", p, "-o", "json"]);
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let pod = &report["results"][1]["defaulted"]["spec"]["containers"][0];
    assert_eq!(pod["args"][1], "***", "{pod:#}");
    assert_eq!(pod["image"], "nginx:1.25");

    // Many values and many strings: one search per string for all values.
    let mut big =
        String::from("apiVersion: v1\nkind: Secret\nmetadata: {name: many}\nstringData:\n");
    for i in 0..20_000 {
        big.push_str(&format!("  k{i}: value-number-{i}\n"));
    }
    big.push_str("---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata:\n");
    for i in 0..20_000 {
        big.push_str(&format!("  c{i}: other-{i}\n"));
    }
    let file = write(dir.path(), "many.yaml", &big);
    let out = run(&["defaults", "-f", file.to_str().unwrap(), "-o", "json"]);
    assert!(!out.contains("value-number-"), "a value shown");
    assert!(out.contains("other-19999"));
}

/// Review round 3, L7 to L9: a document that is not a Kubernetes object (a Helm values file,
/// a Secret whose `kind` key is `Kind` or whose kind is a list) is reported by a note whose
/// frame showed its values; and text after a syntax error was shown when it named a kind a
/// typo away from `Secret`.
#[test]
fn documents_that_are_not_objects_and_misspelled_secrets_after_an_error() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        ("values.yaml", "postgresql:\n  auth:\n    password: values-s3cr3t\n"),
        ("kind-key.yaml", "Kind: Secret\nstringData: {k: kind-s3cr3t}\napiVersion: v1\nmetadata: {name: s}\n"),
        ("kind-list.yaml", "apiVersion: v1\nkind: [Secret]\nmetadata: {name: s}\nstringData:\n  k: list-s3cr3t\n"),
        ("kind.json", r#"{"apiVersion": "v1", "Kind": "Secret", "metadata": {"name": "s"}, "stringData": {"k": "json-s3cr3t"}}"#),
        ("typo.yaml", "apiVersion: v1\nkind: Secert\nmetadata:\n  name: s\nstringData:\n  dbconn: typo-s3cr3t\n  other: \"unclosed\n"),
    ] {
        let path = write(dir.path(), name, text);
        lint_everywhere(&path, &[]);
    }
    // What names the document in its note stays readable.
    let path = write(
        dir.path(),
        "kustomization.yaml",
        "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [deploy.yaml]\n",
    );
    let human = run(&[path.to_str().unwrap()]);
    assert!(human.contains("kind: Kustomization"), "{human}");
}

/// Review round 3, L2, L4 to L6: a credential written under a misspelled list (`Env`,
/// `environment`, `envs`, `arg`, probe `headers`), under a credential's `valueFrom` (a `value`
/// indented under it, `valueFrom` as text, an unknown field of a `secretKeyRef`), a flag that
/// ends `command` with its value first in `args`, and one line of a multi-line base64 value
/// copied elsewhere.
#[test]
fn misspelled_lists_value_from_split_command_lines_and_decoded_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  containers:
  - name: c
    image: nginx:1.25
    Env: [{name: DB_PASSWORD, value: env-s3cr3t}]
    environment: {DB_PASSWORD: environment-s3cr3t}
    envs:
    - {name: API_TOKEN, value: envs-s3cr3t}
    arg: ["--password=arg-s3cr3t", "--token", "token-s3cr3t"]
    readinessProbe:
      httpGet:
        port: 80
        headers: [{name: Authorization, value: "Bearer header-s3cr3t"}]
  - name: d
    image: nginx:1.25
    command: ["/app", "--password"]
    args: ["split-s3cr3t"]
    env:
    - name: DB_PASSWORD
      valueFrom:
        value: indented-s3cr3t
    - name: API_TOKEN
      valueFrom: text-s3cr3t
    - name: SESSION_SECRET
      valueFrom:
        secretKeyRef: {name: app, key: session, default: default-s3cr3t}
---
apiVersion: v1
kind: Secret
metadata: {name: env-file}
data:
  # base64 of "user=admin\nline-s3cr3t\n"
  creds: dXNlcj1hZG1pbgpsaW5lLXMzY3IzdAo=
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: c
  labels: {copy: line-s3cr3t}
"#;
    let path = write(dir.path(), "shapes.yaml", text);
    let human = lint_everywhere(&path, &[]);
    // The references stay readable.
    assert!(human.contains("unknown-field"), "{human}");
    let p = path.to_str().unwrap();
    let old = write(
        dir.path(),
        "old.yaml",
        &text.replace("split-s3cr3t", "split-s3cr3t-old"),
    );
    let diff = run(&["diff", old.to_str().unwrap(), p]);
    assert_no_secret("diff", &diff);
}

/// Review round 3, L10: an address with a password in an annotation or an image reference, a
/// token as a clone URL's user, `DB_PASS_PROD`, JSON text and a flag with its value in one
/// env value.
#[test]
fn credentials_in_annotations_urls_json_and_flag_strings() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    nginx.ingress.kubernetes.io/auth-url: "https://admin:annotation-s3cr3t@auth.example.com/"
    "bad key!": x
spec:
  containers:
  - name: c
    image: "admin:image-s3cr3t@registry.example.com/app:1"
    env:
    - {name: GIT_SYNC_REPO, value: "https://ghp_token0s3cr3t0123@github.com/o/r", bogus: 1}
    - {name: DB_PASS_PROD, value: prod-s3cr3t, bogus: 1}
    - {name: CONFIG, value: '{"password": "json-s3cr3t"}', bogus: 1}
    - {name: OPTS, value: "--password flag-s3cr3t", bogus: 1}
"#;
    let path = write(dir.path(), "l10.yaml", text);
    let human = lint_everywhere(&path, &[]);
    assert!(human.contains("unknown-field"), "{human}");
}

/// Review round 3, L12: an update rule quotes the old value as the API reads it, so a number
/// written `0x5F42A96` was quoted as `99887766`.
#[test]
fn numbers_are_masked_as_the_api_reads_them() {
    let dir = tempfile::tempdir().unwrap();
    let pod = |value: &str| {
        format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.25\n    env:\n    - name: DB_PASSWORD\n      value: {value}\n")
    };
    let old = write(dir.path(), "old.yaml", &pod("0x5F42A96"));
    let new = write(dir.path(), "new.yaml", &pod("\"x\""));
    for format in FORMATS {
        let out = run(&[
            "diff",
            old.to_str().unwrap(),
            new.to_str().unwrap(),
            "-o",
            format,
        ]);
        assert_no_secret(&format!("diff -o {format}"), &out);
    }
}

/// Review round 4: custom resources hold passwords in their own fields (a Strimzi connector's
/// config, a Flux `HelmRelease`'s values, an Argo CD `Application`'s Helm parameters and
/// values text), an annotation named like a credential, a URL password ending in `=`, and
/// settings written as YAML or JSON with spaces in one string.
#[test]
fn custom_resources_and_settings_in_text() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"apiVersion: kafka.strimzi.io/v1beta2
kind: KafkaConnector
metadata: {name: db}
spec:
  config:
    database.password: strimzi-s3cr3t
    database.user: app
  x: [1, 1]
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata: {name: app}
spec:
  values:
    auth: {password: flux-s3cr3t, existingSecretRef: name}
---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata: {name: app}
spec:
  source:
    helm:
      parameters:
      - {name: db.password, value: argo-s3cr3t}
      values: |
        auth:
          password: values-s3cr3t
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata: {name: m}
spec:
  selector:
    matchExpressions:
    - {key: app, operator: In, values: [web]}
---
apiVersion: v1
kind: Pod
metadata:
  name: p
  annotations:
    api-token: annotation-s3cr3t
spec:
  containers:
  - name: c
    image: nginx:1.25
    env:
    - {name: CACHE_URL, value: "redis://default:url0s3cr3t7=@redis:6379", bogus: 1}
    - {name: CFG, value: '{"password" : "json-s3cr3t"}', bogus: 1}
    - {name: OPTS, value: "--password  spaces-s3cr3t", bogus: 1}
"#;
    let path = write(dir.path(), "crs.yaml", text);
    let human = lint_everywhere(&path, &[]);
    // A label selector's key is not a credential.
    assert!(!human.contains("{key: ***"), "{human}");
}

/// Session 9's open items: core objects that hold credentials outside `env` and `args` — a
/// PersistentVolume's `mountOptions` (`password=` of a CIFS mount), a CSI volume's
/// `volumeAttributes`, a `gitRepo` volume's repository URL and a webhook's client URL with a
/// user and token. `defaults` prints the whole object; frames show the lines around a finding.
#[test]
fn credentials_in_volumes_mount_options_and_webhook_urls() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"apiVersion: v1
kind: PersistentVolume
metadata: {name: share}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  mountOptions: [vers=3.0, "username=app", "password=mount-s3cr3t"]
  csi:
    driver: smb.csi.k8s.io
    volumeHandle: share
    volumeAttributes: {source: "//srv/share", password: attribute-s3cr3t}
  bogus: 1
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - name: src
    gitRepo: {repository: "https://ci:ghp_repo0s3cr3t0123@github.com/o/r.git"}
  - name: data
    csi: {driver: x.csi.k8s.io, volumeAttributes: {clientSecret: inline-s3cr3t}}
  containers:
  - name: c
    image: nginx:1.25
    bogus: 1
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: w}
webhooks:
- name: w.example.com
  clientConfig: {url: "https://hook:webhook-s3cr3t@hooks.example.com/validate"}
  admissionReviewVersions: [v1]
  sideEffects: None
  bogus: 1
"#;
    let path = write(dir.path(), "volumes.yaml", text);
    let human = lint_everywhere(&path, &[]);
    // The frames are there, the options that are not credentials too.
    assert!(human.contains("unknown-field"), "{human}");
    assert!(human.contains("username=app"), "{human}");
}

/// Session 9's open item: a `last-applied-configuration` is read as the object it is, with
/// every rule of the file itself (it used to be read with a few of them): a flag and its value
/// as two `args` items, a misspelled `Env` and `valeu`, a probe `headers` list, a custom
/// resource's `spec.auth.password`. `defaults` printed the Pod's three.
#[test]
fn applied_configurations_are_read_as_the_objects_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let applied = |json: &str| {
        // As kubectl writes it: JSON text in a YAML string.
        serde_json::to_string(json).unwrap()
    };
    let pod = applied(
        r#"{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"containers":[{"name":"c","image":"x:1","args":["--db-password","applied-flag-s3cr3t"],"Env":[{"name":"API_TOKEN","valeu":"applied-valeu-s3cr3t"}],"readinessProbe":{"httpGet":{"port":80,"headers":[{"name":"X-Api-Key","value":"applied-header-s3cr3t"}]}}}]}}"#,
    );
    let cr = applied(
        r#"{"apiVersion":"helm.toolkit.fluxcd.io/v2","kind":"HelmRelease","metadata":{"name":"app"},"spec":{"values":{"auth":{"password":"applied-cr-s3cr3t"}}}}"#,
    );
    let text = format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: {pod}\n  bogus: 1\nspec:\n  containers:\n  - name: c\n    image: x:1\n---\napiVersion: helm.toolkit.fluxcd.io/v2\nkind: HelmRelease\nmetadata:\n  name: app\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: {cr}\n  bogus: 1\nspec:\n  values: {{}}\n"
    );
    let path = write(dir.path(), "applied.yaml", &text);
    let human = lint_everywhere(&path, &[]);
    assert!(human.contains("bogus"), "{human}");
}

/// Review round 5 (helper-38): a frame that shows a `last-applied-configuration` line showed
/// the values of under 6 bytes in it (the copy search skips such short texts), and a Secret
/// in it with a misspelled `Kind` was shown once the text was read as a file of its own. An
/// annotation that holds a credential is now masked whole.
#[test]
fn applied_configurations_with_short_values_or_no_kind() {
    let dir = tempfile::tempdir().unwrap();
    for (name, json, value) in [
        (
            "short.yaml",
            r#"{"apiVersion":"v1","kind":"Secret","stringData":{"a":"pw1","b":"ab"}}"#,
            "pw1",
        ),
        (
            "env.yaml",
            r#"{"apiVersion":"v1","kind":"Pod","spec":{"containers":[{"name":"c","env":[{"name":"DB_PASSWORD","value":"q9z"}]}]}}"#,
            "q9z",
        ),
        (
            "kind.yaml",
            r#"{"stringData":{"a":"s3cr3tLONG"},"apiVersion":"v1","Kind":"Secret"}"#,
            "s3cr3tLONG",
        ),
        (
            "nokind.yaml",
            r#"{"stringData":{"a":"s3cr3tLONG"},"apiVersion":"v1"}"#,
            "s3cr3tLONG",
        ),
    ] {
        // `zz` before it: `unsorted-keys` draws the annotation's line in its frame.
        let text = format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  annotations:\n    zz: a\n    kubectl.kubernetes.io/last-applied-configuration: '{json}'\ndata:\n  a: b\n");
        let path = write(dir.path(), name, &text);
        let human = lint_everywhere(&path, &[]);
        assert!(human.contains("unsorted-keys"), "{human}");
        assert!(!human.contains(value), "{name}: {human}");
    }
}

/// Review round 5 (helper-38): `diff OLD NEW` masked an old Secret's value where a rule quoted
/// it about the same object, not where a new file copies it (a name, a label: drawn in the
/// frames, quoted by the messages of other objects). The old files' values are now copies like
/// any other file's.
#[test]
fn old_secret_values_copied_into_new_files() {
    let dir = tempfile::tempdir().unwrap();
    let old = write(
        dir.path(),
        "old.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  a: s3cr3tOLD1\n",
    );
    let paired = write(
        dir.path(),
        "paired.yaml",
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: x\nstringData:\n  a: newvalue99\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s3cr3tOLD1\n  labels:\n    zz: s3cr3tOLD1\n    a: b\n",
    );
    let unpaired = write(
        dir.path(),
        "unpaired.yaml",
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: s3cr3tOLD1\n  labels:\n    zz: s3cr3tOLD1\n    a: b\ndata:\n  x: s3cr3tOLD1\n",
    );
    for new in [&paired, &unpaired] {
        for format in FORMATS {
            let args = [
                "--warn",
                "all",
                "diff",
                old.to_str().unwrap(),
                new.to_str().unwrap(),
                "-o",
                format,
            ];
            let out = run(&args);
            assert_no_secret(&format!("{args:?}"), &out);
        }
    }
}

/// Review round 5 (helper-38): the new places of credentials in other shapes — mount options
/// as a mapping or one text, volume attributes behind a merge key, as a list or under a long
/// key, addresses under a key in another case or as a list — and a FlexVolume's `options`, a
/// token in a webhook URL's query.
#[test]
fn credentials_in_volumes_and_addresses_of_other_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let text = r#"apiVersion: v1
kind: PersistentVolume
metadata: {name: a}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  mountOptions: {opt: password=mapped-s3cr3t}
  csi:
    driver: smb.csi.k8s.io
    volumeHandle: x
    volumeAttributes:
      <<: {password: merged-s3cr3t}
      a-very-long-attribute-name-that-is-more-than-sixty-four-bytes-password: long-key-s3cr3t
  bogus: 1
---
apiVersion: v1
kind: PersistentVolume
metadata: {name: b}
spec:
  capacity: {storage: 1Gi}
  accessModes: [ReadWriteMany]
  mountOptions: "password=text-s3cr3t"
  csi:
    driver: smb.csi.k8s.io
    volumeHandle: y
    volumeAttributes:
    - password: listed-s3cr3t
  bogus: 1
---
apiVersion: v1
kind: Pod
metadata: {name: p}
spec:
  volumes:
  - name: a
    gitRepo: {Repository: "https://user:cased-s3cr3t@github.com/x/y"}
  - name: b
    gitRepo: {repository: ["https://user:listed-repo-s3cr3t@github.com/x/y"]}
  - name: c
    flexVolume: {driver: fstab/cifs, options: {mountOptions: "dir_mode=0755", password: flex-s3cr3t}}
  containers:
  - name: c
    image: nginx:1.25
    bogus: 1
---
apiVersion: admissionregistration.k8s.io/v1
kind: MutatingWebhookConfiguration
metadata: {name: w}
webhooks:
- name: w.example.com
  clientConfig: {URL: "https://admin:cased-url-s3cr3t@hooks.example.com/"}
  admissionReviewVersions: [v1]
  sideEffects: None
  bogus: 1
- name: q.example.com
  clientConfig: {url: "https://hooks.example.com/validate?token=query-s3cr3t"}
  admissionReviewVersions: [v1]
  sideEffects: None
"#;
    let path = write(dir.path(), "shapes.yaml", text);
    let human = lint_everywhere(&path, &[]);
    assert!(human.contains("unknown-field"), "{human}");
}
