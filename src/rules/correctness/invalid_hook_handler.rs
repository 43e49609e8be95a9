//! `invalid-hook-handler`: a `postStart` or `preStop` hook with no handler, or with more
//! than one; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go validateLifecycle, validateHandler,
//! handlerFromLifecycle

use crate::analysis::lifecycle::{hooks, validated_hooks};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidHookHandler = InvalidHookHandler;

pub(super) struct InvalidHookHandler;

/// `extra` is `None` for a hook without a handler, else the handler that is one too many
/// and the first one, which the API server keeps.
fn diagnostic(
    cx: &PodCx<'_>,
    container: &str,
    hook: &FieldPath,
    kind: &str,
    extra: Option<(&str, &str)>,
) -> Diagnostic {
    match extra {
        None => Diagnostic::new(
            format!("the `{kind}` hook of container `{container}` has no handler"),
            cx.at(hook),
        )
        .label("no `exec`, `httpGet`, `tcpSocket` or `sleep`")
        .help("give the hook exactly one of `exec`, `httpGet` or `sleep`, or remove it")
        .api_error(
            cx.path.join(hook).to_string(),
            "Required",
            "must specify a handler type",
        ),
        Some((extra, first)) => {
            let at = hook.clone().field(extra.to_string());
            Diagnostic::new(
                format!(
                    "the `{kind}` hook of container `{container}` sets `{extra}` besides `{first}`"
                ),
                cx.at(&at),
            )
            .label("second handler")
            .related(cx.at(&hook.clone().field(first.to_string())), "first handler")
            .help("keep only one handler in the hook")
            .api_error(
                cx.path.join(&at).to_string(),
                "Forbidden",
                "may not specify more than 1 handler type",
            )
        }
    }
}

impl Rule for InvalidHookHandler {
    fn id(&self) -> &str {
        "invalid-hook-handler"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(spec) = cx.spec() else {
            return;
        };
        for h in validated_hooks(spec, cx.object.version) {
            match hooks::handlers(h.handler).as_slice() {
                [] => out.emit(diagnostic(cx, h.container.name(), &h.path, h.field, None)),
                [first, extra @ ..] => {
                    for x in extra {
                        out.emit(diagnostic(cx, h.container.name(), &h.path, h.field, Some((x, first))));
                    }
                }
            }
        }
    }
}
