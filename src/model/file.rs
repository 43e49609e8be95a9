//! A source parsed once into documents and the objects in them (`List`s expanded).

use crate::source::Source;
use crate::yaml::{parse_stream, Document, Limits, LineIndex, ParseError, Span};

use super::Object;

/// A document (or `List` item) that is not a Kubernetes object.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub document: usize,
    /// The node that was read, for the span.
    pub node: crate::yaml::NodeId,
    pub reason: String,
    /// Client-side configuration (a `Kustomization`), not YAML without a kind.
    pub client_side: bool,
}

#[derive(Debug)]
pub struct File {
    pub source: Source,
    pub lines: LineIndex,
    pub documents: Vec<Document>,
    pub objects: Vec<Object>,
    pub skipped: Vec<Skipped>,
    /// What stopped the parser, if anything (invalid UTF-8 included).
    pub error: Option<ParseError>,
}

impl File {
    pub fn text(&self) -> &str {
        &self.source.text
    }

    pub fn document(&self, object: &Object) -> &Document {
        &self.documents[object.document]
    }
}

/// Parses a source and finds its objects.
pub fn load(source: Source, limits: Limits) -> File {
    let lines = LineIndex::new(&source.text);
    if let Some(at) = source.invalid_utf8_at {
        let end = source.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        return File {
            lines,
            documents: Vec::new(),
            objects: Vec::new(),
            skipped: Vec::new(),
            error: Some(ParseError {
                message: "the file is not valid UTF-8".into(),
                span: Span::new(at, end),
            }),
            source,
        };
    }
    let stream = parse_stream(&source.text, limits);
    let mut objects = Vec::new();
    let mut skipped = Vec::new();
    for doc in &stream.documents {
        if doc.is_null(doc.root) {
            // An empty document (a stray `---`) holds nothing to lint.
            continue;
        }
        match Object::read(doc, doc.root, None) {
            Ok(obj) if is_list(doc, &obj) => {
                let items = doc.get(doc.root, "items").map_or(&[][..], |i| doc.items(i));
                for (i, item) in items.iter().enumerate() {
                    match Object::read(doc, doc.deref(*item), Some(i)) {
                        Ok(o) => objects.push(o),
                        Err(reason) => skipped.push(Skipped {
                            document: doc.index,
                            node: *item,
                            reason: format!("item {i} of the list {reason}"),
                            client_side: false,
                        }),
                    }
                }
            }
            Ok(obj) if client_side(&obj) => skipped.push(Skipped {
                document: doc.index,
                node: doc.root,
                reason: format!(
                    "document {} is a `{}` of `{}`, which its tool reads and no API server serves",
                    doc.index + 1,
                    obj.kind,
                    obj.api_version
                ),
                client_side: true,
            }),
            Ok(obj) => objects.push(obj),
            Err(reason) => skipped.push(Skipped {
                document: doc.index,
                node: doc.root,
                reason: format!("document {} {reason}", doc.index + 1),
                client_side: false,
            }),
        }
    }
    File {
        lines,
        documents: stream.documents,
        objects,
        skipped,
        error: stream.error,
        source,
    }
}

/// Configuration that a client-side tool reads from the same directories as manifests and
/// never sends to a cluster: kustomize's `Kustomization` and `Component`
/// (`kustomize.config.k8s.io`), kpt's `Kptfile` (`kpt.dev`), skaffold's `Config`
/// (`skaffold/v4beta11`), and a kubeconfig (`apiVersion: v1`, `kind: Config`), which kubectl
/// reads and no API server serves.
fn client_side(obj: &Object) -> bool {
    let group = obj.group();
    (obj.api_version == "v1" && obj.kind == "Config")
        || group == "kustomize.config.k8s.io"
        || group == "kpt.dev"
        || group == "skaffold"
        || group.ends_with(".kustomize.config.k8s.io")
}

/// `kind: List` and every `*List` kind whose `items` is a sequence.
fn is_list(doc: &Document, obj: &Object) -> bool {
    obj.kind.ends_with("List")
        && obj.kind.len() >= 4
        && doc
            .get(obj.root, "items")
            .is_some_and(|i| doc.is_seq(i) || doc.is_null(i))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::from_bytes;

    fn file(text: &str) -> File {
        load(
            from_bytes("t.yaml".into(), text.as_bytes().to_vec()),
            Limits::default(),
        )
    }

    #[test]
    fn lists_expand_and_non_objects_are_skipped() {
        let f = file(
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Pod\n  metadata: {name: a}\n- foo: bar\n---\n---\nhello: world\n",
        );
        assert_eq!(f.objects.len(), 1);
        assert_eq!(f.objects[0].name, "a");
        assert_eq!(f.objects[0].item, Some(0));
        assert_eq!(f.skipped.len(), 2);
    }

    #[test]
    fn client_side_configuration_is_skipped() {
        let f = file(
            "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n---\napiVersion: skaffold/v4beta11\nkind: Config\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n",
        );
        assert_eq!(f.objects.len(), 1);
        assert_eq!(f.skipped.len(), 2);
        assert!(
            f.skipped[0].reason.contains("`Kustomization`"),
            "{}",
            f.skipped[0].reason
        );
    }

    #[test]
    fn invalid_utf8_is_an_error_at_its_byte() {
        let mut bytes = b"kind: Pod\nx: ".to_vec();
        bytes.extend([0xff, 0xfe]);
        let f = load(from_bytes("t".into(), bytes), Limits::default());
        assert_eq!(f.error.unwrap().span.start, 13);
    }
}
