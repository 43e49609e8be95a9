//! The object as the API server would store it: the defaulting functions of the targeted
//! Kubernetes version applied to the object as JSON (what `Document::to_json` gives), so
//! that every analysis and rule can start from the same stored form.
//!
//! Each default names the Kubernetes function it follows (`pkg/apis/<group>/<version>/
//! defaults.go`, and the generated `zz_generated.defaults.go` that decides which of them
//! run on which nested field). Defaults behind a feature gate follow the gate's default in
//! the targeted version. Only what defaulting does is here: what the registry adds on
//! create (allocated cluster IPs and node ports, generated Job selectors, uids,
//! timestamps) and what admission plugins add (service-account volumes, tolerations) are
//! not.
//!
//! Pure: no I/O, no diagnostics. Values of an unexpected type are left as they are (the
//! API server would refuse them when decoding), never a panic.

mod apps;
mod batch;
mod core;
mod image;
mod pod;

use serde_json::{Map, Value};

pub use crate::model::Version;
pub use image::pull_policy;

/// `object` with the defaults of `version` applied.
pub fn defaulted(object: &Value, version: Version) -> Value {
    let mut v = object.clone();
    apply(&mut v, version);
    v
}

/// Applies the defaults of `version` to `object` in place. Objects of a kind or API version
/// the API server does not default (or no longer serves) are left as they are.
pub fn apply(object: &mut Value, version: Version) {
    let Value::Object(o) = object else {
        return;
    };
    let api_version = o.get("apiVersion").and_then(Value::as_str).unwrap_or("");
    let kind = o.get("kind").and_then(Value::as_str).unwrap_or("");
    match (api_version, kind) {
        ("v1", "Pod") => pod::pod(o),
        ("v1", "PodTemplate") => core::pod_template(o),
        ("v1", "ReplicationController") => core::replication_controller(o),
        ("v1", "Service") => core::service(o),
        ("v1", "Secret") => core::secret(o),
        ("v1", "Namespace") => core::namespace(o),
        ("v1", "PersistentVolumeClaim") => core::persistent_volume_claim(o),
        ("v1", "PersistentVolume") => core::persistent_volume(o),
        ("v1", "Endpoints") => core::endpoints(o),
        ("apps/v1", "Deployment") => apps::deployment(o),
        ("apps/v1", "StatefulSet") => apps::stateful_set(o, version),
        ("apps/v1", "DaemonSet") => apps::daemon_set(o),
        ("apps/v1", "ReplicaSet") => apps::replica_set(o),
        ("batch/v1", "Job") => batch::job(o, version),
        ("batch/v1", "CronJob") => batch::cron_job(o),
        _ => {}
    }
}

/// Whether a field is unset the way Go sees it after decoding: absent or `null`.
fn unset(m: &Map<String, Value>, key: &str) -> bool {
    m.get(key).is_none_or(Value::is_null)
}

/// A pointer field (`*int32`, `*bool`, a struct pointer): set when absent or `null`.
fn default_ptr(m: &mut Map<String, Value>, key: &str, value: Value) {
    if unset(m, key) {
        m.insert(key.to_string(), value);
    }
}

/// A plain string field: set when absent, `null` or empty.
fn default_str(m: &mut Map<String, Value>, key: &str, value: &str) {
    if unset(m, key) || m.get(key).and_then(Value::as_str) == Some("") {
        m.insert(key.to_string(), Value::String(value.to_string()));
    }
}

/// A plain integer field: set when absent, `null` or 0.
fn default_int(m: &mut Map<String, Value>, key: &str, value: i64) {
    if unset(m, key) || m.get(key).and_then(Value::as_i64) == Some(0) {
        m.insert(key.to_string(), Value::from(value));
    }
}

/// The string a field holds, `""` when it is unset or not a string.
fn str_of<'a>(m: &'a Map<String, Value>, key: &str) -> &'a str {
    m.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The object under `key`, created empty when unset: a struct field (not a pointer) exists
/// in Go whether or not the JSON had it. `None` when the field holds something else.
fn ensure<'a>(m: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Map<String, Value>> {
    if unset(m, key) {
        m.insert(key.to_string(), Value::Object(Map::new()));
    }
    m.get_mut(key).and_then(Value::as_object_mut)
}

/// The object under `key` when there is one (a pointer field that is set).
fn child<'a>(m: &'a mut Map<String, Value>, key: &str) -> Option<&'a mut Map<String, Value>> {
    m.get_mut(key).and_then(Value::as_object_mut)
}

/// The objects in the list under `key`.
fn items<'a>(
    m: &'a mut Map<String, Value>,
    key: &str,
) -> impl Iterator<Item = &'a mut Map<String, Value>> {
    m.get_mut(key)
        .and_then(Value::as_array_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_object_mut)
}

/// The pod spec of a workload, created along the way like Go's nested structs; its place
/// comes from `model::pod_spec_path` so that it is written down once.
fn pod_spec_of<'a>(
    o: &'a mut Map<String, Value>,
    api_version: &str,
    kind: &str,
) -> Option<&'a mut Map<String, Value>> {
    let path = crate::model::pod_spec_path(api_version, kind)?;
    let mut at = o;
    for seg in &path.0 {
        let crate::yaml::Segment::Field(name) = seg else {
            return None;
        };
        at = ensure(at, name)?;
    }
    Some(at)
}

/// Applies the pod-spec defaults to the pod template of a workload object.
fn template(o: &mut Map<String, Value>, api_version: &str, kind: &str) {
    if let Some(spec) = pod_spec_of(o, api_version, kind) {
        pod::pod_spec(spec);
    }
}

#[cfg(test)]
mod tests;
