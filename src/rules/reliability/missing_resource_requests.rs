//! `missing-resource-requests`: a container without a CPU or memory request. The scheduler
//! places the pod as if it needed nothing of that resource, and under memory pressure the
//! kubelet evicts pods that use more than they requested first. A request the API server
//! copies from the limit, or a LimitRange of the run fills in, counts as set.
//! source: pkg/apis/core/v1/defaults.go SetDefaults_Pod (requests default to limits);
//! pkg/kubelet/eviction/helpers.go rankMemoryPressure (usage above requests first)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::resources::{effective, noun, path, Side};

pub(super) static RULE: MissingResourceRequests = MissingResourceRequests;

pub(super) struct MissingResourceRequests;

fn diagnostic(cx: &PodCx<'_>, container: &str, missing: &[&str], at: crate::yaml::FieldPath) -> Diagnostic {
    let what = missing.iter().map(|r| noun(r)).collect::<Vec<_>>().join(" or ");
    let list = missing
        .iter()
        .map(|r| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    Diagnostic::new(format!("container `{container}` sets no {what} request"), cx.object.at(at))
        .label(format!("no {what} request"))
        .help(format!("set `resources.requests` {list} to what the container needs"))
}

impl Rule for MissingResourceRequests {
    fn id(&self) -> &str {
        "missing-resource-requests"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for c in cx.containers() {
            let missing: Vec<&str> = ["cpu", "memory"]
                .into_iter()
                .filter(|r| !effective(cx, &c, Side::Requests, r))
                .collect();
            if let Some(first) = missing.first() {
                out.emit(diagnostic(cx, c.name, &missing, path(&c, Side::Requests, first)));
            }
        }
    }
}
