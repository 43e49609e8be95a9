//! `unknown-kind`: a kind that a built-in API group does not have (a typo such as
//! `Deploymnt`), or a version of a custom resource that its CRD does not serve.

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{catalog, suggest, ApiStatus, CrdState};
use crate::yaml::FieldPath;

pub(super) static RULE: UnknownKind = UnknownKind;

pub(super) struct UnknownKind;

fn built_in(cx: &ObjectCx<'_>) -> Diagnostic {
    let o = cx.object;
    let group = &cx.schema().gvk.group;
    let kinds = catalog().kinds_in(group, cx.version);
    let close = suggest(&o.kind, kinds.iter().map(String::as_str));
    let shown = if group.is_empty() { "the core group".to_string() } else { format!("`{group}`") };
    let d = Diagnostic::new(
        format!("{shown} has no kind `{}`", o.kind),
        cx.at(FieldPath::root().field("kind")),
    )
    .label(format!("no matches for kind \"{}\" in version \"{}\"", o.kind, o.api_version));
    match close {
        Some(k) => d.help(format!("did you mean `{k}`?")),
        None => d.help("check `kind` and `apiVersion`"),
    }
}

fn crd_version(cx: &ObjectCx<'_>, served: &[String], file: &str) -> Diagnostic {
    let o = cx.object;
    Diagnostic::new(
        format!(
            "the CRD for `{}` (in {file}) does not serve version `{}`",
            o.kind,
            cx.schema().gvk.version
        ),
        cx.at(FieldPath::root().field("apiVersion")),
    )
    .label("not served")
    .help(format!(
        "use a served version: {}",
        served.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")
    ))
}

impl Rule for UnknownKind {
    fn id(&self) -> &str {
        "unknown-kind"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let check = cx.schema();
        match (&check.status, &check.crd) {
            (ApiStatus::UnknownKind, _) => out.emit(built_in(cx)),
            (_, CrdState::VersionNotServed { served, file }) => out.emit(crd_version(cx, served, file)),
            _ => {}
        }
    }
}
