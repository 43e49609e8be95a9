//! Scenarios after kube-scheduler's plugin unit tests; each names the test it follows.

use serde_json::{json, Value};

use super::*;
use crate::model::cluster::Snapshot;

const V: Version = (1, 35);

fn node(name: &str, cpu: &str, mem: &str, pods: i64, extra: Value) -> Value {
    let mut n = json!({"apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": {"kubernetes.io/hostname": name}},
        "spec": {},
        "status": {"allocatable": {"cpu": cpu, "memory": mem, "pods": pods.to_string()}}});
    merge(&mut n, extra);
    n
}

fn merge(a: &mut Value, b: Value) {
    match (a, b) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in b {
                merge(a.entry(k).or_insert(Value::Null), v);
            }
        }
        (a, b) => *a = b,
    }
}

fn bound(name: &str, node: &str, spec: Value, labels: Value) -> Value {
    let mut s = json!({"nodeName": node, "containers": [{"name": "c"}]});
    merge(&mut s, spec);
    json!({"apiVersion": "v1", "kind": "Pod",
        "metadata": {"name": name, "namespace": "default", "labels": labels},
        "spec": s, "status": {"phase": "Running"}})
}

fn state(nodes: Vec<Value>, pods: Vec<Value>) -> ClusterState {
    let snap = Snapshot {
        nodes: nodes
            .into_iter()
            .map(|n| serde_json::from_value(n).unwrap())
            .collect(),
        pods: pods
            .into_iter()
            .map(|p| serde_json::from_value(p).unwrap())
            .collect(),
        namespaces: Vec::new(),
    };
    ClusterState::new(&snap, V)
}

fn pod(spec: Value, labels: Value) -> PodInfo {
    let mut s = json!({"containers": [{"name": "c"}]});
    merge(&mut s, spec);
    let labels = serde_json::from_value(labels).unwrap_or_default();
    PodInfo::new(
        "default",
        "p",
        labels,
        &serde_json::from_value(s).unwrap(),
        true,
        V,
    )
}

fn cpu(c: &str) -> Value {
    json!({"containers": [{"name": "c", "resources": {"requests": {"cpu": c}}}]})
}

// source: pkg/scheduler/framework/plugins/noderesources/fit_test.go TestEnoughRequests
// ("too many resources fails", "requests exceeds allocatable"), with the v1.35 post-filter.
#[test]
fn insufficient_cpu_everywhere_is_not_helped_by_preemption() {
    let s = state(
        (1..=3)
            .map(|i| node(&format!("n{i}"), "1", "1Gi", 110, json!({})))
            .collect(),
        vec![],
    );
    let v = schedule(&s, &pod(cpu("2"), json!({})), V);
    assert_eq!(
        v.message.as_deref(),
        Some("0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.")
    );
    // Before v1.34 a shortage was always "Unschedulable": candidates without victims.
    let v = schedule(&s, &pod(cpu("2"), json!({})), (1, 33));
    assert_eq!(
        v.message.as_deref(),
        Some("0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.")
    );
}

// source: pkg/scheduler/framework/plugins/noderesources/fit_test.go TestEnoughRequests
// "equal edge case" fits; a used node does not.
#[test]
fn requests_fit_up_to_equality() {
    let s = state(
        vec![
            node("a", "2", "1Gi", 110, json!({})),
            node("b", "2", "1Gi", 110, json!({})),
        ],
        vec![bound("x", "b", cpu("1"), json!({}))],
    );
    let v = schedule(&s, &pod(cpu("2"), json!({})), V);
    assert_eq!(v.feasible, vec![0]);
    let st = v.evaluation.statuses[1].as_ref().unwrap();
    assert_eq!(st.reasons, vec!["Insufficient cpu"]);
    assert_eq!(st.code, Code::Unschedulable);
}

// source: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
// TestTaintTolerationFilter; message texts per version (PR #134740).
#[test]
fn taints_by_version() {
    let s = state(
        vec![node(
            "a",
            "1",
            "1Gi",
            110,
            json!({"spec": {"taints": [{"key": "dedicated", "value": "user1", "effect": "NoSchedule"}]}}),
        )],
        vec![],
    );
    let p = pod(json!({}), json!({}));
    assert_eq!(
        schedule(&s, &p, V).message.as_deref(),
        Some("0/1 nodes are available: 1 node(s) had untolerated taint(s). no new claims to deallocate, preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.")
    );
    assert!(schedule(&s, &p, (1, 34)).message.unwrap().starts_with(
        "0/1 nodes are available: 1 node(s) had untolerated taint {dedicated: user1}."
    ));
    let tol = pod(
        json!({"tolerations": [{"key": "dedicated", "operator": "Equal", "value": "user1", "effect": "NoSchedule"}]}),
        json!({}),
    );
    assert_eq!(schedule(&s, &tol, V).feasible, vec![0]);
}

// source: pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable_test.go
#[test]
fn cordoned_node_reports_unschedulable_before_its_taint() {
    let s = state(
        vec![node(
            "a",
            "1",
            "1Gi",
            110,
            json!({"spec": {"unschedulable": true}}),
        )],
        vec![],
    );
    let v = schedule(&s, &pod(json!({}), json!({})), V);
    assert_eq!(
        v.evaluation.statuses[0].as_ref().unwrap().reasons,
        vec!["node(s) were unschedulable"]
    );
}

// source: pkg/scheduler/framework/plugins/nodeports/node_ports_test.go TestNodePorts
#[test]
fn host_port_conflicts() {
    let used = json!({"containers": [{"name": "c", "ports": [{"containerPort": 8080, "hostPort": 8080, "hostIP": "127.0.0.1"}]}]});
    let s = state(
        vec![node("a", "1", "1Gi", 110, json!({}))],
        vec![bound("x", "a", used, json!({}))],
    );
    let want = |ip: &str, proto: &str| {
        pod(
            json!({"containers": [{"name": "c", "ports": [{"containerPort": 80, "hostPort": 8080, "hostIP": ip, "protocol": proto}]}]}),
            json!({}),
        )
    };
    assert_eq!(schedule(&s, &want("127.0.0.2", "TCP"), V).feasible.len(), 1);
    assert_eq!(schedule(&s, &want("127.0.0.1", "UDP"), V).feasible.len(), 1);
    assert_eq!(schedule(&s, &want("0.0.0.0", "TCP"), V).feasible.len(), 0);
    assert_eq!(schedule(&s, &want("127.0.0.1", "TCP"), V).feasible.len(), 0);
}

// source: pkg/scheduler/framework/plugins/podtopologyspread/filtering_test.go
// TestSingleConstraint "pods spread across zones as 3/3, all nodes fit" and
// "normal case with one spreadConstraint" (zone1: 3 pods, zone2: 1 => only zone2 fits)
#[test]
fn zone_spread() {
    let z = |n: &str, zone: &str| {
        node(
            n,
            "4",
            "4Gi",
            110,
            json!({"metadata": {"labels": {"zone": zone}}}),
        )
    };
    let foo = json!({"foo": ""});
    let s = state(
        vec![
            z("node-a", "zone1"),
            z("node-b", "zone1"),
            z("node-x", "zone2"),
            z("node-y", "zone2"),
        ],
        vec![
            bound("p-a1", "node-a", json!({}), foo.clone()),
            bound("p-a2", "node-a", json!({}), foo.clone()),
            bound("p-b1", "node-b", json!({}), foo.clone()),
            bound("p-y1", "node-y", json!({}), foo.clone()),
        ],
    );
    let p = pod(
        json!({"topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "zone", "whenUnsatisfiable": "DoNotSchedule",
            "labelSelector": {"matchExpressions": [{"key": "foo", "operator": "Exists"}]}}]}),
        foo,
    );
    let v = schedule(&s, &p, V);
    assert_eq!(v.feasible, vec![2, 3]);
    assert_eq!(
        v.evaluation.statuses[0].as_ref().unwrap().reasons,
        vec!["node(s) didn't match pod topology spread constraints"]
    );
}

// source: pkg/scheduler/framework/plugins/interpodaffinity/filtering_test.go
// TestRequiredAffinitySingleNode "satisfies the pod with requiredDuringScheduling pod
// anti-affinity ... / does not satisfy existing pod anti-affinity" and the first-pod rule.
#[test]
fn pod_affinity_and_anti_affinity() {
    let s = state(
        vec![node(
            "m1",
            "4",
            "4Gi",
            110,
            json!({"metadata": {"labels": {"region": "r1"}}}),
        )],
        vec![bound(
            "x",
            "m1",
            json!({"affinity": {"podAntiAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"service": "securityscan"}}, "topologyKey": "region"}]}}}),
            json!({"service": "other"}),
        )],
    );
    let incoming = pod(json!({}), json!({"service": "securityscan"}));
    let v = schedule(&s, &incoming, V);
    assert_eq!(
        v.evaluation.statuses[0].as_ref().unwrap().reasons,
        vec!["node(s) didn't satisfy existing pods anti-affinity rules"]
    );
    // First pod of a group with affinity to itself.
    let self_aff = pod(
        json!({"affinity": {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "region"}]}}}),
        json!({"app": "db"}),
    );
    assert_eq!(schedule(&s, &self_aff, V).feasible, vec![0]);
    let other = pod(
        json!({"affinity": {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
            {"labelSelector": {"matchLabels": {"app": "db"}}, "topologyKey": "region"}]}}}),
        json!({"app": "web"}),
    );
    assert_eq!(
        schedule(&s, &other, V).evaluation.statuses[0]
            .as_ref()
            .unwrap()
            .reasons,
        vec!["node(s) didn't match pod affinity rules"]
    );
}

// source: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go TestNodeAffinity
// (matchFields metadata.name) and reference §3.3 "DaemonSet pod pinned to a full node of 3".
#[test]
fn daemonset_pod_pinned_to_a_full_node() {
    let s = state(
        (1..=3)
            .map(|i| node(&format!("n{i}"), "1", "1Gi", 110, json!({})))
            .collect(),
        vec![bound("x", "n1", cpu("1"), json!({}))],
    );
    let mut spec = cpu("500m");
    merge(
        &mut spec,
        json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["n1"]}]}]}}}}),
    );
    let v = schedule(&s, &pod(spec, json!({})), V);
    assert_eq!(
        v.message.as_deref(),
        Some("0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. no new claims to deallocate, preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.")
    );
}

#[test]
fn conflicting_match_fields_fail_in_prefilter() {
    let s = state(vec![node("a", "1", "1Gi", 110, json!({}))], vec![]);
    let p = pod(
        json!({"affinity": {"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
            {"matchFields": [{"key": "metadata.name", "operator": "In", "values": ["a"]},
                             {"key": "metadata.name", "operator": "In", "values": ["b"]}]}]}}}}),
        json!({}),
    );
    assert_eq!(
        schedule(&s, &p, V).message.as_deref(),
        Some("0/1 nodes are available: pod affinity terms conflict. not found")
    );
}

#[test]
fn lower_priority_victims_make_preemption_succeed() {
    let s = state(
        vec![node("a", "1", "1Gi", 110, json!({}))],
        vec![bound("low", "a", cpu("1"), json!({}))],
    );
    let mut spec = cpu("1");
    merge(&mut spec, json!({"priority": 100}));
    let v = schedule(&s, &pod(spec, json!({})), V);
    assert_eq!(
        v.message.as_deref(),
        Some("0/1 nodes are available: 1 Insufficient cpu.")
    );
}

#[test]
fn kubelet_admission_for_node_name() {
    let s = state(
        vec![node(
            "a",
            "1",
            "1Gi",
            110,
            json!({"spec": {"taints": [{"key": "k", "effect": "NoExecute"}]}}),
        )],
        vec![],
    );
    let mut spec = cpu("2");
    merge(&mut spec, json!({"nodeName": "a"}));
    assert_eq!(
        kubelet::admission(&s, &pod(spec, json!({}))),
        Some(kubelet::Admission::Rejected {
            node: "a".into(),
            reason: "OutOfcpu".into(),
            message:
                "Node didn't have enough resource: cpu, requested: 2000, used: 0, capacity: 1000"
                    .into()
        })
    );
    let p = pod(json!({"nodeName": "a"}), json!({}));
    match kubelet::admission(&s, &p) {
        Some(kubelet::Admission::Rejected { reason, .. }) => assert_eq!(reason, "TaintToleration"),
        other => panic!("{other:?}"),
    }
    let p = pod(json!({"nodeName": "zz"}), json!({}));
    assert_eq!(
        kubelet::admission(&s, &p),
        Some(kubelet::Admission::UnknownNode("zz".into()))
    );
}

#[test]
fn placement_stops_at_the_cap_and_says_how_far_it_got() {
    assert_eq!(place::simulation_cap(0), place::MAX_SIMULATED_REPLICAS);
    assert_eq!(place::simulation_cap(100), 1000);
    assert_eq!(place::simulation_cap(5000), 1000);
    assert_eq!(place::simulation_cap(100_000), 50);
    assert_eq!(place::simulation_cap(10_000_000), 1);
    let s = state(
        (1..=2)
            .map(|i| node(&format!("n{i}"), "1", "1Gi", 110, json!({})))
            .collect(),
        vec![],
    );
    let p = pod(cpu("100m"), json!({}));
    // Room for 20 replicas: a cap of 5 places 5 and leaves the rest unsimulated.
    let mut work = s.clone();
    let placed = place::place_replicas(&mut work, &p, 1000, 5, V, &mut place::first_feasible);
    assert_eq!((placed.simulated, placed.scheduled), (5, 5));
    assert!(placed.failed.is_none());
    // A cap past the room: the 21st fits nowhere, and the verdict covers all 1000.
    // source: pkg/scheduler/framework/plugins/noderesources/fit.go fitsRequest
    let mut work = s.clone();
    let placed = place::place_replicas(&mut work, &p, 1000, 100, V, &mut place::first_feasible);
    assert_eq!((placed.simulated, placed.scheduled), (1000, 20));
    assert_eq!(
        placed.failed.and_then(|f| f.message).as_deref(),
        Some("0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod.")
    );
}
