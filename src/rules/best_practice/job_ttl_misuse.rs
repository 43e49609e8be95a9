//! `job-ttl-misuse`: a standalone Job without `ttlSecondsAfterFinished` (it and its pods stay
//! forever once finished), or a CronJob whose Jobs set one (which competes with the CronJob's
//! history limits).
//! source: pkg/controller/ttlafterfinished/ttlafterfinished_controller.go (only Jobs with the
//! field are deleted), pkg/controller/cronjob/cronjob_controllerv2.go cleanupFinishedJobs

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: JobTtlMisuse = JobTtlMisuse;

pub(super) struct JobTtlMisuse;

fn standalone(cx: &ObjectCx<'_>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "Job `{}` sets no `ttlSecondsAfterFinished`, so it and its pods are kept after it finishes until someone deletes them",
            cx.object.name
        ),
        cx.at(FieldPath::parse("spec.ttlSecondsAfterFinished")),
    )
    .label("no `ttlSecondsAfterFinished` here")
    .help("set `ttlSecondsAfterFinished` (for example 86400) so that finished Jobs are cleaned up")
}

fn managed(cx: &ObjectCx<'_>, path: FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!(
            "the Jobs of CronJob `{}` set `ttlSecondsAfterFinished`, which deletes them regardless of `successfulJobsHistoryLimit` and `failedJobsHistoryLimit`",
            cx.object.name
        ),
        cx.at(path),
    )
    .label("competes with the CronJob's history limits")
    .help("remove `ttlSecondsAfterFinished` and keep history with `successfulJobsHistoryLimit`/`failedJobsHistoryLimit`")
}

impl Rule for JobTtlMisuse {
    fn id(&self) -> &str {
        "job-ttl-misuse"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        if cx.object.group() != "batch" {
            return;
        }
        match cx.object.kind.as_str() {
            "Job" => {
                if cx.field(&["spec"]).is_none() {
                    return;
                }
                // A Job owned by something else (a CronJob, an operator) or deleted by Helm
                // after it ran is cleaned up by its owner.
                let owned = cx.field(&["metadata", "ownerReferences"]).is_some()
                    || cx
                        .field(&["metadata", "annotations"])
                        .is_some_and(|a| cx.doc.get(a, "helm.sh/hook-delete-policy").is_some());
                let set = cx
                    .field(&["spec", "ttlSecondsAfterFinished"])
                    .is_some_and(|n| !cx.doc.is_null(n));
                if !owned && !set {
                    out.emit(standalone(cx));
                }
            }
            "CronJob" => {
                let ttl = cx.field(&["spec", "jobTemplate", "spec", "ttlSecondsAfterFinished"]);
                if ttl.is_some_and(|n| !cx.doc.is_null(n)) {
                    let path = FieldPath::parse("spec.jobTemplate.spec.ttlSecondsAfterFinished");
                    out.emit(managed(cx, path));
                }
            }
            _ => {}
        }
    }
}
