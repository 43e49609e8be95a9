//! `kubectl lint defaults`: each object as the API server would store it after defaulting
//! for the targeted version (the `analysis::defaults` view), as YAML documents or JSON.
//! What `lint`'s code frames mask is masked (`report::FileMask`): Secret values, the values of
//! env vars whose names look like credentials, and the rest of `report::redact`'s list.

use serde_json::{json, Value};

use crate::analysis::defaults;

use super::{for_each_file, Cli, DefaultsFormat, InputArgs, Io};

/// What a Secret value is shown as (DESIGN.md invariant 5).
const MASK: &str = "***";

/// Replaces every value under a core Secret's `data` and `stringData` with [`MASK`] (a
/// misspelled `Secret` too, as the code frames mask it: `report::is_secret_kind`).
fn mask_secret(v: &mut Value) {
    let is_secret = crate::report::is_secret_kind(
        v["apiVersion"].as_str().unwrap_or(""),
        v["kind"].as_str().unwrap_or(""),
    );
    let Value::Object(o) = v else {
        return;
    };
    if !is_secret {
        return;
    }
    for field in ["data", "stringData"] {
        match o.get_mut(field) {
            Some(Value::Object(m)) => {
                for val in m.values_mut() {
                    *val = json!(MASK);
                }
            }
            None | Some(Value::Null) => {}
            Some(other) => *other = json!(MASK),
        }
    }
}

/// Replaces the `value` of every `env` entry whose name looks like a credential.
fn mask_credential_env(v: &mut Value) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                if let Some(Value::Array(env)) = o.get_mut("env") {
                    for e in env.iter_mut() {
                        let credential = e["name"]
                            .as_str()
                            .is_some_and(crate::report::is_credential_name);
                        if let (true, Some(val)) = (credential, e.get_mut("value")) {
                            *val = json!(MASK);
                        }
                    }
                }
                stack.extend(o.values_mut());
            }
            Value::Array(a) => stack.extend(a.iter_mut()),
            _ => {}
        }
    }
}

pub(super) fn run(
    cli: &Cli,
    input: &InputArgs,
    format: DefaultsFormat,
    io: &mut Io<'_>,
) -> Result<u8, String> {
    let version = cli
        .global
        .kubernetes_version
        .unwrap_or(crate::rules::NEWEST);
    let mut results = Vec::new();
    let mut run_secrets = super::masked::RunSecrets::default();
    let code = for_each_file(
        cli,
        input,
        "kubectl lint defaults -f deploy.yaml",
        io,
        &mut run_secrets,
        |file, run_secrets, io| {
            let mut code = 0;
            // What the code frames mask is masked here too, whatever its type (a number in a
            // Secret's `data` would otherwise be printed as a number), with every copy of a
            // secret value of the file; one search for all values per string.
            let mask = crate::report::FileMask::of(file);
            let scrubber = mask.scrubber();
            for o in &file.objects {
                let doc = file.document(o);
                let line = file
                    .lines
                    .position(file.text(), doc.node(o.root).span.start)
                    .line;
                let Ok((object, masked)) = mask.json(doc, o.root) else {
                    let _ = writeln!(
                        io.err,
                        "error: {}:{line}: {} is nested too deeply to convert",
                        crate::report::visible(&file.source.name),
                        crate::report::visible(&run_secrets.str(&o.display_name()))
                    );
                    code = 2;
                    continue;
                };
                let mut stored = defaults::defaulted(&object, version);
                mask.mask(&mut stored, &object, &masked, &scrubber);
                mask_secret(&mut stored);
                mask_credential_env(&mut stored);
                results.push(json!({
                    "file": file.source.name,
                    "line": line,
                    "object": o,
                    "defaulted": stored,
                }));
            }
            code
        },
    )?;
    // Copies of the secret values of any file of the run, in names and keys too.
    results.iter_mut().for_each(|r| run_secrets.value(r));
    let w = |e: std::io::Error| format!("cannot write output: {e}");
    match format {
        DefaultsFormat::Json => {
            let text = serde_json::to_string_pretty(&json!({ "results": results }))
                .map_err(|e| e.to_string())?;
            // U+2028, bidi controls and the like escaped: the same JSON, nothing raw.
            writeln!(io.out, "{}", crate::report::json_visible(&text)).map_err(w)?;
        }
        DefaultsFormat::Yaml => {
            let mut text = String::new();
            for (i, r) in results.iter().enumerate() {
                if i > 0 {
                    text.push_str("---\n");
                }
                // A comment line: a line break or a control character in a file name is
                // escaped (one line, nothing raw to the terminal).
                let name = crate::report::visible(r["file"].as_str().unwrap_or(""));
                text.push_str(&format!("# {name}:{}\n", r["line"]));
                text.push_str(&crate::report::to_yaml(&r["defaulted"]));
            }
            io.out.write_all(text.as_bytes()).map_err(w)?;
        }
    }
    Ok(code)
}
