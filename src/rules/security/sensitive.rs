//! What looks like a credential: names (`DB_PASSWORD`, `apiKey`, `client-secret`) and values
//! (private keys, cloud access keys). Shared by `literal-secret-env` and
//! `sensitive-configmap-data`, and by the human report, which masks the values these rules
//! point at so that no finding prints the secret it is about.

use serde_json::Value;

use crate::model::File;
use crate::yaml::Span;

/// Words that make a name secret-looking on their own.
const SECRET_WORDS: &[&str] = &[
    "password",
    "passwd",
    "pwd",
    "secret",
    "token",
    "apikey",
    "credential",
    "credentials",
    "privatekey",
    "passphrase",
    "bearer",
    "secrets",
    "tokens",
];

/// Parts distinctive enough to count inside a longer word (`DBPASSWORD`, `myApikey`).
const SECRET_PARTS: &[&str] = &[
    "password",
    "passwd",
    "passphrase",
    "apikey",
    "privatekey",
    "credential",
];

/// Short words that name a credential only at the end (`DB_PASS`, `ADMIN_PW`).
const SECRET_LAST: &[&str] = &["pass", "pw"];

/// Pairs of adjacent words that do (`API_KEY`, `private-key`, `accessKey`).
const SECRET_PAIRS: &[(&str, &str)] = &[
    ("api", "key"),
    ("private", "key"),
    ("access", "key"),
    ("secret", "key"),
    ("signing", "key"),
    ("encryption", "key"),
    ("auth", "key"),
    ("client", "secret"),
];

/// Last words that make the name point at a secret instead of holding one
/// (`PASSWORD_FILE`, `SECRET_NAME`, `TOKEN_URL`, `AWS_ACCESS_KEY_ID`, `TOKEN_TTL`).
const POINTER_WORDS: &[&str] = &[
    "file",
    "path",
    "dir",
    "name",
    "ref",
    "url",
    "uri",
    "endpoint",
    "id",
    "ttl",
    "expiry",
    "expiration",
    "timeout",
    "type",
    "enabled",
    "header",
    "mode",
    "length",
    "size",
    "format",
    "version",
    "location",
    "issuer",
    "audience",
    "prefix",
    "secs",
    "seconds",
    "interval",
    "period",
    "duration",
    "count",
    "limit",
    "max",
    "min",
    "retries",
    "lifetime",
    "validity",
    "disabled",
    "required",
    "policy",
    "algorithm",
    "hash",
    "namespace",
    "provider",
    "backend",
];

/// The words of `lower` (`name` in ASCII lower case, so at the same byte offsets): `name`
/// split at non-alphanumerics and at lower-to-upper case changes.
fn words<'l>(name: &str, lower: &'l str) -> Vec<&'l str> {
    let mut out = Vec::new();
    let mut start = None;
    let mut prev_lower = false;
    for (i, b) in name.bytes().enumerate() {
        if !b.is_ascii_alphanumeric() {
            if let Some(s) = start.take() {
                out.push(&lower[s..i]);
            }
            prev_lower = false;
            continue;
        }
        if b.is_ascii_uppercase() && prev_lower {
            if let Some(s) = start.replace(i) {
                out.push(&lower[s..i]);
            }
        }
        start.get_or_insert(i);
        prev_lower = b.is_ascii_lowercase() || b.is_ascii_digit();
    }
    if let Some(s) = start {
        out.push(&lower[s..]);
    }
    out
}

/// Whether `part` occurs in the short `word`: a plain scan, as `str::contains` prepares a
/// general substring search first (most of the time of this file's checks, per name).
fn has_part(word: &str, part: &str) -> bool {
    word.len() >= part.len()
        && word
            .as_bytes()
            .windows(part.len())
            .any(|w| w == part.as_bytes())
}

/// What every secret-looking name contains (in ASCII lower case): each word of
/// `SECRET_WORDS`, `SECRET_PARTS` and `SECRET_LAST` contains one, and each pair of
/// `SECRET_PAIRS` ends in `key` or `secret`.
const NEEDLES: &[&[u8]] = &[
    b"pass",
    b"pw",
    b"secret",
    b"token",
    b"key",
    b"credential",
    b"bearer",
];

/// Whether `name` contains one of [`NEEDLES`], ignoring ASCII case: a quick test that
/// clears most names without splitting them into words.
fn may_be_secret(name: &str) -> bool {
    let b = name.as_bytes();
    (0..b.len()).any(|i| {
        // Needles are compared only where a needle's first letter is.
        let first = b[i].to_ascii_lowercase();
        NEEDLE_FIRST[usize::from(first)]
            && NEEDLES.iter().any(|n| {
                n[0] == first && b.len() - i >= n.len() && b[i..i + n.len()].eq_ignore_ascii_case(n)
            })
    })
}

/// The first letters of [`NEEDLES`].
const NEEDLE_FIRST: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < NEEDLES.len() {
        t[NEEDLES[i][0] as usize] = true;
        i += 1;
    }
    t
};

/// Whether a variable or key name says it holds a credential.
pub(crate) fn secret_name(name: &str) -> bool {
    if !may_be_secret(name) {
        return false;
    }
    let lower = name.to_ascii_lowercase();
    let w = words(name, &lower);
    let Some(last) = w.last().copied() else {
        return false;
    };
    if POINTER_WORDS.contains(&last) {
        return false;
    }
    w.iter()
        .any(|x| SECRET_WORDS.contains(x) || SECRET_PARTS.iter().any(|p| has_part(x, p)))
        || SECRET_LAST.contains(&last)
        || w.windows(2).any(|p| SECRET_PAIRS.contains(&(p[0], p[1])))
}

/// Whether a literal value could be a credential at all: not empty, not only a `$(VAR)`
/// reference or a template placeholder, not a boolean-like switch.
pub(crate) fn literal_value(value: &str) -> bool {
    let v = value.trim();
    if v.is_empty() {
        return false;
    }
    let placeholder = (v.starts_with("$(") || v.starts_with("${") || v.starts_with("{{"))
        && (v.ends_with(')') || v.ends_with('}'));
    let switch = matches!(
        v.to_ascii_lowercase().as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "enabled" | "disabled" | "none" | "null"
    );
    !placeholder && !switch
}

/// What kind of credential a value looks like, if any.
pub(crate) fn secret_value(value: &str) -> Option<&'static str> {
    // A byte each pattern needs, looked for first (a memchr): most values have none of them,
    // and a substring search costs more to set up than to run on a short value.
    let bytes = value.as_bytes();
    if bytes.contains(&b'-') && value.contains("-----BEGIN") && value.contains("PRIVATE KEY-----") {
        return Some("a private key");
    }
    if bytes.contains(&b':') && url_password(value) {
        return Some("a URL with a password");
    }
    if !bytes.contains(&b'A') {
        return None;
    }
    for prefix in ["AKIA", "ASIA"] {
        let mut from = 0;
        while let Some(at) = value[from..].find(prefix) {
            let start = from + at;
            let id = &bytes[start..(start + 20).min(bytes.len())];
            let boundary = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
            if boundary
                && id.len() == 20
                && id
                    .iter()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                && bytes
                    .get(start + 20)
                    .is_none_or(|b| !b.is_ascii_alphanumeric())
            {
                return Some("an AWS access key");
            }
            from = start + prefix.len();
        }
    }
    None
}

/// Whether `value` holds a URL with a literal password (`postgres://app:pw@db/app`).
fn url_password(value: &str) -> bool {
    let mut rest = value;
    while let Some(at) = rest.find("://") {
        let after = &rest[at + 3..];
        let end = after
            .find(|c: char| c == '/' || c == '?' || c == '#' || c.is_whitespace())
            .unwrap_or(after.len());
        let authority = &after[..end];
        if let Some((userinfo, _)) = authority.rsplit_once('@') {
            if let Some((_, password)) = userinfo.split_once(':') {
                if literal_value(password) && !password.starts_with('$') {
                    return true;
                }
            }
        }
        rest = &after[end..];
    }
    false
}

/// In a config file held by a ConfigMap value (`.properties`, `.env`, YAML, INI), the first
/// `key = value` or `key: value` line whose key names a credential and whose value is literal.
pub(crate) fn secret_setting(text: &str) -> Option<&str> {
    for line in text.lines() {
        let mut line = line.trim();
        // As `trim_start_matches("export ")`, without preparing a substring search per line.
        while let Some(rest) = line.strip_prefix("export ") {
            line = rest;
        }
        if line.starts_with('#') || line.starts_with("//") || line.starts_with(';') {
            continue;
        }
        // As `find(['=', ':'])`, byte by byte (both are ASCII).
        let Some(sep) = line.bytes().position(|b| b == b'=' || b == b':') else {
            continue;
        };
        let key = line[..sep].trim().trim_matches('"');
        let value = line[sep + 1..].trim().trim_matches(['"', '\'']);
        if key.is_empty() || key.contains(' ') {
            continue;
        }
        if secret_name(key) && literal_value(value) && !value.starts_with('/') {
            return Some(key);
        }
    }
    None
}

/// Why a ConfigMap entry looks sensitive, if it does.
pub(crate) fn configmap_entry(key: &str, value: &str) -> Option<String> {
    Some(match configmap_why(key, value)? {
        Why::Key => format!("its key `{key}` names a credential"),
        Why::Value(what) => format!("its value holds {what}"),
        Why::Setting(setting) => format!("it sets `{setting}`"),
    })
}

/// What makes a ConfigMap entry look sensitive ([`configmap_entry`] words it).
enum Why<'v> {
    /// Its key names a credential (and its value is literal).
    Key,
    /// Its value holds this kind of credential.
    Value(&'static str),
    /// Its value is a config file that sets this key.
    Setting(&'v str),
}

fn configmap_why<'v>(key: &str, value: &'v str) -> Option<Why<'v>> {
    if secret_name(key) && literal_value(value) {
        return Some(Why::Key);
    }
    if let Some(what) = secret_value(value) {
        return Some(Why::Value(what));
    }
    secret_setting(value).map(Why::Setting)
}

/// The values `literal-secret-env` and `sensitive-configmap-data` report, to mask: where each
/// is written, and what it reads as (a block scalar's text is not its value: `defaults` and
/// the messages show the value).
pub(crate) fn spans(file: &File) -> Vec<(Span, String)> {
    let mut out = Vec::new();
    for o in &file.objects {
        let doc = file.document(o);
        if o.kind == "ConfigMap" && o.group().is_empty() {
            if let Some(data) = doc.get(o.root, "data") {
                for e in doc.entries(data) {
                    let (Some(k), Some(v)) = (doc.str(e.key), doc.str(e.value)) else {
                        continue;
                    };
                    if configmap_why(k, v).is_some() {
                        out.push((doc.node(e.value).span, v.to_string()));
                    }
                }
            }
            continue;
        }
        let Some(pod) = &o.pod_spec else { continue };
        let (spec, exact) = pod.resolve(doc, o.root);
        if !exact {
            continue;
        }
        for field in ["initContainers", "containers", "ephemeralContainers"] {
            let Some(list) = doc.get(spec, field) else {
                continue;
            };
            for c in doc.items(list) {
                let Some(env) = doc.get(*c, "env") else {
                    continue;
                };
                for var in doc.items(env) {
                    let (Some(name), Some(value)) =
                        (doc.get_str(*var, "name"), doc.get(*var, "value"))
                    else {
                        continue;
                    };
                    if let Some(v) = doc
                        .str(value)
                        .filter(|v| secret_name(name) && literal_value(v))
                    {
                        out.push((doc.node(value).span, v.to_string()));
                    }
                }
            }
        }
    }
    out
}

/// A value as text (a number or boolean written without quotes counts too).
pub(crate) fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_into_lower_case_words() {
        for (name, expected) in [
            ("DB_PASSWORD", &["db", "password"][..]),
            ("myAPIKey2_token\u{dc}x", &["my", "apikey2", "token", "x"]),
            ("apiKey", &["api", "key"]),
            ("--", &[]),
        ] {
            let lower = name.to_ascii_lowercase();
            assert_eq!(super::words(name, &lower), expected, "{name}");
        }
    }

    #[test]
    fn every_secret_word_contains_a_needle() {
        let has = |w: &str| {
            NEEDLES
                .iter()
                .any(|n| has_part(w, std::str::from_utf8(n).unwrap()))
        };
        for w in SECRET_WORDS.iter().chain(SECRET_PARTS).chain(SECRET_LAST) {
            assert!(has(w), "{w}");
        }
        for (_, last) in SECRET_PAIRS {
            assert!(has(last), "{last}");
        }
    }

    #[test]
    fn names_that_hold_credentials() {
        for n in [
            "DB_PASSWORD",
            "apiKey",
            "API_KEY",
            "client-secret",
            "GITHUB_TOKEN",
            "AWS_SECRET_ACCESS_KEY",
            "DB_PASS",
            "MYSQLPASSWORD",
            "privateKey",
            "SECRET",
        ] {
            assert!(secret_name(n), "{n}");
        }
        for n in [
            "PASSWORD_FILE",
            "SECRET_NAME",
            "TOKEN_URL",
            "AWS_ACCESS_KEY_ID",
            "LOG_LEVEL",
            "KEYCLOAK_REALM",
            "TOKEN_TTL",
            "TOKEN_REFRESH_INTERVAL",
            "PASS_THROUGH_HEADERS",
            "TOKENIZER_PATH",
            "secretRef",
            "PORT",
        ] {
            assert!(!secret_name(n), "{n}");
        }
    }

    #[test]
    fn values() {
        assert!(!literal_value("$(DB_PASSWORD)"));
        assert!(!literal_value(""));
        assert!(!literal_value("true"));
        assert!(literal_value("hunter2"));
        assert_eq!(
            secret_value("id=AKIAIOSFODNN7EXAMPLE"),
            Some("an AWS access key")
        );
        assert_eq!(secret_value("AKIAIOSFODNN7EXAMPLEX"), None);
        assert_eq!(
            secret_value("-----BEGIN RSA PRIVATE KEY-----\nabc\n-----END RSA PRIVATE KEY-----"),
            Some("a private key")
        );
        assert_eq!(
            secret_setting("url=jdbc:x\nspring.datasource.password=s3cret\n"),
            Some("spring.datasource.password")
        );
        assert_eq!(secret_setting("password_file=/run/secrets/db\n"), None);
        assert_eq!(secret_setting("passwordPolicy: strict\n"), None);
        assert_eq!(
            secret_value("DATABASE_URL=postgres://app:s3cret@db:5432/app"),
            Some("a URL with a password")
        );
        assert_eq!(
            secret_value("postgres://app@db:5432/app https://example.com/a:b@c"),
            None
        );
        assert_eq!(secret_value("redis://:${REDIS_PASSWORD}@redis:6379"), None);
        assert_eq!(secret_setting("# password: x\nlevel: debug\n"), None);
    }
}
