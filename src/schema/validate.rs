//! The validator: walks a spanned YAML node against a schema (the OpenAPI-derived subset that
//! Kubernetes uses: `type`, `$ref`, `properties`, `additionalProperties`, `items`,
//! `required`, `enum`, `format`, `oneOf`/`anyOf`, and the `x-kubernetes-*` extensions), so that
//! each violation names the exact key or value. Typing follows the YAML the API client
//! sends (see `yaml::Resolved`).

use serde_json::Value;

use super::catalog::Schemas;
use super::hash::NameHash;
use crate::config::edit_distance;
use crate::yaml::{Document, FieldPath, NodeId, NodeKind, Resolved, Segment};

#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// A field the type does not have.
    UnknownField {
        field: String,
        suggestion: Option<String>,
    },
    /// A value of the wrong JSON type; `go_type` is the Go type the API server decodes into.
    WrongType {
        expected: String,
        found: &'static str,
        go_type: String,
    },
    /// A required field is missing.
    Required { field: String },
    /// A string outside the allowed values.
    NotInEnum { value: String, allowed: Vec<String> },
    /// An integer too large for its Go type.
    OutOfRange { value: String, go_type: String },
    /// A string that is not a Kubernetes quantity (`5GB`), with the decoder's reason.
    BadQuantity { value: String, reason: String },
    /// A `format: byte` string (a Secret's `data` value) that is not standard base64: the
    /// offset of the first byte the decoder refuses. Never the value: it may be a secret.
    BadBase64 { at: usize },
    /// An integer outside what the API server's validation allows (`replicas: -1`).
    OutOfBounds {
        value: i64,
        min: i64,
        max: Option<i64>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    /// The field, relative to the validated object.
    pub path: FieldPath,
    /// Whether the key (not the value) is at fault.
    pub at_key: bool,
    /// The Go struct that holds the field (`ContainerPort`), for decode errors.
    pub owner: String,
    pub kind: ViolationKind,
}

/// Looks a `$ref` up.
pub type Resolver<'a> = &'a dyn Fn(&str) -> Option<&'a Value>;

struct Walk<'d, 's, 'r> {
    doc: &'d Document,
    /// What the walk reads of the schemas, read now or kept from before (see [`Graph`]).
    graph: &'r mut Graph<'s>,
    resolve: &'r dyn Fn(&str) -> Option<&'s Value>,
    out: Vec<Violation>,
    /// The field being walked: one path of names borrowed from the document, extended and
    /// shortened on the way, made into a [`FieldPath`] only for a violation.
    path: Vec<Step<'d>>,
}

/// A segment of the walk's path, borrowing the document's keys.
#[derive(Clone, Copy)]
enum Step<'d> {
    Field(&'d str),
    Key(&'d str),
    Index(usize),
}

impl<'d> Walk<'d, '_, '_> {
    /// The path walked so far, as a finding carries it.
    fn field_path(&self) -> FieldPath {
        FieldPath(
            self.path
                .iter()
                .map(|s| match *s {
                    Step::Field(f) => Segment::Field(f.to_string().into()),
                    Step::Key(k) => Segment::Key(k.to_string().into()),
                    Step::Index(i) => Segment::Index(i),
                })
                .collect(),
        )
    }

    /// The last field name of the path, skipping list indices and map keys
    /// (`accessModes[0]` → `accessModes`).
    fn last_field(&self) -> &'d str {
        self.path
            .iter()
            .rev()
            .find_map(|s| match *s {
                Step::Field(f) => Some(f),
                _ => None,
            })
            .unwrap_or("")
    }
}

/// Validates the node `root` of `doc` against `schema` (an object's definition, or a CRD
/// version's `openAPIV3Schema`). `skip_root` names root fields checked elsewhere
/// (`apiVersion`, `kind`).
pub fn validate<'a>(
    doc: &'a Document,
    root: NodeId,
    schema: &'a Value,
    owner: &str,
    resolve: Resolver<'a>,
    skip_root: &[&str],
) -> Vec<Violation> {
    walk(
        doc,
        root,
        schema,
        owner,
        &mut Graph::default(),
        resolve,
        skip_root,
    )
}

/// [`validate`] against the embedded catalog's schemas of one version, which are never freed:
/// what the walk reads of each schema is read once per thread and kept in that version's
/// [`Graph`] (a definition's text, so its address, may be shared by versions whose `$ref`s
/// lead to different definitions).
pub fn validate_built_in(
    doc: &Document,
    root: NodeId,
    schema: &'static Value,
    owner: &str,
    schemas: &Schemas<'static>,
    skip_root: &[&str],
) -> Vec<Violation> {
    let resolve = |r: &str| schemas.definition(r);
    let version = schemas.version_index();
    GRAPHS.with(|graphs| {
        let mut graphs = graphs.borrow_mut();
        if graphs.len() <= version {
            graphs.resize_with(version + 1, Graph::default);
        }
        walk(
            doc,
            root,
            schema,
            owner,
            &mut graphs[version],
            &resolve,
            skip_root,
        )
    })
}

fn walk<'s>(
    doc: &Document,
    root: NodeId,
    schema: &'s Value,
    owner: &str,
    graph: &mut Graph<'s>,
    resolve: &dyn Fn(&str) -> Option<&'s Value>,
    skip_root: &[&str],
) -> Vec<Violation> {
    let at = graph.compile(schema, resolve);
    let mut w = Walk {
        doc,
        graph,
        resolve,
        out: Vec::new(),
        path: Vec::with_capacity(16),
    };
    w.node(root, at, owner, skip_root, 0);
    w.out
}

fn short_name(def: &str) -> &str {
    def.rsplit('.').next().unwrap_or(def)
}

/// `io.k8s.api.core.v1.PodSpec` → `v1.PodSpec`, as Go prints a type.
fn go_name(def: &str) -> String {
    let mut it = def.rsplit('.');
    match (it.next(), it.next()) {
        (Some(t), Some(pkg)) => format!("{pkg}.{t}"),
        _ => def.to_string(),
    }
}

/// The JSON types a schema allows (its own, its `oneOf`/`anyOf` alternatives', int-or-string),
/// without allocating: asked at every node of every object.
#[derive(Default, Clone, Copy)]
struct Types<'a> {
    names: [&'a str; 8],
    len: usize,
}

impl<'a> Types<'a> {
    fn push(&mut self, t: &'a str) {
        // Kubernetes schemas name at most a few types; more would only repeat them.
        if self.len < self.names.len() && !self.contains(t) {
            self.names[self.len] = t;
            self.len += 1;
        }
    }

    fn as_slice(&self) -> &[&'a str] {
        &self.names[..self.len]
    }

    fn contains(&self, t: &str) -> bool {
        self.as_slice().contains(&t)
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn iter(&self) -> impl Iterator<Item = &&'a str> {
        self.as_slice().iter()
    }
}

/// The most subschemas [`types`] reads for one schema. Kubernetes schemas offer a few
/// `oneOf`/`anyOf` alternatives (int-or-string: two); a CRD written with YAML aliases can nest
/// them so that one schema stands for hundreds of thousands, read again for every value that
/// a message describes (1,000 values: 18 s). Past the bound, the types found so far stand.
const MAX_TYPE_ALTERNATIVES: usize = 1_000;

fn types(schema: &Value) -> Types<'_> {
    let mut t = Types::default();
    let mut budget = MAX_TYPE_ALTERNATIVES;
    add_types(schema, &mut t, &mut budget);
    t
}

fn add_types<'a>(schema: &'a Value, t: &mut Types<'a>, budget: &mut usize) {
    let Value::Object(map) = schema else { return };
    if *budget == 0 {
        return;
    }
    *budget -= 1;
    match map.get("type") {
        Some(Value::String(s)) => t.push(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).for_each(|s| t.push(s)),
        _ => {}
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(alts)) = map.get(key) {
            for alt in alts {
                add_types(alt, t, budget);
            }
        }
    }
    if map.get("x-kubernetes-int-or-string") == Some(&Value::Bool(true)) {
        t.push("integer");
        t.push("string");
    }
}

/// What `additionalProperties` says of fields the schema does not name.
#[derive(Clone, Copy)]
enum Extra<'a> {
    /// Absent or `false`: no other fields.
    Closed,
    /// A schema every other field must match.
    Schema(&'a Value),
    /// Anything else (`true`): other fields are not checked.
    Open,
}

/// Everything the walk reads of a schema, read once: its `$ref`s followed, its types, its
/// fields, its constraints. It is kept in a [`Graph`], so that each schema's map is looked
/// into once per run (per check for a CRD) instead of at every node of every object.
#[derive(Clone, Copy)]
struct Node<'a> {
    /// The schema the `$ref`s lead to.
    schema: &'a Value,
    /// The definition name of the last `$ref` followed.
    def: Option<&'a str>,
    /// Its Go type name (`Container` of `io.k8s.api.core.v1.Container`).
    owner: &'a str,
    types: Types<'a>,
    /// The JSON types of `types` as bits (see [`type_bit`]), for the check at every node.
    mask: u8,
    props: Option<&'a serde_json::Map<String, Value>>,
    extra: Extra<'a>,
    items: Option<&'a Value>,
    required: &'a [Value],
    allowed: &'a [Value],
    /// `x-kubernetes-preserve-unknown-fields: true`.
    preserve: bool,
    /// Whether `properties` is absent (or null): with `preserve`, nothing below is checked.
    no_properties: bool,
    /// `format: int32`.
    int32: bool,
    /// `format: byte`: base64, decoded into a `[]byte`.
    byte: bool,
}

impl<'a> Node<'a> {
    fn of(mut schema: &'a Value, resolve: &dyn Fn(&str) -> Option<&'a Value>) -> Node<'a> {
        let mut def = None;
        for _ in 0..16 {
            let Some(r) = schema["$ref"].as_str() else {
                break;
            };
            let Some(s) = resolve(r) else { break };
            schema = s;
            def = Some(r);
        }
        let list = |key: &str| schema[key].as_array().map_or(&[][..], Vec::as_slice);
        Node {
            schema,
            def,
            owner: def.map_or("", short_name),
            types: types(schema),
            mask: types(schema).iter().fold(0, |m, t| m | type_bit(t)),
            props: schema["properties"].as_object(),
            extra: match &schema["additionalProperties"] {
                Value::Null | Value::Bool(false) => Extra::Closed,
                v @ Value::Object(_) => Extra::Schema(v),
                _ => Extra::Open,
            },
            items: Some(&schema["items"]).filter(|i| i.is_object()),
            required: list("required"),
            allowed: list("enum"),
            preserve: schema["x-kubernetes-preserve-unknown-fields"] == true,
            no_properties: schema["properties"].is_null(),
            int32: schema["format"] == "int32",
            byte: schema["format"] == "byte",
        }
    }
}

/// A hasher for addresses: they are unique already, so mixing the bits once is enough.
#[derive(Default)]
struct AddressHasher(u64);

impl std::hash::Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x100000001b3);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = (self.0.rotate_left(5) ^ n as u64).wrapping_mul(0x9e3779b97f4a7c15);
    }
}

/// The way from one schema to another (a field's, the items', `additionalProperties`'):
/// the schema, and where the graph keeps it once a walk has gone there.
#[derive(Clone, Copy)]
struct Edge<'a> {
    schema: &'a Value,
    to: Option<u32>,
}

impl<'a> Edge<'a> {
    fn new(schema: &'a Value) -> Edge<'a> {
        Edge { schema, to: None }
    }
}

/// A schema in the [`Graph`]: what the walk reads of it, and its edges.
struct Compiled<'a> {
    node: Node<'a>,
    /// Field name → index into `edges`, one per entry of `properties`.
    fields: std::collections::HashMap<&'a str, u32, NameHash>,
    /// The fields' edges, then the items' and the `additionalProperties` schema's, if any.
    edges: Vec<Edge<'a>>,
    items: Option<u32>,
    extra: Option<u32>,
}

/// The schemas a walk has read, each once: [`Node`]s by the address of the schema they were
/// read from, linked by their fields, items and `additionalProperties`, so that a walk goes
/// from a node to its field's node by one lookup of the field name (with a cheap hash) and
/// follows `$ref`s only the first time. For the embedded catalog (never freed) one graph per
/// version is kept per thread; for a CRD, one per check.
#[derive(Default)]
struct Graph<'a> {
    nodes: Vec<Compiled<'a>>,
    by_address: std::collections::HashMap<usize, u32, std::hash::BuildHasherDefault<AddressHasher>>,
}

impl<'a> Graph<'a> {
    /// The index of `schema`'s node, read now if no walk has read it before.
    fn compile(&mut self, schema: &'a Value, resolve: &dyn Fn(&str) -> Option<&'a Value>) -> u32 {
        let address = std::ptr::from_ref(schema) as usize;
        if let Some(&at) = self.by_address.get(&address) {
            return at;
        }
        let node = Node::of(schema, resolve);
        let mut edges = Vec::new();
        let mut fields = std::collections::HashMap::default();
        for (name, child) in node.props.into_iter().flatten() {
            fields.insert(name.as_str(), edges.len() as u32);
            edges.push(Edge::new(child));
        }
        let mut edge = |s: Option<&'a Value>| {
            s.map(|s| {
                edges.push(Edge::new(s));
                edges.len() as u32 - 1
            })
        };
        let items = edge(node.items);
        let extra = edge(match node.extra {
            Extra::Schema(s) => Some(s),
            _ => None,
        });
        let at = u32::try_from(self.nodes.len()).expect("fewer schemas than 2^32");
        self.nodes.push(Compiled {
            node,
            fields,
            edges,
            items,
            extra,
        });
        self.by_address.insert(address, at);
        at
    }

    /// The node an edge of node `from` leads to.
    #[inline]
    fn follow(&mut self, from: u32, edge: u32, resolve: &dyn Fn(&str) -> Option<&'a Value>) -> u32 {
        let e = self.nodes[from as usize].edges[edge as usize];
        if let Some(to) = e.to {
            return to;
        }
        let to = self.compile(e.schema, resolve);
        self.nodes[from as usize].edges[edge as usize].to = Some(to);
        to
    }
}

thread_local! {
    /// The embedded catalog's schemas as the walk reads them, one graph per catalog version
    /// (never freed, so an address stays its schema's).
    static GRAPHS: std::cell::RefCell<Vec<Graph<'static>>> = std::cell::RefCell::default();
}

const OBJECT: u8 = 1;
const ARRAY: u8 = 2;
const STRING: u8 = 4;
const INTEGER: u8 = 8;
const NUMBER: u8 = 16;
const BOOLEAN: u8 = 32;

/// A JSON type as a bit of [`Node::mask`] (none for a name that is not a JSON type).
fn type_bit(t: &str) -> u8 {
    match t {
        "object" => OBJECT,
        "array" => ARRAY,
        "string" => STRING,
        "integer" => INTEGER,
        "number" => NUMBER,
        "boolean" => BOOLEAN,
        _ => 0,
    }
}

impl<'d, 'a> Walk<'d, 'a, '_> {
    fn violation(&mut self, owner: &str, kind: ViolationKind) {
        self.out.push(Violation {
            path: self.field_path(),
            at_key: false,
            owner: owner.to_string(),
            kind,
        });
    }

    fn go_type(&self, schema: &'a Value) -> String {
        if let Some(r) = schema["$ref"].as_str() {
            return go_name(r);
        }
        let t = types(schema);
        if t.contains("array") {
            return format!("[]{}", self.go_type(&schema["items"]));
        }
        if t.contains("object") {
            return match &schema["additionalProperties"] {
                Value::Object(_) => format!(
                    "map[string]{}",
                    self.go_type(&schema["additionalProperties"])
                ),
                _ => "map[string]interface {}".into(),
            };
        }
        let first = t.iter().find(|x| **x != "null").copied();
        match (first, schema["format"].as_str()) {
            (Some("integer"), Some("int32")) => "int32".into(),
            (Some("integer"), Some("int64")) => "int64".into(),
            (Some("integer"), _) => "int".into(),
            (Some("number"), _) => "float64".into(),
            (Some("boolean"), _) => "bool".into(),
            (Some("string"), _) => "string".into(),
            _ => "interface {}".into(),
        }
    }

    /// Walks `id` against the graph's node `at`, with `self.path` naming it.
    fn node(&mut self, id: NodeId, at: u32, owner: &str, skip: &[&str], depth: usize) {
        if depth > 256 {
            return;
        }
        let doc = self.doc;
        let id = doc.deref(id);
        let n = &self.graph.nodes[at as usize].node;
        let (def, any_type, mask, allowed, int32, byte) = (
            n.def,
            n.types.is_empty(),
            n.mask,
            n.allowed,
            n.int32,
            n.byte,
        );
        let unchecked = n.preserve && n.no_properties;
        // The owner is the Go struct holding the field: only object definitions are structs
        // (`IntOrString`, `Quantity` are values of the struct that holds them).
        let owner = match def {
            Some(_) if n.props.is_some() => n.owner,
            _ => owner,
        };
        let mut int = None;
        let mut text = None;
        let (found, bit): (&'static str, u8) = match &doc.node(id).kind {
            NodeKind::Map(_) => ("object", OBJECT),
            NodeKind::Seq(_) => ("array", ARRAY),
            NodeKind::Scalar(s) => match s.resolve() {
                Resolved::Null => return,
                Resolved::Bool(_) => ("boolean", BOOLEAN),
                Resolved::Int(v) => {
                    int = Some(v);
                    ("integer", INTEGER)
                }
                Resolved::Float(_) => ("number", NUMBER),
                Resolved::Str(_) => {
                    text = Some(&*s.text);
                    ("string", STRING)
                }
            },
            NodeKind::Alias(_) => return,
        };
        let ok = any_type || mask & bit != 0 || (bit == INTEGER && mask & NUMBER != 0);
        if !ok {
            let n = &self.graph.nodes[at as usize].node;
            let (schema, allowed) = (n.schema, n.types);
            let expected: Vec<&str> = allowed.iter().copied().filter(|t| *t != "null").collect();
            let go_type = self.go_type(schema);
            self.violation(
                owner,
                ViolationKind::WrongType {
                    expected: expected.join(" or "),
                    found,
                    go_type,
                },
            );
            return;
        }
        if unchecked {
            return;
        }
        match found {
            "object" => self.object(id, at, owner, skip, depth),
            "array" => {
                let Some(edge) = self.graph.nodes[at as usize].items else {
                    return;
                };
                let items = self.graph.follow(at, edge, self.resolve);
                for (i, item) in doc.items(id).iter().enumerate() {
                    self.path.push(Step::Index(i));
                    self.node(*item, items, owner, &[], depth + 1);
                    self.path.pop();
                }
            }
            "string" => {
                // The scalar's text, as `doc.str` gives it.
                let value = text;
                // Quantities of containers are `invalid-quantity`'s, with its finer checks.
                let in_container = || {
                    self.path.iter().any(|s| {
                        matches!(s, Step::Field(f) if matches!(*f, "containers" | "initContainers" | "ephemeralContainers"))
                    })
                };
                if def.is_some_and(|d| d.ends_with(".resource.Quantity")) && !in_container() {
                    if let Some(value) = value {
                        if let Err(e) = crate::model::quantity::parse(value) {
                            self.violation(
                                owner,
                                ViolationKind::BadQuantity {
                                    value: value.to_string(),
                                    reason: e.to_string(),
                                },
                            );
                        }
                    }
                }
                if let (true, Some(value)) = (byte, value) {
                    if let Err(at) = crate::yaml::base64::decode(value.as_bytes()) {
                        self.violation(owner, ViolationKind::BadBase64 { at });
                    }
                }
                let field = self.last_field();
                if let (Some(allowed), Some(value)) =
                    (super::builtin::enum_values(owner, field), value)
                {
                    if !allowed.contains(&value) {
                        self.violation(
                            owner,
                            ViolationKind::NotInEnum {
                                value: value.to_string(),
                                allowed: allowed.iter().map(|a| a.to_string()).collect(),
                            },
                        );
                    }
                }
                if let (allowed @ [_, ..], Some(value)) = (allowed, value) {
                    if !allowed.iter().any(|a| a.as_str() == Some(value)) {
                        self.violation(
                            owner,
                            ViolationKind::NotInEnum {
                                value: value.to_string(),
                                allowed: allowed
                                    .iter()
                                    .filter_map(|a| a.as_str().map(str::to_string))
                                    .collect(),
                            },
                        );
                    }
                }
            }
            "integer" => {
                if let (Some((min, max)), Some(v)) =
                    (super::builtin::bounds(owner, self.last_field()), int)
                {
                    if v < min || max.is_some_and(|m| v > m) {
                        self.violation(owner, ViolationKind::OutOfBounds { value: v, min, max });
                    }
                }
                if let Some(v) = int {
                    if int32 && i32::try_from(v).is_err() {
                        self.violation(
                            owner,
                            ViolationKind::OutOfRange {
                                value: v.to_string(),
                                go_type: "int32".into(),
                            },
                        );
                    }
                }
            }
            _ => {}
        }
    }

    fn object(&mut self, id: NodeId, at: u32, owner: &str, skip: &[&str], depth: usize) {
        let doc = self.doc;
        let n = &self.graph.nodes[at as usize].node;
        let (props, preserve, closed, required) = (
            n.props,
            n.preserve,
            matches!(n.extra, Extra::Closed),
            n.required,
        );
        for e in doc.entries(id) {
            let Some(key) = doc.str(e.key) else { continue };
            if key == "<<" || skip.contains(&key) {
                continue;
            }
            let c = &self.graph.nodes[at as usize];
            if let Some(&edge) = c.fields.get(key) {
                let child = self.graph.follow(at, edge, self.resolve);
                self.path.push(Step::Field(key));
                self.node(e.value, child, owner, &[], depth + 1);
                self.path.pop();
            } else if let Some(edge) = c.extra {
                let extra = self.graph.follow(at, edge, self.resolve);
                self.path.push(Step::Key(key));
                self.node(e.value, extra, owner, &[], depth + 1);
                self.path.pop();
            } else if !preserve && props.is_some() && closed {
                // Closed: explicitly (`additionalProperties: false`, the built-in types) or as
                // a CRD's structural schema is, whose unknown fields strict validation refuses.
                let suggestion = props.and_then(|p| suggest(key, p.keys().map(String::as_str)));
                self.out.push(Violation {
                    path: self.field_path().field(key.to_string()),
                    at_key: true,
                    owner: owner.to_string(),
                    kind: ViolationKind::UnknownField {
                        field: key.to_string(),
                        suggestion,
                    },
                });
            }
        }
        for r in super::builtin::required(owner) {
            let absent = doc
                .get(id, r)
                .is_none_or(|v| doc.is_null(v) || doc.str(v) == Some(""));
            if absent {
                self.violation(
                    owner,
                    ViolationKind::Required {
                        field: r.to_string(),
                    },
                );
            }
        }
        {
            for r in required.iter().filter_map(Value::as_str) {
                if doc.get(id, r).is_none() {
                    self.violation(
                        owner,
                        ViolationKind::Required {
                            field: r.to_string(),
                        },
                    );
                }
            }
        }
    }
}

/// The closest name to `key`, when one is close enough to be a typo.
pub fn suggest<'n>(key: &str, names: impl Iterator<Item = &'n str>) -> Option<String> {
    // Case, `_` and `-` do not count; an edit distance is at least the difference in length,
    // so names whose lengths differ by more than 2 are not compared (a key of megabytes, or
    // one of 100,000 unknown keys, costs a length each).
    let norm_len = |s: &str| s.chars().filter(|c| !matches!(c, '_' | '-')).count();
    let norm = |s: &str| s.to_ascii_lowercase().replace(['_', '-'], "");
    let key_len = norm_len(key);
    let mut k = None;
    names
        .filter(|n| norm_len(n).abs_diff(key_len) <= 2)
        .map(|n| {
            (
                edit_distance(k.get_or_insert_with(|| norm(key)), &norm(n)),
                n,
            )
        })
        .filter(|(d, n)| *d <= 2 && *d * 3 <= n.len().max(1))
        .min()
        .map(|(_, n)| n.to_string())
}

/// The error the API server answers with for a violation: (field, type, detail).
/// Built-in types are decoded strictly (a 400: `strict decoding error`, or the JSON decoder's
/// `cannot unmarshal`); custom resources are checked against their CRD's schema (a 422 with
/// field errors).
/// source: staging/src/k8s.io/apimachinery/pkg/runtime/serializer/json (strict decoding);
/// staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/validation (CRD schema errors)
pub fn api_error(v: &Violation, custom: bool) -> (String, &'static str, String) {
    let field = v.path.to_string();
    let dotted: Vec<&str> = v
        .path
        .0
        .iter()
        .filter_map(|s| match s {
            crate::yaml::Segment::Field(f) => Some(&**f),
            _ => None,
        })
        .collect();
    let dotted = dotted.join(".");
    let json_type = |t: &str| {
        match t {
            "integer" | "number" => "number",
            "boolean" => "bool",
            other => other,
        }
        .to_string()
    };
    match (&v.kind, custom) {
        (ViolationKind::UnknownField { .. }, _) => (
            field.clone(),
            "BadRequest",
            format!("strict decoding error: unknown field \"{field}\""),
        ),
        (ViolationKind::WrongType { found, go_type, .. }, false) => (
            field,
            "BadRequest",
            format!(
                "json: cannot unmarshal {} into Go struct field {}.{dotted} of type {go_type}",
                json_type(found),
                v.owner
            ),
        ),
        (ViolationKind::WrongType { expected, found, .. }, true) => (
            field.clone(),
            "Invalid",
            format!("{field} in body must be of type {expected}: \"{found}\""),
        ),
        (ViolationKind::OutOfRange { value, go_type }, _) => (
            field,
            "BadRequest",
            format!(
                "json: cannot unmarshal number {value} into Go struct field {}.{dotted} of type {go_type}",
                v.owner
            ),
        ),
        (ViolationKind::Required { field: f }, _) => {
            let at = if field.is_empty() { f.clone() } else { format!("{field}.{f}") };
            (at, "Required", String::new())
        }
        (ViolationKind::BadQuantity { reason, .. }, _) => (field, "BadRequest", reason.clone()),
        // The decoder's own error (encoding/json into `[]byte`), which the API server returns
        // as `<Kind> in version "v1" cannot be handled as a <Kind>: illegal base64 data at
        // input byte 4`.
        (ViolationKind::BadBase64 { at }, false) => (
            field,
            "BadRequest",
            format!("illegal base64 data at input byte {at}"),
        ),
        // source: kube-openapi pkg/validation/validate (format `byte` of strfmt); the value the
        // API server quotes is left out.
        (ViolationKind::BadBase64 { .. }, true) => (
            field.clone(),
            "Invalid",
            format!("{field} in body must be of type byte"),
        ),
        (ViolationKind::OutOfBounds { min, max, .. }, _) => {
            (field, "Invalid", super::builtin::bounds_detail(*min, *max))
        }
        (ViolationKind::NotInEnum { allowed, .. }, _) => (
            field,
            "NotSupported",
            format!(
                "supported values: {}",
                allowed.iter().map(|a| format!("\"{a}\"")).collect::<Vec<_>>().join(", ")
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{catalog, Gvk};
    use crate::yaml::{parse_stream, Limits};

    fn check(text: &str) -> Vec<Violation> {
        let doc = parse_stream(text, Limits::default()).documents.remove(0);
        let schemas = catalog().schemas((1, 35));
        let gvk = Gvk::parse(
            doc.get_str(doc.root, "apiVersion").unwrap(),
            doc.get_str(doc.root, "kind").unwrap(),
        );
        let (name, schema) = schemas.object(&gvk).unwrap();
        let resolve = |r: &str| schemas.definition(r);
        validate(
            &doc,
            doc.root,
            schema,
            short_name(name),
            &resolve,
            &["apiVersion", "kind"],
        )
    }

    #[test]
    fn finds_unknown_fields_types_enums_and_required() {
        let v = check(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: c\n    imagee: nginx\n    ports:\n    - containerPort: '80'\n  - image: x\n",
        );
        assert!(v.iter().any(|x| x.at_key
            && x.kind
                == ViolationKind::UnknownField {
                    field: "imagee".into(),
                    suggestion: Some("image".into())
                }));
        assert!(v.iter().any(|x| x.path.to_string()
            == "spec.containers[0].ports[0].containerPort"
            && matches!(&x.kind, ViolationKind::WrongType { go_type, .. } if go_type == "int32")
            && x.owner == "ContainerPort"));
        assert!(v.iter().any(|x| x.path.to_string() == "spec.containers[1]"
            && x.kind
                == ViolationKind::Required {
                    field: "name".into()
                }));
    }

    #[test]
    fn crd_style_schemas_check_enums_and_keep_unknown_fields_where_told() {
        let schema: Value = serde_json::json!({"type": "object", "properties": {
            "spec": {"type": "object", "properties": {
                "mode": {"type": "string", "enum": ["fast", "safe"]},
                "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": true},
                "port": {"x-kubernetes-int-or-string": true}}}}});
        let text = "spec:\n  mode: quick\n  extra: {anything: [1, 2]}\n  port: http\n";
        let doc = parse_stream(text, Limits::default()).documents.remove(0);
        let none = |_: &str| None;
        let v = validate(&doc, doc.root, &schema, "Widget", &none, &[]);
        assert_eq!(v.len(), 1, "{v:#?}");
        assert!(matches!(&v[0].kind, ViolationKind::NotInEnum { value, .. } if value == "quick"));
    }

    #[test]
    fn unknown_fields_are_kept_only_where_no_properties_are_given() {
        // `properties` present but not a mapping (a malformed CRD): preserve-unknown-fields
        // does not stop the checks below it, as the schema still says more.
        let schema: Value = serde_json::json!({"type": "object", "properties": {
            "spec": {"type": "object", "x-kubernetes-preserve-unknown-fields": true,
                "properties": [], "required": ["foo"],
                "additionalProperties": {"type": "integer"}}}});
        let doc = parse_stream("spec: {bar: notanint}\n", Limits::default())
            .documents
            .remove(0);
        let none = |_: &str| None;
        let v = validate(&doc, doc.root, &schema, "Widget", &none, &[]);
        assert_eq!(v.len(), 2, "{v:#?}");
        assert!(v
            .iter()
            .any(|x| matches!(&x.kind, ViolationKind::WrongType { .. })));
        assert!(v.iter().any(|x| x.kind
            == ViolationKind::Required {
                field: "foo".into()
            }));
    }

    #[test]
    fn a_valid_deployment_passes() {
        let v = check(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, labels: {a: b}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.27\n        resources: {requests: {cpu: 100m, memory: 1Gi}, limits: {cpu: 1}}\n        ports: [{containerPort: 80, name: http}]\n        readinessProbe: {httpGet: {port: http, path: /}}\n",
        );
        assert!(v.is_empty(), "{v:#?}");
    }
}
