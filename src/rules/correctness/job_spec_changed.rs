//! `job-spec-changed`: an update that changes what a Job may not change once created: its
//! pod template (beyond the scheduling directives a suspended Job may change), its
//! selector, `completions` (an Indexed Job may change it only together with `parallelism`),
//! `completionMode`, `podFailurePolicy`, `backoffLimitPerIndex`, `managedBy`,
//! `successPolicy`.
//! source: pkg/apis/batch/validation/validation.go ValidateJobSpecUpdate,
//! validatePodTemplateUpdate, validateCompletions (apimachinery ValidateImmutableField:
//! "field is immutable"); pkg/registry/batch/job/strategy.go validationOptionsForJob (the
//! scheduling directives are mutable while OLD is suspended and has never started).
//! 1.36 (beta gates MutableSchedulingDirectivesForSuspendedJobs and
//! MutablePodResourcesForSuspendedJobs, from the website gate pages and CHANGELOG-1.36,
//! **not read in source**): a suspended Job may change them even after it has run, and may
//! change container resources while it has no active pods.
//!
//! What `kubectl apply` keeps is not a change: a NEW without `spec.selector`, or without the
//! template labels the API server generated (`batch.kubernetes.io/controller-uid`, …),
//! keeps the live ones.

use serde_json::{Map, Value};

use super::statefulset_spec_changed::{shown, value_at};
use crate::analysis::update::changed_paths;
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx, Version};
use crate::yaml::FieldPath;

pub(super) static RULE: JobSpecChanged = JobSpecChanged;

pub(super) struct JobSpecChanged;

const RECREATE: &str =
    "keep the old value, or delete the Job and create it again (`kubectl replace --force`)";

fn immutable(cx: &UpdateCx<'_>, field: &str, at: FieldPath, old: Option<&Value>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "`{at}` cannot change once the Job exists (it was {})",
            shown(old)
        ),
        cx.at(at),
    )
    .label("changed")
    .help(RECREATE)
    .api_error(format!("spec.{field}"), "Invalid", "field is immutable")
}

fn template_changed(
    cx: &UpdateCx<'_>,
    at: FieldPath,
    old: Option<&Value>,
    hint: &str,
) -> Diagnostic {
    Diagnostic::new(
        format!(
            "the pod template of a Job cannot change once it exists: `{at}` was {}{hint}",
            shown(old)
        ),
        cx.at(at),
    )
    .label("changed")
    .help(RECREATE)
    .api_error("spec.template", "Invalid", "field is immutable")
}

fn completions_in_tandem(cx: &UpdateCx<'_>, old: Option<&Value>, parallelism: &Value) -> Diagnostic {
    Diagnostic::new(
        format!(
            "an Indexed Job's `spec.completions` can change only together with `spec.parallelism`, to the same value (it was {}; `parallelism` is {})",
            shown(old),
            shown(Some(parallelism))
        ),
        cx.at(FieldPath::parse("spec.completions")),
    )
    .label("not equal to `parallelism`")
    .help("set `spec.parallelism` to the same new value")
    .api_error(
        "spec.completions",
        "Invalid",
        "can only be modified in tandem with spec.parallelism",
    )
}

/// Template labels the Job registry adds on create; a manifest that omits them keeps them.
/// source: pkg/registry/batch/job/strategy.go generateSelector
const GENERATED_LABELS: [&str; 4] = [
    "batch.kubernetes.io/controller-uid",
    "batch.kubernetes.io/job-name",
    "controller-uid",
    "job-name",
];

/// Immutable fields compared as a whole, with the release from which the API server knows
/// them by default (beta): before, their gate is off and the field is dropped.
/// source: pkg/features/kube_features.go (JobPodFailurePolicy, JobBackoffLimitPerIndex,
/// JobSuccessPolicy, JobManagedBy)
const WHOLE: [(&str, Version); 5] = [
    ("completionMode", (1, 22)),
    ("podFailurePolicy", (1, 26)),
    ("backoffLimitPerIndex", (1, 29)),
    ("successPolicy", (1, 31)),
    ("managedBy", (1, 32)),
];

/// Elastic Indexed Jobs (gate ElasticIndexedJob, beta 1.27, then GA).
fn elastic_indexed(version: Version) -> bool {
    version >= (1, 27)
}

/// Suspended Jobs may change scheduling directives after they have run, and resources
/// (gates MutableSchedulingDirectivesForSuspendedJobs, MutablePodResourcesForSuspendedJobs:
/// beta, on, in 1.36). **Unverified in source.**
fn suspended_relaxations(version: Version) -> bool {
    version >= (1, 36)
}

impl Rule for JobSpecChanged {
    fn id(&self) -> &str {
        "job-spec-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        if o.api_version != "batch/v1" || o.kind != "Job" {
            return;
        }
        let (Some(old), Some(new)) = (cx.old_defaulted(), cx.new_defaulted()) else {
            return;
        };
        let version = cx.new.version;
        let (os, ns) = (&old["spec"], &new["spec"]);
        if !ns.is_object() {
            return;
        }
        let field_at = |f: &str| FieldPath::parse("spec").field(f.to_string());
        let got = |s: &Value, f: &str| s.get(f).filter(|v| !v.is_null()).cloned();

        // source: validateCompletions
        let (oc, nc) = (got(os, "completions"), got(ns, "completions"));
        if oc != nc {
            let indexed = ns["completionMode"] == "Indexed";
            if elastic_indexed(version) && indexed {
                let parallelism = &ns["parallelism"];
                if nc.is_some() && nc.as_ref() != Some(parallelism) {
                    out.emit(completions_in_tandem(cx, oc.as_ref(), parallelism));
                }
            } else {
                out.emit(immutable(cx, "completions", field_at("completions"), oc.as_ref()));
            }
        }

        let (osel, nsel) = (got(os, "selector"), got(ns, "selector"));
        if nsel.is_some() && differ(osel.as_ref(), nsel.as_ref()) {
            out.emit(immutable(cx, "selector", field_at("selector"), osel.as_ref()));
        }

        if let Some((at, hint)) = template_change(cx, os, ns, version) {
            let was = value_at(old, &at);
            out.emit(template_changed(cx, at, was, hint));
        }

        for (field, since) in WHOLE {
            let (ov, nv) = (got(os, field), got(ns, field));
            if version >= since && differ(ov.as_ref(), nv.as_ref()) {
                let at = changed_paths(
                    ov.as_ref().unwrap_or(&Value::Null),
                    nv.as_ref().unwrap_or(&Value::Null),
                )
                .into_iter()
                .next()
                .unwrap_or_default();
                let at = field_at(field).join(&at);
                let was = value_at(old, &at);
                out.emit(immutable(cx, field, at, was));
            }
        }
    }
}

/// Whether two optional values differ the way the API server sees it (`null` = absent).
fn differ(old: Option<&Value>, new: Option<&Value>) -> bool {
    let null = Value::Null;
    !changed_paths(old.unwrap_or(&null), new.unwrap_or(&null)).is_empty()
}

/// The first changed path of the pod template (relative to the object) that the API server
/// refuses, with a hint when the change would have been allowed while suspended.
fn template_change(
    cx: &UpdateCx<'_>,
    os: &Value,
    ns: &Value,
    version: Version,
) -> Option<(FieldPath, &'static str)> {
    let mut ot = os.get("template").cloned().unwrap_or(Value::Null);
    let mut nt = ns.get("template").cloned().unwrap_or(Value::Null);
    keep_generated_labels(&ot, &mut nt);
    if changed_paths(&ot, &nt).is_empty() {
        return None;
    }
    let status = cx.old_json().map(|o| &o["status"]).unwrap_or(&Value::Null);
    let suspended = os["suspend"] == Value::Bool(true);
    let started = !status["startTime"].is_null();
    let relaxed = suspended_relaxations(version);
    let scheduling = suspended && (!started || relaxed);
    let active = status["active"].as_i64().unwrap_or(0);
    let resources = relaxed && suspended && active == 0;
    if scheduling {
        allow_scheduling_directives(&mut ot, &nt);
    }
    if resources {
        allow_resources(&mut ot, &nt);
    }
    let refused = changed_paths(&ot, &nt).into_iter().next()?;
    // A change the relaxations would have let through had the Job been suspended.
    let mut probe = os.get("template").cloned().unwrap_or(Value::Null);
    allow_scheduling_directives(&mut probe, &nt);
    let hint = if !scheduling && changed_paths(&probe, &nt).is_empty() {
        if suspended {
            "; a suspended Job may change its scheduling directives only before it starts"
        } else {
            "; a suspended Job that has not started may change its scheduling directives"
        }
    } else {
        ""
    };
    Some((FieldPath::parse("spec.template").join(&refused), hint))
}

/// NEW without a generated label keeps OLD's (`kubectl apply` leaves fields it did not set).
fn keep_generated_labels(old: &Value, new: &mut Value) {
    let Some(old_labels) = old["metadata"]["labels"].as_object() else {
        return;
    };
    let missing: Vec<(&str, &Value)> = GENERATED_LABELS
        .iter()
        .filter(|k| new["metadata"]["labels"].get(**k).is_none())
        .filter_map(|k| old_labels.get(*k).map(|v| (*k, v)))
        .collect();
    if missing.is_empty() {
        return;
    }
    let Some(new_t) = new.as_object_mut() else {
        return;
    };
    let meta = new_t
        .entry("metadata")
        .or_insert_with(|| Value::Object(Map::new()));
    if meta.is_null() {
        *meta = Value::Object(Map::new());
    }
    let Some(meta) = meta.as_object_mut() else {
        return;
    };
    let labels = meta
        .entry("labels")
        .or_insert_with(|| Value::Object(Map::new()));
    if labels.is_null() {
        *labels = Value::Object(Map::new());
    }
    let Some(labels) = labels.as_object_mut() else {
        return;
    };
    for (key, v) in missing {
        labels.insert(key.to_string(), v.clone());
    }
}

/// OLD's template with NEW's scheduling directives, as validatePodTemplateUpdate prepares
/// it when `AllowMutableSchedulingDirectives` is on.
fn allow_scheduling_directives(old: &mut Value, new: &Value) {
    let Some(ot) = old.as_object_mut() else {
        return;
    };
    let ns = &new["spec"];
    if let Some(meta) = ot.get_mut("metadata").and_then(Value::as_object_mut) {
        for f in ["labels", "annotations"] {
            copy(meta, f, &new["metadata"]);
        }
    } else if !new["metadata"].is_null() {
        let mut meta = Map::new();
        for f in ["labels", "annotations"] {
            copy(&mut meta, f, &new["metadata"]);
        }
        ot.insert("metadata".into(), Value::Object(meta));
    }
    let Some(os) = ot.get_mut("spec").and_then(Value::as_object_mut) else {
        return;
    };
    for f in ["nodeSelector", "tolerations", "schedulingGates"] {
        copy(os, f, ns);
    }
    let new_affinity = ns.get("affinity").filter(|a| !a.is_null());
    let old_affinity = os.get("affinity").filter(|a| !a.is_null()).is_some();
    match (old_affinity, new_affinity) {
        // Only nodeAffinity is dropped: an Affinity holding nothing else may go.
        (true, None) => {
            if let Some(a) = os.get_mut("affinity").and_then(Value::as_object_mut) {
                a.remove("nodeAffinity");
                if a.values().all(Value::is_null) {
                    os.remove("affinity");
                }
            }
        }
        (false, Some(na)) => {
            let mut a = Map::new();
            if let Some(node) = na.get("nodeAffinity").filter(|v| !v.is_null()) {
                a.insert("nodeAffinity".into(), node.clone());
            }
            os.insert("affinity".into(), Value::Object(a));
        }
        (true, Some(na)) => {
            if let Some(a) = os.get_mut("affinity").and_then(Value::as_object_mut) {
                copy(a, "nodeAffinity", na);
            }
        }
        (false, None) => {}
    }
}

/// OLD's template with NEW's container resources (requests and limits).
fn allow_resources(old: &mut Value, new: &Value) {
    for list in ["initContainers", "containers"] {
        let Some(olds) = old
            .get_mut("spec")
            .and_then(|s| s.get_mut(list))
            .and_then(Value::as_array_mut)
        else {
            continue;
        };
        for (i, c) in olds.iter_mut().enumerate() {
            let (Some(c), Some(nc)) = (c.as_object_mut(), new["spec"][list].get(i)) else {
                continue;
            };
            copy(c, "resources", nc);
        }
    }
}

/// `to[field]` = `from[field]`, removed when `from` has none.
fn copy(to: &mut Map<String, Value>, field: &str, from: &Value) {
    match from.get(field).filter(|v| !v.is_null()) {
        Some(v) => {
            to.insert(field.to_string(), v.clone());
        }
        None => {
            to.remove(field);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scheduling_directives_are_taken_from_new() {
        let mut old = json!({"metadata": {"labels": {"a": "1"}}, "spec": {
            "nodeSelector": {"x": "1"},
            "affinity": {"nodeAffinity": {"n": 1}},
            "containers": [{"name": "c"}]}});
        let new = json!({"metadata": {"labels": {"a": "2"}}, "spec": {
            "tolerations": [{"key": "k"}],
            "containers": [{"name": "c"}]}});
        allow_scheduling_directives(&mut old, &new);
        assert_eq!(old, new);
    }

    #[test]
    fn other_affinity_still_counts() {
        let mut old = json!({"spec": {"affinity": {"podAffinity": {"p": 1}, "nodeAffinity": {"n": 1}}}});
        let new = json!({"spec": {}});
        allow_scheduling_directives(&mut old, &new);
        assert_eq!(old, json!({"spec": {"affinity": {"podAffinity": {"p": 1}}}}));
    }

    #[test]
    fn generated_labels_are_kept() {
        let old = json!({"metadata": {"labels": {"job-name": "x", "app": "a"}}});
        let mut new = json!({"spec": {}});
        keep_generated_labels(&old, &mut new);
        assert_eq!(new["metadata"]["labels"], json!({"job-name": "x"}));
    }

    #[test]
    fn odd_shapes_do_not_panic() {
        let mut old = json!("x");
        allow_scheduling_directives(&mut old, &json!(3));
        allow_resources(&mut old, &json!(null));
        keep_generated_labels(&json!([1]), &mut old);
        let mut old = json!({"metadata": 1, "spec": {"containers": [1, {"resources": 2}]}});
        allow_scheduling_directives(&mut old, &json!({"metadata": {"labels": 1}}));
        allow_resources(&mut old, &json!({"spec": {"containers": 5}}));
    }
}
