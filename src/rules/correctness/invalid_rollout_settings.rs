//! `invalid-rollout-settings`: Deployment rollout numbers the API server refuses: a rolling
//! update that may neither surge nor make a pod unavailable, `rollingUpdate` with `Recreate`,
//! and a progress deadline not above `minReadySeconds`.
//! source: pkg/apis/apps/validation/validation.go ValidateRollingUpdateDeployment,
//! ValidateDeploymentStrategy, ValidateDeploymentSpec; defaults from
//! pkg/apis/apps/v1/defaults.go SetDefaults_Deployment (progressDeadlineSeconds 600)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: InvalidRolloutSettings = InvalidRolloutSettings;

pub(super) struct InvalidRolloutSettings;

fn diagnostic(cx: &ObjectCx<'_>, path: &str, message: String, kind: &str, detail: &str, help: &str) -> Diagnostic {
    Diagnostic::new(message, cx.at(FieldPath::parse_owned(path)))
        .label("refused")
        .help(help.to_string())
        .api_error(path, kind, detail)
}

/// An int-or-percent that is zero (`0`, `"0"`, `"0%"`).
fn is_zero(v: &Value) -> bool {
    match v {
        Value::Number(n) => n.as_i64() == Some(0),
        Value::String(s) => s.trim_end_matches('%').trim() == "0",
        _ => false,
    }
}

impl Rule for InvalidRolloutSettings {
    fn id(&self) -> &str {
        "invalid-rollout-settings"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.group() != "apps" || o.kind != "Deployment" {
            return;
        }
        // Only the fields read, not the whole object (its pod template is most of it).
        let (Some(strategy), Some(min_ready), Some(deadline)) = (
            cx.field_json(&["spec", "strategy"]),
            cx.field_json(&["spec", "minReadySeconds"]),
            cx.field_json(&["spec", "progressDeadlineSeconds"]),
        ) else {
            return;
        };
        let strategy = &strategy;
        let rolling = &strategy["rollingUpdate"];
        if strategy["type"] == "Recreate" && !rolling.is_null() {
            out.emit(diagnostic(
                cx,
                "spec.strategy.rollingUpdate",
                "`rollingUpdate` is set but the strategy is `Recreate`".into(),
                "Forbidden",
                "may not be specified when strategy `type` is 'Recreate'",
                "remove `rollingUpdate`, or use `type: RollingUpdate`",
            ));
        } else if rolling.is_object() {
            // Both default to 25% when unset.
            let surge = rolling.get("maxSurge").is_some_and(is_zero);
            let unavailable = rolling.get("maxUnavailable").is_some_and(is_zero);
            if surge && unavailable {
                out.emit(diagnostic(
                    cx,
                    "spec.strategy.rollingUpdate.maxUnavailable",
                    "`maxUnavailable` and `maxSurge` are both 0, so a rollout could never make progress".into(),
                    "Invalid",
                    "may not be 0 when `maxSurge` is 0",
                    "allow at least one extra pod (`maxSurge: 1`) or one unavailable pod",
                ));
            }
        }
        let given_deadline = deadline.is_i64();
        let min_ready = min_ready.as_i64().unwrap_or(0);
        let deadline = deadline.as_i64().unwrap_or(600);
        if (given_deadline || min_ready >= 600) && deadline <= min_ready {
                out.emit(diagnostic(
                    cx,
                    "spec.progressDeadlineSeconds",
                    format!("`progressDeadlineSeconds` ({deadline}) must be greater than `minReadySeconds` ({min_ready})"),
                    "Invalid",
                    "must be greater than minReadySeconds",
                    "raise `progressDeadlineSeconds` above `minReadySeconds`",
                ));
        }
    }
}
