//! The name formats the API server enforces (DNS-1123 subdomain and label, DNS-1035 label,
//! label keys and values, IANA service names for ports), which format each built-in kind's
//! `metadata.name` must have, and the API server's own words for each problem.
//!
//! Pure functions of strings; no rules, no output. Each function returns the problems in the
//! order the API server lists them (empty when the value is valid); each problem is the
//! `detail` of one `field.Invalid` error.
//!
//! Sources (kubernetes/kubernetes, staging/src/k8s.io/apimachinery):
//! - `pkg/util/validation/validation.go`: `IsDNS1123Label`, `IsDNS1123Subdomain`,
//!   `IsDNS1035Label`, `IsValidPortName`, `MaxLenError` ("characters"), `RegexError`;
//! - `pkg/api/validate/content/kube.go`: `IsLabelKey` (= `IsQualifiedName`), `IsLabelValue`,
//!   and `content/errors.go` `MaxLenError` ("bytes"), `content/dns.go` for the prefix part;
//! - `pkg/api/validation/generic.go`: `NameIsDNSSubdomain`, `NameIsDNSLabel`,
//!   `NameIsDNS1035Label`, `maskTrailingDash`;
//! - `pkg/api/validation/objectmeta.go`: `TotalAnnotationSizeLimitB`.
//!
//! Lengths are counted in bytes (Go's `len`).

/// `TotalAnnotationSizeLimitB`: the sum of the lengths of all annotation keys and values.
pub const ANNOTATIONS_MAX_BYTES: usize = 256 * 1024;

const DNS1123_LABEL_MAX: usize = 63;
const DNS1123_SUBDOMAIN_MAX: usize = 253;
const LABEL_NAME_MAX: usize = 63;
const LABEL_VALUE_MAX: usize = 63;
const PORT_NAME_MAX: usize = 15;

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT: &str =
    "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";
const LABEL_KEY_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const LABEL_VALUE_FMT: &str = "(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?";

const DNS1123_LABEL_MSG: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character";
const DNS1123_SUBDOMAIN_MSG: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character";
const DNS1035_LABEL_MSG: &str = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character";
const LABEL_KEY_MSG: &str = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";
const LABEL_VALUE_MSG: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character";

/// Which of the two `MaxLenError`s: `util/validation` says characters, the newer
/// `validate/content` package (label keys and values) says bytes.
#[derive(Clone, Copy)]
enum Unit {
    Characters,
    Bytes,
}

fn max_len_error(n: usize, unit: Unit) -> String {
    match unit {
        Unit::Characters => format!("must be no more than {n} characters"),
        Unit::Bytes => format!("must be no more than {n} bytes"),
    }
}

/// `RegexError`: every example is followed by `', '`, and the next one starts with `" or "`,
/// hence the double space the API server prints.
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    let mut s = msg.to_string();
    if examples.is_empty() {
        s.push_str(&format!(" (regex used for validation is '{fmt}')"));
        return s;
    }
    s.push_str(" (e.g. ");
    for (i, e) in examples.iter().enumerate() {
        if i > 0 {
            s.push_str(" or ");
        }
        s.push_str(&format!("'{e}', "));
    }
    s.push_str(&format!("regex used for validation is '{fmt}')"));
    s
}

fn is_lower_alnum(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// `[a-z0-9]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1123_label(v: &str) -> bool {
    let b = v.as_bytes();
    match (b.first(), b.last()) {
        (Some(&f), Some(&l)) => {
            is_lower_alnum(f)
                && is_lower_alnum(l)
                && b.iter().all(|c| is_lower_alnum(*c) || *c == b'-')
        }
        _ => false,
    }
}

fn matches_dns1123_subdomain(v: &str) -> bool {
    v.split('.').all(matches_dns1123_label)
}

/// `[a-z]([-a-z0-9]*[a-z0-9])?`
fn matches_dns1035_label(v: &str) -> bool {
    matches_dns1123_label(v) && v.as_bytes()[0].is_ascii_lowercase()
}

/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`
fn matches_label_name(v: &str) -> bool {
    let b = v.as_bytes();
    match (b.first(), b.last()) {
        (Some(f), Some(l)) => {
            f.is_ascii_alphanumeric()
                && l.is_ascii_alphanumeric()
                && b.iter()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.'))
        }
        _ => false,
    }
}

/// `IsDNS1123Label`.
pub fn dns1123_label(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > DNS1123_LABEL_MAX {
        errs.push(max_len_error(DNS1123_LABEL_MAX, Unit::Characters));
    }
    if !matches_dns1123_label(v) {
        if matches_dns1123_subdomain(v) {
            errs.push("must not contain dots".to_string());
        } else {
            errs.push(regex_error(
                DNS1123_LABEL_MSG,
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

fn subdomain(v: &str, unit: Unit) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > DNS1123_SUBDOMAIN_MAX {
        errs.push(max_len_error(DNS1123_SUBDOMAIN_MAX, unit));
    }
    if !matches_dns1123_subdomain(v) {
        errs.push(regex_error(
            DNS1123_SUBDOMAIN_MSG,
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// `IsDNS1123Subdomain`.
pub fn dns1123_subdomain(v: &str) -> Vec<String> {
    subdomain(v, Unit::Characters)
}

/// `IsDNS1035Label`.
pub fn dns1035_label(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > DNS1123_LABEL_MAX {
        errs.push(max_len_error(DNS1123_LABEL_MAX, Unit::Characters));
    }
    if !matches_dns1035_label(v) {
        errs.push(regex_error(
            DNS1035_LABEL_MSG,
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errs
}

/// `IsLabelKey` (`IsQualifiedName`): an optional DNS-1123 subdomain prefix and `/`, then a
/// name of at most 63 bytes.
pub fn label_key(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    // At most one `/`: split without collecting the parts (every label key comes here).
    let mut parts = v.split('/');
    let first = parts.next().unwrap_or("");
    let name = match (parts.next(), parts.next()) {
        (None, _) => first,
        (Some(name), None) => {
            let prefix = first;
            if prefix.is_empty() {
                errs.push("prefix part must be non-empty".to_string());
            } else {
                errs.extend(
                    subdomain(prefix, Unit::Bytes)
                        .into_iter()
                        .map(|m| format!("prefix part {m}")),
                );
            }
            name
        }
        (Some(_), Some(_)) => {
            errs.push(format!(
                "a valid label key {} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
                regex_error(LABEL_KEY_MSG, LABEL_KEY_FMT, &["MyName", "my.name", "123-abc"])
            ));
            return errs;
        }
    };
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else if name.len() > LABEL_NAME_MAX {
        errs.push(format!(
            "name part {}",
            max_len_error(LABEL_NAME_MAX, Unit::Bytes)
        ));
    }
    if !matches_label_name(name) {
        errs.push(format!(
            "name part {}",
            regex_error(
                LABEL_KEY_MSG,
                LABEL_KEY_FMT,
                &["MyName", "my.name", "123-abc"]
            )
        ));
    }
    errs
}

/// `IsLabelValue`: empty, or a label name of at most 63 bytes.
pub fn label_value(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > LABEL_VALUE_MAX {
        errs.push(max_len_error(LABEL_VALUE_MAX, Unit::Bytes));
    }
    if !v.is_empty() && !matches_label_name(v) {
        errs.push(regex_error(
            LABEL_VALUE_MSG,
            LABEL_VALUE_FMT,
            &["MyValue", "my_value", "12345"],
        ));
    }
    errs
}

/// An annotation key: a label key, except that case does not matter (`ValidateAnnotations`
/// lowercases the key before checking it).
pub fn annotation_key(v: &str) -> Vec<String> {
    if v.bytes().any(|b| b.is_ascii_uppercase()) {
        label_key(&v.to_ascii_lowercase())
    } else {
        label_key(v)
    }
}

/// `IsValidPortName` (an IANA service name).
pub fn port_name(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let b = v.as_bytes();
    if b.len() > PORT_NAME_MAX {
        errs.push(max_len_error(PORT_NAME_MAX, Unit::Characters));
    }
    if b.is_empty() || !b.iter().all(|c| is_lower_alnum(*c) || *c == b'-') {
        errs.push(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".to_string(),
        );
    }
    if !b.iter().any(u8::is_ascii_lowercase) {
        errs.push("must contain at least one letter (a-z)".to_string());
    }
    if v.contains("--") {
        errs.push("must not contain consecutive hyphens".to_string());
    }
    if b.first() == Some(&b'-') || b.last() == Some(&b'-') {
        errs.push("must not begin or end with a hyphen".to_string());
    }
    errs
}

/// The format a kind's `metadata.name` must have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFormat {
    Dns1123Subdomain,
    Dns1123Label,
    Dns1035Label,
}

impl NameFormat {
    /// What people call it, for messages.
    pub fn describe(self) -> &'static str {
        match self {
            NameFormat::Dns1123Subdomain => "DNS-1123 subdomain",
            NameFormat::Dns1123Label => "DNS-1123 label",
            NameFormat::Dns1035Label => "DNS-1035 label",
        }
    }

    /// The problems of `name` in this format. `prefix` is true for `generateName`, whose
    /// trailing `-` the API server masks before checking (`maskTrailingDash`, which replaces
    /// the last *two* bytes with `a`); `None` when the API server's answer is not known
    /// (a `generateName` of just `-`, which that function cannot handle).
    pub fn problems(self, name: &str, prefix: bool) -> Option<Vec<String>> {
        let masked;
        let name = if prefix && name.ends_with('-') {
            let keep = name.len().checked_sub(2)?;
            masked = format!("{}a", name.get(..keep)?);
            masked.as_str()
        } else {
            name
        };
        Some(match self {
            NameFormat::Dns1123Subdomain => dns1123_subdomain(name),
            NameFormat::Dns1123Label => dns1123_label(name),
            NameFormat::Dns1035Label => dns1035_label(name),
        })
    }
}

/// The name format of a built-in kind, for the kinds whose name function has been read in
/// the source; `None` for every other kind (their names are not checked).
/// source: pkg/apis/core/validation/validation.go (`ValidatePodName`, `ValidateServiceName`,
/// `ValidateNamespaceName`, `ValidateConfigMapName`, ...), pkg/apis/apps/validation,
/// pkg/apis/batch/validation `ValidateJob`.
pub fn name_format(group: &str, kind: &str) -> Option<NameFormat> {
    use NameFormat::*;
    Some(match (group, kind) {
        ("", "Service") => Dns1035Label,
        ("", "Namespace") => Dns1123Label,
        (
            "",
            "Pod"
            | "PodTemplate"
            | "ReplicationController"
            | "ConfigMap"
            | "Secret"
            | "ServiceAccount"
            | "PersistentVolumeClaim"
            | "PersistentVolume"
            | "Endpoints"
            | "LimitRange"
            | "ResourceQuota"
            | "Node",
        ) => Dns1123Subdomain,
        ("apps", "Deployment" | "ReplicaSet" | "DaemonSet") => Dns1123Subdomain,
        ("batch", "Job") => Dns1123Subdomain,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cases from staging/src/k8s.io/apimachinery/pkg/util/validation/validation_test.go and
    // pkg/api/validate/content/kube_test.go.

    #[test]
    fn dns1123_labels() {
        for ok in ["a", "ab", "a-b", "0", "1-2", "a--b", &"a".repeat(63)] {
            assert!(dns1123_label(ok).is_empty(), "{ok}");
        }
        for bad in ["", "A", "-a", "a-", "a_b", "a b", "ä"] {
            assert_eq!(dns1123_label(bad).len(), 1, "{bad}");
        }
        assert_eq!(dns1123_label("a.b"), ["must not contain dots"]);
        assert_eq!(
            dns1123_label("Web"),
            ["a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"]
        );
        assert_eq!(
            dns1123_label(&"a".repeat(64)),
            ["must be no more than 63 characters"]
        );
    }

    #[test]
    fn dns1123_subdomains() {
        for ok in ["a", "a.b", "a-b.c-d", "1.2.3.4", &"a".repeat(253)] {
            assert!(dns1123_subdomain(ok).is_empty(), "{ok}");
        }
        for bad in ["", ".a", "a.", "a..b", "A.b", "a_b", "-a.b"] {
            assert_eq!(dns1123_subdomain(bad).len(), 1, "{bad}");
        }
        assert_eq!(
            dns1123_subdomain("Web"),
            ["a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"]
        );
        assert_eq!(dns1123_subdomain(&"a".repeat(254)).len(), 1);
    }

    #[test]
    fn dns1035_labels() {
        assert!(dns1035_label("web-1").is_empty());
        assert_eq!(
            dns1035_label("1web"),
            ["a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"]
        );
        assert_eq!(dns1035_label("a.b").len(), 1);
    }

    #[test]
    fn label_keys() {
        for ok in [
            "simple",
            "now-with-dashes",
            "1-starts-with-num",
            "1234",
            "simple/simple",
            "now.with.dots/simple",
            "1.2.3.4/5678",
            "Uppercase_Is_OK_123",
            "example.com/Uppercase_Is_OK_123",
            "requests.storage-foo",
            &"a".repeat(63),
            &format!("{}/{}", "a".repeat(253), "b".repeat(63)),
        ] {
            assert!(label_key(ok).is_empty(), "{ok}");
        }
        for bad in [
            "nospecialchars%^=@",
            "cantendwithadash-",
            "-cantstartwithadash-",
            "only/one/slash",
            "Example.com/abc",
            "example_com/abc",
            "example.com/",
            "/simple",
            &"a".repeat(64),
            &format!("{}/abc", "a".repeat(254)),
        ] {
            assert!(!label_key(bad).is_empty(), "{bad}");
        }
        assert_eq!(label_key("example.com/"), ["name part must be non-empty", "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"]);
        assert_eq!(label_key("/a")[0], "prefix part must be non-empty");
        assert_eq!(
            label_key(&"a".repeat(64)),
            ["name part must be no more than 63 bytes"]
        );
        assert!(label_key("a/b/c")[0].starts_with("a valid label key must consist of"));
        assert!(label_key("Example.com/abc")[0]
            .starts_with("prefix part a lowercase RFC 1123 subdomain"));
    }

    #[test]
    fn label_values() {
        for ok in [
            "",
            "simple",
            "now-with-dashes",
            "1234",
            "end-with-num-1",
            &"a".repeat(63),
        ] {
            assert!(label_value(ok).is_empty(), "{ok}");
        }
        for bad in [
            "nospecialchars%^=@",
            "Tama-nui-te-rā.is.Māori.sun",
            "\\backslashes\\are\\bad",
            "-starts-with-dash",
            "ends-with-dash-",
            ".starts.with.dot",
            "ends.with.dot.",
        ] {
            assert_eq!(label_value(bad).len(), 1, "{bad}");
        }
        assert_eq!(
            label_value(&"a".repeat(64)),
            ["must be no more than 63 bytes"]
        );
    }

    #[test]
    fn annotation_keys_ignore_case() {
        assert!(annotation_key("Example.COM/Key").is_empty());
        assert!(!annotation_key("a b").is_empty());
    }

    #[test]
    fn port_names() {
        for ok in ["http", "h2c", "a-b", "web-8080", "abcdefghijklmno"] {
            assert!(port_name(ok).is_empty(), "{ok}");
        }
        assert_eq!(
            port_name("8080"),
            ["must contain at least one letter (a-z)"]
        );
        assert_eq!(
            port_name("HTTP"),
            [
                "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                "must contain at least one letter (a-z)"
            ]
        );
        assert_eq!(port_name("a--b"), ["must not contain consecutive hyphens"]);
        assert_eq!(port_name("-ab"), ["must not begin or end with a hyphen"]);
        assert_eq!(
            port_name("abcdefghijklmnop"),
            ["must be no more than 15 characters"]
        );
    }

    #[test]
    fn generate_name_masks_the_trailing_dash_like_the_api_server() {
        let f = NameFormat::Dns1123Subdomain;
        assert_eq!(f.problems("web-", true), Some(vec![]));
        assert_eq!(f.problems("web-", false).map(|p| p.len()), Some(1));
        // maskTrailingDash drops two bytes, so ".-" is checked as "a" and passes.
        assert_eq!(f.problems(".-", true), Some(vec![]));
        assert_eq!(f.problems("-", true), None);
        assert_eq!(f.problems("Web-", true).map(|p| p.len()), Some(1));
    }
}
