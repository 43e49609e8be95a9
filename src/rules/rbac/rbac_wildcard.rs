//! `rbac-wildcard`: `*` in the API groups, resources or verbs of a Role or ClusterRole rule.
//! source: pkg/apis/rbac/v1/evaluation_helpers.go (`*` matches anything, including the
//! resources and verbs added by later versions and by CRDs)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::policy_rules;

pub(super) static RULE: RbacWildcard = RbacWildcard;

pub(super) struct RbacWildcard;

fn diagnostic(cx: &ObjectCx<'_>, at: FieldPath, field: &str, value: &str) -> Diagnostic {
    let noun = match field {
        "verbs" => "every verb",
        "apiGroups" => "every API group",
        _ => "every resource",
    };
    Diagnostic::new(
        format!("`{value}` in `{field}` of {} `{}` grants {noun}", cx.object.kind, cx.object.name),
        cx.at(at),
    )
    .label("wildcard")
    .help(format!("list the {field} the subjects need"))
}

impl Rule for RbacWildcard {
    fn id(&self) -> &str {
        "rbac-wildcard"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for r in policy_rules(cx) {
            for (field, items) in [
                ("apiGroups", &r.api_groups),
                ("resources", &r.resources),
                ("verbs", &r.verbs),
            ] {
                for (i, v) in items.iter().enumerate() {
                    if *v == "*" || (field == "resources" && v.starts_with("*/")) {
                        out.emit(diagnostic(cx, r.at(field, i), field, v));
                    }
                }
            }
        }
    }
}
