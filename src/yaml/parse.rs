//! Event stream to spanned documents. Iterative (no recursion), so nesting depth cannot
//! overflow the stack; the depth and node limits turn hostile input into a `ParseError`.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle as PStyle, Span as PSpan};

use super::tree::{Document, Entry, Node, NodeId, NodeKind, Scalar, ScalarStyle, Span};

/// Bounds on what one stream may build.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes in one stream (keys, values and aliases).
    pub max_nodes: usize,
    /// Most nodes that aliases may add to one stream once expanded ("billion laughs"), counted
    /// over all its documents: every stage after parsing (the JSON view, the schema walk,
    /// `defaults`) visits a node as often as aliases repeat it, so a bound per document alone
    /// would let many documents each just under it cost without end. A scalar counts one node
    /// per 64 bytes of its text besides its own, so that long texts repeated by aliases are
    /// bounded in bytes too.
    pub max_alias_expansion: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 512,
            max_nodes: 20_000_000,
            max_alias_expansion: 1_000_000,
        }
    }
}

/// Malformed input, at the position the parser stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
}

/// A parsed stream: every document that parsed completely, then the error that stopped the
/// parser, if any (documents after an error are not seen, as in every YAML loader).
#[derive(Debug, Default)]
pub struct Stream {
    pub documents: Vec<Document>,
    pub error: Option<ParseError>,
}

/// Character index to byte offset. The parser counts characters; spans are bytes. The parser
/// may read a rewritten copy of the text ([`json_surrogates`]); offsets into the copy are moved
/// back to the text's own by `shifts`.
struct CharMap<'a> {
    /// The text as given: what spans index.
    text: &'a str,
    /// What the parser reads: `text` itself, or its rewritten copy.
    parsed: &'a str,
    ascii: bool,
    /// Byte offset in `parsed` of every `STEP`th character.
    checkpoints: Vec<usize>,
    /// `(offset in parsed, bytes the copy has lost before it)`, ascending: every offset from
    /// the first up to the next one is that many bytes further on in `text`.
    shifts: Vec<(usize, usize)>,
}

const STEP: usize = 64;

const OPEN: u64 = u64::MAX;

impl<'a> CharMap<'a> {
    fn new(text: &'a str, parsed: &'a str, shifts: Vec<(usize, usize)>) -> Self {
        let ascii = parsed.is_ascii();
        let checkpoints = if ascii {
            Vec::new()
        } else {
            parsed
                .char_indices()
                .step_by(STEP)
                .map(|(b, _)| b)
                .collect()
        };
        CharMap {
            text,
            parsed,
            ascii,
            checkpoints,
            shifts,
        }
    }

    fn byte(&self, char_index: usize) -> usize {
        let at = self.parsed_byte(char_index);
        if self.shifts.is_empty() {
            return at;
        }
        let i = self.shifts.partition_point(|(from, _)| *from <= at);
        let moved = at + i.checked_sub(1).map_or(0, |i| self.shifts[i].1);
        moved.min(self.text.len())
    }

    fn parsed_byte(&self, char_index: usize) -> usize {
        let text = self.parsed;
        if self.ascii {
            return char_index.min(text.len());
        }
        let Some(&base) = self.checkpoints.get(char_index / STEP) else {
            return text.len();
        };
        let skip = char_index % STEP;
        text[base..]
            .char_indices()
            .nth(skip)
            .map_or(text.len(), |(b, _)| base + b)
    }

    fn span(&self, s: &PSpan) -> Span {
        Span::new(self.byte(s.start.index()), self.byte(s.end.index()))
    }
}

/// A JSON text (its first character after white space and a byte order mark is `{`, the test
/// by which kubectl reads a file as JSON rather than YAML: apimachinery's
/// `yaml.NewYAMLOrJSONDecoder`) with UTF-16 surrogate escapes in its strings, which Go's JSON
/// decoder reads and the YAML parser refuses: `"\ud83d\ude00"` (Python's `json.dumps`
/// writes every character outside the BMP so) is the one character U+1F600, and a surrogate
/// without its pair is U+FFFD (source: encoding/json decode.go `unquote`, `utf16.DecodeRune`).
/// Returns the text with each pair written `\U0001f600` and each lone surrogate `\ufffd`,
/// which YAML reads alike, and the shifts back to the text's offsets ([`CharMap`]); `None`
/// when there is nothing to rewrite.
fn json_surrogates(text: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let body = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if !body.starts_with('{') || !text.contains("\\u") {
        return None;
    }
    let b = text.as_bytes();
    let unit = |at: usize| -> Option<u32> {
        let hex = b.get(at..at + 6)?;
        if hex[0] != b'\\' || hex[1] != b'u' || !hex[2..].iter().all(u8::is_ascii_hexdigit) {
            return None;
        }
        u32::from_str_radix(std::str::from_utf8(&hex[2..]).ok()?, 16).ok()
    };
    let (mut out, mut shifts) = (String::new(), Vec::new());
    let (mut copied, mut in_string, mut i) = (0, false, 0);
    while i < b.len() {
        match b[i] {
            b'"' => in_string = !in_string,
            b'\\' if in_string => {
                let Some(u) = unit(i).filter(|u| (0xd800..0xe000).contains(u)) else {
                    i += 2;
                    continue;
                };
                out.push_str(&text[copied..i]);
                let low = unit(i + 6).filter(|l| (0xdc00..0xe000).contains(l));
                match low {
                    Some(l) if u < 0xdc00 => {
                        let c = 0x10000 + ((u - 0xd800) << 10) + (l - 0xdc00);
                        out.push_str(&format!("\\U{c:08x}"));
                        i += 12;
                        shifts.push((out.len(), i - out.len()));
                    }
                    _ => {
                        out.push_str("\\ufffd");
                        i += 6;
                    }
                }
                copied = i;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&text[copied..]);
    Some((out, shifts))
}

enum Frame {
    Seq {
        id: NodeId,
        items: Vec<NodeId>,
        flow: bool,
    },
    Map {
        id: NodeId,
        entries: Vec<Entry>,
        key: Option<NodeId>,
        flow: bool,
    },
}

struct Builder<'a> {
    map: CharMap<'a>,
    limits: Limits,
    nodes: Vec<Node>,
    /// Expanded size of each finished node (aliases counted as what they stand for);
    /// `OPEN` while a collection is still being built.
    sizes: Vec<u64>,
    stack: Vec<Frame>,
    anchors: HashMap<usize, NodeId>,
    root: Option<NodeId>,
    doc_start: usize,
    total_nodes: usize,
    /// Nodes that aliases added to the documents finished so far.
    expanded: u64,
    /// The weight of the nodes of the open document as written ([`text_weight`] for a
    /// scalar, 1 for any other node).
    doc_weight: u64,
}

/// What a scalar counts for in the alias expansion limit: one node, and one more per 64 bytes
/// of its text, so that aliases of a long text (a megabyte repeated a thousand times) are
/// bounded by the bytes they make every later stage copy, not only by their number.
fn text_weight(text: &str) -> u64 {
    1 + text.len() as u64 / 64
}

impl Builder<'_> {
    fn push(&mut self, span: Span, kind: NodeKind) -> Result<NodeId, String> {
        self.total_nodes += 1;
        if self.total_nodes > self.limits.max_nodes {
            return Err(format!(
                "more than {} YAML nodes in one file (raise --max-nodes to allow it)",
                self.limits.max_nodes
            ));
        }
        let id = NodeId::try_from(self.nodes.len()).map_err(|_| "document too large")?;
        let size = match &kind {
            NodeKind::Scalar(s) => text_weight(&s.text),
            NodeKind::Alias(target) => match self.sizes[*target as usize] {
                OPEN => return Err("an alias refers to a collection that contains it".into()),
                n => n,
            },
            _ => OPEN,
        };
        // What the node weighs where it is written (an alias: itself; what it expands to
        // counts as expansion).
        self.doc_weight += if matches!(kind, NodeKind::Alias(_)) || size == OPEN {
            1
        } else {
            size
        };
        self.nodes.push(Node {
            span,
            kind,
            key: None,
        });
        self.sizes.push(size);
        Ok(id)
    }

    fn anchor(&mut self, anchor: usize, id: NodeId) {
        if anchor > 0 {
            self.anchors.insert(anchor, id);
        }
    }

    /// Hangs a finished node under the open collection, or makes it the root.
    fn attach(&mut self, id: NodeId) {
        match self.stack.last_mut() {
            None => self.root = Some(id),
            Some(Frame::Seq { items, .. }) => items.push(id),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(id),
                Some(k) => {
                    entries.push(Entry { key: k, value: id });
                    self.nodes[id as usize].key = Some(k);
                }
            },
        }
    }

    fn open(&mut self, span: Span, seq: bool) -> Result<NodeId, String> {
        if self.stack.len() >= self.limits.max_depth {
            return Err(format!(
                "nesting deeper than {} levels (raise --max-depth to allow it)",
                self.limits.max_depth
            ));
        }
        let flow = matches!(self.map.text.as_bytes().get(span.start), Some(b'[' | b'{'));
        let kind = if seq {
            NodeKind::Seq(Vec::new())
        } else {
            NodeKind::Map(Vec::new())
        };
        let id = self.push(span, kind)?;
        self.stack.push(if seq {
            Frame::Seq {
                id,
                items: Vec::new(),
                flow,
            }
        } else {
            Frame::Map {
                id,
                entries: Vec::new(),
                key: None,
                flow,
            }
        });
        Ok(id)
    }

    fn close(&mut self, end: Span) {
        let Some(frame) = self.stack.pop() else {
            return;
        };
        let (id, kind, last, flow) = match frame {
            Frame::Seq { id, items, flow } => {
                let last = items.last().copied();
                (id, NodeKind::Seq(items), last, flow)
            }
            Frame::Map {
                id, entries, flow, ..
            } => {
                let last = entries.last().map(|e| e.value);
                (id, NodeKind::Map(entries), last, flow)
            }
        };
        let node_end = if flow {
            end.end
        } else {
            last.map_or(end.start, |l| self.nodes[l as usize].span.end)
        };
        let children: &[NodeId] = match &kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        };
        let mut size = 1u64;
        for c in children {
            size = size.saturating_add(self.sizes[*c as usize]);
        }
        if let NodeKind::Map(entries) = &kind {
            for e in entries {
                size = size
                    .saturating_add(self.sizes[e.key as usize])
                    .saturating_add(self.sizes[e.value as usize]);
            }
        }
        // A size that saturates stays below `OPEN`: a collection expanding past 2^64 nodes is
        // over the expansion limit, not a collection that contains itself.
        self.sizes[id as usize] = size.min(OPEN - 1);
        let node = &mut self.nodes[id as usize];
        node.kind = kind;
        node.span.end = node_end.max(node.span.start);
        self.attach(id);
    }
}

fn style(s: PStyle) -> ScalarStyle {
    match s {
        PStyle::Plain => ScalarStyle::Plain,
        PStyle::SingleQuoted | PStyle::DoubleQuoted => ScalarStyle::Quoted,
        _ => ScalarStyle::Block,
    }
}

/// Parses a whole stream (`---`-separated documents; JSON is YAML too).
pub fn parse_stream(text: &str, limits: Limits) -> Stream {
    let rewritten = json_surrogates(text);
    let (parsed, shifts) = match &rewritten {
        Some((copy, shifts)) => (copy.as_str(), shifts.clone()),
        None => (text, Vec::new()),
    };
    let mut b = Builder {
        map: CharMap::new(text, parsed, shifts),
        limits,
        nodes: Vec::new(),
        sizes: Vec::new(),
        stack: Vec::new(),
        anchors: HashMap::new(),
        root: None,
        doc_start: 0,
        total_nodes: 0,
        expanded: 0,
        doc_weight: 0,
    };
    let mut out = Stream::default();
    let mut parser = Parser::new_from_str(parsed);
    loop {
        let (event, pspan) = match parser.next_event() {
            None => break,
            Some(Ok(ev)) => ev,
            Some(Err(e)) => {
                let at = b.map.byte(e.marker().index());
                let message = match e.info() {
                    // saphyr counts flow levels in a u8.
                    "recursion limit exceeded" => {
                        "flow collections (`[ ]`, `{ }`) nested deeper than 255 levels, the YAML parser's limit".to_string()
                    }
                    info => info.to_string(),
                };
                out.error = Some(ParseError {
                    message,
                    span: Span::new(at, next_char_end(text, at)),
                });
                break;
            }
        };
        let span = b.map.span(&pspan);
        let step = match event {
            Event::StreamStart | Event::StreamEnd | Event::Nothing => Ok(()),
            Event::DocumentStart(_) => {
                b.nodes = Vec::new();
                b.sizes.clear();
                b.doc_weight = 0;
                b.anchors.clear();
                b.root = None;
                b.doc_start = span.start;
                Ok(())
            }
            Event::DocumentEnd => match b.root.take() {
                Some(root)
                    if b.expanded.saturating_add(
                        b.sizes[root as usize].saturating_sub(b.doc_weight),
                    ) > b.limits.max_alias_expansion =>
                {
                    Err(format!(
                        "aliases expand this file by more than {} nodes, a scalar counting one per 64 bytes of its text (raise --max-alias-expansion to allow it)",
                        b.limits.max_alias_expansion
                    ))
                }
                Some(root) => {
                    b.expanded += b.sizes[root as usize].saturating_sub(b.doc_weight);
                    let end = b.nodes[root as usize].span.end;
                    let mut nodes = std::mem::take(&mut b.nodes);
                    // Every parsed document stays in memory for the whole run: no slack.
                    nodes.shrink_to_fit();
                    out.documents.push(Document::new(
                        nodes,
                        root,
                        out.documents.len(),
                        Span::new(b.doc_start, end),
                    ));
                    Ok(())
                }
                None => Ok(()),
            },
            Event::Scalar(value, st, anchor, tag) => {
                // The parser ends a quoted scalar where it stopped scanning, which can be past
                // the spaces and comment after the closing quote: end at that quote.
                let span = match st {
                    PStyle::SingleQuoted | PStyle::DoubleQuoted => {
                        Span::new(span.start, quoted_end(text, span.start).unwrap_or(span.end))
                    }
                    _ => span,
                };
                let tag = tag.map(|t| {
                    let suffix = super::scalar::decode_tag_escapes(&t.suffix);
                    if t.is_yaml_core_schema() {
                        format!("!!{suffix}").into_boxed_str()
                    } else {
                        format!("{}{suffix}", t.handle).into_boxed_str()
                    }
                });
                // A `!!binary` scalar is the text its base64 encodes, as go-yaml reads it
                // (`kind: !!binary U2VjcmV0` is a Secret to kubectl); kept as written when it
                // does not decode to text.
                let binary = tag
                    .as_deref()
                    .is_some_and(|t| t == "!!binary" || t.ends_with("tag:yaml.org,2002:binary"));
                let text = match binary.then(|| super::scalar::decode_binary(&value)) {
                    Some(Some(decoded)) => decoded.into_boxed_str(),
                    _ => Box::from(&*value),
                };
                b.push(
                    span,
                    NodeKind::Scalar(Scalar {
                        text,
                        style: style(st),
                        tag,
                    }),
                )
                .map(|id| {
                    b.anchor(anchor, id);
                    b.attach(id);
                })
            }
            Event::Alias(anchor) => match b.anchors.get(&anchor).copied() {
                Some(target) => b.push(span, NodeKind::Alias(target)).map(|id| b.attach(id)),
                None => Err("alias to an unknown anchor".to_string()),
            },
            Event::SequenceStart(anchor, _) => b.open(span, true).map(|id| b.anchor(anchor, id)),
            Event::MappingStart(anchor, _) => b.open(span, false).map(|id| b.anchor(anchor, id)),
            Event::SequenceEnd | Event::MappingEnd => {
                b.close(span);
                Ok(())
            }
        };
        if let Err(message) = step {
            out.error = Some(ParseError {
                message,
                span: Span::new(span.start, next_char_end(text, span.start)),
            });
            break;
        }
    }
    out
}

/// The end of the quoted scalar starting at `start` (just past its closing quote), if the
/// text there is one: `''` is an escaped quote in single quotes, `\"` in double quotes.
fn quoted_end(text: &str, start: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let quote = *bytes.get(start)?;
    if quote != b'\'' && quote != b'"' {
        return None;
    }
    let mut i = start + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if quote == b'"' => i += 2,
            b'\'' if quote == b'\'' && bytes.get(i + 1) == Some(&b'\'') => i += 2,
            b if b == quote => return Some(i + 1),
            _ => i += 1,
        }
    }
    None
}

/// End of the character at `at` (a one-character span), or `at` at the end of the text.
fn next_char_end(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text[at..].chars().next().map_or(at, |c| at + c.len_utf8())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Document {
        let s = parse_stream(text, Limits::default());
        assert!(s.error.is_none(), "{:?}", s.error);
        s.documents.into_iter().next().unwrap()
    }

    #[test]
    fn every_key_and_value_has_its_span() {
        let text = "kind: Pod\nspec:\n  containers:\n    - name: web\n      image: 'nginx:1'\n";
        let d = doc(text);
        let spec = d.get(d.root, "spec").unwrap();
        let c = d.items(d.get(spec, "containers").unwrap())[0];
        let image = d.entry(c, "image").unwrap();
        let s = d.node(image.value).span;
        assert_eq!(&text[s.start..s.end], "'nginx:1'");
        let k = d.node(image.key).span;
        assert_eq!(&text[k.start..k.end], "image");
    }

    #[test]
    fn a_quoted_scalar_ends_at_its_closing_quote_not_at_the_comment() {
        let text = "a: 'x '' y'   # one\nb: \"v \\\" w\"  # two\nc: \"z\"\n";
        let d = &parse_stream(text, Limits::default()).documents[0];
        for (key, value) in [("a", "'x '' y'"), ("b", "\"v \\\" w\""), ("c", "\"z\"")] {
            let s = d.node(d.get(d.root, key).unwrap()).span;
            assert_eq!(&text[s.start..s.end], value);
        }
    }

    #[test]
    fn non_ascii_before_a_node_keeps_byte_spans_right() {
        let text = "a: \"ünïcödé\"\nb: zz\n";
        let d = doc(text);
        let s = d.node(d.get(d.root, "b").unwrap()).span;
        assert_eq!(&text[s.start..s.end], "zz");
    }

    #[test]
    fn json_surrogate_escapes_read_as_go_reads_them_with_spans_in_the_text() {
        // source: encoding/json decode.go unquote: a pair is one character, a surrogate
        // without its pair U+FFFD; python3 -c 'import json; print(json.dumps("\U0001F600"))'
        let text = "\u{feff} {\"a\": \"x \\ud83d\\ude00 \\ud83d\\ude00 y\", \"b\": \"\\udc00\\ud83d!\",\n \"c\": \"\\\\ud83d\", \"é\": \"\\uD83D\\uDE00\", \"d\": zz}\n";
        let d = doc(text);
        assert_eq!(d.get_str(d.root, "a"), Some("x 😀 😀 y"));
        assert_eq!(d.get_str(d.root, "b"), Some("\u{fffd}\u{fffd}!"));
        assert_eq!(d.get_str(d.root, "c"), Some("\\ud83d"));
        assert_eq!(d.get_str(d.root, "é"), Some("😀"));
        for (key, raw) in [("a", "\"x \\ud83d\\ude00 \\ud83d\\ude00 y\""), ("d", "zz")] {
            let s = d.node(d.get(d.root, key).unwrap()).span;
            assert_eq!(&text[s.start..s.end], raw);
        }
        let e = d.entry(d.root, "é").unwrap();
        let s = d.node(e.key).span;
        assert_eq!(&text[s.start..s.end], "\"é\"");
        // YAML is read by a YAML parser (go-yaml refuses these escapes too), and so is a
        // parse error after a rewritten pair, at its place in the text.
        assert!(parse_stream("a: \"\\ud83d\\ude00\"\n", Limits::default())
            .error
            .is_some());
        let text = "{\"a\": \"\\ud83d\\ude00\", \"b\": [}";
        let e = parse_stream(text, Limits::default()).error.unwrap();
        assert_eq!(&text[e.span.start..e.span.end], "}");
    }

    #[test]
    fn streams_split_into_documents_and_errors_stop_with_a_span() {
        let text = "a: 1\n---\nb: 2\n---\nc: [1, 2\n";
        let s = parse_stream(text, Limits::default());
        assert_eq!(s.documents.len(), 2);
        let e = s.error.unwrap();
        assert!(e.span.start >= text.find("c:").unwrap(), "{e:?}");
    }

    #[test]
    fn depth_limit_is_an_error_not_a_crash() {
        // Flow collections hit the parser's own recursion limit first.
        let text = "[".repeat(100_000);
        let s = parse_stream(&text, Limits::default());
        assert!(s.error.unwrap().message.contains("nested deeper than 255"));
        let block: String = (0..2000)
            .map(|i| format!("{}a:\n", "  ".repeat(i)))
            .collect();
        let s = parse_stream(&block, Limits::default());
        assert!(s.error.unwrap().message.contains("nesting deeper than 512"));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            text.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let s = parse_stream(&text, Limits::default());
        assert!(s.documents.is_empty());
        assert!(s.error.unwrap().message.contains("aliases expand"));
    }

    #[test]
    fn expansion_past_two_to_the_64_is_over_the_limit() {
        // Each level merges the one before twice: 2^70 nodes once expanded.
        let mut text = String::from("a0: &a0 {q: v}\n");
        for i in 1..=70 {
            text.push_str(&format!(
                "a{i}: &a{i} {{<<: [*a{p}, *a{p}], q{i}: v}}\n",
                p = i - 1
            ));
        }
        let s = parse_stream(&text, Limits::default());
        let message = s.error.unwrap().message;
        assert!(message.contains("aliases expand"), "{message}");
    }

    #[test]
    fn alias_expansion_is_bounded_over_the_whole_stream() {
        // Each document adds 120 nodes through its aliases (12 of a 10-item list): 8 fit under
        // 1,000, the 9th not.
        let doc = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n";
        let limits = Limits {
            max_alias_expansion: 1_000,
            ..Limits::default()
        };
        let s = parse_stream(&[doc; 8].join("---\n"), limits);
        assert_eq!((s.documents.len(), s.error), (8, None));
        let s = parse_stream(&[doc; 9].join("---\n"), limits);
        assert_eq!(s.documents.len(), 8);
        assert!(s
            .error
            .unwrap()
            .message
            .contains("aliases expand this file"));
    }

    #[test]
    fn aliases_are_not_copied() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 0..4 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("l{}", i - 1)
            };
            text.push_str(&format!("l{i}: &l{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let d = doc(&text);
        assert!(d.nodes.len() < 1000);
    }

    /// A large mapping's keys are looked up through its sorted index: the same answers as in a
    /// small one (the last of repeated keys, merge keys filling in, quoted `<<` a plain key).
    #[test]
    fn large_mappings_answer_as_small_ones() {
        for n in [3, 200] {
            let mut text = String::from("base: &b {m: merged, k1: from-merge}\nmap:\n  <<: *b\n");
            for i in 0..n {
                text.push_str(&format!("  k{i}: v{i}\n"));
            }
            text.push_str("  k1: again\n  '<<': quoted\n  ? [complex]\n  : x\n");
            let d = doc(&text);
            let map = d.get(d.root, "map").unwrap();
            let value = |k: &str| d.get(map, k).and_then(|v| d.str(v));
            assert_eq!(value("k0"), Some("v0"), "{n}");
            assert_eq!(value("k1"), Some("again"), "{n}");
            assert_eq!(value("k2"), Some("v2"), "{n}");
            assert_eq!(value("m"), Some("merged"), "{n}");
            assert_eq!(value("<<"), Some("quoted"), "{n}");
            assert_eq!(value("missing"), None, "{n}");
            assert_eq!(value(""), None, "{n}");
        }
    }
}
