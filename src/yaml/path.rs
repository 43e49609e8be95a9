//! `FieldPath`: a field inside an object, written the way the API server writes it
//! (`spec.template.spec.containers[0].image`, `metadata.labels[app]`), and its resolution to
//! the node it names or, when it does not exist, the nearest node that does.

use std::borrow::Cow;
use std::fmt;

use super::tree::{Document, NodeId};

/// A field name or map key: borrowed when the code names it (`"containers"`), owned when it
/// comes from a document. Most paths are built from names in the code, for every finding, so
/// they do not copy them.
pub type Name = Cow<'static, str>;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Segment {
    /// A field of an object: `.name`.
    Field(Name),
    /// An item of a list: `[0]`.
    Index(usize),
    /// A key of a map of arbitrary keys (labels, data): `[app.kubernetes.io/name]`.
    Key(Name),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldPath(pub Vec<Segment>);

impl FieldPath {
    pub fn root() -> Self {
        FieldPath(Vec::new())
    }

    /// Parses `a.b[0].c[key]`, a path written in the code, borrowing its names. A bracket
    /// holding only digits is an index.
    pub fn parse(s: &'static str) -> Self {
        Self::parse_with(s, Cow::Borrowed)
    }

    /// [`parse`](Self::parse) for a path that is not in the code (from a document, an
    /// option): its names are copied.
    pub fn parse_owned(s: &str) -> Self {
        Self::parse_with(s, |n| Cow::Owned(n.to_string()))
    }

    /// Byte by byte: `.`, `[` and `]` are ASCII, so every cut is at a character boundary.
    fn parse_with<'s>(s: &'s str, name: impl Fn(&'s str) -> Name) -> Self {
        let b = s.as_bytes();
        let mut segs =
            Vec::with_capacity(b.iter().filter(|c| matches!(c, b'.' | b'[')).count() + 1);
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'[' {
                let start = i + 1;
                let end = b[start..]
                    .iter()
                    .position(|c| *c == b']')
                    .map_or(b.len(), |p| start + p);
                let inner = &s[start..end];
                segs.push(match index(inner) {
                    Some(i) => Segment::Index(i),
                    None => Segment::Key(name(inner)),
                });
                i = end + 1;
            } else {
                if b[i] == b'.' {
                    i += 1;
                }
                let start = i;
                let end = b[start..]
                    .iter()
                    .position(|c| matches!(c, b'.' | b'['))
                    .map_or(b.len(), |p| start + p);
                if end > start {
                    segs.push(Segment::Field(name(&s[start..end])));
                }
                i = end;
            }
        }
        FieldPath(segs)
    }

    /// The path to the field `name` of this one (a `&'static str` is borrowed, a `String`
    /// kept).
    pub fn field(mut self, name: impl Into<Name>) -> Self {
        self.0.push(Segment::Field(name.into()));
        self
    }

    pub fn index(mut self, i: usize) -> Self {
        self.0.push(Segment::Index(i));
        self
    }

    /// The path to the map key `k` of this one (as [`field`](Self::field)).
    pub fn key(mut self, k: impl Into<Name>) -> Self {
        self.0.push(Segment::Key(k.into()));
        self
    }

    pub fn join(&self, other: &FieldPath) -> Self {
        let mut v = Vec::with_capacity(self.0.len() + other.0.len());
        v.extend(self.0.iter().cloned());
        v.extend(other.0.iter().cloned());
        FieldPath(v)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The node this path names under `root`, or the deepest existing node on the way and
    /// `false` when the path does not exist.
    pub fn resolve(&self, doc: &Document, root: NodeId) -> (NodeId, bool) {
        Self::resolve_segments(&self.0, doc, root)
    }

    /// [`resolve`](Self::resolve) for a part of a path (its first segments, say), without
    /// building it.
    pub fn resolve_segments(segments: &[Segment], doc: &Document, root: NodeId) -> (NodeId, bool) {
        let mut at = root;
        for seg in segments {
            let next = match seg {
                Segment::Field(k) | Segment::Key(k) => doc.get(at, k),
                Segment::Index(i) => doc.items(at).get(*i).copied(),
            };
            match next {
                Some(n) => at = n,
                None => return (at, false),
            }
        }
        (at, true)
    }
}

/// The index a bracket holds: only ASCII digits, at least one, and no overflow.
fn index(inner: &str) -> Option<usize> {
    if inner.is_empty() {
        return None;
    }
    inner.bytes().try_fold(0usize, |n, c| {
        if c.is_ascii_digit() {
            n.checked_mul(10)?.checked_add(usize::from(c - b'0'))
        } else {
            None
        }
    })
}

/// `n` in decimal, written into `buf` without `core::fmt`: indexes of paths, and the numbers
/// of the JSON report, are written for every finding.
pub fn decimal(mut n: usize, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or("0")
}

impl FieldPath {
    /// The path as text, as `to_string` makes it, into a string of the right size: every
    /// finding carries one.
    pub fn text(&self) -> String {
        let len = self
            .0
            .iter()
            .map(|s| match s {
                Segment::Field(k) | Segment::Key(k) => k.len() + 2,
                Segment::Index(_) => 8,
            })
            .sum();
        let mut out = String::with_capacity(len);
        let _ = self.write(&mut out);
        out
    }

    fn write(&self, f: &mut impl fmt::Write) -> fmt::Result {
        for (i, seg) in self.0.iter().enumerate() {
            // Plain writes, one character as a character (no copy of a one-byte slice): a
            // path is printed for every finding.
            match seg {
                Segment::Field(k) => {
                    if i > 0 {
                        f.write_char('.')?;
                    }
                    f.write_str(k)?;
                }
                Segment::Index(n) => {
                    f.write_char('[')?;
                    f.write_str(decimal(*n, &mut [0; 20]))?;
                    f.write_char(']')?;
                }
                Segment::Key(k) => {
                    f.write_char('[')?;
                    f.write_str(k)?;
                    f.write_char(']')?;
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for FieldPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write(f)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{parse_stream, Limits};

    #[test]
    fn round_trips_through_text() {
        for s in [
            "spec.template.spec.containers[0].image",
            "metadata.labels[app.kubernetes.io/name]",
            "items[3].spec",
        ] {
            assert_eq!(FieldPath::parse(s).to_string(), s);
            assert_eq!(FieldPath::parse(s).text(), s);
            assert_eq!(FieldPath::parse_owned(s), FieldPath::parse(s));
        }
    }

    #[test]
    fn parses_odd_paths_as_before() {
        use Segment::{Field, Index, Key};
        let f = |s: &'static str| Field(Cow::Borrowed(s));
        let k = |s: &'static str| Key(Cow::Borrowed(s));
        for (text, segs) in [
            ("", vec![]),
            (".a..b.", vec![f("a"), f("b")]),
            ("a[", vec![f("a"), k("")]),
            ("a[]", vec![f("a"), k("")]),
            ("a[1x]b", vec![f("a"), k("1x"), f("b")]),
            ("[007][+1]", vec![Index(7), k("+1")]),
            (
                "x[99999999999999999999999]",
                vec![f("x"), k("99999999999999999999999")],
            ),
            ("é.ü[ß]", vec![f("é"), f("ü"), k("ß")]),
            ("a]b", vec![f("a]b")]),
        ] {
            assert_eq!(FieldPath::parse(text).0, segs, "{text}");
        }
        for n in [0, 7, 10, 1234567890, usize::MAX] {
            assert_eq!(decimal(n, &mut [0; 20]), n.to_string());
        }
    }

    #[test]
    fn missing_fields_resolve_to_the_nearest_parent() {
        let text = "spec:\n  containers:\n  - name: a\n";
        let d = parse_stream(text, Limits::default()).documents.remove(0);
        let (n, exact) = FieldPath::parse("spec.containers[0].image").resolve(&d, d.root);
        assert!(!exact);
        let s = d.label_span(n, text);
        assert_eq!(&text[s.start..s.end], "name: a");
        let (n, exact) = FieldPath::parse("spec.containers[0].name").resolve(&d, d.root);
        assert!(exact);
        assert_eq!(d.str(n), Some("a"));
    }
}
