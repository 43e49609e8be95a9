//! `sleep-exceeds-grace-period`: a `sleep` hook longer than the pod's
//! `terminationGracePeriodSeconds`, or negative (or zero, before 1.33); the API server
//! refuses it.
//! source: pkg/apis/core/validation/validation.go validateSleepAction (bound: the pod's
//! grace period after defaulting, checked with `>`); feature gates PodLifecycleSleepAction
//! (beta 1.30; alpha and off in 1.29, when `sleep` is dropped instead) and
//! PodLifecycleSleepActionAllowZero (alpha 1.32, beta 1.33)

use crate::analysis::lifecycle::{hooks, pod_grace, validated_hooks};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink, Version};
use crate::yaml::FieldPath;

pub(super) static RULE: SleepExceedsGracePeriod = SleepExceedsGracePeriod;

pub(super) struct SleepExceedsGracePeriod;

fn diagnostic(
    cx: &PodCx<'_>,
    container: &str,
    sleep: &FieldPath,
    hook: &str,
    seconds: i64,
    grace: i64,
    detail: String,
) -> Diagnostic {
    let (message, label, help) = if seconds > grace {
        (
            format!(
                "the `{hook}` sleep of container `{container}` ({seconds}s) is longer than the pod's `terminationGracePeriodSeconds` ({grace})"
            ),
            format!("more than {grace}"),
            "shorten the sleep or raise `terminationGracePeriodSeconds`",
        )
    } else if seconds < 0 {
        (
            format!("the `{hook}` sleep of container `{container}` is negative"),
            "negative".to_string(),
            "sleep 0 seconds or more",
        )
    } else {
        (
            format!(
                "the `{hook}` sleep of container `{container}` is 0 seconds, which Kubernetes {}.{} refuses",
                cx.object.version.0, cx.object.version.1
            ),
            "zero is allowed from Kubernetes 1.33".to_string(),
            "sleep at least 1 second, or remove the hook",
        )
    };
    let mut d = Diagnostic::new(message, cx.at(&sleep.clone().field("seconds")))
        .label(label)
        .help(help)
        .api_error(cx.path.join(sleep).to_string(), "Invalid", detail);
    let grace_set = cx.doc().get(cx.node, "terminationGracePeriodSeconds").is_some();
    if seconds > grace && grace_set {
        d = d.related(
            cx.at(&FieldPath::root().field("terminationGracePeriodSeconds")),
            "grace period set here",
        );
    }
    d
}

/// The API server's verdict on a sleep of `seconds` in a pod with `grace`, by version:
/// `Some(detail)` when it refuses it.
fn refusal(version: Version, seconds: i64, grace: i64) -> Option<String> {
    if version >= (1, 33) {
        (seconds < 0 || seconds > grace).then(|| {
            format!("must be non-negative and less than terminationGracePeriodSeconds ({grace})")
        })
    } else if version == (1, 32) {
        (seconds <= 0 || seconds > grace).then(|| {
            format!(
                "must be greater than 0 and less than terminationGracePeriodSeconds ({grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep."
            )
        })
    } else {
        // 1.30 and 1.31, before the zero-value gate existed (KEP-4818).
        (seconds <= 0 || seconds > grace).then(|| {
            format!("must be greater than 0 and less than terminationGracePeriodSeconds ({grace})")
        })
    }
}

impl Rule for SleepExceedsGracePeriod {
    fn id(&self) -> &str {
        "sleep-exceeds-grace-period"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        // In 1.29 the alpha gate is off and the API server drops `sleep` without a word;
        // before that the field does not exist.
        if cx.object.version < (1, 30) {
            return;
        }
        let Some(spec) = cx.spec() else {
            return;
        };
        let grace = pod_grace(spec);
        for h in validated_hooks(spec, cx.object.version) {
            // Only the first handler is validated; a `sleep` beside another handler is
            // refused for that (`invalid-hook-handler`), not for its length.
            let (["sleep"], Some(sleep)) = (hooks::handlers(h.handler).as_slice(), &h.handler.sleep)
            else {
                continue;
            };
            if let Some(detail) = refusal(cx.object.version, sleep.seconds, grace) {
                let at = h.path.clone().field("sleep");
                out.emit(diagnostic(cx, h.container.name(), &at, h.field, sleep.seconds, grace, detail));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // source: pkg/apis/core/validation/validation.go validateSleepAction (`>`, not `>=`)
    #[test]
    fn the_bound_is_inclusive_and_zero_depends_on_the_version() {
        assert_eq!(refusal((1, 37), 30, 30), None);
        assert!(refusal((1, 37), 31, 30).is_some());
        assert_eq!(refusal((1, 33), 0, 30), None);
        assert!(refusal((1, 32), 0, 30).unwrap().ends_with("for zero sleep."));
        assert_eq!(
            refusal((1, 30), 0, 5).unwrap(),
            "must be greater than 0 and less than terminationGracePeriodSeconds (5)"
        );
        assert!(refusal((1, 37), -1, 30).is_some());
        // A negative pod grace period rejects every sleep but a negative one no larger.
        assert!(refusal((1, 37), 0, -1).is_some());
    }
}
