//! `request-not-equal-limit`: a container whose CPU, memory or ephemeral-storage request
//! differs from its limit (or that has a request and no limit). Only pods whose every
//! container has requests equal to limits for CPU and memory are `Guaranteed`, the last
//! class the kubelet evicts; a memory limit above the request is memory the node may not
//! have when the container wants it.
//! source: pkg/apis/core/v1/helper/qos/qos.go GetPodQOS; pkg/apis/core/v1/defaults.go
//! SetDefaults_Pod (a missing request defaults to the limit, so it is not reported)

use crate::diagnostic::Diagnostic;
use crate::model::quantity;
use crate::rules::{PodCx, Rule, Sink};

use super::resources::{limit_range_default, noun, path, value, Side};

pub(super) static RULE: RequestNotEqualLimit = RequestNotEqualLimit;

pub(super) struct RequestNotEqualLimit;

const RESOURCES: [&str; 3] = ["cpu", "memory", "ephemeral-storage"];

impl Rule for RequestNotEqualLimit {
    fn id(&self) -> &str {
        "request-not-equal-limit"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let read = |n| {
            let s = doc.scalar(n)?;
            Some((quantity::from_yaml(s.resolve())?.ok()?.stored(), s.text.to_string()))
        };
        for c in cx.containers() {
            for r in RESOURCES {
                let Some(req_node) = value(cx, c, Side::Requests, r) else {
                    continue;
                };
                let Some((req, req_text)) = read(req_node) else {
                    continue;
                };
                let what = noun(r);
                let at = cx.object.at(path(c, Side::Requests, r));
                match value(cx, c, Side::Limits, r) {
                    Some(lim_node) => {
                        let Some((lim, lim_text)) = read(lim_node) else {
                            continue;
                        };
                        if req == lim {
                            continue;
                        }
                        out.emit(
                            Diagnostic::new(
                                format!(
                                    "container `{}` requests {what} `{req_text}` but is limited to `{lim_text}`",
                                    c.name
                                ),
                                at,
                            )
                            .label("not equal to the limit")
                            .related(cx.object.at(path(c, Side::Limits, r)), "the limit")
                            .help(format!("set the {what} request and limit to the same value")),
                        );
                    }
                    None if !limit_range_default(cx, Side::Limits, r) => out.emit(
                        Diagnostic::new(
                            format!(
                                "container `{}` requests {what} `{req_text}` but sets no {what} limit",
                                c.name
                            ),
                            at,
                        )
                        .label("no limit to match")
                        .help(format!("set the {what} limit to the request")),
                    ),
                    None => {}
                }
            }
        }
    }
}
