//! `rbac-pod-exec`: a Role or ClusterRole rule that allows `pods/exec` or `pods/attach`, or a
//! binding to the built-in ClusterRoles `admin` or `edit`, which allow both. Exec needs
//! `create` (and, through WebSockets before 1.31's AuthorizePodWebsocketUpgradeCreatePermission,
//! `get`).
//! source: plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go ClusterRoles (`edit`,
//! `admin`: pods/attach, pods/exec with create/delete/...); staging/src/k8s.io/apiserver
//! pkg/endpoints/filters/authorization.go (websocket verb)

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::{policy_rules, role_ref};

pub(super) static RULE: RbacPodExec = RbacPodExec;

pub(super) struct RbacPodExec;

const HELP: &str = "remove `pods/exec` and `pods/attach`; debug through logs, or grant exec to a break-glass role only";

impl Rule for RbacPodExec {
    fn id(&self) -> &str {
        "rbac-pod-exec"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if let Some(("ClusterRole", name @ ("admin" | "edit"))) = role_ref(cx) {
            out.emit(
                Diagnostic::new(
                    format!(
                        "{} `{}` binds ClusterRole `{name}`, which allows `pods/exec` and `pods/attach`",
                        cx.object.kind, cx.object.name
                    ),
                    cx.at(FieldPath::parse("roleRef.name")),
                )
                .label("shell in any pod")
                .help("bind a role without `pods/exec` and `pods/attach` (`view`, or your own)"),
            );
            return;
        }
        for r in policy_rules(cx) {
            if !r.group(&[""]) || r.verb(&["create", "get"]).is_none() {
                continue;
            }
            for sub in ["pods/exec", "pods/attach"] {
                if let Some(res) = r.resource(sub) {
                    out.emit(
                        Diagnostic::new(
                            format!(
                                "{} `{}` lets its subjects use `{sub}`",
                                cx.object.kind, cx.object.name
                            ),
                            cx.at(r.at("resources", res)),
                        )
                        .label("shell in any pod")
                        .help(HELP),
                    );
                    break;
                }
            }
        }
    }
}
