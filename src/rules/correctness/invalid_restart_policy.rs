//! `invalid-restart-policy`: a pod `restartPolicy` the object's kind does not allow: not
//! `Always` in a controller's template, not `OnFailure`/`Never` in a Job's (the default
//! `Always` included), or no restart policy at all in a Pod; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go validateRestartPolicy,
//! ValidatePodTemplateSpecForRC; pkg/apis/apps/validation/validation.go
//! ValidatePodTemplateSpecForReplicaSet, ValidateStatefulSetSpec, ValidateDaemonSetSpec;
//! pkg/apis/batch/validation/validation.go validateJobSpec

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::{FieldPath, Segment};

pub(super) static RULE: InvalidRestartPolicy = InvalidRestartPolicy;

pub(super) struct InvalidRestartPolicy;

/// What the API server says about one restart policy.
struct Refusal {
    kind: &'static str,
    detail: String,
    message: String,
    help: &'static str,
}

fn diagnostic(cx: &PodCx<'_>, r: Refusal) -> Diagnostic {
    let at = FieldPath::root().field("restartPolicy");
    let set = cx.doc().get(cx.node, "restartPolicy").is_some();
    Diagnostic::new(r.message, cx.at(&at))
        .label(if set { "not allowed here" } else { "no `restartPolicy` here" })
        .help(r.help)
        .api_error(cx.path.join(&at).to_string(), r.kind, r.detail)
}

fn quoted(values: &[&str]) -> String {
    let v: Vec<String> = values.iter().map(|v| format!("\"{v}\"")).collect();
    v.join(", ")
}

fn not_supported(policy: &str, what: &str, allowed: &[&str], help: &'static str) -> Refusal {
    Refusal {
        kind: "NotSupported",
        detail: format!("supported values: {}", quoted(allowed)),
        message: format!("`restartPolicy: {policy}` is not allowed in {what}"),
        help,
    }
}

/// The API server's verdict on `policy` (as written; `None` when unset) in an object of
/// `group`/`kind`; `job_failure_policy` says whether a Job sets `podFailurePolicy`.
fn refusal(group: &str, kind: &str, policy: Option<&str>, job_failure_policy: bool) -> Option<Refusal> {
    // An empty policy is defaulted to `Always` before validation (SetDefaults_PodSpec).
    let effective = policy.filter(|p| !p.is_empty()).unwrap_or("Always");
    match (group, kind) {
        ("", "ReplicationController")
        | ("apps" | "extensions", "Deployment" | "ReplicaSet" | "DaemonSet")
        | ("apps", "StatefulSet") => (effective != "Always").then(|| {
            not_supported(
                effective,
                &format!("a {kind}'s pod template"),
                &["Always"],
                "use `restartPolicy: Always` (or remove it); use a Job for pods that finish",
            )
        }),
        ("batch", "Job" | "CronJob") => {
            let what = format!("a {kind}'s pod template");
            if effective == "Always" {
                let message = match policy {
                    Some(p) if !p.is_empty() => format!("`restartPolicy: {p}` is not allowed in {what}"),
                    _ => format!("{what} needs a `restartPolicy`; the default `Always` is not allowed"),
                };
                Some(Refusal {
                    kind: "Required",
                    detail: "valid values: \"OnFailure\", \"Never\"".into(),
                    message,
                    help: "set `restartPolicy: OnFailure` or `restartPolicy: Never`",
                })
            } else if effective != "OnFailure" && effective != "Never" {
                Some(not_supported(
                    effective,
                    &what,
                    &["OnFailure", "Never"],
                    "set `restartPolicy: OnFailure` or `restartPolicy: Never`",
                ))
            } else if job_failure_policy && effective != "Never" {
                Some(Refusal {
                    kind: "Invalid",
                    detail: "only \"Never\" is supported when podFailurePolicy is specified".into(),
                    message: format!(
                        "`restartPolicy: {effective}` is not allowed in a {kind} with a `podFailurePolicy`"
                    ),
                    help: "set `restartPolicy: Never`",
                })
            } else {
                None
            }
        }
        _ => (!["Always", "OnFailure", "Never"].contains(&effective)).then(|| {
            not_supported(
                effective,
                "a pod",
                &["Always", "OnFailure", "Never"],
                "use `Always`, `OnFailure` or `Never`",
            )
        }),
    }
}

impl Rule for InvalidRestartPolicy {
    fn id(&self) -> &str {
        "invalid-restart-policy"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let policy = match doc.get(cx.node, "restartPolicy") {
            None => None,
            Some(n) if doc.is_null(n) => None,
            // Not a string: the schema rules say so.
            Some(_) => match doc.get_str(cx.node, "restartPolicy") {
                Some(s) => Some(s),
                None => return,
            },
        };
        let o = cx.object.object;
        // `podFailurePolicy` sits beside the Job's `template` (pod spec path minus
        // `template.spec`); it is dropped before 1.26, when its gate was off.
        let mut job = cx.path.clone();
        let job_failure_policy = cx.object.version >= (1, 26)
            && matches!(job.0.pop(), Some(Segment::Field(_)))
            && matches!(job.0.pop(), Some(Segment::Field(_)))
            && cx
                .object
                .node(&job.field("podFailurePolicy"))
                .is_some_and(|n| !doc.is_null(n));
        if let Some(r) = refusal(o.group(), &o.kind, policy, job_failure_policy) {
            out.emit(diagnostic(cx, r));
        }
    }
}
