//! The spanned YAML tree: one arena of nodes per document, every key and value with its span.

use super::scalar::{resolve, Resolved};

/// A byte range in the source text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
}

pub type NodeId = u32;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    Quoted,
    Block,
}

#[derive(Debug, Clone)]
pub struct Scalar {
    pub text: Box<str>,
    pub style: ScalarStyle,
    /// The short tag (`!!str`), when the source gave one.
    pub tag: Option<Box<str>>,
}

impl Scalar {
    /// The value as `sigs.k8s.io/yaml` would turn it into JSON.
    pub fn resolve(&self) -> Resolved<'_> {
        let typed = self.style == ScalarStyle::Plain
            && self
                .tag
                .as_deref()
                .is_none_or(|t| t != "!!str" && t != "!!binary");
        if typed {
            resolve(&self.text)
        } else {
            Resolved::Str(&self.text)
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub key: NodeId,
    pub value: NodeId,
}

#[derive(Debug, Clone)]
pub enum NodeKind {
    Scalar(Scalar),
    Seq(Vec<NodeId>),
    Map(Vec<Entry>),
    /// An alias: the anchored node it refers to. Aliases are never copied into the tree, so
    /// an alias bomb costs one node per alias here; expansion is counted where it happens.
    Alias(NodeId),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
    /// The key this node is the value of, when it is a mapping value.
    pub key: Option<NodeId>,
}

/// One YAML document of a stream.
#[derive(Debug, Clone)]
pub struct Document {
    pub nodes: Vec<Node>,
    pub root: NodeId,
    /// Index of this document in its stream, 0-based.
    pub index: usize,
    pub span: Span,
    /// The entries of each large mapping sorted by key (see [`Document::new`]).
    large_maps: std::collections::HashMap<NodeId, Box<[u32]>>,
}

/// How many merged mappings one key lookup looks into (see [`Document::entry`]).
pub const MERGE_VISITS: usize = 128;

/// A mapping with at least this many entries gets a sorted key index: without one, a rule
/// that looks up each of its keys (a finding on each of 100,000 label keys) takes time
/// quadratic in its size.
const LARGE_MAP: usize = 64;

impl Document {
    /// A document of `nodes`, with its large mappings' keys indexed.
    pub fn new(nodes: Vec<Node>, root: NodeId, index: usize, span: Span) -> Document {
        let mut doc = Document {
            nodes,
            root,
            index,
            span,
            large_maps: std::collections::HashMap::new(),
        };
        for id in 0..doc.nodes.len() {
            let NodeKind::Map(entries) = &doc.nodes[id].kind else {
                continue;
            };
            if entries.len() < LARGE_MAP {
                continue;
            }
            let mut order: Vec<u32> = (0..entries.len() as u32).collect();
            // By key text, then position: the last of equal keys is the one a lookup takes.
            order.sort_by(|a, b| {
                let key = |i: &u32| doc.key_text(entries[*i as usize].key);
                key(a).cmp(&key(b)).then(a.cmp(b))
            });
            doc.large_maps
                .insert(id as NodeId, order.into_boxed_slice());
        }
        doc
    }

    /// A mapping key's text as lookups compare it (`None` for a complex key).
    fn key_text(&self, key: NodeId) -> Option<&str> {
        self.scalar(key).map(|k| &*k.text)
    }

    /// The last entry of `key` in the large mapping `id` through its index, and whether the
    /// mapping has merge keys.
    fn indexed_entry(&self, id: NodeId, order: &[u32], key: &str) -> (Option<Entry>, bool) {
        let entries = self.entries(id);
        let text = |i: u32| self.key_text(entries[i as usize].key);
        // The entries whose key is `key`, in document order.
        let equal = |key: &str| {
            let start = order.partition_point(|i| text(*i) < Some(key));
            let end = order.partition_point(|i| text(*i) <= Some(key));
            &order[start..end]
        };
        let found = equal(key).last().map(|i| entries[*i as usize]);
        let merges = equal("<<").iter().any(|i| {
            self.scalar(entries[*i as usize].key)
                .is_some_and(|k| k.style == ScalarStyle::Plain)
        });
        (found, merges)
    }

    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id as usize]
    }

    /// Follows aliases to the node they stand for.
    pub fn deref(&self, id: NodeId) -> NodeId {
        let mut id = id;
        // Aliases always point backwards to a finished node, so this terminates; the bound
        // is belt and braces.
        for _ in 0..64 {
            match self.node(id).kind {
                NodeKind::Alias(target) => id = target,
                _ => break,
            }
        }
        id
    }

    /// The node `id` stands for: itself, or what its aliases lead to. Most nodes are not
    /// aliases, so the common case is one lookup (the lookups below ask for every key).
    #[inline]
    fn target(&self, id: NodeId) -> &Node {
        let node = self.node(id);
        match node.kind {
            NodeKind::Alias(_) => self.node(self.deref(id)),
            _ => node,
        }
    }

    pub fn scalar(&self, id: NodeId) -> Option<&Scalar> {
        match &self.target(id).kind {
            NodeKind::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a scalar node, whatever its resolved type.
    pub fn str(&self, id: NodeId) -> Option<&str> {
        self.scalar(id).map(|s| &*s.text)
    }

    pub fn entries(&self, id: NodeId) -> &[Entry] {
        match &self.target(id).kind {
            NodeKind::Map(e) => e,
            _ => &[],
        }
    }

    /// The entries of a mapping as the JSON conversion sees them: its own entries (merge keys
    /// left out), then those it inherits through merge keys (`<<: *base`, or a list of them,
    /// earlier ones first, each with what it inherits itself) that no mapping before gave,
    /// each where its text is written. Borrowed when the mapping has no merge key (almost
    /// always). Looks into at most [`MERGE_VISITS`] merged mappings.
    pub fn effective_entries(&self, id: NodeId) -> std::borrow::Cow<'_, [Entry]> {
        let own = self.entries(id);
        if !own.iter().any(|e| self.is_merge_key(e.key)) {
            return std::borrow::Cow::Borrowed(own);
        }
        let id = self.deref(id);
        let mut out: Vec<Entry> = Vec::with_capacity(own.len());
        let mut keys: std::collections::HashSet<&str> = std::collections::HashSet::new();
        let mut visits = MERGE_VISITS;
        let mut seen = std::collections::HashSet::new();
        // Depth first, earlier sources first: the order in which they take precedence.
        let mut stack = vec![id];
        while let Some(map) = stack.pop() {
            if !seen.insert(map) {
                continue;
            }
            let inherited = map != id;
            let mut merged = Vec::new();
            let from = out.len();
            for e in self.entries(map) {
                if self.is_merge_key(e.key) {
                    let v = self.deref(e.value);
                    if self.is_seq(v) {
                        merged.extend(self.items(v).iter().map(|i| self.deref(*i)));
                    } else {
                        merged.push(v);
                    }
                    continue;
                }
                // The mapping's own entries all count (a repeated key is the rules'
                // business); an inherited one only when no mapping before gave its key.
                if inherited && self.str(e.key).is_some_and(|k| keys.contains(k)) {
                    continue;
                }
                out.push(*e);
            }
            keys.extend(out[from..].iter().filter_map(|e| self.str(e.key)));
            let next: Vec<NodeId> = merged
                .into_iter()
                .filter(|m| self.is_map(*m))
                .take(visits)
                .collect();
            visits -= next.len();
            stack.extend(next.into_iter().rev());
        }
        std::borrow::Cow::Owned(out)
    }

    /// Whether `key` is a merge key (a plain `<<`).
    fn is_merge_key(&self, key: NodeId) -> bool {
        self.scalar(key)
            .is_some_and(|k| k.style == ScalarStyle::Plain && &*k.text == "<<")
    }

    pub fn items(&self, id: NodeId) -> &[NodeId] {
        match &self.target(id).kind {
            NodeKind::Seq(items) => items,
            _ => &[],
        }
    }

    pub fn is_map(&self, id: NodeId) -> bool {
        matches!(self.target(id).kind, NodeKind::Map(_))
    }

    pub fn is_seq(&self, id: NodeId) -> bool {
        matches!(self.target(id).kind, NodeKind::Seq(_))
    }

    /// The entry of mapping `id` whose key is `key` (the last one if the key is repeated,
    /// as the JSON decoders the API server uses keep the last).
    ///
    /// A key the mapping lacks is looked up in its merge keys (`<<: *base`, or a list of them,
    /// earlier ones first), as the JSON conversion applies them; the entry found is where the
    /// inherited text is written.
    ///
    /// A lookup looks into at most [`MERGE_VISITS`] merged mappings: a chain that long is
    /// followed to its end, and mappings that merge others many times over cannot make one
    /// lookup cost more.
    pub fn entry(&self, id: NodeId, key: &str) -> Option<Entry> {
        let mut visits = MERGE_VISITS;
        self.entry_at(self.deref(id), key, &mut visits)
    }

    fn entry_at(&self, id: NodeId, key: &str, visits: &mut usize) -> Option<Entry> {
        let entries = self.entries(id);
        let mut merges = false;
        let indexed = if entries.len() >= LARGE_MAP {
            self.large_maps.get(&id)
        } else {
            None
        };
        if let Some(order) = indexed {
            let (found, m) = self.indexed_entry(id, order, key);
            if found.is_some() {
                return found;
            }
            merges = m;
        } else {
            // One pass finds the key and notes whether there are merge keys to look into.
            // Lengths and first bytes are compared before whole texts: most keys differ there.
            let wanted = key.as_bytes();
            for e in entries.iter().rev() {
                // Keys are scalars, rarely aliases: look the node up once.
                let k = match &self.node(e.key).kind {
                    NodeKind::Scalar(k) => k,
                    NodeKind::Alias(_) => match self.scalar(e.key) {
                        Some(k) => k,
                        None => continue,
                    },
                    _ => continue,
                };
                let text = k.text.as_bytes();
                if text.len() == wanted.len() && same_bytes(text, wanted) {
                    return Some(*e);
                }
                merges |= text.len() == 2 && text == b"<<" && k.style == ScalarStyle::Plain;
            }
        }
        if !merges || *visits == 0 {
            return None;
        }
        for e in entries {
            let merge = self
                .scalar(e.key)
                .is_some_and(|k| k.style == ScalarStyle::Plain && &*k.text == "<<");
            if !merge {
                continue;
            }
            let v = self.deref(e.value);
            let sources: Vec<NodeId> = if self.is_seq(v) {
                self.items(v).to_vec()
            } else {
                vec![v]
            };
            for src in sources {
                if *visits == 0 {
                    return None;
                }
                *visits -= 1;
                if let Some(found) = self.entry_at(self.deref(src), key, visits) {
                    return Some(found);
                }
            }
        }
        None
    }

    pub fn get(&self, id: NodeId, key: &str) -> Option<NodeId> {
        self.entry(id, key).map(|e| e.value)
    }

    /// A string field of a mapping (only when the value resolves to a string).
    pub fn get_str(&self, id: NodeId, key: &str) -> Option<&str> {
        let v = self.get(id, key)?;
        match self.scalar(v)?.resolve() {
            Resolved::Str(s) => Some(s),
            _ => None,
        }
    }

    pub fn is_null(&self, id: NodeId) -> bool {
        self.scalar(id)
            .is_some_and(|s| matches!(s.resolve(), Resolved::Null))
    }

    /// The span to point at for this node: a scalar's own text; for a mapping or a sequence,
    /// the key it is the value of, or else its first line, never the whole block.
    pub fn label_span(&self, id: NodeId, text: &str) -> Span {
        let node = self.node(id);
        match node.kind {
            NodeKind::Scalar(_) | NodeKind::Alias(_) => node.span,
            _ => {
                if let Some(key) = node.key {
                    return self.node(key).span;
                }
                first_line(node.span, text)
            }
        }
    }
}

/// Whether two byte strings of the same length are equal: keys of up to 16 bytes (most
/// field names) as two overlapping words each, without a call to `memcmp`.
#[inline]
fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    debug_assert_eq!(a.len(), b.len());
    let n = a.len();
    let word = |s: &[u8], at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&s[at..at + 8]);
        u64::from_le_bytes(w)
    };
    let half = |s: &[u8], at: usize| {
        let mut w = [0u8; 4];
        w.copy_from_slice(&s[at..at + 4]);
        u32::from_le_bytes(w)
    };
    match n {
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => a == b,
    }
}

/// `span` cut at the end of its first line, trailing spaces dropped.
pub(crate) fn first_line(span: Span, text: &str) -> Span {
    let end = span.end.min(text.len());
    let start = span.start.min(end);
    let slice = &text.as_bytes()[start..end];
    let mut cut = slice
        .iter()
        .position(|b| *b == b'\n' || *b == b'\r')
        .map_or(end, |i| start + i);
    while cut > start && matches!(text.as_bytes()[cut - 1], b' ' | b'\t') {
        cut -= 1;
    }
    Span::new(start, cut)
}
