//! `invalid-yaml`: the file does not parse, so nothing after the error is seen.

use crate::diagnostic::{Diagnostic, Target};
use crate::rules::{FileCx, Rule, Sink};

pub(super) static RULE: InvalidYaml = InvalidYaml;

pub(super) struct InvalidYaml;

impl Rule for InvalidYaml {
    fn id(&self) -> &str {
        "invalid-yaml"
    }

    fn check_file(&self, cx: &FileCx<'_>, out: &mut Sink) {
        let Some(error) = &cx.file.error else { return };
        let mut d = Diagnostic::new(error.message.clone(), Target::Span(error.span))
            .label("the parser stopped here");
        d = if cx.file.text().contains("{{") {
            d.help("this looks like a template: render it first (`helm template`, `kustomize build`) and lint the output")
        } else {
            d.help("fix the syntax; documents after this point are not checked")
        };
        out.emit(d);
    }
}
