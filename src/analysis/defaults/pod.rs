//! Pods and pod specs: `SetDefaults_Pod` (Pods only), and `SetDefaults_PodSpec` with the
//! container, probe, handler, port, env and volume defaulters that the generated
//! `SetObjectDefaults_*` of every kind with a pod template run on its pod spec.
//! source: pkg/apis/core/v1/defaults.go, pkg/apis/core/v1/zz_generated.defaults.go

use serde_json::{json, Map, Value};

use super::{child, default_int, default_ptr, default_str, ensure, items, str_of};
use crate::analysis::lifecycle::{
    probes::PROBE_DEFAULTS, DEFAULT_GRACE_SECONDS, DEFAULT_RESTART_POLICY,
};

/// The container lists of a pod spec; all three get `SetDefaults_Container` and the nested
/// defaulters (ephemeral containers through `SetDefaults_EphemeralContainer`).
const CONTAINER_LISTS: [&str; 3] = ["initContainers", "containers", "ephemeralContainers"];

/// A `v1` Pod: `SetDefaults_Pod` first, then the pod spec.
/// source: pkg/apis/core/v1/zz_generated.defaults.go SetObjectDefaults_Pod
pub(super) fn pod(o: &mut Map<String, Value>) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    pod_only(spec);
    pod_spec(spec);
}

/// What `SetDefaults_Pod` adds to Pods (not to templates): requests copied from limits,
/// `enableServiceLinks`, and host ports on host-network pods.
/// source: pkg/apis/core/v1/defaults.go SetDefaults_Pod
fn pod_only(spec: &mut Map<String, Value>) {
    // Regular and init containers only; ephemeral containers have no resources.
    for list in ["containers", "initContainers"] {
        for c in items(spec, list) {
            requests_from_limits(c);
        }
    }
    // source: SetDefaults_Pod (v1.DefaultEnableServiceLinks = true)
    default_ptr(spec, "enableServiceLinks", Value::Bool(true));
    if spec.get("hostNetwork").and_then(Value::as_bool) == Some(true) {
        // source: SetDefaults_Pod defaultHostNetworkPorts
        for list in ["containers", "initContainers"] {
            for c in items(spec, list) {
                for p in items(c, "ports") {
                    if let Some(port) = p.get("containerPort").cloned() {
                        if p.get("hostPort").and_then(Value::as_i64).unwrap_or(0) == 0 {
                            p.insert("hostPort".into(), port);
                        }
                    }
                }
            }
        }
    }
}

/// Each resource with a limit and no request gets the limit as its request.
fn requests_from_limits(c: &mut Map<String, Value>) {
    let Some(limits) = c
        .get("resources")
        .and_then(|r| r.get("limits"))
        .and_then(Value::as_object)
        .filter(|l| !l.is_empty())
        .cloned()
    else {
        return;
    };
    let Some(resources) = child(c, "resources") else {
        return;
    };
    let Some(requests) = ensure(resources, "requests") else {
        return;
    };
    for (k, v) in limits {
        requests.entry(k).or_insert(v);
    }
}

/// `SetDefaults_PodSpec` and the defaulters nested in a pod spec.
/// source: pkg/apis/core/v1/defaults.go SetDefaults_PodSpec; zz_generated.defaults.go
pub(super) fn pod_spec(spec: &mut Map<String, Value>) {
    default_str(spec, "dnsPolicy", "ClusterFirst");
    default_str(spec, "restartPolicy", DEFAULT_RESTART_POLICY);
    default_ptr(spec, "securityContext", json!({}));
    default_ptr(
        spec,
        "terminationGracePeriodSeconds",
        json!(DEFAULT_GRACE_SECONDS),
    );
    // source: SetDefaults_PodSpec (v1.DefaultSchedulerName)
    default_str(spec, "schedulerName", "default-scheduler");
    for v in items(spec, "volumes") {
        volume(v);
    }
    for list in CONTAINER_LISTS {
        for c in items(spec, list) {
            container(c);
        }
    }
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_Container; zz_generated.defaults.go
/// (ports, env, probes, lifecycle handlers)
fn container(c: &mut Map<String, Value>) {
    if str_of(c, "imagePullPolicy").is_empty() {
        let policy = super::pull_policy(str_of(c, "image"));
        c.insert("imagePullPolicy".into(), Value::String(policy.into()));
    }
    // source: SetDefaults_Container (v1.TerminationMessagePathDefault, v1.TerminationMessageReadFile)
    default_str(c, "terminationMessagePath", "/dev/termination-log");
    default_str(c, "terminationMessagePolicy", "File");
    // source: api core/v1 types.go ContainerPort.Protocol `+default="TCP"` (generated defaulter)
    for p in items(c, "ports") {
        default_str(p, "protocol", "TCP");
    }
    for e in items(c, "env") {
        if let Some(from) = child(e, "valueFrom") {
            if let Some(f) = child(from, "fieldRef") {
                field_ref(f);
            }
        }
    }
    for field in ["livenessProbe", "readinessProbe", "startupProbe"] {
        if let Some(p) = child(c, field) {
            probe(p);
        }
    }
    if let Some(l) = child(c, "lifecycle") {
        for hook in ["postStart", "preStop"] {
            if let Some(h) = child(l, hook).and_then(|h| child(h, "httpGet")) {
                http_get(h);
            }
        }
    }
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_Probe (numbers, the table shared with
/// the lifecycle analysis); SetDefaults_HTTPGetAction; GRPCAction.Service `+default=""`
fn probe(p: &mut Map<String, Value>) {
    for (field, value) in PROBE_DEFAULTS {
        default_int(p, field, i64::from(value));
    }
    if let Some(h) = child(p, "httpGet") {
        http_get(h);
    }
    if let Some(g) = child(p, "grpc") {
        default_ptr(g, "service", json!(""));
    }
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_HTTPGetAction
fn http_get(h: &mut Map<String, Value>) {
    default_str(h, "path", "/");
    default_str(h, "scheme", "HTTP");
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_ObjectFieldSelector
fn field_ref(f: &mut Map<String, Value>) {
    default_str(f, "apiVersion", "v1");
}

/// The mode `SetDefaults_{Secret,ConfigMap,DownwardAPI,Projected}VolumeSource` give:
/// 0644 (api core/v1 `*VolumeSourceDefaultMode`).
const DEFAULT_MODE: i64 = 0o644;

/// source: pkg/apis/core/v1/defaults.go SetDefaults_Volume, SetDefaults_HostPathVolumeSource,
/// SetDefaults_{Secret,ConfigMap,DownwardAPI,Projected}VolumeSource,
/// SetDefaults_ServiceAccountTokenProjection, SetDefaults_PersistentVolumeClaimSpec
fn volume(v: &mut Map<String, Value>) {
    // A volume with no source at all is an emptyDir (`AllPtrFieldsNil(&VolumeSource)`).
    if v.iter().all(|(k, val)| k == "name" || val.is_null()) {
        v.insert("emptyDir".into(), json!({}));
    }
    if let Some(h) = child(v, "hostPath") {
        // v1.HostPathUnset
        default_ptr(h, "type", json!(""));
    }
    for source in ["secret", "configMap", "downwardAPI", "projected"] {
        if let Some(s) = child(v, source) {
            default_ptr(s, "defaultMode", json!(DEFAULT_MODE));
        }
    }
    if let Some(d) = child(v, "downwardAPI") {
        downward_api_items(d);
    }
    if let Some(p) = child(v, "projected") {
        for s in items(p, "sources") {
            if let Some(d) = child(s, "downwardAPI") {
                downward_api_items(d);
            }
            if let Some(t) = child(s, "serviceAccountToken") {
                // One hour.
                default_ptr(t, "expirationSeconds", json!(3600));
            }
        }
    }
    if let Some(spec) = child(v, "ephemeral")
        .and_then(|e| child(e, "volumeClaimTemplate"))
        .and_then(|t| child(t, "spec"))
    {
        super::core::pvc_spec(spec);
    }
}

fn downward_api_items(d: &mut Map<String, Value>) {
    for i in items(d, "items") {
        if let Some(f) = child(i, "fieldRef") {
            field_ref(f);
        }
    }
}
