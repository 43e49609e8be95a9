//! `rollout-triggered` (info): an accepted update that changes the pod template of a
//! Deployment, DaemonSet or StatefulSet, and what follows: a rollout, at the pace its
//! strategy sets, or none yet (a paused Deployment; `updateStrategy: OnDelete`, where a pod
//! takes the new template only when it is deleted).
//! source: pkg/controller/deployment/sync.go (a new ReplicaSet per template hash; nothing
//! while `paused`), pkg/controller/daemon/update.go and pkg/controller/statefulset/
//! stateful_set_control.go (OnDelete: no pod is deleted by the controller; RollingUpdate
//! from the highest ordinal down to `partition`). Templates are compared after defaulting,
//! so writing out a default does not count. An update the API server refuses
//! (`selector-changed`, `statefulset-spec-changed`) starts nothing and is not reported here.

use serde_json::Value;

use super::statefulset_spec_changed::{forbidden_changes, shown, value_at};
use crate::analysis::update::changed_paths;
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: RolloutTriggered = RolloutTriggered;

pub(super) struct RolloutTriggered;

fn diagnostic(cx: &UpdateCx<'_>, at: FieldPath, old: Option<&Value>, effect: &Effect) -> Diagnostic {
    let o = cx.new.object;
    let name = if o.name.is_empty() { "NAME" } else { o.name.as_str() };
    let what = format!("{}/{name}", o.kind.to_lowercase());
    let (effect, help) = match effect {
        Effect::Rollout(how) => (
            format!("starts a rollout: {how}"),
            format!("follow it with `kubectl rollout status {what}`; undo it with `kubectl rollout undo {what}`"),
        ),
        Effect::Paused => (
            "starts no rollout while the Deployment is paused; it rolls out when the Deployment is resumed".to_string(),
            format!("resume it with `kubectl rollout resume {what}` when ready"),
        ),
        Effect::OnDelete => (
            "starts no rollout: with `updateStrategy: OnDelete` a pod takes the new template only when it is deleted".to_string(),
            "delete the pods, one at a time, to move them to the new template".to_string(),
        ),
    };
    Diagnostic::new(
        format!("changing `{at}` (it was {}) {effect}", shown(old)),
        cx.at(at),
    )
    .label("pod template changed")
    .help(help)
}

enum Effect {
    Rollout(String),
    Paused,
    OnDelete,
}

/// A strategy parameter for a message: `25%`, `1`.
fn param(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "?".to_string(),
        other => other.to_string(),
    }
}

fn effect(kind: &str, spec: &Value) -> Effect {
    match kind {
        "Deployment" => {
            let strategy = &spec["strategy"];
            if spec["paused"] == Value::Bool(true) {
                Effect::Paused
            } else if strategy["type"] == "Recreate" {
                Effect::Rollout(
                    "every pod is deleted before the new ones are created (`strategy: Recreate`)"
                        .to_string(),
                )
            } else {
                let ru = &strategy["rollingUpdate"];
                Effect::Rollout(format!(
                    "a new ReplicaSet replaces the pods, at most {} extra and {} unavailable at a time",
                    param(&ru["maxSurge"]),
                    param(&ru["maxUnavailable"])
                ))
            }
        }
        "DaemonSet" => {
            let strategy = &spec["updateStrategy"];
            if strategy["type"] == "OnDelete" {
                Effect::OnDelete
            } else {
                let ru = &strategy["rollingUpdate"];
                Effect::Rollout(format!(
                    "the pod on every node is replaced, {} unavailable and {} surge at a time",
                    param(&ru["maxUnavailable"]),
                    param(&ru["maxSurge"])
                ))
            }
        }
        _ => {
            let strategy = &spec["updateStrategy"];
            if strategy["type"] == "OnDelete" {
                return Effect::OnDelete;
            }
            let partition = strategy["rollingUpdate"]["partition"].as_i64().unwrap_or(0);
            if partition > 0 {
                Effect::Rollout(format!(
                    "only the pods with an ordinal of at least {partition} (`partition: {partition}`) are replaced, one at a time from the highest"
                ))
            } else {
                Effect::Rollout(
                    "the pods are replaced one at a time, from the highest ordinal down".to_string(),
                )
            }
        }
    }
}

impl Rule for RolloutTriggered {
    fn id(&self) -> &str {
        "rollout-triggered"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        if o.api_version != "apps/v1"
            || !matches!(o.kind.as_str(), "Deployment" | "DaemonSet" | "StatefulSet")
        {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_defaulted(), cx.new_defaulted()) else {
            return;
        };
        let (os, ns) = (&old["spec"], &new["spec"]);
        // Refused updates change nothing (selector-changed, statefulset-spec-changed).
        let selector = &ns["selector"];
        if !selector.is_null() && !changed_paths(&os["selector"], selector).is_empty() {
            return;
        }
        if !forbidden_changes(cx).is_empty() {
            return;
        }
        let Some(first) = changed_paths(&os["template"], &ns["template"])
            .into_iter()
            .next()
        else {
            return;
        };
        let at = FieldPath::parse("spec.template").join(&first);
        let was = value_at(old, &at);
        out.emit(diagnostic(cx, at, was, &effect(&o.kind, ns)));
    }
}
