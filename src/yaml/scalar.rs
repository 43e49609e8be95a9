//! Scalar typing as the Kubernetes client stack does it: `sigs.k8s.io/yaml` converts YAML to
//! JSON with its go-yaml v2 fork, which follows YAML 1.1 (`yes`/`on` are booleans, `0777` is
//! octal). source: sigs.k8s.io/yaml goyaml.v2/resolve.go resolve

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Resolved<'a> {
    Null,
    Bool(bool),
    Int(i64),
    /// An integer beyond i64 (or a float), kept as a float like the JSON decoder would.
    Float(f64),
    Str(&'a str),
}

impl Resolved<'_> {
    pub fn type_name(&self) -> &'static str {
        match self {
            Resolved::Null => "null",
            Resolved::Bool(_) => "boolean",
            Resolved::Int(_) => "integer",
            Resolved::Float(_) => "number",
            Resolved::Str(_) => "string",
        }
    }
}

pub(crate) fn resolve(text: &str) -> Resolved<'_> {
    // Most scalars are names, images, paths: a plain scalar can only be a null, boolean or
    // number if it starts with a digit, a sign, `.`, `~`, or the first letter of a boolean
    // or null word below (y, n, t, f, o in either case); anything else is a string.
    let first = match text.as_bytes().first() {
        None => return Resolved::Null,
        Some(b) => *b,
    };
    if !matches!(first, b'0'..=b'9' | b'+' | b'-' | b'.' | b'~')
        && !matches!(first | 0x20, b'y' | b'n' | b't' | b'f' | b'o')
    {
        return Resolved::Str(text);
    }
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Resolved::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Resolved::Bool(false)
        }
        "" | "~" | "null" | "Null" | "NULL" => return Resolved::Null,
        ".nan" | ".NaN" | ".NAN" => return Resolved::Float(f64::NAN),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Resolved::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Resolved::Float(f64::NEG_INFINITY),
        _ => {}
    }
    if first == b'.' {
        return text
            .parse::<f64>()
            .map_or(Resolved::Str(text), Resolved::Float);
    }
    if !(first.is_ascii_digit() || first == b'+' || first == b'-') {
        return Resolved::Str(text);
    }
    if is_timestamp(text) {
        // A timestamp reaches JSON as a string.
        return Resolved::Str(text);
    }
    // `_` separates digits (`1_000`); only a scalar that has one is copied without them.
    let plain: std::borrow::Cow<str> = if text.contains('_') {
        text.chars()
            .filter(|c| *c != '_')
            .collect::<String>()
            .into()
    } else {
        text.into()
    };
    if let Some(i) = parse_go_int(&plain) {
        return i;
    }
    if is_yaml_float(&plain) {
        if let Ok(f) = plain.parse::<f64>() {
            return Resolved::Float(f);
        }
    }
    Resolved::Str(text)
}

/// Whether `text`, written as a plain scalar, reads back as that same string under YAML 1.1
/// (not a null, boolean, number or timestamp); an emitter quotes every other string.
pub fn plain_reads_as_string(text: &str) -> bool {
    !text.is_empty() && matches!(resolve(text), Resolved::Str(_)) && !is_timestamp(text)
}

/// Go's `strconv.ParseInt(s, 0, 64)` then `ParseUint`: sign, `0x`/`0o`/`0b` prefixes, and a
/// leading `0` meaning octal.
fn parse_go_int(s: &str) -> Option<Resolved<'static>> {
    let (neg, body) = match s.as_bytes().first()? {
        b'-' => (true, &s[1..]),
        b'+' => (false, &s[1..]),
        _ => (false, s),
    };
    if body.is_empty() {
        return None;
    }
    let (radix, digits) = if let Some(d) = body.strip_prefix("0x").or(body.strip_prefix("0X")) {
        (16, d)
    } else if let Some(d) = body.strip_prefix("0o").or(body.strip_prefix("0O")) {
        (8, d)
    } else if let Some(d) = body.strip_prefix("0b").or(body.strip_prefix("0B")) {
        (2, d)
    } else if body.len() > 1 && body.starts_with('0') {
        (8, &body[1..])
    } else {
        (10, body)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u128::from_str_radix(digits, radix).ok()?;
    let value = if neg {
        -(i128::try_from(magnitude).ok()?)
    } else {
        i128::try_from(magnitude).ok()?
    };
    if let Ok(v) = i64::try_from(value) {
        Some(Resolved::Int(v))
    } else if u64::try_from(value).is_ok() {
        Some(Resolved::Float(value as f64))
    } else {
        None
    }
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(matches!(b.first(), Some(b'-' | b'+')));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// The quick check of go-yaml's parseTimestamp (four digits then `-`) followed by the date
/// and date-time shapes it accepts.
fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() < 8 || !b[..4].iter().all(u8::is_ascii_digit) || b[4] != b'-' {
        return false;
    }
    let rest = &s[5..];
    let (date, time) = match rest.find(['T', 't', ' ']) {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let mut parts = date.split('-');
    let ok_num = |p: Option<&str>, max: u32| {
        p.is_some_and(|p| {
            (1..=2).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_digit())
                && p.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n))
        })
    };
    if !ok_num(parts.next(), 12) || !ok_num(parts.next(), 31) || parts.next().is_some() {
        return false;
    }
    match time {
        None => true,
        Some(t) => t.contains(':') && t.as_bytes().first().is_some_and(u8::is_ascii_digit),
    }
}

/// The text of a `!!binary` scalar as go-yaml reads it: standard base64 (line breaks
/// ignored) decoded; `None` when it is not valid base64 (go-yaml then refuses the document)
/// or not UTF-8 text. source: sigs.k8s.io/yaml goyaml.v2/decode.go (d.scalar, binary tag:
/// base64.StdEncoding.DecodeString)
pub(crate) fn decode_binary(text: &str) -> Option<String> {
    String::from_utf8(super::base64::decode(text.as_bytes()).ok()?).ok()
}

/// A tag's suffix with its URI escapes (`%61`) decoded, as the YAML parser of the Kubernetes
/// client reads it (`!!bin%61ry` is `!!binary`). source: sigs.k8s.io/yaml goyaml.v2/scannerc.go
/// yaml_parser_scan_uri_escapes
pub(crate) fn decode_tag_escapes(suffix: &str) -> std::borrow::Cow<'_, str> {
    if !suffix.contains('%') {
        return std::borrow::Cow::Borrowed(suffix);
    }
    let b = suffix.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|c| hex(*c)),
            b.get(i + 2).and_then(|c| hex(*c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, ..) => {
                out.push(c);
                i += 1;
            }
        }
    }
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_scalars_and_tag_escapes() {
        assert_eq!(decode_binary("U2VjcmV0").as_deref(), Some("Secret"));
        assert_eq!(decode_binary("U2VjcmV"), None);
        assert_eq!(decode_binary("U2VjcmV0IQ==").as_deref(), Some("Secret!"));
        assert_eq!(decode_binary("ZW52").as_deref(), Some("env"));
        assert_eq!(decode_binary("ZW\n52").as_deref(), Some("env"));
        assert_eq!(decode_binary("ZW5 2"), None);
        assert_eq!(decode_binary("ZW52-_"), None);
        assert_eq!(decode_tag_escapes("bin%61ry"), "binary");
        assert_eq!(decode_tag_escapes("str"), "str");
        assert_eq!(decode_tag_escapes("a%zz"), "a%zz");
    }

    // source: sigs.k8s.io/yaml goyaml.v2/resolve.go resolve (resolveMapList, ParseInt base 0)
    #[test]
    fn yaml_1_1_resolution() {
        assert_eq!(resolve("yes"), Resolved::Bool(true));
        assert_eq!(resolve("Off"), Resolved::Bool(false));
        assert_eq!(resolve("~"), Resolved::Null);
        assert_eq!(resolve("0777"), Resolved::Int(511));
        assert_eq!(resolve("0x1F"), Resolved::Int(31));
        assert_eq!(resolve("1_000"), Resolved::Int(1000));
        assert_eq!(resolve("-3"), Resolved::Int(-3));
        assert_eq!(resolve("1.5"), Resolved::Float(1.5));
        assert_eq!(resolve("1e3"), Resolved::Float(1000.0));
        // Not octal, but it matches the float pattern, so go-yaml reads 8.0.
        assert_eq!(resolve("08"), Resolved::Float(8.0));
        assert_eq!(resolve("1.2.3"), Resolved::Str("1.2.3"));
        assert_eq!(resolve("2024-01-02"), Resolved::Str("2024-01-02"));
        assert_eq!(resolve("100m"), Resolved::Str("100m"));
        assert_eq!(resolve("nginx"), Resolved::Str("nginx"));
        assert_eq!(resolve("-"), Resolved::Str("-"));
    }

    /// The words and shapes near the fast paths (a first letter of a boolean or null word,
    /// a sign, a dot) resolve as go-yaml resolves them.
    #[test]
    fn words_and_numbers_near_the_fast_paths() {
        for (text, want) in [
            ("y", Resolved::Bool(true)),
            ("Y", Resolved::Bool(true)),
            ("Yes", Resolved::Bool(true)),
            ("yES", Resolved::Str("yES")),
            ("n", Resolved::Bool(false)),
            ("NO", Resolved::Bool(false)),
            ("on", Resolved::Bool(true)),
            ("OFF", Resolved::Bool(false)),
            ("o", Resolved::Str("o")),
            ("True", Resolved::Bool(true)),
            ("f", Resolved::Str("f")),
            ("FALSE", Resolved::Bool(false)),
            ("NULL", Resolved::Null),
            ("Null", Resolved::Null),
            ("nil", Resolved::Str("nil")),
            ("none", Resolved::Str("none")),
            ("~", Resolved::Null),
            ("~~", Resolved::Str("~~")),
            ("", Resolved::Null),
            (".inf", Resolved::Float(f64::INFINITY)),
            ("+.Inf", Resolved::Float(f64::INFINITY)),
            ("-.INF", Resolved::Float(f64::NEG_INFINITY)),
            (".5", Resolved::Float(0.5)),
            ("-.5", Resolved::Float(-0.5)),
            (".", Resolved::Str(".")),
            ("0x1F", Resolved::Int(31)),
            ("0o17", Resolved::Int(15)),
            ("0b101", Resolved::Int(5)),
            ("1_000", Resolved::Int(1000)),
            ("1_0.5", Resolved::Float(10.5)),
            ("_1", Resolved::Str("_1")),
            ("+1", Resolved::Int(1)),
            ("+", Resolved::Str("+")),
            ("1e3", Resolved::Float(1000.0)),
            (
                "18446744073709551615",
                Resolved::Float(18446744073709551615.0),
            ),
            (":", Resolved::Str(":")),
            ("nginx:1.27", Resolved::Str("nginx:1.27")),
            ("Éte", Resolved::Str("Éte")),
            ("/healthz", Resolved::Str("/healthz")),
        ] {
            assert_eq!(resolve(text), want, "{text:?}");
        }
        assert!(matches!(resolve(".NaN"), Resolved::Float(f) if f.is_nan()));
    }
}
