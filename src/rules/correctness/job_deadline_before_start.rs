//! `job-deadline-before-start`: an `activeDeadlineSeconds` (a Job's, a CronJob's job
//! template's, or a pod spec's) shorter than the time the pod needs before its last app
//! container can even be started, by the start timeline's earliest figures. The deadline
//! then always fires first: the pod fails with `DeadlineExceeded` and the Job with
//! `DeadlineExceeded` before any work is done.
//!
//! source: pkg/kubelet/active_deadline.go (counts from `status.startTime`, init containers
//! included); web concepts/workloads/controllers/job.md "Job termination and cleanup" (a
//! Job's deadline counts from its start, whatever the number of pods); the start timeline
//! is `analysis::lifecycle::timing`.

use serde_json::Value;

use crate::analysis::lifecycle::timing::timing;
use crate::analysis::lifecycle::Role;
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: JobDeadlineBeforeStart = JobDeadlineBeforeStart;

pub(super) struct JobDeadlineBeforeStart;

fn diagnostic(
    cx: &PodCx<'_>,
    owner: &str,
    deadline: i64,
    container: &str,
    earliest: f64,
    at: FieldPath,
) -> Diagnostic {
    Diagnostic::new(
        format!(
            "`activeDeadlineSeconds: {deadline}` ends the {owner} before `{container}` is started, which takes at least {earliest} s"
        ),
        cx.object.at(at),
    )
    .label(format!("{deadline} s < {earliest} s"))
    .help("raise `activeDeadlineSeconds` above the time the pod needs to start and do its work")
}

/// Kinds whose pod template may not carry `activeDeadlineSeconds` at all (an API error
/// reported elsewhere). source: pkg/apis/apps/validation, ValidatePodTemplateSpecForReplicaSet
const TEMPLATE_FORBIDS_DEADLINE: [&str; 4] = ["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet"];

fn positive(v: Option<&Value>) -> Option<i64> {
    v?.as_i64().filter(|n| *n >= 1)
}

impl Rule for JobDeadlineBeforeStart {
    fn id(&self) -> &str {
        "job-deadline-before-start"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else { return };
        let t = timing(spec, cx.object.version);
        let Some((container, earliest)) = t
            .containers
            .iter()
            .filter(|c| c.role == Role::App)
            .map(|c| (c.name.as_str(), c.starts_at + c.started_after))
            .max_by(|a, b| a.1.total_cmp(&b.1))
        else {
            return;
        };
        let kind = cx.object.object.kind.as_str();
        let mut deadlines = Vec::new();
        // The Job's own deadline, which counts from the Job's start (before the pod's).
        let job = match kind {
            "Job" => Some((&["spec", "activeDeadlineSeconds"][..], "spec.activeDeadlineSeconds")),
            "CronJob" => Some((
                &["spec", "jobTemplate", "spec", "activeDeadlineSeconds"][..],
                "spec.jobTemplate.spec.activeDeadlineSeconds",
            )),
            _ => None,
        };
        if let Some((keys, path)) = job {
            // Only that field, not the whole object's JSON view.
            if let Some(n) = positive(cx.object.field_json(keys).as_ref()) {
                deadlines.push(("Job", n, FieldPath::parse(path)));
            }
        }
        if !TEMPLATE_FORBIDS_DEADLINE.contains(&kind) {
            if let Some(n) = spec.active_deadline_seconds.filter(|n| *n >= 1) {
                deadlines.push((
                    "pod",
                    n,
                    cx.path.clone().field("activeDeadlineSeconds"),
                ));
            }
        }
        for (owner, n, at) in deadlines {
            if (n as f64) < earliest {
                out.emit(diagnostic(cx, owner, n, container, earliest, at));
            }
        }
    }
}
