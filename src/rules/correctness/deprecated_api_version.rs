//! `deprecated-api-version`: an `apiVersion` the targeted Kubernetes still serves but a
//! later release removes.
//! source: website content/en/docs/reference/using-api/deprecation-guide.md; the served
//! versions of each release's OpenAPI (embedded schemas)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::schema::{catalog, ApiStatus};
use crate::yaml::FieldPath;

pub(super) static RULE: DeprecatedApiVersion = DeprecatedApiVersion;

pub(super) struct DeprecatedApiVersion;

fn diagnostic(cx: &ObjectCx<'_>, removed_in: (u32, u32)) -> Diagnostic {
    let o = cx.object;
    let newest = catalog().newest();
    let later = catalog().alternatives(&o.kind, &cx.schema().gvk.group, newest);
    let d = Diagnostic::new(
        format!(
            "`{}` `{}` is removed in Kubernetes {}.{}",
            o.api_version, o.kind, removed_in.0, removed_in.1
        ),
        cx.at(FieldPath::root().field("apiVersion")),
    )
    .label("deprecated");
    match later.first() {
        Some(a) => d.help(format!("move to `apiVersion: {a}` before upgrading")),
        None => d.help("plan its replacement before upgrading"),
    }
}

impl Rule for DeprecatedApiVersion {
    fn id(&self) -> &str {
        "deprecated-api-version"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if let ApiStatus::Deprecated { removed_in } = cx.schema().status {
            out.emit(diagnostic(cx, removed_in));
        }
    }
}
