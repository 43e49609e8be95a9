//! `non-kubernetes-document`: a document without `apiVersion` and `kind`, or client-side
//! configuration such as a `Kustomization`, is skipped, and says so.

use crate::diagnostic::{Diagnostic, Target};
use crate::rules::{FileCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: NonKubernetesDocument = NonKubernetesDocument;

pub(super) struct NonKubernetesDocument;

impl Rule for NonKubernetesDocument {
    fn id(&self) -> &str {
        "non-kubernetes-document"
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        for s in &cx.file.skipped {
            let doc = &cx.file.documents[s.document];
            // The skipped node may be a list item; point at it through its own path.
            let path = if s.node == doc.root {
                FieldPath::root()
            } else {
                let items = doc.get(doc.root, "items").map_or(&[][..], |i| doc.items(i));
                match items.iter().position(|n| *n == s.node) {
                    Some(i) => FieldPath::root().field("items").index(i),
                    None => FieldPath::root(),
                }
            };
            out.emit(
                Diagnostic::new(
                    format!("{}, so it is not a Kubernetes object; skipped", s.reason),
                    Target::Field {
                        doc: s.document,
                        object: None,
                        path,
                    },
                )
                .label("not checked")
                .help(if s.client_side {
                    "lint what the tool makes of it (`kustomize build DIR | kubectl lint -f -`)"
                } else {
                    "add `apiVersion` and `kind`, or keep non-Kubernetes YAML out of the linted paths"
                }),
            );
        }
    }
}
