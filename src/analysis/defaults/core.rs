//! Core (`v1`) kinds other than Pod: PodTemplate, ReplicationController, Service, Secret,
//! Namespace, PersistentVolume(Claim), Endpoints.
//! source: pkg/apis/core/v1/defaults.go; pkg/apis/core/v1/zz_generated.defaults.go

use serde_json::{json, Map, Value};

use super::{child, default_ptr, default_str, ensure, items, str_of, template};

/// source: zz_generated.defaults.go SetObjectDefaults_PodTemplate (pod spec defaulters only)
pub(super) fn pod_template(o: &mut Map<String, Value>) {
    template(o, "v1", "PodTemplate");
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController; `replicas`
/// `+default=1` (declarative, api core/v1 types.go ReplicationControllerSpec)
pub(super) fn replication_controller(o: &mut Map<String, Value>) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    default_ptr(spec, "replicas", json!(1));
    // The template is a pointer here: no template, no pod spec to default.
    let labels = spec
        .get("template")
        .and_then(|t| t.get("metadata"))
        .and_then(|m| m.get("labels"))
        .and_then(Value::as_object)
        .filter(|l| !l.is_empty())
        .cloned();
    let has_template = spec.get("template").is_some_and(Value::is_object);
    if let Some(labels) = labels {
        if spec
            .get("selector")
            .and_then(Value::as_object)
            .is_none_or(Map::is_empty)
        {
            spec.insert("selector".into(), Value::Object(labels.clone()));
        }
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
    if has_template {
        template(o, "v1", "ReplicationController");
    }
}

/// The session affinity timeout `SetDefaults_Service` gives `ClientIP` (three hours).
/// source: api core/v1 types.go DefaultClientIPServiceAffinitySeconds
const CLIENT_IP_TIMEOUT_SECONDS: i64 = 10800;

/// source: pkg/apis/core/v1/defaults.go SetDefaults_Service; pkg/api/v1/service
/// ExternallyAccessible
pub(super) fn service(o: &mut Map<String, Value>) {
    let Some(spec) = ensure(o, "spec") else {
        return;
    };
    default_str(spec, "sessionAffinity", "None");
    match str_of(spec, "sessionAffinity") {
        "None" => {
            spec.remove("sessionAffinityConfig");
        }
        "ClientIP" => {
            let has_timeout = spec
                .get("sessionAffinityConfig")
                .and_then(|c| c.get("clientIP"))
                .and_then(|c| c.get("timeoutSeconds"))
                .is_some_and(|t| !t.is_null());
            if !has_timeout {
                spec.insert(
                    "sessionAffinityConfig".into(),
                    json!({"clientIP": {"timeoutSeconds": CLIENT_IP_TIMEOUT_SECONDS}}),
                );
            }
        }
        _ => {}
    }
    default_str(spec, "type", "ClusterIP");
    for p in items(spec, "ports") {
        default_str(p, "protocol", "TCP");
        // `targetPort` 0 or "" (or unset) means the port itself.
        let target_unset = match p.get("targetPort") {
            None | Some(Value::Null) => true,
            Some(Value::Number(n)) => n.as_i64() == Some(0),
            Some(Value::String(s)) => s.is_empty(),
            Some(_) => false,
        };
        if target_unset {
            if let Some(port) = p.get("port").cloned() {
                p.insert("targetPort".into(), port);
            }
        }
    }
    let ty = str_of(spec, "type").to_string();
    let has_external_ips = spec
        .get("externalIPs")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty());
    let externally_accessible =
        ty == "LoadBalancer" || ty == "NodePort" || (ty == "ClusterIP" && has_external_ips);
    if externally_accessible {
        default_str(spec, "externalTrafficPolicy", "Cluster");
    }
    if matches!(ty.as_str(), "ClusterIP" | "NodePort" | "LoadBalancer") {
        default_ptr(spec, "internalTrafficPolicy", json!("Cluster"));
    }
    if ty == "LoadBalancer" {
        default_ptr(spec, "allocateLoadBalancerNodePorts", json!(true));
    }
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_Secret (v1.SecretTypeOpaque)
pub(super) fn secret(o: &mut Map<String, Value>) {
    default_str(o, "type", "Opaque");
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_Namespace (label
/// `kubernetes.io/metadata.name`), SetDefaults_NamespaceStatus (phase `Active`)
pub(super) fn namespace(o: &mut Map<String, Value>) {
    let name = o
        .get("metadata")
        .and_then(|m| m.get("name"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if !name.is_empty() {
        if let Some(labels) = ensure(o, "metadata").and_then(|m| ensure(m, "labels")) {
            labels.insert("kubernetes.io/metadata.name".into(), Value::String(name));
        }
    }
    if let Some(status) = ensure(o, "status") {
        default_str(status, "phase", "Active");
    }
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaim (status phase
/// `Pending`), SetDefaults_PersistentVolumeClaimSpec
pub(super) fn persistent_volume_claim(o: &mut Map<String, Value>) {
    if let Some(spec) = ensure(o, "spec") {
        pvc_spec(spec);
    }
    if let Some(status) = ensure(o, "status") {
        default_str(status, "phase", "Pending");
    }
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolumeClaimSpec
pub(super) fn pvc_spec(spec: &mut Map<String, Value>) {
    default_ptr(spec, "volumeMode", json!("Filesystem"));
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_PersistentVolume,
/// SetDefaults_HostPathVolumeSource
pub(super) fn persistent_volume(o: &mut Map<String, Value>) {
    if let Some(spec) = ensure(o, "spec") {
        default_str(spec, "persistentVolumeReclaimPolicy", "Retain");
        default_ptr(spec, "volumeMode", json!("Filesystem"));
        if let Some(h) = child(spec, "hostPath") {
            default_ptr(h, "type", json!(""));
        }
    }
    if let Some(status) = ensure(o, "status") {
        default_str(status, "phase", "Pending");
    }
}

/// source: pkg/apis/core/v1/defaults.go SetDefaults_Endpoints
pub(super) fn endpoints(o: &mut Map<String, Value>) {
    for s in items(o, "subsets") {
        for p in items(s, "ports") {
            default_str(p, "protocol", "TCP");
        }
    }
}
