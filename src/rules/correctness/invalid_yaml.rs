//! `invalid-yaml`: the file does not parse (so nothing after the error is seen), or it parses
//! as YAML that has no JSON form, which `kubectl` refuses when it converts it.
//! source: sigs.k8s.io/yaml yaml.go convertToJSONableObject ("invalid map key")

use crate::diagnostic::{Diagnostic, Target};
use crate::rules::{FileCx, Rule, Sink};
use crate::yaml::NodeKind;

pub(super) static RULE: InvalidYaml = InvalidYaml;

pub(super) struct InvalidYaml;

const TEMPLATE_HELP: &str =
    "this looks like a template: render it first (`helm template`, `kustomize build`) and lint the output";

impl Rule for InvalidYaml {
    fn id(&self) -> &str {
        "invalid-yaml"
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        // Searched only for a finding (the whole text, for every file otherwise).
        let templated = || cx.file.text().contains("{{");
        for doc in &cx.file.documents {
            for node in &doc.nodes {
                let NodeKind::Map(entries) = &node.kind else {
                    continue;
                };
                for e in entries {
                    // Most keys are scalars themselves: follow aliases only for the others.
                    if matches!(doc.node(e.key).kind, NodeKind::Scalar(_)) {
                        continue;
                    }
                    let key = doc.node(doc.deref(e.key));
                    if matches!(key.kind, NodeKind::Scalar(_)) {
                        continue;
                    }
                    let span = doc.label_span(e.key, cx.file.text());
                    let d = Diagnostic::new(
                        "a mapping or list used as a key has no JSON form, so `kubectl` cannot read this document",
                        Target::Span(span),
                    )
                    .label("not a valid key");
                    out.emit(if templated() {
                        d.help(TEMPLATE_HELP)
                    } else {
                        d.help("use a string as the key")
                    });
                }
            }
        }
        let Some(error) = &cx.file.error else { return };
        let d = Diagnostic::new(error.message.clone(), Target::Span(error.span))
            .label("the parser stopped here");
        out.emit(if templated() {
            d.help(TEMPLATE_HELP)
        } else {
            d.help("fix the syntax; documents after this point are not checked")
        });
    }
}
