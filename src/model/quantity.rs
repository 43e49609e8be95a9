//! Kubernetes resource quantities (`500m`, `1Gi`, `2e3`) read the way the API server reads
//! them: parsed, rounded, compared exactly and printed in canonical form.
//!
//! Pure arithmetic on text; knows nothing of manifests or rules.
//!
//! source: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go ParseQuantity,
//! parseQuantityString, Quantity.UnmarshalJSON, CanonicalizeBytes, RoundUp; suffix.go
//! newSuffixer, interpret (amount.go's canonical mantissa/exponent split is followed as
//! CanonicalizeBytes uses it: exponents a multiple of 3, or powers of 1024);
//! pkg/apis/core/v1/defaults.go SetDefaults_ResourceList (rounds up to milli scale).

use std::cmp::Ordering;
use std::fmt;

use crate::yaml::Resolved;

/// The regular expression the API server names when a quantity does not parse.
pub const SPLIT_RE: &str = "^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$";

/// Why a quantity does not parse: `ErrFormatWrong`, `ErrNumeric`, `ErrSuffix`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParseError {
    Format,
    Numeric,
    Suffix,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Format => {
                write!(
                    f,
                    "quantities must match the regular expression '{SPLIT_RE}'"
                )
            }
            ParseError::Numeric => f.write_str("unable to parse numeric part of quantity"),
            ParseError::Suffix => f.write_str("unable to parse quantity's suffix"),
        }
    }
}

/// How a quantity was written; it decides how it is printed back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `12e6`
    DecimalExponent,
    /// `12Mi`
    BinarySI,
    /// `12M`, `500m`, `3`
    DecimalSI,
}

/// An exact quantity: `(-1)^negative * digits * 10^exp`, `digits` without leading zeros
/// (empty for zero).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quantity {
    negative: bool,
    digits: Vec<u8>,
    exp: i64,
    pub format: Format,
}

/// The largest BinarySI value the API server keeps (2^63-1); larger ones are capped.
const MAX_ALLOWED: &[u8] = b"9223372036854775807";

impl Quantity {
    pub fn is_zero(&self) -> bool {
        self.digits.is_empty()
    }

    pub fn is_negative(&self) -> bool {
        self.negative && !self.is_zero()
    }

    /// Rounds up (away from zero) to a multiple of 10^scale, as `Quantity.RoundUp` does.
    pub fn round_up(&self, scale: i64) -> Quantity {
        let mut q = self.clone();
        if q.is_zero() || q.exp >= scale {
            return q;
        }
        let drop = (scale - q.exp) as usize;
        let keep = q.digits.len().saturating_sub(drop);
        let inexact = q.digits[keep..].iter().any(|d| *d != 0);
        q.digits.truncate(keep);
        q.exp = scale;
        if inexact {
            add_one(&mut q.digits);
        }
        q.normalize();
        q
    }

    /// The value as the API server stores it in a resource list: rounded up to milli scale.
    /// source: pkg/apis/core/v1/defaults.go SetDefaults_ResourceList
    pub fn stored(&self) -> Quantity {
        self.round_up(-3)
    }

    fn normalize(&mut self) {
        let lead = self.digits.iter().take_while(|d| **d == 0).count();
        self.digits.drain(..lead);
        while self.digits.last() == Some(&0) {
            self.digits.pop();
            self.exp += 1;
        }
        if self.digits.is_empty() {
            self.exp = 0;
            self.negative = false;
        }
    }

    fn cmp_magnitude(&self, other: &Quantity) -> Ordering {
        match (self.is_zero(), other.is_zero()) {
            (true, true) => return Ordering::Equal,
            (true, false) => return Ordering::Less,
            (false, true) => return Ordering::Greater,
            _ => {}
        }
        // Both normalized: the position of the leading digit decides, then the digits.
        let top = |q: &Quantity| q.digits.len() as i64 + q.exp;
        top(self).cmp(&top(other)).then_with(|| {
            let n = self.digits.len().max(other.digits.len());
            (0..n)
                .map(|i| {
                    let a = self.digits.get(i).copied().unwrap_or(0);
                    let b = other.digits.get(i).copied().unwrap_or(0);
                    a.cmp(&b)
                })
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
    }

    /// The value in units of 10^`scale`, rounded up as `Quantity.ScaledValue` rounds
    /// (`MilliValue` is scale -3, `Value` scale 0), saturating at the bounds of i64.
    /// source: staging/src/k8s.io/apimachinery/pkg/api/resource/quantity.go ScaledValue
    pub fn scaled_ceil(&self, scale: i64) -> i64 {
        if self.is_zero() {
            return 0;
        }
        let shift = self.exp - scale;
        let (mut kept, inexact): (Vec<u8>, bool) = if shift >= 0 {
            if self.digits.len() as i64 + shift > 19 {
                return if self.negative { i64::MIN } else { i64::MAX };
            }
            let mut d = self.digits.clone();
            d.extend(std::iter::repeat_n(0, shift as usize));
            (d, false)
        } else {
            let keep = (self.digits.len() as i64 + shift).max(0) as usize;
            let inexact = self.digits[keep..].iter().any(|d| *d != 0);
            (self.digits[..keep].to_vec(), inexact)
        };
        if kept.len() > 19 {
            return if self.negative { i64::MIN } else { i64::MAX };
        }
        if kept.is_empty() {
            kept.push(0);
        }
        let mut v: i128 = 0;
        for d in &kept {
            v = v * 10 + i128::from(*d);
        }
        // Rounding up is away from zero for positive values and toward zero for negative
        // ones, as `ScaledValue` does with its ceiling.
        if inexact && !self.negative {
            v += 1;
        }
        if self.negative {
            v = -v;
        }
        v.clamp(i128::from(i64::MIN), i128::from(i64::MAX)) as i64
    }

    /// Whether the value is a whole number.
    pub fn is_integer(&self) -> bool {
        self.exp >= 0 || self.is_zero()
    }

    /// The canonical text the API server prints (`Quantity.String`), or `None` where its
    /// suffix table has no entry for the exponent.
    pub fn canonical(&self) -> Option<String> {
        if self.is_zero() {
            return Some("0".into());
        }
        let sign = if self.negative { "-" } else { "" };
        let mut format = self.format;
        if format == Format::BinarySI {
            let small = self.cmp_magnitude(&from_int(1024)) == Ordering::Less;
            if small || !self.is_integer() {
                format = Format::DecimalSI;
            }
        }
        match format {
            Format::BinarySI => {
                let mut value = self.digits.clone();
                value.extend(std::iter::repeat_n(0, self.exp as usize));
                let mut exponent = 0;
                while let Some(q) = divide_exact(&value, 1024) {
                    value = q;
                    exponent += 1;
                }
                let suffix = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"].get(exponent)?;
                Some(format!("{sign}{}{suffix}", text(&value)))
            }
            Format::DecimalSI | Format::DecimalExponent => {
                let mut value = self.digits.clone();
                let mut exp = self.exp;
                while exp.rem_euclid(3) != 0 {
                    value.push(0);
                    exp -= 1;
                }
                let suffix = if format == Format::DecimalExponent {
                    if exp == 0 {
                        String::new()
                    } else {
                        format!("e{exp}")
                    }
                } else {
                    let i = usize::try_from((exp + 9) / 3).ok()?;
                    ["n", "u", "m", "", "k", "M", "G", "T", "P", "E"]
                        .get(i)?
                        .to_string()
                };
                Some(format!("{sign}{}{suffix}", text(&value)))
            }
        }
    }
}

impl PartialOrd for Quantity {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Quantity {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self.is_negative(), other.is_negative()) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.cmp_magnitude(other),
            (true, true) => other.cmp_magnitude(self),
        }
    }
}

fn text(digits: &[u8]) -> String {
    let s: String = digits
        .iter()
        .skip_while(|d| **d == 0)
        .map(|d| char::from(b'0' + d))
        .collect();
    if s.is_empty() {
        "0".into()
    } else {
        s
    }
}

fn from_int(n: u64) -> Quantity {
    let mut q = Quantity {
        negative: false,
        digits: n.to_string().bytes().map(|b| b - b'0').collect(),
        exp: 0,
        format: Format::DecimalSI,
    };
    q.normalize();
    q
}

fn add_one(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == 9 {
            *d = 0;
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, 1);
}

fn multiply(digits: &[u8], by: u32) -> Vec<u8> {
    let mut out = Vec::with_capacity(digits.len() + 4);
    let mut carry = 0u64;
    for d in digits.iter().rev() {
        let v = u64::from(*d) * u64::from(by) + carry;
        out.push((v % 10) as u8);
        carry = v / 10;
    }
    while carry > 0 {
        out.push((carry % 10) as u8);
        carry /= 10;
    }
    out.reverse();
    out
}

/// `digits / by` when it divides exactly (and the value is not zero).
fn divide_exact(digits: &[u8], by: u64) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(digits.len());
    let mut rem = 0u64;
    for d in digits {
        let v = rem * 10 + u64::from(*d);
        out.push((v / by) as u8);
        rem = v % by;
    }
    let lead = out.iter().take_while(|d| **d == 0).count();
    out.drain(..lead);
    (rem == 0 && !out.is_empty()).then_some(out)
}

/// The scanner's pieces: sign, integer digits, fraction digits, suffix text.
struct Parts<'a> {
    positive: bool,
    num: &'a str,
    denom: &'a str,
    suffix: &'a str,
}

/// source: quantity.go parseQuantityString (a hand-written scanner, more permissive than
/// `SPLIT_RE`: `.`, `+` and `m` alone parse as zero).
fn scan(s: &str) -> Result<Parts<'_>, ParseError> {
    let b = s.as_bytes();
    let end = b.len();
    let mut pos = 0;
    let mut positive = true;
    match b.first() {
        Some(b'-') => {
            positive = false;
            pos += 1;
        }
        Some(b'+') => pos += 1,
        _ => {}
    }
    while pos < end && b[pos] == b'0' {
        pos += 1;
    }
    if pos >= end {
        return Ok(Parts {
            positive,
            num: "0",
            denom: "",
            suffix: "",
        });
    }
    let start = pos;
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    let num = if pos == start { "0" } else { &s[start..pos] };
    let mut denom = "";
    if pos < end && b[pos] == b'.' {
        pos += 1;
        let d = pos;
        while pos < end && b[pos].is_ascii_digit() {
            pos += 1;
        }
        denom = &s[d..pos];
    }
    let suffix_start = pos;
    while pos < end && b"eEinumkKMGTP".contains(&b[pos]) {
        pos += 1;
    }
    if pos < end && (b[pos] == b'-' || b[pos] == b'+') {
        pos += 1;
    }
    while pos < end && b[pos].is_ascii_digit() {
        pos += 1;
    }
    if pos < end {
        return Err(ParseError::Format);
    }
    Ok(Parts {
        positive,
        num,
        denom,
        suffix: &s[suffix_start..],
    })
}

/// (base, exponent, format) of a suffix. source: suffix.go interpret
fn interpret(suffix: &str) -> Option<(u32, i64, Format)> {
    let dec = |e| Some((10, e, Format::DecimalSI));
    let bin = |e| Some((2, e, Format::BinarySI));
    match suffix {
        "" => dec(0),
        "n" => dec(-9),
        "u" => dec(-6),
        "m" => dec(-3),
        "k" => dec(3),
        "M" => dec(6),
        "G" => dec(9),
        "T" => dec(12),
        "P" => dec(15),
        "E" => dec(18),
        "Ki" => bin(10),
        "Mi" => bin(20),
        "Gi" => bin(30),
        "Ti" => bin(40),
        "Pi" => bin(50),
        "Ei" => bin(60),
        s if s.len() > 1 && (s.starts_with('e') || s.starts_with('E')) => {
            // strconv.ParseInt(s[1:], 10, 64), then truncated to int32.
            let e: i64 = s[1..].parse().ok()?;
            Some((10, i64::from(e as i32), Format::DecimalExponent))
        }
        _ => None,
    }
}

/// Parses a quantity as `ParseQuantity` does, after `UnmarshalJSON` trimmed the spaces.
/// Values are rounded up to nano scale, and BinarySI values capped at 2^63-1, as there.
pub fn parse(s: &str) -> Result<Quantity, ParseError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ParseError::Format);
    }
    let p = scan(s)?;
    let (base, exponent, mut format) = interpret(p.suffix).ok_or(ParseError::Suffix)?;
    let mut digits: Vec<u8> = p
        .num
        .bytes()
        .chain(p.denom.bytes())
        .map(|b| b - b'0')
        .collect();
    let mut exp = -(p.denom.len() as i64);
    if base == 10 {
        exp += exponent;
    } else {
        for _ in 0..exponent / 10 {
            digits = multiply(&digits, 1024);
        }
    }
    let mut q = Quantity {
        negative: !p.positive,
        digits,
        exp,
        format,
    };
    q.normalize();
    q = q.round_up(-9);
    if format == Format::BinarySI {
        let max = Quantity {
            negative: false,
            digits: MAX_ALLOWED.iter().map(|b| b - b'0').collect(),
            exp: 0,
            format,
        };
        if q.cmp_magnitude(&max) == Ordering::Greater {
            q.digits = max.digits;
            q.exp = 0;
        }
        if !q.is_zero() && q.cmp_magnitude(&from_int(1)) == Ordering::Less {
            format = Format::DecimalSI;
        }
    }
    q.format = format;
    Ok(q)
}

/// A YAML value as the API server reads it into a `Quantity`: the JSON text `kubectl` sends
/// goes through `UnmarshalJSON`. `None` for `null` (an empty quantity) and for values
/// `kubectl` cannot even send (`.nan`, `.inf`).
pub fn from_yaml(value: Resolved<'_>) -> Option<Result<Quantity, ParseError>> {
    match value {
        Resolved::Null => None,
        Resolved::Str(s) => Some(parse(s)),
        Resolved::Int(i) => Some(parse(&i.to_string())),
        Resolved::Float(f) if f.is_finite() => Some(parse(&f.to_string())),
        Resolved::Float(_) => None,
        Resolved::Bool(b) => Some(parse(if b { "true" } else { "false" })),
    }
}

/// Whether a resource name is in the `kubernetes.io/` namespace (unprefixed names are).
/// source: pkg/apis/core/helper/helpers.go IsNativeResource
pub fn is_native_resource(name: &str) -> bool {
    !name.contains('/') || name.contains("kubernetes.io/")
}

/// Whether a request may be below its limit: native resources except hugepages. Extended
/// resources and hugepages must request exactly their limit.
/// source: pkg/apis/core/helper/helpers.go IsOvercommitAllowed
pub fn overcommit_allowed(name: &str) -> bool {
    is_native_resource(name) && !name.starts_with("hugepages-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scaled_values_round_up() {
        let q = |s: &str| parse(s).unwrap();
        assert_eq!(q("100m").scaled_ceil(-3), 100);
        assert_eq!(q("1.5").scaled_ceil(-3), 1500);
        assert_eq!(q("0.0001").scaled_ceil(-3), 1);
        assert_eq!(q("1Gi").scaled_ceil(0), 1 << 30);
        assert_eq!(q("1500m").scaled_ceil(0), 2);
        assert_eq!(q("1e30").scaled_ceil(0), i64::MAX);
        assert_eq!(q("0").scaled_ceil(-3), 0);
    }

    #[test]
    fn classifies_resource_names() {
        assert!(overcommit_allowed("cpu") && overcommit_allowed("example.kubernetes.io/x"));
        assert!(!overcommit_allowed("hugepages-2Mi") && !overcommit_allowed("nvidia.com/gpu"));
    }

    #[test]
    fn reads_yaml_values_as_json_would_carry_them() {
        assert_eq!(from_yaml(Resolved::Int(2)), Some(Ok(q("2"))));
        assert_eq!(from_yaml(Resolved::Float(0.5)), Some(Ok(q("500m"))));
        assert_eq!(
            from_yaml(Resolved::Bool(true)),
            Some(Err(ParseError::Format))
        );
        assert_eq!(from_yaml(Resolved::Null), None);
    }

    fn q(s: &str) -> Quantity {
        parse(s).unwrap_or_else(|e| panic!("{s}: {e}"))
    }

    #[test]
    fn parses_what_the_api_server_parses() {
        // Canonical forms follow quantity.go CanonicalizeBytes: `1.5Gi` -> `1536Mi`, `1000` -> `1k`.
        for (s, canonical) in [
            ("0", "0"),
            ("500m", "500m"),
            ("1", "1"),
            ("1000", "1k"),
            ("0.5", "500m"),
            ("1.5", "1500m"),
            ("1Gi", "1Gi"),
            ("1.5Gi", "1536Mi"),
            ("1024Mi", "1Gi"),
            ("1000Mi", "1000Mi"),
            ("128974848", "128974848"),
            ("129e6", "129e6"),
            ("1e3", "1e3"),
            ("100k", "100k"),
            ("-1", "-1"),
            ("+5", "5"),
            ("1.", "1"),
            (".5", "500m"),
            ("100Ki", "100Ki"),
            ("512", "512"),
            ("1Ki", "1Ki"),
            (" 2 ", "2"),
        ] {
            assert_eq!(q(s).canonical().as_deref(), Some(canonical), "{s}");
        }
        // The scanner lets these through as zero.
        for s in [".", "+", "-", "m", "e5"] {
            assert!(q(s).is_zero(), "{s}");
        }
    }

    #[test]
    fn refuses_what_the_api_server_refuses() {
        for (s, e) in [
            ("", ParseError::Format),
            ("abc", ParseError::Format),
            ("1Gb", ParseError::Format),
            ("1KiB", ParseError::Format),
            ("1gi", ParseError::Format),
            ("1.5.5", ParseError::Format),
            ("2 cores", ParseError::Format),
            ("true", ParseError::Format),
            ("1mi", ParseError::Suffix),
            ("1Mm", ParseError::Suffix),
            ("1e", ParseError::Suffix),
        ] {
            assert_eq!(parse(s), Err(e), "{s}");
        }
        assert!(ParseError::Format
            .to_string()
            .starts_with("quantities must match the regular expression '^([+-]?[0-9.]+)"));
    }

    #[test]
    fn compares_exactly_across_suffixes() {
        assert!(q("1") > q("500m"));
        assert!(q("1Gi") > q("1G"));
        assert_eq!(q("1Gi").cmp(&q("1024Mi")), Ordering::Equal);
        assert_eq!(q("0.5").cmp(&q("500m")), Ordering::Equal);
        assert!(q("-1") < q("0"));
        assert!(q("-2") < q("-1"));
        assert!(q("1e100") > q("8Ei"));
        assert!(q("2").is_integer() && !q("1.5").is_integer());
    }

    #[test]
    fn stored_values_are_rounded_up_to_milli() {
        assert_eq!(q("0.0001").stored().canonical().as_deref(), Some("1m"));
        assert_eq!(q("1.0001").stored().canonical().as_deref(), Some("1001m"));
        assert_eq!(q("-0.0001").stored().canonical().as_deref(), Some("-1m"));
        assert_eq!(q("100n").stored(), q("1m"));
        assert_eq!(q("2").stored(), q("2"));
    }

    #[test]
    fn binary_values_are_capped() {
        assert_eq!(
            q("100Ei").canonical().as_deref(),
            Some("9223372036854775807")
        );
    }
}
