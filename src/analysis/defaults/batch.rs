//! `batch/v1`: Job and CronJob.
//! source: pkg/apis/batch/v1/defaults.go; the generated defaulters also run the pod-spec
//! defaulters on the pod template (for a CronJob, the one inside `jobTemplate`, whose Job
//! spec itself `SetDefaults_Job` never sees).

use serde_json::{json, Map, Value};

use super::{child, default_ptr, default_str, ensure, items, template, unset, Version};

/// `podReplacementPolicy` is defaulted while the gate JobPodReplacementPolicy is on: by
/// default from 1.29 (beta), GA in 1.34.
/// source: website feature-gates/JobPodReplacementPolicy.md
fn pod_replacement_policy_defaulted(version: Version) -> bool {
    version >= (1, 29)
}

/// `manualSelector: false` is defaulted from 1.29 (kubernetes/kubernetes#120206, "add
/// defaulting for job manual selector", merged for 1.29).
fn manual_selector_defaulted(version: Version) -> bool {
    version >= (1, 29)
}

/// `backoffLimitPerIndex` exists from 1.28 (gate JobBackoffLimitPerIndex, alpha 1.28, beta
/// 1.29); before, the field is unknown and the backoff limit is always 6.
/// source: website feature-gates/JobBackoffLimitPerIndex.md
fn backoff_limit_per_index_known(version: Version) -> bool {
    version >= (1, 28)
}

/// source: pkg/apis/batch/v1/defaults.go SetDefaults_Job,
/// SetDefaults_PodFailurePolicyOnPodConditionsPattern
pub(super) fn job(o: &mut Map<String, Value>, version: Version) {
    let template_labels = o
        .get("spec")
        .and_then(|s| s.get("template"))
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_object)
        .filter(|l| !l.is_empty())
        .cloned();
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    // Both unset: a non-parallel Job, one completion; parallelism alone keeps
    // `completions` unset (a work queue).
    if unset(spec, "completions") && unset(spec, "parallelism") {
        spec.insert("completions".into(), json!(1));
    }
    default_ptr(spec, "parallelism", json!(1));
    let per_index = backoff_limit_per_index_known(version) && !unset(spec, "backoffLimitPerIndex");
    default_ptr(
        spec,
        "backoffLimit",
        json!(if per_index { i32::MAX } else { 6 }),
    );
    default_ptr(spec, "completionMode", json!("NonIndexed"));
    default_ptr(spec, "suspend", json!(false));
    if let Some(policy) = child(spec, "podFailurePolicy") {
        for rule in items(policy, "rules") {
            for pattern in items(rule, "onPodConditions") {
                default_str(pattern, "status", "True");
            }
        }
    }
    if pod_replacement_policy_defaulted(version) {
        let with_failure_policy = !unset(spec, "podFailurePolicy");
        default_ptr(
            spec,
            "podReplacementPolicy",
            json!(if with_failure_policy {
                "Failed"
            } else {
                "TerminatingOrFailed"
            }),
        );
    }
    if manual_selector_defaulted(version) {
        default_ptr(spec, "manualSelector", json!(false));
    }
    if let Some(labels) = template_labels {
        if let Some(meta) = ensure(o, "metadata") {
            if meta
                .get("labels")
                .and_then(Value::as_object)
                .is_none_or(Map::is_empty)
            {
                meta.insert("labels".into(), Value::Object(labels));
            }
        }
    }
    template(o, "batch/v1", "Job");
}

/// source: pkg/apis/batch/v1/defaults.go SetDefaults_CronJob
pub(super) fn cron_job(o: &mut Map<String, Value>) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    default_str(spec, "concurrencyPolicy", "Allow");
    default_ptr(spec, "suspend", json!(false));
    default_ptr(spec, "successfulJobsHistoryLimit", json!(3));
    default_ptr(spec, "failedJobsHistoryLimit", json!(1));
    template(o, "batch/v1", "CronJob");
}
