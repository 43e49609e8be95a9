//! `rbac-secrets-access`: a Role or ClusterRole rule that lets its subjects read or change
//! Secrets (core group, verbs get, list, watch, create, delete or `*`). A rule limited to
//! `resourceNames` without list or watch grants access to those Secrets only and is not
//! reported.
//! source: pkg/apis/rbac/v1/evaluation_helpers.go RuleAllows

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};

use super::policy_rules;

pub(super) static RULE: RbacSecretsAccess = RbacSecretsAccess;

pub(super) struct RbacSecretsAccess;

const VERBS: [&str; 5] = ["get", "list", "watch", "create", "delete"];

impl Rule for RbacSecretsAccess {
    fn id(&self) -> &str {
        "rbac-secrets-access"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for r in policy_rules(cx) {
            if !r.group(&[""]) {
                continue;
            }
            let (Some(res), Some(verb)) = (r.resource("secrets"), r.verb(&VERBS)) else {
                continue;
            };
            let named_only = r.resource_names > 0
                && !r.verbs.iter().any(|v| matches!(*v, "list" | "watch" | "*"));
            if named_only {
                continue;
            }
            out.emit(
                Diagnostic::new(
                    format!(
                        "{} `{}` lets its subjects `{}` Secrets",
                        cx.object.kind, cx.object.name, r.verbs[verb]
                    ),
                    cx.at(r.at("resources", res)),
                )
                .label("Secrets")
                .help("read Secrets through volumes or env of the pods that need them, or limit the rule to `resourceNames`"),
            );
        }
    }
}
