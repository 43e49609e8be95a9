use serde_json::{json, Value};

use super::defaulted;

const NEWEST: super::Version = crate::model::NEWEST;

// source: pkg/apis/core/v1/defaults.go SetDefaults_Pod (Pods only) and SetDefaults_PodSpec
// (every pod template)
#[test]
fn pod_only_defaults_stay_out_of_templates() {
    let spec = json!({"containers": [{"name": "c", "image": "nginx:1.27",
        "resources": {"limits": {"cpu": "1"}}}]});
    let pod = defaulted(
        &json!({"apiVersion": "v1", "kind": "Pod", "spec": spec}),
        NEWEST,
    );
    assert_eq!(pod["spec"]["enableServiceLinks"], json!(true));
    assert_eq!(
        pod["spec"]["containers"][0]["resources"]["requests"],
        json!({"cpu": "1"})
    );
    let rs = defaulted(
        &json!({"apiVersion": "apps/v1", "kind": "ReplicaSet",
            "spec": {"template": {"spec": spec}}}),
        NEWEST,
    );
    let tspec = &rs["spec"]["template"]["spec"];
    assert_eq!(tspec["enableServiceLinks"], Value::Null);
    assert_eq!(tspec["containers"][0]["resources"].get("requests"), None);
    assert_eq!(tspec["terminationGracePeriodSeconds"], json!(30));
    assert_eq!(
        tspec["containers"][0]["imagePullPolicy"],
        json!("IfNotPresent")
    );
}

// source: pkg/apis/core/v1/defaults.go SetDefaults_Probe: 0 means unset
#[test]
fn zero_probe_fields_are_defaulted_and_values_kept() {
    let pod = defaulted(
        &json!({"apiVersion": "v1", "kind": "Pod", "spec": {"containers": [{"name": "c",
            "livenessProbe": {"periodSeconds": 0, "failureThreshold": 7,
                "grpc": {"port": 9000}}}]}}),
        NEWEST,
    );
    assert_eq!(
        pod["spec"]["containers"][0]["livenessProbe"],
        json!({"periodSeconds": 10, "failureThreshold": 7, "grpc": {"port": 9000, "service": ""},
            "timeoutSeconds": 1, "successThreshold": 1})
    );
}

// Values of the wrong type are left for the decoder to refuse.
#[test]
fn odd_shapes_do_not_panic() {
    for v in [
        json!(null),
        json!({"apiVersion": "v1", "kind": "Pod", "spec": "x"}),
        json!({"apiVersion": "v1", "kind": "Pod", "spec": {"containers": "x", "volumes": [1]}}),
        json!({"apiVersion": "apps/v1", "kind": "Deployment", "spec": {"strategy": 3,
            "template": []}}),
        json!({"apiVersion": "batch/v1", "kind": "CronJob", "spec": {"jobTemplate": {"spec": 1}}}),
        json!({"apiVersion": "v1", "kind": "Service", "spec": {"ports": [{"targetPort": {}}]}}),
    ] {
        let _ = defaulted(&v, NEWEST);
    }
}

// Kinds and versions the API server does not serve are left alone.
#[test]
fn unknown_kinds_are_unchanged() {
    let v = json!({"apiVersion": "extensions/v1beta1", "kind": "Deployment", "spec": {}});
    assert_eq!(defaulted(&v, NEWEST), v);
}
