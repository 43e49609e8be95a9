//! The default profile's Score plugins (`analysis::scheduling::score`), table-driven after
//! kube-scheduler's plugin unit tests: each case names the upstream test it follows and
//! states its expectation as upstream does (normalised score per node); the assertion is on
//! the weighted score `score_nodes` reports (× the plugin's weight). Cases without an
//! upstream twin are computed by hand in their comment.

use std::collections::BTreeMap;

use kubectl_lint::analysis::scheduling::labels::Selector;
use kubectl_lint::analysis::scheduling::score::{
    default_selector, num_feasible_nodes_to_find, owner_selector, score_nodes, service_selectors,
    Ranking, ScoreOptions,
};
use kubectl_lint::analysis::scheduling::{ClusterState, PodInfo};
use kubectl_lint::model::cluster::Snapshot;
use kubectl_lint::model::Version;
use serde_json::{json, Value};

const V: Version = (1, 35);
const MB: i64 = 1024 * 1024;

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

/// A node with `labels` and anything else merged in (`status`, `spec`).
fn node(name: &str, labels: Value, extra: Value) -> Value {
    let mut n = json!({"apiVersion": "v1", "kind": "Node",
        "metadata": {"name": name, "labels": labels},
        "status": {"allocatable": {"pods": "110"}}});
    merge(&mut n, extra);
    n
}

/// A node with allocatable cpu (millicores) and memory (bytes).
fn sized(name: &str, milli_cpu: i64, memory: i64) -> Value {
    node(
        name,
        json!({"kubernetes.io/hostname": name}),
        json!({"status": {"allocatable": {"cpu": format!("{milli_cpu}m"), "memory": memory.to_string()}}}),
    )
}

/// A pod bound to `node` in namespace `default` (`meta` merges into metadata).
fn bound(node: &str, labels: Value, spec: Value, meta: Value) -> Value {
    let mut s = json!({"nodeName": node, "containers": [{"name": "c", "image": "busybox"}]});
    merge(&mut s, spec);
    let mut m = json!({"name": "p", "namespace": "default", "labels": labels});
    merge(&mut m, meta);
    json!({"apiVersion": "v1", "kind": "Pod", "metadata": m, "spec": s,
        "status": {"phase": "Running"}})
}

fn labelled(node: &str, labels: Value) -> Value {
    bound(node, labels, json!({}), json!({}))
}

fn state(nodes: Vec<Value>, pods: Vec<Value>, namespaces: Vec<Value>) -> ClusterState {
    let snap = Snapshot {
        nodes: nodes
            .into_iter()
            .map(|n| serde_json::from_value(n).unwrap())
            .collect(),
        pods: pods
            .into_iter()
            .map(|p| serde_json::from_value(p).unwrap())
            .collect(),
        namespaces: namespaces
            .into_iter()
            .map(|p| serde_json::from_value(p).unwrap())
            .collect(),
    };
    ClusterState::new(&snap, V)
}

/// The incoming pod (namespace `default` unless `ns`).
fn incoming_in(ns: &str, labels: Value, spec: Value, version: Version) -> PodInfo {
    let mut s = json!({"containers": [{"name": "c", "image": "busybox"}]});
    merge(&mut s, spec);
    let spec = serde_json::from_value(s).unwrap();
    let labels: BTreeMap<String, String> = serde_json::from_value(labels).unwrap();
    PodInfo::new(ns, "incoming", labels, &spec, true, version)
}

fn incoming(labels: Value, spec: Value) -> PodInfo {
    incoming_in("default", labels, spec, V)
}

/// Scores the nodes named `feasible` (every node when empty).
fn rank(st: &ClusterState, pod: &PodInfo, feasible: &[&str], opts: &ScoreOptions) -> Ranking {
    rank_at(st, pod, feasible, opts, V)
}

fn rank_at(
    st: &ClusterState,
    pod: &PodInfo,
    feasible: &[&str],
    opts: &ScoreOptions,
    version: Version,
) -> Ranking {
    let idx: Vec<usize> = if feasible.is_empty() {
        (0..st.nodes.len()).collect()
    } else {
        feasible.iter().map(|n| st.node(n).unwrap()).collect()
    };
    score_nodes(st, pod, &idx, version, opts)
}

/// One plugin's weighted score per scored node; `None` when it did not run (Skip).
fn plugin(r: &Ranking, name: &str) -> Option<Vec<i64>> {
    let per: Vec<Option<i64>> = r
        .scores
        .iter()
        .map(|s| s.plugins.iter().find(|(p, _)| *p == name).map(|(_, v)| *v))
        .collect();
    if per.iter().all(Option::is_none) {
        return None;
    }
    Some(
        per.into_iter()
            .map(|v| v.expect("ran for some nodes only"))
            .collect(),
    )
}

fn times(w: i64, v: &[i64]) -> Option<Vec<i64>> {
    Some(v.iter().map(|x| x * w).collect())
}

fn no_opts() -> ScoreOptions {
    ScoreOptions::default()
}

// ---------------------------------------------------------------- NodeResourcesFit

// source: pkg/scheduler/framework/plugins/noderesources/fit_test.go TestFitScore
// "test case for ScoringStrategy LeastAllocated": node1 4cpu/10000 with 2cpu/4000 used,
// node2 6cpu/10000 with 1cpu/2000 used, pod 1cpu/2000 => 32 and 63 (weight 1).
#[test]
fn least_allocated_nodes_of_different_sizes() {
    let req = |cpu: &str, mem: &str| {
        json!({"containers": [{"name": "c", "image": "i",
            "resources": {"requests": {"cpu": cpu, "memory": mem}}}]})
    };
    let st = state(
        vec![sized("node1", 4000, 10000), sized("node2", 6000, 10000)],
        vec![
            bound("node1", json!({}), req("2", "4000"), json!({})),
            bound("node2", json!({}), req("1", "2000"), json!({})),
        ],
        vec![],
    );
    let pod = incoming(json!({}), req("1", "2000"));
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(plugin(&r, "NodeResourcesFit"), Some(vec![32, 63]));
}

// source: pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest (100m),
// DefaultMemoryRequest (200Mi); noderesources/resource_allocation.go
// calculateResourceAllocatableRequest (NonZeroRequested). By hand: node 1 cpu / 1Gi, an
// existing pod and the incoming one without requests count 100m + 200Mi each:
// cpu (1000-200)*100/1000 = 80, memory (1024-400)*100/1024 = 60 => (80+60)/2 = 70;
// the empty node: cpu 90, memory (1024-200)*100/1024 = 80 => 85.
#[test]
fn least_allocated_counts_default_requests() {
    let st = state(
        vec![
            sized("busy", 1000, 1024 * MB),
            sized("empty", 1000, 1024 * MB),
        ],
        vec![labelled("busy", json!({}))],
        vec![],
    );
    let r = rank(&st, &incoming(json!({}), json!({})), &[], &no_opts());
    assert_eq!(plugin(&r, "NodeResourcesFit"), Some(vec![70, 85]));
}

// ------------------------------------------------- NodeResourcesBalancedAllocation

fn cpu_only(node: &str) -> Value {
    bound(
        node,
        json!({}),
        json!({"containers": [
            {"name": "a", "image": "i", "resources": {"requests": {"cpu": "1000m", "memory": "0"}}},
            {"name": "b", "image": "i", "resources": {"requests": {"cpu": "2000m", "memory": "0"}}}]}),
        json!({}),
    )
}

fn cpu_and_memory_spec() -> Value {
    json!({"containers": [
        {"name": "a", "image": "i", "resources": {"requests": {"cpu": "1000m", "memory": "2000"}}},
        {"name": "b", "image": "i", "resources": {"requests": {"cpu": "2000m", "memory": "3000"}}}]})
}

// source: pkg/scheduler/framework/plugins/noderesources/balanced_allocation_test.go
// TestNodeResourcesBalancedAllocation (weight 1).
#[test]
fn balanced_allocation_upstream_cases() {
    // (name, nodes, existing pods on node1 / node2, expected)
    struct Case {
        name: &'static str,
        nodes: [(i64, i64); 2],
        existing: bool,
        pod_cpu_only: bool,
        want: [i64; 2],
    }
    let cases = [
        Case {
            name: "nothing scheduled, resources requested, differently sized nodes",
            nodes: [(4000, 10000), (6000, 10000)],
            existing: false,
            pod_cpu_only: false,
            want: [87, 100],
        },
        Case {
            name: "resources requested, pods scheduled with resources",
            nodes: [(10000, 20000), (10000, 20000)],
            existing: true,
            pod_cpu_only: false,
            want: [82, 95],
        },
        Case {
            name: "resources requested, pods scheduled with resources, differently sized nodes",
            nodes: [(10000, 20000), (10000, 50000)],
            existing: true,
            pod_cpu_only: false,
            want: [82, 80],
        },
        Case {
            name: "requested resources at node capacity",
            nodes: [(6000, 10000), (6000, 10000)],
            existing: true,
            pod_cpu_only: true,
            want: [50, 75],
        },
    ];
    for c in cases {
        let pods = if c.existing {
            vec![
                cpu_only("node1"),
                bound("node2", json!({}), cpu_and_memory_spec(), json!({})),
            ]
        } else {
            vec![]
        };
        let st = state(
            vec![
                sized("node1", c.nodes[0].0, c.nodes[0].1),
                sized("node2", c.nodes[1].0, c.nodes[1].1),
            ],
            pods,
            vec![],
        );
        let spec = if c.pod_cpu_only {
            json!({"containers": [
                {"name": "a", "image": "i", "resources": {"requests": {"cpu": "1000m", "memory": "0"}}},
                {"name": "b", "image": "i", "resources": {"requests": {"cpu": "2000m", "memory": "0"}}}]})
        } else {
            cpu_and_memory_spec()
        };
        let r = rank(&st, &incoming(json!({}), spec), &[], &no_opts());
        assert_eq!(
            plugin(&r, "NodeResourcesBalancedAllocation"),
            Some(c.want.to_vec()),
            "{}",
            c.name
        );
    }
}

// source: balanced_allocation_test.go "nothing scheduled, nothing requested, skip in
// PreScore" (balanced_allocation.go PreScore isBestEffortPod, kubernetes#129138); before
// that change the best-effort pod was scored: both fractions 0 => 100.
#[test]
fn balanced_allocation_skips_best_effort_pods() {
    let st = state(
        vec![sized("node1", 4000, 10000), sized("node2", 4000, 10000)],
        vec![],
        vec![],
    );
    let r = rank(&st, &incoming(json!({}), json!({})), &[], &no_opts());
    assert_eq!(plugin(&r, "NodeResourcesBalancedAllocation"), None);
    let old = incoming_in("default", json!({}), json!({}), (1, 32));
    let r = rank_at(&st, &old, &[], &no_opts(), (1, 32));
    assert_eq!(
        plugin(&r, "NodeResourcesBalancedAllocation"),
        Some(vec![100, 100])
    );
}

// source: balanced_allocation.go balancedResourceScorer since v1.36 (kubernetes#135573):
// `50 + (50 + with - without) / 2`. By hand, the "differently sized nodes" case above:
// node1 with the pod 87, empty 100 => 50 + 37/2 = 68; node2 100 and 100 => 75. With a
// cpu-only pod on node1 (6000m of 10000m, memory 0 of 20000: without = (1 - 0.3)*100 = 70)
// the cpu-and-memory pod (3000m, 5000) makes it 90% / 25% => 67: 50 + 47/2 = 73.
#[test]
fn balanced_allocation_scores_the_change_since_1_36() {
    let st = state(
        vec![sized("node1", 4000, 10000), sized("node2", 6000, 10000)],
        vec![],
        vec![],
    );
    let v = (1, 36);
    let pod = incoming_in("default", json!({}), cpu_and_memory_spec(), v);
    let r = rank_at(&st, &pod, &[], &no_opts(), v);
    assert_eq!(
        plugin(&r, "NodeResourcesBalancedAllocation"),
        Some(vec![68, 75])
    );
    let r = rank_at(&st, &pod, &[], &no_opts(), (1, 35));
    assert_eq!(
        plugin(&r, "NodeResourcesBalancedAllocation"),
        Some(vec![87, 100])
    );

    let st = state(
        vec![sized("node1", 10000, 20000)],
        vec![cpu_only("node1"), cpu_only("node1")],
        vec![],
    );
    let r = rank_at(&st, &pod, &[], &no_opts(), v);
    assert_eq!(
        plugin(&r, "NodeResourcesBalancedAllocation"),
        Some(vec![73])
    );
}

// ------------------------------------------------------------------ TaintToleration

fn tainted(name: &str, taints: Value) -> Value {
    node(name, json!({}), json!({"spec": {"taints": taints}}))
}

fn prefer(key: &str, value: &str) -> Value {
    json!({"key": key, "value": value, "effect": "PreferNoSchedule"})
}

// source: pkg/scheduler/framework/plugins/tainttoleration/taint_toleration_test.go
// TestTaintTolerationScore (weight 3).
#[test]
fn taint_toleration_upstream_cases() {
    let tol =
        |k: &str, v: &str, e: &str| json!({"key": k, "operator": "Equal", "value": v, "effect": e});
    let cases = [
        (
            "node with taints tolerated by the pod gets a higher score",
            json!([tol("foo", "bar", "PreferNoSchedule")]),
            vec![
                json!([prefer("foo", "bar")]),
                json!([prefer("foo", "blah")]),
            ],
            vec![100, 0],
        ),
        (
            "the number of tolerated taints does not matter",
            json!([
                tol("cpu-type", "arm64", "PreferNoSchedule"),
                tol("disk-type", "ssd", "PreferNoSchedule")
            ]),
            vec![
                json!([]),
                json!([prefer("cpu-type", "arm64")]),
                json!([prefer("cpu-type", "arm64"), prefer("disk-type", "ssd")]),
            ],
            vec![100, 100, 100],
        ),
        (
            "the more intolerable taints a node has, the lower score it gets",
            json!([tol("foo", "bar", "PreferNoSchedule")]),
            vec![
                json!([]),
                json!([prefer("cpu-type", "arm64")]),
                json!([prefer("cpu-type", "arm64"), prefer("disk-type", "ssd")]),
            ],
            vec![100, 50, 0],
        ),
        (
            "only taints and tolerations with effect PreferNoSchedule count",
            json!([
                tol("cpu-type", "arm64", "NoSchedule"),
                tol("disk-type", "ssd", "NoSchedule")
            ]),
            vec![
                json!([]),
                json!([{"key": "cpu-type", "value": "arm64", "effect": "NoSchedule"}]),
                json!([prefer("cpu-type", "arm64"), prefer("disk-type", "ssd")]),
            ],
            vec![100, 100, 0],
        ),
        (
            "no taints and tolerations: lands on the node without taints",
            json!([]),
            vec![json!([]), json!([prefer("cpu-type", "arm64")])],
            vec![100, 0],
        ),
    ];
    for (name, tols, taints, want) in cases {
        let nodes = taints
            .into_iter()
            .enumerate()
            .map(|(i, t)| tainted(&format!("node{i}"), t))
            .collect();
        let st = state(nodes, vec![], vec![]);
        let pod = incoming(json!({}), json!({"tolerations": tols}));
        let r = rank(&st, &pod, &[], &no_opts());
        assert_eq!(plugin(&r, "TaintToleration"), times(3, &want), "{name}");
    }
}

// -------------------------------------------------------------------- NodeAffinity

fn preferred(terms: Value) -> Value {
    json!({"affinity": {"nodeAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": terms}}})
}

fn pref_term(weight: i32, exprs: Value) -> Value {
    json!({"weight": weight, "preference": {"matchExpressions": exprs}})
}

fn is_in(key: &str, value: &str) -> Value {
    json!({"key": key, "operator": "In", "values": [value]})
}

// source: pkg/scheduler/framework/plugins/nodeaffinity/node_affinity_test.go
// TestNodeAffinityPriority (weight 2): no preferred terms => Skip; only node1 matches =>
// 100/0/0; terms of weight 2 (foo=bar), 4 (key=value) and 5 (foo=bar, key=value,
// az=az1): node1 has foo=bar => 2*100/11 = 18, node2 key=value => 36, node3 all => 100.
#[test]
fn node_affinity_preferred_weights() {
    let nodes = vec![
        node("node1", json!({"foo": "bar"}), json!({})),
        node("node2", json!({"key": "value"}), json!({})),
        node(
            "node3",
            json!({"foo": "bar", "key": "value", "az": "az1"}),
            json!({}),
        ),
    ];
    let st = state(nodes, vec![], vec![]);
    let r = rank(&st, &incoming(json!({}), json!({})), &[], &no_opts());
    assert_eq!(plugin(&r, "NodeAffinity"), None);

    let only1 = preferred(json!([pref_term(2, json!([is_in("foo", "bar")]))]));
    let st1 = state(
        vec![
            node("node1", json!({"foo": "bar"}), json!({})),
            node("node2", json!({"key": "value"}), json!({})),
            node("node3", json!({"az": "az1"}), json!({})),
        ],
        vec![],
        vec![],
    );
    let r = rank(&st1, &incoming(json!({}), only1), &[], &no_opts());
    assert_eq!(plugin(&r, "NodeAffinity"), times(2, &[100, 0, 0]));

    let three = preferred(json!([
        pref_term(2, json!([is_in("foo", "bar")])),
        pref_term(4, json!([is_in("key", "value")])),
        pref_term(5, json!([is_in("foo", "bar"), is_in("key", "value"), is_in("az", "az1")])),
        // weight 0 and empty preferences are dropped (NewPreferredSchedulingTerms)
        {"weight": 0, "preference": {"matchExpressions": [is_in("foo", "bar")]}},
        {"weight": 7, "preference": {}},
    ]));
    let r = rank(&st, &incoming(json!({}), three), &[], &no_opts());
    assert_eq!(plugin(&r, "NodeAffinity"), times(2, &[18, 36, 100]));
}

// --------------------------------------------------------------- PodTopologySpread

fn host(name: &str) -> Value {
    node(name, json!({"kubernetes.io/hostname": name}), json!({}))
}

fn zoned(name: &str, zone: &str) -> Value {
    node(
        name,
        json!({"kubernetes.io/hostname": name, "zone": zone}),
        json!({}),
    )
}

/// `n` pods labelled `foo=""` on each node of `spread`.
fn foo_pods(spread: &[(&str, usize)]) -> Vec<Value> {
    spread
        .iter()
        .flat_map(|(n, k)| (0..*k).map(move |_| labelled(n, json!({"foo": ""}))))
        .collect()
}

fn soft(max_skew: i32, key: &str, selector_key: &str) -> Value {
    json!({"maxSkew": max_skew, "topologyKey": key, "whenUnsatisfiable": "ScheduleAnyway",
        "labelSelector": {"matchExpressions": [{"key": selector_key, "operator": "Exists"}]}})
}

fn spread_pod(constraints: Value) -> PodInfo {
    incoming(
        json!({"foo": "", "bar": ""}),
        json!({"topologySpreadConstraints": constraints}),
    )
}

// source: pkg/scheduler/framework/plugins/podtopologyspread/scoring_test.go
// TestPodTopologySpreadScore (weight 2).
#[test]
fn spread_one_constraint_on_hostname() {
    let four = || {
        vec![
            host("node-a"),
            host("node-b"),
            host("node-c"),
            host("node-d"),
        ]
    };
    // "one constraint on node, no existing pods"
    let st = state(vec![host("node-a"), host("node-b")], vec![], vec![]);
    let r = rank(
        &st,
        &spread_pod(json!([soft(1, "kubernetes.io/hostname", "foo")])),
        &[],
        &no_opts(),
    );
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[100, 100]));

    // "one constraint on node, all 4 nodes are candidates": 2/1/0/3
    let st = state(
        four(),
        foo_pods(&[("node-a", 2), ("node-b", 1), ("node-d", 3)]),
        vec![],
    );
    let pod = spread_pod(json!([soft(1, "kubernetes.io/hostname", "foo")]));
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[20, 60, 100, 0]));
    // "... maxSkew=2"
    let pod = spread_pod(json!([soft(2, "kubernetes.io/hostname", "foo")]));
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(
        plugin(&r, "PodTopologySpread"),
        times(2, &[33, 66, 100, 16])
    );

    // "one constraint on node, all 4 nodes are candidates, maxSkew=3": 4/3/2/1
    let st = state(
        four(),
        foo_pods(&[("node-a", 4), ("node-b", 3), ("node-c", 2), ("node-d", 1)]),
        vec![],
    );
    let pod = spread_pod(json!([soft(3, "kubernetes.io/hostname", "foo")]));
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(
        plugin(&r, "PodTopologySpread"),
        times(2, &[44, 66, 77, 100])
    );

    // "system defaulting, nodes don't have zone, pods match service": same scores with
    // hostname maxSkew 3 (the zone constraint is dropped for nodes without a zone).
    let plain = incoming(json!({"foo": ""}), json!({}));
    let svc = default_selector(
        &[BTreeMap::from([("foo".to_string(), String::new())])],
        None,
    );
    let opts = ScoreOptions {
        default_spread_selector: svc,
    };
    let r = rank(&st, &plain, &[], &opts);
    assert_eq!(
        plugin(&r, "PodTopologySpread"),
        times(2, &[44, 66, 77, 100])
    );
    // ... and nothing selects a bare pod: Skip.
    let r = rank(&st, &plain, &[], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), None);
}

#[test]
fn spread_with_filtered_nodes_and_missing_keys() {
    let pods = foo_pods(&[("node-a", 4), ("node-b", 2), ("node-x", 1), ("node-y", 3)]);
    let pod = spread_pod(json!([soft(1, "kubernetes.io/hostname", "foo")]));
    // "one constraint on node, 3 out of 4 nodes are candidates": 4/2/1/~3~
    let st = state(
        vec![
            host("node-a"),
            host("node-b"),
            host("node-x"),
            host("node-y"),
        ],
        pods.clone(),
        vec![],
    );
    let r = rank(&st, &pod, &["node-a", "node-b", "node-x"], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[33, 83, 100]));

    // "... one node doesn't match topology key": 4/?2?/1/~3~
    let st = state(
        vec![
            host("node-a"),
            node("node-b", json!({"n": "node-b"}), json!({})),
            host("node-x"),
            host("node-y"),
        ],
        pods.clone(),
        vec![],
    );
    let r = rank(&st, &pod, &["node-a", "node-b", "node-x"], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[16, 0, 100]));

    // "one constraint on zone, 3 out of 4 nodes are candidates"
    let st = state(
        vec![
            zoned("node-a", "zone1"),
            zoned("node-b", "zone1"),
            zoned("node-x", "zone2"),
            zoned("node-y", "zone2"),
        ],
        pods,
        vec![],
    );
    let pod = spread_pod(json!([soft(1, "zone", "foo")]));
    let r = rank(&st, &pod, &["node-a", "node-b", "node-x"], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[75, 75, 100]));
}

// source: scoring_test.go "two Constraints on zone and node, with different
// labelSelectors" (zone: 2/2/1/1 foo, hostname: 0/1/0/1 bar => 60/20/100/60).
#[test]
fn spread_two_constraints_different_selectors() {
    let st = state(
        vec![
            zoned("node-a", "zone1"),
            zoned("node-b", "zone1"),
            zoned("node-x", "zone2"),
            zoned("node-y", "zone2"),
        ],
        vec![
            labelled("node-a", json!({"foo": ""})),
            labelled("node-b", json!({"foo": "", "bar": ""})),
            labelled("node-y", json!({"foo": ""})),
            labelled("node-y", json!({"bar": ""})),
        ],
        vec![],
    );
    let pod = spread_pod(json!([
        soft(1, "zone", "foo"),
        soft(1, "kubernetes.io/hostname", "bar")
    ]));
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(
        plugin(&r, "PodTopologySpread"),
        times(2, &[60, 20, 100, 60])
    );
}

// source: scoring_test.go "two Constraints on zone, 2 out of 4 nodes are candidates": each
// constraint counts with its own selector (foo: 3/3, bar: 2/1 over zone1/zone2) => 85/100.
#[test]
fn spread_two_constraints_on_one_key() {
    let st = state(
        vec![
            zoned("node-a", "zone1"),
            zoned("node-b", "zone1"),
            zoned("node-x", "zone2"),
            zoned("node-y", "zone2"),
        ],
        vec![
            labelled("node-a", json!({"foo": "", "bar": ""})),
            labelled("node-a", json!({"foo": ""})),
            labelled("node-b", json!({"foo": "", "bar": ""})),
            labelled("node-y", json!({"foo": ""})),
            labelled("node-y", json!({"foo": "", "bar": ""})),
            labelled("node-y", json!({"foo": ""})),
        ],
        vec![],
    );
    let pod = spread_pod(json!([soft(1, "zone", "foo"), soft(1, "zone", "bar")]));
    let r = rank(&st, &pod, &["node-a", "node-x"], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[85, 100]));
}

// source: scoring_test.go "existing pods in a different namespace do not count" and
// "terminating Pods should be excluded" (common.go countPodsMatchSelector).
#[test]
fn spread_ignores_other_namespaces_and_terminating_pods() {
    let st = state(
        vec![host("node-a"), host("node-b")],
        vec![
            bound(
                "node-a",
                json!({"foo": ""}),
                json!({}),
                json!({"namespace": "ns1"}),
            ),
            labelled("node-a", json!({"foo": ""})),
            labelled("node-b", json!({"foo": ""})),
            labelled("node-b", json!({"foo": ""})),
        ],
        vec![],
    );
    let pod = spread_pod(json!([soft(1, "kubernetes.io/hostname", "foo")]));
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[100, 33]));

    let st = state(
        vec![host("node-a"), host("node-b")],
        vec![
            bound(
                "node-a",
                json!({"foo": ""}),
                json!({}),
                json!({"deletionTimestamp": "2026-01-01T00:00:00Z"}),
            ),
            labelled("node-b", json!({"foo": ""})),
        ],
        vec![],
    );
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(plugin(&r, "PodTopologySpread"), times(2, &[100, 0]));
}

// source: scoring.go PreScore (only ScheduleAnyway constraints score; a pod with only
// DoNotSchedule constraints gets no system default either: Skip).
#[test]
fn spread_skips_without_soft_constraints() {
    let st = state(
        vec![host("node-a"), host("node-b")],
        foo_pods(&[("node-a", 1)]),
        vec![],
    );
    let hard = json!([{"maxSkew": 1, "topologyKey": "kubernetes.io/hostname",
        "whenUnsatisfiable": "DoNotSchedule",
        "labelSelector": {"matchLabels": {"foo": ""}}}]);
    let svc = default_selector(
        &[BTreeMap::from([("foo".to_string(), String::new())])],
        None,
    );
    let r = rank(
        &st,
        &spread_pod(hard),
        &[],
        &ScoreOptions {
            default_spread_selector: svc,
        },
    );
    assert_eq!(plugin(&r, "PodTopologySpread"), None);
}

// --------------------------------------------------------------- InterPodAffinity

fn weighted_term(weight: i32, security: &str, key: &str) -> Value {
    json!({"weight": weight, "podAffinityTerm": {
        "labelSelector": {"matchExpressions": [{"key": "security", "operator": "In", "values": [security]}]},
        "topologyKey": key}})
}

fn stay_with(weight: i32, security: &str) -> Value {
    json!({"affinity": {"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution":
        [weighted_term(weight, security, "region")]}}})
}

fn sec(s: &str) -> Value {
    json!({"security": s})
}

fn region_nodes() -> Vec<Value> {
    vec![
        node("node1", json!({"region": "China"}), json!({})),
        node("node2", json!({"region": "India"}), json!({})),
        node("node3", json!({"az": "az1"}), json!({})),
    ]
}

// source: pkg/scheduler/framework/plugins/interpodaffinity/scoring_test.go
// TestPreferredAffinity (weight 2).
#[test]
fn inter_pod_affinity_preferred_terms() {
    // "all nodes are same priority as Affinity is nil": Skip
    let st = state(region_nodes(), vec![], vec![]);
    let r = rank(&st, &incoming(sec("S1"), json!({})), &[], &no_opts());
    assert_eq!(plugin(&r, "InterPodAffinity"), None);

    // "Affinity: pod that matches topology key & pods in nodes will get high score"
    let st = state(
        region_nodes(),
        vec![
            labelled("node1", sec("S1")),
            labelled("node2", sec("S2")),
            labelled("node3", sec("S1")),
        ],
        vec![],
    );
    let r = rank(
        &st,
        &incoming(sec("S1"), stay_with(5, "S1")),
        &[],
        &no_opts(),
    );
    assert_eq!(plugin(&r, "InterPodAffinity"), times(2, &[100, 0, 0]));

    // "nodes in one region has more matching pods": China gets 100, India 0
    let st = state(
        vec![
            node("node1", json!({"region": "China"}), json!({})),
            node("node2", json!({"region": "India"}), json!({})),
            node("node3", json!({"region": "China"}), json!({})),
            node("node4", json!({"region": "China"}), json!({})),
            node("node5", json!({"region": "India"}), json!({})),
        ],
        vec![
            labelled("node1", sec("S2")),
            labelled("node1", sec("S2")),
            labelled("node2", sec("S2")),
            labelled("node3", sec("S2")),
            labelled("node4", sec("S2")),
            labelled("node5", sec("S2")),
        ],
        vec![],
    );
    let r = rank(
        &st,
        &incoming(sec("S1"), stay_with(6, "S2")),
        &[],
        &no_opts(),
    );
    assert_eq!(
        plugin(&r, "InterPodAffinity"),
        times(2, &[100, 0, 100, 100, 0])
    );
}

// source: scoring_test.go "Affinity symmetry: considered only the
// preferredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry" and
// "... considered RequiredDuringSchedulingIgnoredDuringExecution in pod affinity symmetry"
// (processExistingPod, hardPodAffinityWeight 1).
#[test]
fn inter_pod_affinity_symmetry() {
    let with_spec = |n: &str, labels: Value, spec: Value| bound(n, labels, spec, json!({}));
    let st = state(
        region_nodes(),
        vec![
            with_spec("node1", sec("S1"), stay_with(5, "S1")),
            with_spec("node2", sec("S2"), stay_with(6, "S2")),
        ],
        vec![],
    );
    let r = rank(&st, &incoming(sec("S2"), json!({})), &[], &no_opts());
    assert_eq!(plugin(&r, "InterPodAffinity"), times(2, &[0, 100, 0]));

    let hard = json!({"affinity": {"podAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": [
        {"labelSelector": {"matchExpressions": [
            {"key": "security", "operator": "In", "values": ["S1", "value2"]}]},
         "topologyKey": "region"},
        {"labelSelector": {"matchExpressions": [
            {"key": "security", "operator": "Exists"},
            {"key": "wrongkey", "operator": "DoesNotExist"}]},
         "topologyKey": "region"}]}}});
    let st = state(
        region_nodes(),
        vec![
            with_spec("node1", sec("S1"), hard.clone()),
            with_spec("node2", sec("S2"), hard),
        ],
        vec![],
    );
    let r = rank(&st, &incoming(sec("S1"), json!({})), &[], &no_opts());
    assert_eq!(plugin(&r, "InterPodAffinity"), times(2, &[100, 100, 0]));
}

// source: scoring.go processExistingPod, NormalizeScore. By hand: the incoming pod prefers
// S1 in its region (weight 8) and avoids S2 in its az (weight 5); node1 (China, az1) holds
// S1 => +8 for China; node2 (India, az2) holds S2 => -5 for az2; node3 (India, az1):
// raw China/az1 = 8, India/az2 = -5, India/az1 = 0 => min-max (8-(-5)) = 13:
// node1 100, node2 0, node3 int(100 * 5/13) = 38.
#[test]
fn inter_pod_affinity_anti_affinity_min_max() {
    let st = state(
        vec![
            node("node1", json!({"region": "China", "az": "az1"}), json!({})),
            node("node2", json!({"region": "India", "az": "az2"}), json!({})),
            node("node3", json!({"region": "India", "az": "az1"}), json!({})),
        ],
        vec![labelled("node1", sec("S1")), labelled("node2", sec("S2"))],
        vec![],
    );
    let spec = json!({"affinity": {
        "podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [weighted_term(8, "S1", "region")]},
        "podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [weighted_term(5, "S2", "az")]}}});
    let r = rank(&st, &incoming(sec("S3"), spec), &[], &no_opts());
    assert_eq!(plugin(&r, "InterPodAffinity"), times(2, &[100, 0, 38]));
}

// source: scoring_test.go "Affinity symmetry with namespace selector": the existing pod's
// preferred term selects namespaces labelled team=team1, which the incoming pod's is.
#[test]
fn inter_pod_affinity_namespace_selector() {
    let ns_term = json!({"affinity": {"podAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
        {"weight": 5, "podAffinityTerm": {
            "labelSelector": {"matchExpressions": [{"key": "security", "operator": "In", "values": ["S1"]}]},
            "topologyKey": "region",
            "namespaces": ["subteam2.team2"],
            "namespaceSelector": {"matchExpressions": [{"key": "team", "operator": "In", "values": ["team1"]}]}}}]}}});
    let st = state(
        region_nodes(),
        vec![
            bound("node1", sec("S1"), ns_term, json!({})),
            bound("node2", sec("S2"), stay_with(6, "S2"), json!({})),
        ],
        vec![json!({"apiVersion": "v1", "kind": "Namespace",
            "metadata": {"name": "subteam1.team1", "labels": {"team": "team1"}}})],
    );
    let pod = incoming_in("subteam1.team1", sec("S1"), json!({}), V);
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(plugin(&r, "InterPodAffinity"), times(2, &[100, 0, 0]));
}

// ------------------------------------------------------------------- ImageLocality

fn imaged(name: &str, images: &[(&str, i64)]) -> Value {
    let imgs: Vec<Value> = images
        .iter()
        .map(|(n, mb)| json!({"names": [format!("gcr.io/{n}:latest")], "sizeBytes": mb * MB}))
        .collect();
    node(name, json!({}), json!({"status": {"images": imgs}}))
}

fn images_pod(containers: &[&str], init: &[&str]) -> PodInfo {
    let c = |names: &[&str]| -> Vec<Value> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| json!({"name": format!("c{i}"), "image": format!("gcr.io/{n}")}))
            .collect()
    };
    let mut spec = json!({"containers": c(containers)});
    if !init.is_empty() {
        spec["initContainers"] = json!(c(init));
    }
    incoming(json!({}), spec)
}

// source: pkg/scheduler/framework/plugins/imagelocality/image_locality_test.go
// TestImageLocalityPriority (weight 1; max threshold 1000MB per container).
#[test]
fn image_locality_upstream_cases() {
    let n403002000 = || imaged("node1", &[("40", 40), ("300", 300), ("2000", 2000)]);
    let n25010 = || imaged("node2", &[("250", 250), ("10", 10)]);
    let n203040 = || imaged("node2", &[("20", 20), ("30", 30), ("40", 40)]);
    let cases: Vec<(&str, Vec<Value>, PodInfo, Vec<i64>)> = vec![
        (
            // 250M/2 = 125M => 100*(125-23)/(2000-23) = 5
            "two images spread on two nodes, prefer the larger image one",
            vec![n403002000(), n25010()],
            images_pod(&["40", "250"], &[]),
            vec![0, 5],
        ),
        (
            // (40+300)/2 = 170M => 100*(170-23)/(2000-23) = 7
            "two images on one node, prefer this node",
            vec![n403002000(), n25010()],
            images_pod(&["40", "300"], &[]),
            vec![7, 0],
        ),
        (
            // 600*2/3 + 900*2/3 = 1000M => 100*977/2977 = 32; + 300/3 => 36
            "pod with multiple large images, node2 is preferred",
            vec![
                imaged("node1", &[("600", 600), ("40", 40), ("900", 900)]),
                imaged("node2", &[("300", 300), ("600", 600), ("900", 900)]),
                imaged("node3", &[]),
            ],
            images_pod(&["300", "600", "900"], &[]),
            vec![32, 36, 0],
        ),
        (
            // init container gcr.io/300 on 1 of 2 nodes: 150M => 100*127/1977 = 6
            "include InitContainers: two images spread on two nodes",
            vec![n403002000(), n203040()],
            images_pod(&["30"], &["300"]),
            vec![6, 0],
        ),
    ];
    for (name, nodes, pod, want) in cases {
        let st = state(nodes, vec![], vec![]);
        let r = rank(&st, &pod, &[], &no_opts());
        assert_eq!(plugin(&r, "ImageLocality"), Some(want), "{name}");
    }
}

// source: image_locality.go sumImageScores across versions. By hand, one node of two holds
// gcr.io/300 (300M, spread 1/2 => 150M): as an init container it counts from v1.27
// (kubernetes#115587; 2 images: 100*127/1977 = 6), not before (1 image: 150M over
// 23..1000M, but the init image is not summed => 0). As an image volume it adds to the sum
// from v1.33 (kubernetes#130231; threshold still 1000M: 100*127/977 = 12) and to the image
// count from v1.37 (kubernetes#138951; 2 images => 6).
#[test]
fn image_locality_init_containers_and_image_volumes_by_version() {
    let st = state(
        vec![imaged("node1", &[("300", 300)]), imaged("node2", &[])],
        vec![],
        vec![],
    );
    let init = |v: Version| {
        incoming_in(
            "default",
            json!({}),
            json!({"initContainers": [{"name": "i", "image": "gcr.io/300"}],
                "containers": [{"name": "c", "image": "gcr.io/30"}]}),
            v,
        )
    };
    let at =
        |pod: &PodInfo, v: Version| plugin(&rank_at(&st, pod, &[], &no_opts(), v), "ImageLocality");
    assert_eq!(at(&init((1, 26)), (1, 26)), Some(vec![0, 0]));
    assert_eq!(at(&init((1, 27)), (1, 27)), Some(vec![6, 0]));
    let vol = |v: Version| {
        incoming_in(
            "default",
            json!({}),
            json!({"containers": [{"name": "c", "image": "gcr.io/30"}],
                "volumes": [{"name": "v", "image": {"reference": "gcr.io/300"}}]}),
            v,
        )
    };
    assert_eq!(at(&vol((1, 32)), (1, 32)), Some(vec![0, 0]));
    assert_eq!(at(&vol((1, 35)), (1, 35)), Some(vec![12, 0]));
    assert_eq!(at(&vol((1, 37)), (1, 37)), Some(vec![6, 0]));
}

// ------------------------------------------------------------ ranking and totals

// source: pkg/scheduler/framework/runtime/framework.go RunScorePlugins (total = Σ score ×
// weight); schedule_one.go prioritizeNodes, selectHost. By hand, the example
// shape: a pod without preferences on two empty 4-cpu/8Gi nodes, one with a
// PreferNoSchedule taint: TaintToleration 300 vs 0, NodeResourcesFit (97+97)/2 = 97 on
// both, BalancedAllocation skipped (best effort), ImageLocality 0, nothing else runs.
#[test]
fn totals_order_and_best_nodes() {
    let mk = |name: &str, taints: Value| {
        node(
            name,
            json!({"kubernetes.io/hostname": name}),
            json!({"spec": {"taints": taints},
                "status": {"allocatable": {"cpu": "4", "memory": "8Gi"}}}),
        )
    };
    let st = state(
        vec![
            mk("node-1", json!([prefer("k", "v")])),
            mk("node-2", json!([])),
        ],
        vec![],
        vec![],
    );
    let pod = incoming(json!({"app": "web"}), json!({}));
    let r = rank(&st, &pod, &[], &no_opts());
    let w = r.weighted();
    let expect = |tt: i64, total: i64| {
        BTreeMap::from([
            ("TaintToleration".to_string(), tt),
            ("NodeResourcesFit".to_string(), 97),
            ("ImageLocality".to_string(), 0),
            ("total".to_string(), total),
        ])
    };
    assert_eq!(w["node-1"], expect(0, 97));
    assert_eq!(w["node-2"], expect(300, 397));
    assert_eq!(r.order, vec![1, 0]);
    assert_eq!(r.best_names(&st), vec!["node-2".to_string()]);
    assert!(r.scored);

    // Equal totals: every top node is reported (the scheduler takes any).
    let st = state(
        vec![mk("node-1", json!([])), mk("node-2", json!([]))],
        vec![],
        vec![],
    );
    let r = rank(&st, &pod, &[], &no_opts());
    assert_eq!(r.best_names(&st), vec!["node-1", "node-2"]);
    assert_eq!(r.order, vec![0, 1]);

    // One feasible node: bound without scoring.
    let r = rank(&st, &pod, &["node-2"], &no_opts());
    assert!(!r.scored);
    assert_eq!(r.best_names(&st), vec!["node-2"]);
}

// source: pkg/scheduler/framework/plugins/helper/spread.go DefaultSelector: the Services'
// selectors merged, then the owner's selector requirements; nothing => no selector.
#[test]
fn default_selector_merges_services_and_owner() {
    assert!(default_selector(&[], None).is_none());
    assert!(default_selector(&[BTreeMap::new()], Some(&Selector::nothing())).is_none());
    let owner = Selector::from_label_selector(Some(
        &serde_json::from_value(json!({"matchLabels": {"pod-template-hash": "abc"}})).unwrap(),
    ));
    let s = default_selector(
        &[
            BTreeMap::from([("app".to_string(), "web".to_string())]),
            BTreeMap::from([("tier".to_string(), "front".to_string())]),
        ],
        Some(&owner),
    )
    .unwrap();
    let labels = |pairs: &[(&str, &str)]| -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    assert!(s.matches(&labels(&[
        ("app", "web"),
        ("tier", "front"),
        ("pod-template-hash", "abc")
    ])));
    assert!(!s.matches(&labels(&[("app", "web"), ("tier", "front")])));
}

// source: helper/spread.go GetPodServices (selector-less Services select nothing; other
// namespaces do not count), DefaultSelector (rsKind/ssKind/rcKind owners only);
// pkg/apis/core/v1/defaults.go SetDefaults_ReplicationController (selector from labels).
#[test]
fn services_and_owners_of_a_workload() {
    let labels = BTreeMap::from([
        ("app".to_string(), "web".to_string()),
        ("tier".to_string(), "front".to_string()),
    ]);
    let web = BTreeMap::from([("app".to_string(), "web".to_string())]);
    let other = BTreeMap::from([("app".to_string(), "db".to_string())]);
    let none = BTreeMap::new();
    let got = service_selectors(
        "default",
        &labels,
        [
            ("default", &web),
            ("default", &other),
            ("default", &none),
            ("prod", &web),
        ],
    );
    assert_eq!(got, vec![web.clone()]);

    let deploy = json!({"spec": {"selector": {"matchLabels": {"app": "web"}}}});
    let s = owner_selector("Deployment", &deploy, Some("5d4f")).unwrap();
    let mut with_hash = labels.clone();
    assert!(!s.matches(&with_hash));
    with_hash.insert("pod-template-hash".into(), "5d4f".into());
    assert!(s.matches(&with_hash));
    assert!(owner_selector("Job", &deploy, None).is_none());
    assert!(owner_selector("DaemonSet", &deploy, None).is_none());
    let rc = json!({"spec": {"template": {"metadata": {"labels": {"app": "web"}}}}});
    let s = owner_selector("ReplicationController", &rc, None).unwrap();
    assert!(s.matches(&labels) && !s.matches(&other));
    // Services and owner together: both must match.
    let all = default_selector(
        &got,
        owner_selector("Deployment", &deploy, Some("5d4f")).as_ref(),
    )
    .unwrap();
    assert!(all.matches(&with_hash) && !all.matches(&labels));
}

// source: pkg/scheduler/schedule_one.go numFeasibleNodesToFind (minFeasibleNodesToFind 100,
// minFeasibleNodesPercentageToFind 5, adaptive 50 - n/125).
#[test]
fn feasible_nodes_to_find() {
    assert_eq!(num_feasible_nodes_to_find(50, 0), 50);
    assert_eq!(num_feasible_nodes_to_find(100, 0), 100); // 50% of 100 = 50 < 100
    assert_eq!(num_feasible_nodes_to_find(1000, 0), 420); // 50 - 8 = 42%
    assert_eq!(num_feasible_nodes_to_find(5000, 0), 500); // 50 - 40 = 10%
    assert_eq!(num_feasible_nodes_to_find(6000, 0), 300); // 50 - 48 = 2% -> 5%
    assert_eq!(num_feasible_nodes_to_find(500, 10), 100); // 50 < 100
    assert_eq!(num_feasible_nodes_to_find(2000, 30), 600);
}
