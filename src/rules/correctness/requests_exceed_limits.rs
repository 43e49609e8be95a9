//! `requests-exceed-limits`: a container that requests more of a resource than its limit;
//! the API server refuses it. Both values are compared as stored: rounded up to milli
//! scale. Extended resources and hugepages, whose request must equal the limit, are left to
//! `invalid-resource-name`.
//! source: pkg/apis/core/validation/validation.go validateResourceRequirements (the limit
//! value is in the message since 1.27, kubernetes#112925); pkg/apis/core/v1/defaults.go
//! SetDefaults_ResourceList; pkg/apis/core/helper/helpers.go IsOvercommitAllowed

use crate::diagnostic::Diagnostic;
use crate::model::quantity::{self, overcommit_allowed, Quantity};
use crate::rules::{ContainerRef, PodCx, Rule, Sink};
use crate::yaml::NodeId;

pub(super) static RULE: RequestsExceedLimits = RequestsExceedLimits;

pub(super) struct RequestsExceedLimits;

fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, name: &str, request: &str, limit: &str, stored_limit: &Quantity) -> Diagnostic {
    let res = c.path.clone().field("resources");
    let shown = stored_limit.canonical().unwrap_or_else(|| limit.to_string());
    let detail = if cx.object.version >= (1, 27) {
        format!("must be less than or equal to {name} limit of {shown}")
    } else {
        format!("must be less than or equal to {name} limit")
    };
    Diagnostic::new(
        format!(
            "container `{}` requests `{name}: {request}`, more than its limit `{limit}`",
            c.name
        ),
        cx.object.at(res.clone().field("requests").key(name.to_string())),
    )
    .label("above the limit")
    .related(cx.object.at(res.clone().field("limits").key(name.to_string())), "the limit")
    .help(format!("lower the `{name}` request to at most the limit, or raise the limit"))
    .api_error(res.field("requests").to_string(), "Invalid", detail)
}

impl Rule for RequestsExceedLimits {
    fn id(&self) -> &str {
        "requests-exceed-limits"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let read = |n: NodeId| {
            let s = doc.scalar(n)?;
            Some((quantity::from_yaml(s.resolve())?.ok()?.stored(), &*s.text))
        };
        for c in cx.containers() {
            let Some(res) = doc.get(c.node, "resources") else {
                continue;
            };
            let (Some(requests), Some(limits)) = (doc.get(res, "requests"), doc.get(res, "limits")) else {
                continue;
            };
            for e in doc.entries(requests) {
                let Some(name) = doc.str(e.key) else {
                    continue;
                };
                if !overcommit_allowed(name) {
                    continue;
                }
                let (Some((req, req_text)), Some((lim, lim_text))) =
                    (read(e.value), doc.get(limits, name).and_then(read))
                else {
                    continue;
                };
                if req > lim {
                    out.emit(diagnostic(cx, c, name, req_text, lim_text, &lim));
                }
            }
        }
    }
}
