//! `missing-resource-requests`: a container without a CPU or memory request. The scheduler
//! places the pod as if it needed nothing of that resource, and under memory pressure the
//! kubelet evicts pods that use more than they requested first. A LimitRange of the run that
//! fills in a default counts as set; a request the API server copies from the limit is
//! reported with what it becomes (the whole limit is reserved, which is rarely meant).
//! source: pkg/apis/core/v1/defaults.go SetDefaults_Pod (requests default to limits);
//! pkg/kubelet/eviction/helpers.go rankMemoryPressure (usage above requests first)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::resources::{declared, noun, path, value, Side};

pub(super) static RULE: MissingResourceRequests = MissingResourceRequests;

pub(super) struct MissingResourceRequests;

fn diagnostic(cx: &PodCx<'_>, container: &str, missing: &[(&str, Option<String>)], at: crate::yaml::FieldPath) -> Diagnostic {
    let what = missing.iter().map(|(r, _)| noun(r)).collect::<Vec<_>>().join(" or ");
    let list = missing
        .iter()
        .map(|(r, _)| format!("`{r}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let copied: Vec<String> = missing
        .iter()
        .filter_map(|(r, limit)| Some(format!("the {} limit `{}`", noun(r), limit.as_ref()?)))
        .collect();
    let mut message = format!("container `{container}` sets no {what} request");
    if !copied.is_empty() {
        message.push_str(&format!(
            " (the API server copies {}, reserving all of it)",
            copied.join(" and ")
        ));
    }
    Diagnostic::new(message, cx.object.at(at))
        .label(format!("no {what} request"))
        .help(format!("set `resources.requests` {list} to what the container needs"))
}

impl Rule for MissingResourceRequests {
    fn id(&self) -> &str {
        "missing-resource-requests"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let missing: Vec<(&str, Option<String>)> = ["cpu", "memory"]
                .into_iter()
                .filter(|r| !declared(cx, c, Side::Requests, r))
                .map(|r| {
                    let limit = value(cx, c, Side::Limits, r)
                        .and_then(|n| doc.str(n))
                        .map(str::to_string);
                    (r, limit)
                })
                .collect();
            if let Some((first, _)) = missing.first() {
                out.emit(diagnostic(cx, c.name, &missing, path(c, Side::Requests, first)));
            }
        }
    }
}
