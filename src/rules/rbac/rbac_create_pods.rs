//! `rbac-create-pods`: a Role or ClusterRole rule that lets its subjects create pods or
//! workloads that create pods. Whoever can create a pod can run it with any ServiceAccount
//! of its namespace, mount its Secrets, and (without a restrictive Pod Security level) run
//! it privileged.
//! source: https://kubernetes.io/docs/concepts/security/rbac-good-practices/#workload-creation

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};

use super::policy_rules;

pub(super) static RULE: RbacCreatePods = RbacCreatePods;

pub(super) struct RbacCreatePods;

/// (API group, resource) of pods and of the built-in kinds that create them.
const WORKLOADS: [(&str, &str); 8] = [
    ("", "pods"),
    ("", "replicationcontrollers"),
    ("apps", "deployments"),
    ("apps", "replicasets"),
    ("apps", "statefulsets"),
    ("apps", "daemonsets"),
    ("batch", "jobs"),
    ("batch", "cronjobs"),
];

impl Rule for RbacCreatePods {
    fn id(&self) -> &str {
        "rbac-create-pods"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        for r in policy_rules(cx) {
            let Some(verb) = r.verb(&["create"]) else {
                continue;
            };
            let Some(resource) = WORKLOADS
                .iter()
                .find(|(g, res)| r.group(&[g]) && r.resource(res).is_some())
                .map(|(_, res)| *res)
            else {
                continue;
            };
            out.emit(
                Diagnostic::new(
                    format!(
                        "{} `{}` lets its subjects create `{resource}`",
                        cx.object.kind, cx.object.name
                    ),
                    cx.at(r.at("verbs", verb)),
                )
                .label("creates pods")
                .help("leave pod creation to controllers and CI; grant `create` on workloads only to the identities that deploy"),
            );
        }
    }
}
