//! `pod-annotation-immutable-changed`: an update of a Pod that adds, removes or changes the
//! mirror-pod annotation or an AppArmor container annotation; the API server refuses it.
//! source: pkg/apis/core/validation/validation.go ValidatePodSpecificAnnotationUpdates
//! (update-rules.md §3.2)

use serde_json::{Map, Value};

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

pub(super) static RULE: PodAnnotationImmutableChanged = PodAnnotationImmutableChanged;

pub(super) struct PodAnnotationImmutableChanged;

/// source: core.MirrorPodAnnotationKey, v1.DeprecatedAppArmorBetaContainerAnnotationKeyPrefix
const MIRROR: &str = "kubernetes.io/config.mirror";
const APPARMOR: &str = "container.apparmor.security.beta.kubernetes.io/";

fn diagnostic(cx: &UpdateCx<'_>, key: &str, old: Option<&Value>, added: bool) -> Diagnostic {
    let what = if key == MIRROR { "mirror pod annotation" } else { "AppArmor annotations" };
    let detail = if added {
        format!("may not add {what}")
    } else {
        format!("may not remove or update {what}")
    };
    let api_path = FieldPath::parse("metadata.annotations").key(key.to_string());
    // A removed annotation points at the annotations (or metadata) that lack it.
    let target = if added || cx.new.json().is_some_and(|j| j["metadata"]["annotations"].get(key).is_some()) {
        api_path.clone()
    } else {
        FieldPath::parse("metadata.annotations")
    };
    let message = match old {
        None => format!("the update adds the Pod annotation `{key}`, which is set only when a Pod is created"),
        Some(v) => format!(
            "the update {} the Pod annotation `{key}`, which is fixed once the Pod exists (it was `{}`)",
            if target == api_path { "changes" } else { "removes" },
            v.as_str().map_or_else(|| v.to_string(), str::to_string)
        ),
    };
    Diagnostic::new(message, cx.at(target))
        .label(if added { "added" } else { "changed" })
        .help(if key == MIRROR {
            "leave `kubernetes.io/config.mirror` to the kubelet".to_string()
        } else {
            "keep the annotation as it was; use `securityContext.appArmorProfile` on new Pods".to_string()
        })
        .api_error(api_path.to_string(), "Forbidden", detail)
}

fn protected(key: &str) -> bool {
    key == MIRROR || key.starts_with(APPARMOR)
}

impl Rule for PodAnnotationImmutableChanged {
    fn id(&self) -> &str {
        "pod-annotation-immutable-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        if o.api_version != "v1" || o.kind != "Pod" || !super::metadata_immutable_changed::same_object(cx) {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_json(), cx.new.json()) else {
            return;
        };
        let empty = Map::new();
        let annotations = |v: &'_ Value| v["metadata"]["annotations"].as_object().cloned().unwrap_or_else(|| empty.clone());
        let (old, new) = (annotations(old), annotations(new));
        // source: ValidatePodSpecificAnnotationUpdates: changed or removed first, then added
        for (k, v) in old.iter().filter(|(k, _)| protected(k)) {
            if new.get(k) != Some(v) {
                out.emit(diagnostic(cx, k, Some(v), false));
            }
        }
        for k in new.keys().filter(|k| protected(k) && !old.contains_key(*k)) {
            out.emit(diagnostic(cx, k, None, true));
        }
    }
}
