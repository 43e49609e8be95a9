//! `invalid-secret-data`: a Secret whose content the API server refuses: a
//! `kubernetes.io/dockerconfigjson` or `kubernetes.io/dockercfg` Secret whose config is not a
//! JSON object, or data that adds up to more than 1 MiB. `stringData` counts as it is merged
//! into `data` before validation. Never quotes a value, nor a character of one.
//! source: pkg/apis/core/validation/validation.go ValidateSecret (json.Unmarshal of the docker
//! config into a map, field.Invalid with "<secret contents redacted>"; total size against
//! core.MaxSecretSize, field.TooLong at `data`); pkg/apis/core/v1/conversion.go
//! Convert_v1_Secret_To_core_Secret (stringData over data)

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidSecretData = InvalidSecretData;

pub(super) struct InvalidSecretData;

/// core.MaxSecretSize: 1 MiB of decoded data.
const MAX_SECRET_SIZE: usize = 1024 * 1024;

/// The bytes of a key as the API server validates them: `stringData`'s text wins over
/// `data`'s base64; `None` when neither has it or `data`'s is not base64 (that is
/// `invalid-field-type`'s).
fn value(data: Option<&Map<String, Value>>, strings: Option<&Map<String, Value>>, key: &str) -> Option<(Vec<u8>, &'static str)> {
    if let Some(s) = strings.and_then(|m| m.get(key)).and_then(Value::as_str) {
        return Some((s.as_bytes().to_vec(), "stringData"));
    }
    let text = data?.get(key)?.as_str()?;
    Some((crate::yaml::base64::decode(text.as_bytes()).ok()?, "data"))
}

/// Why Go's `json.Unmarshal` into a `map[string]interface{}` refuses `bytes`, in its own
/// words where they quote nothing of the value; `None` when it takes them.
fn json_problem(bytes: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(bytes);
    match serde_json::from_str::<Value>(&text) {
        Ok(Value::Object(_) | Value::Null) => None,
        Ok(v) => {
            let kind = match v {
                Value::Array(_) => "array",
                Value::String(_) => "string",
                Value::Number(_) => "number",
                _ => "bool",
            };
            Some(format!("json: cannot unmarshal {kind} into Go value of type map[string]interface {{}}"))
        }
        // Deeper than serde_json reads but within Go's 10,000 levels: not ours to refuse.
        Err(e) if e.to_string().contains("recursion limit") => None,
        Err(e) if e.is_eof() => Some("unexpected end of JSON input".to_string()),
        // Go names the offending character; that would quote the secret.
        Err(e) => Some(format!("invalid JSON (a syntax error at line {}, column {})", e.line(), e.column())),
    }
}

impl Rule for InvalidSecretData {
    fn id(&self) -> &str {
        "invalid-secret-data"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "Secret" || !o.group().is_empty() {
            return;
        }
        let Some(json) = cx.json() else { return };
        let (data, strings) = (json["data"].as_object(), json["stringData"].as_object());
        if data.is_none() && strings.is_none() {
            return;
        }

        let config_key = match json["type"].as_str() {
            Some("kubernetes.io/dockerconfigjson") => Some(".dockerconfigjson"),
            Some("kubernetes.io/dockercfg") => Some(".dockercfg"),
            _ => None,
        };
        if let Some(key) = config_key {
            if let Some((bytes, from)) = value(data, strings, key) {
                if let Some(problem) = json_problem(&bytes) {
                    // A common slip: base64 of the config under `stringData` (or encoded twice
                    // under `data`).
                    let encoded_twice = crate::yaml::base64::decode(bytes.trim_ascii())
                        .is_ok_and(|inner| json_problem(&inner).is_none());
                    let help = if encoded_twice {
                        "the value is base64 of a JSON config: give the JSON itself under `stringData`, or its base64 once under `data`".to_string()
                    } else {
                        format!("`{key}` holds a Docker config file (`{{\"auths\": {{...}}}}`); `kubectl create secret docker-registry` writes one")
                    };
                    let what = if key == ".dockercfg" { "a `.dockercfg`" } else { "a `config.json`" };
                    out.emit(
                        Diagnostic::new(
                            format!("`{key}` is not a JSON object, so the API server refuses the Secret (the value must be {what} file)"),
                            cx.at(FieldPath::parse(from).key(key.to_string())),
                        )
                        .label("not a JSON object")
                        .help(help)
                        .api_error(
                            format!("data[{key}]"),
                            "Invalid",
                            format!("\"<secret contents redacted>\": {problem}"),
                        ),
                    );
                }
            }
        }

        let mut total = 0usize;
        for (k, v) in data.into_iter().flatten() {
            if strings.is_some_and(|s| s.contains_key(k)) {
                continue;
            }
            if let Some(bytes) = v.as_str().and_then(|t| crate::yaml::base64::decode(t.as_bytes()).ok()) {
                total += bytes.len();
            }
        }
        total += strings
            .into_iter()
            .flatten()
            .filter_map(|(_, v)| v.as_str())
            .map(str::len)
            .sum::<usize>();
        if total > MAX_SECRET_SIZE {
            let anchor = if data.is_some() { "data" } else { "stringData" };
            out.emit(
                Diagnostic::new(
                    format!("the Secret's data takes {total} bytes, more than the {MAX_SECRET_SIZE} (1 MiB) the API server allows"),
                    cx.at_key(FieldPath::parse(anchor)),
                )
                .label(format!("{total} bytes once decoded"))
                .help("split the data over several Secrets, or keep large files out of Secrets (a volume, an image)")
                .api_error("data", "TooLong", format!("may not be more than {MAX_SECRET_SIZE} bytes")),
            );
        }
    }
}
