//! The only place that knows YAML: parses a source once into spanned documents, resolves
//! scalars the way the Kubernetes client libraries do, and maps a `FieldPath` to a byte span.
//!
//! It must not know about Kubernetes kinds, rules or output formats.

pub mod base64;
mod json;
mod lines;
mod parse;
mod path;
mod scalar;
mod tree;

pub use json::{scalar_json, TooDeep};
pub use lines::{LineIndex, Position};
pub use parse::{parse_stream, Limits, ParseError, Stream};
pub use path::{decimal, FieldPath, Name, Segment};
pub use scalar::{plain_reads_as_string, Resolved};
pub use tree::{Document, Entry, Node, NodeId, NodeKind, Scalar, ScalarStyle, Span};
