//! `cluster-admin-binding`: a RoleBinding or ClusterRoleBinding to `cluster-admin`, or to a
//! Role or ClusterRole of the run that allows every verb on every resource of every group.
//! source: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go ClusterRoles
//! (`cluster-admin`: `*` on `*.*` and every non-resource URL)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::role_ref;

pub(super) static RULE: ClusterAdminBinding = ClusterAdminBinding;

pub(super) struct ClusterAdminBinding;

fn diagnostic(cx: &ObjectCx<'_>, kind: &str, name: &str) -> Diagnostic {
    let what = if name == "cluster-admin" {
        "`cluster-admin`".to_string()
    } else {
        format!("{kind} `{name}`, which allows everything")
    };
    Diagnostic::new(
        format!("{} `{}` grants {what}", cx.object.kind, cx.object.name),
        cx.at(FieldPath::parse("roleRef.name")),
    )
    .label("full control")
    .help("bind a role that grants only the verbs and resources the subjects need")
}

/// Whether a rule of the role allows every verb on every resource of every group.
fn allows_everything(role: &Value) -> bool {
    let all = |r: &Value, key: &str| {
        r.get(key)
            .and_then(Value::as_array)
            .is_some_and(|a| a.iter().any(|s| s == "*"))
    };
    role.get("rules")
        .and_then(Value::as_array)
        .is_some_and(|rules| {
            rules
                .iter()
                .any(|r| all(r, "apiGroups") && all(r, "resources") && all(r, "verbs"))
        })
}

impl Rule for ClusterAdminBinding {
    fn id(&self) -> &str {
        "cluster-admin-binding"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let Some((kind, name)) = role_ref(cx) else {
            return;
        };
        if kind == "ClusterRole" && name == "cluster-admin" {
            out.emit(diagnostic(cx, kind, name));
            return;
        }
        let ns = match kind {
            "Role" => cx.object.namespace.as_deref(),
            _ => None,
        };
        let ws = cx.workspace;
        let wildcard = ws
            .index()
            .named(ws, kind, ns, name)
            .filter(|r| r.object.group() == super::GROUP)
            .any(|r| r.json().is_some_and(|j| allows_everything(&j)));
        if wildcard {
            out.emit(diagnostic(cx, kind, name));
        }
    }
}
