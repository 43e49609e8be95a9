//! `invalid-probe-handler`: a startup, liveness or readiness probe with no handler, or with
//! more than one; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go validateProbe, validateHandler, handlerFromProbe

use crate::analysis::lifecycle::{probes, validated_probes};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidProbeHandler = InvalidProbeHandler;

pub(super) struct InvalidProbeHandler;

/// `extra` is `None` for a probe without a handler, else the handler that is one too many
/// and the first one, which the API server keeps.
fn diagnostic(
    cx: &PodCx<'_>,
    container: &str,
    probe: &FieldPath,
    kind: &str,
    extra: Option<(&str, &str)>,
) -> Diagnostic {
    match extra {
        None => Diagnostic::new(
            format!("the `{kind}` of container `{container}` has no handler"),
            cx.at(probe),
        )
        .label("no `exec`, `httpGet`, `tcpSocket` or `grpc`")
        .help("give the probe exactly one of `exec`, `httpGet`, `tcpSocket` or `grpc`")
        .api_error(
            cx.path.join(probe).to_string(),
            "Required",
            "must specify a handler type",
        ),
        Some((extra, first)) => {
            let at = probe.clone().field(extra.to_string());
            Diagnostic::new(
                format!(
                    "the `{kind}` of container `{container}` sets `{extra}` besides `{first}`"
                ),
                cx.at(&at),
            )
            .label("second handler")
            .related(cx.at(&probe.clone().field(first.to_string())), "first handler")
            .help("keep only one handler in the probe")
            .api_error(
                cx.path.join(&at).to_string(),
                "Forbidden",
                "may not specify more than 1 handler type",
            )
        }
    }
}

impl Rule for InvalidProbeHandler {
    fn id(&self) -> &str {
        "invalid-probe-handler"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else {
            return;
        };
        for p in validated_probes(spec, cx.object.version) {
            match probes::handlers(p.probe).as_slice() {
                [] => out.emit(diagnostic(cx, p.container.name(), &p.path, p.field, None)),
                [first, extra @ ..] => {
                    for h in extra {
                        out.emit(diagnostic(cx, p.container.name(), &p.path, p.field, Some((h, first))));
                    }
                }
            }
        }
    }
}
