//! `cronjob-template-changed` (info): an accepted update that changes a CronJob's job
//! template. It applies only to the Jobs the CronJob creates from then on; a Job that is
//! already running keeps the template it was created with.
//! source: pkg/controller/cronjob/utils.go getJobFromTemplate2 (each Job is a copy of
//! `spec.jobTemplate` made when it is scheduled; nothing updates existing Jobs), web
//! concepts/workloads/controllers/cron-jobs.md "Modifying a CronJob". Templates are
//! compared after defaulting, so writing out a default does not count.

use serde_json::Value;

use super::statefulset_spec_changed::{shown, value_at};
use crate::analysis::update::changed_paths;
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: CronJobTemplateChanged = CronJobTemplateChanged;

pub(super) struct CronJobTemplateChanged;

fn diagnostic(cx: &UpdateCx<'_>, at: FieldPath, old: Option<&Value>) -> Diagnostic {
    let name = match cx.new.object.name.as_str() {
        "" => "NAME",
        n => n,
    };
    Diagnostic::new(
        format!(
            "changing `{at}` (it was {}) affects only the Jobs created from the next schedule on; Jobs already running keep the old template",
            shown(old)
        ),
        cx.at(at),
    )
    .label("job template changed")
    .help(format!(
        "to run the new template now, start a Job by hand: `kubectl create job --from=cronjob/{name} {name}-manual`"
    ))
}

impl Rule for CronJobTemplateChanged {
    fn id(&self) -> &str {
        "cronjob-template-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        if o.group() != "batch" || o.kind != "CronJob" {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_defaulted(), cx.new_defaulted()) else {
            return;
        };
        let (ot, nt) = (&old["spec"]["jobTemplate"], &new["spec"]["jobTemplate"]);
        if nt.is_null() {
            return;
        }
        let Some(first) = changed_paths(ot, nt).into_iter().next() else {
            return;
        };
        let at = FieldPath::parse("spec.jobTemplate").join(&first);
        let was = value_at(old, &at);
        out.emit(diagnostic(cx, at, was));
    }
}
