//! `missing-crd`: a custom resource whose CustomResourceDefinition is not among the inputs
//! (nor given with `--crd`), so its fields cannot be checked. Information, once per kind and
//! file: the CRD may well be installed in the cluster.

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::CrdState;
use crate::yaml::FieldPath;

pub(super) static RULE: MissingCrd = MissingCrd;

pub(super) struct MissingCrd;

fn diagnostic(cx: &ObjectCx<'_>) -> Diagnostic {
    let o = cx.object;
    Diagnostic::new(
        format!("no CustomResourceDefinition for `{}` `{}` in the inputs; its fields are not checked", o.api_version, o.kind),
        cx.at(FieldPath::root().field("kind")),
    )
    .label("custom resource")
    .help("lint it together with its CRD, or pass the CRD with `--crd FILE`")
}

impl Rule for MissingCrd {
    fn id(&self) -> &str {
        "missing-crd"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if cx.schema().crd != CrdState::Missing {
            return;
        }
        // Once per kind and file: only the first object of this apiVersion and kind.
        let o = cx.object;
        let first = cx
            .file
            .objects
            .iter()
            .position(|x| x.api_version == o.api_version && x.kind == o.kind);
        if first == Some(cx.index) {
            out.emit(diagnostic(cx));
        }
    }
}
