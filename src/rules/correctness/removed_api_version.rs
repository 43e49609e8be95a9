//! `removed-api-version`: an `apiVersion` the targeted Kubernetes no longer (or not yet)
//! serves for this kind; `kubectl` cannot even map it to a resource.
//! source: website content/en/docs/reference/using-api/deprecation-guide.md; the served
//! versions of each release's OpenAPI (embedded schemas)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{catalog, ApiStatus};
use crate::yaml::FieldPath;

pub(super) static RULE: RemovedApiVersion = RemovedApiVersion;

pub(super) struct RemovedApiVersion;

fn diagnostic(cx: &ObjectCx<'_>, why: String) -> Diagnostic {
    let o = cx.object;
    let g = &cx.schema().gvk;
    let alternatives = catalog().alternatives(&o.kind, &g.group, cx.version);
    let d = Diagnostic::new(
        format!(
            "`{}` `{}` is not served by Kubernetes {}.{} ({why})",
            o.api_version, o.kind, cx.version.0, cx.version.1
        ),
        cx.at(FieldPath::root().field("apiVersion")),
    )
    .label(format!("no matches for kind \"{}\" in version \"{}\"", o.kind, o.api_version));
    match alternatives.first() {
        Some(a) => d.help(format!("use `apiVersion: {a}` (check the fields that changed with it)")),
        None => d.help("this kind has no served version in the targeted release"),
    }
}

impl Rule for RemovedApiVersion {
    fn id(&self) -> &str {
        "removed-api-version"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let why = match cx.schema().status {
            ApiStatus::Removed { removed_in } => format!("removed in {}.{}", removed_in.0, removed_in.1),
            ApiStatus::NotYet { added_in } => format!("served from {}.{}", added_in.0, added_in.1),
            _ => return,
        };
        out.emit(diagnostic(cx, why));
    }
}
