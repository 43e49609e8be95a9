//! `pod-spec-changed`: an update of a Pod that changes its spec beyond what the API server
//! allows (container images, `activeDeadlineSeconds` down, tolerations added, scheduling
//! gates removed, `terminationGracePeriodSeconds` from negative to 1, and on a gated pod
//! `nodeSelector` and required node-affinity terms extended).
//! source: pkg/apis/core/validation/validation.go ValidatePodUpdate, ValidateContainerUpdates,
//! validateOnlyAddedTolerations, validateOnlyDeletedSchedulingGates,
//! validateNodeSelectorMutation, validateNodeAffinityMutation,
//! validateNodeSelectorTermHasOnlyAdditions (update-rules.md §3.1)
//!
//! Both sides are compared as `kubectl apply` leaves them: defaults applied, a default that
//! neither manifest spells out keeps its stored (OLD) value, and what the scheduler and
//! admission add to a live pod (`nodeName`, the service account and its `kube-api-access-*`
//! volume, priority, the `not-ready`/`unreachable` tolerations) is kept when NEW omits it
//! (update-rules.md §11).

use crate::rules::Pointer as _;
use serde_json::{Map, Value};

use crate::analysis::update::{changed_paths, is_empty};
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx, Version};
use crate::yaml::{FieldPath, Segment};

pub(super) static RULE: PodSpecChanged = PodSpecChanged;

pub(super) struct PodSpecChanged;

/// What `ValidatePodUpdate` refuses. Paths are relative to the pod spec.
#[derive(Debug, PartialEq)]
pub(super) enum Refusal {
    /// `spec.containers: Forbidden: pod updates may not add or remove containers`.
    ContainerCount { list: &'static str, old: usize },
    /// An image emptied: `Required value`.
    ImageRemoved { list: &'static str, index: usize },
    ImageWhitespace { list: &'static str, index: usize },
    DeadlineRaised { old: i64 },
    DeadlineRemoved { old: i64 },
    /// An existing toleration (its key) changed or removed.
    TolerationChanged { key: String },
    GateAdded { index: usize, name: String },
    NodeSelectorChanged,
    NodeAffinityTermCount { old: usize },
    NodeAffinityTermChanged { index: usize },
    /// Any other change: the generic `spec: Forbidden`, at the first changed field.
    Other { paths: Vec<FieldPath>, old: Option<Value> },
}

/// The updatable fields, as the API server lists them.
/// source: validation.go updatablePodSpecFields (joined with "," since the list became a
/// variable; older releases wrote ", … or …")
fn updatable(version: Version) -> &'static str {
    if version >= (1, 27) {
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
    } else {
        "`spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, `spec.tolerations` (only additions to existing tolerations) or `spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"
    }
}

fn diagnostic(cx: &UpdateCx<'_>, r: &Refusal) -> Diagnostic {
    let spec = FieldPath::parse("spec");
    let recreate = "delete and recreate the Pod, or let a controller (Deployment, Job) roll it";
    let d = |rel: FieldPath, message: String, label: &str| {
        Diagnostic::new(message, cx.at(spec.join(&rel))).label(label.to_string())
    };
    match r {
        Refusal::ContainerCount { list, old } => {
            let rel = FieldPath::root().field(list.to_string());
            d(rel.clone(), format!("a Pod's `spec.{list}` cannot gain or lose containers on an update (it had {old})"), "containers added or removed")
                .help(recreate)
                .api_error(spec.join(&rel).to_string(), "Forbidden", "pod updates may not add or remove containers")
        }
        Refusal::ImageRemoved { list, index } => {
            let rel = FieldPath::root().field(list.to_string()).index(*index).field("image");
            d(rel.clone(), format!("the update removes the image of `spec.{list}[{index}]`"), "no image")
                .help("keep an image: only its value may change")
                .api_error(spec.join(&rel).to_string(), "Required", "")
        }
        Refusal::ImageWhitespace { list, index } => {
            let rel = FieldPath::root().field(list.to_string()).index(*index).field("image");
            d(rel.clone(), format!("the new image of `spec.{list}[{index}]` has leading or trailing whitespace"), "whitespace")
                .help("remove the whitespace around the image")
                .api_error(spec.join(&rel).to_string(), "Invalid", "must not have leading or trailing whitespace")
        }
        Refusal::DeadlineRaised { old } => {
            let rel = FieldPath::parse("activeDeadlineSeconds");
            d(rel.clone(), format!("a Pod's `activeDeadlineSeconds` can only go down on an update (it was `{old}`)"), "raised")
                .help(format!("use a value of at most {old}, or recreate the Pod"))
                .api_error(spec.join(&rel).to_string(), "Invalid", "must be less than or equal to previous value")
        }
        Refusal::DeadlineRemoved { old } => {
            let rel = FieldPath::parse("activeDeadlineSeconds");
            d(rel, format!("the update removes the Pod's `activeDeadlineSeconds` (it was `{old}`)"), "removed")
                .help(format!("keep `activeDeadlineSeconds: {old}` (or a smaller value)"))
                .api_error("spec.activeDeadlineSeconds", "Invalid", "must not update from a positive integer to nil value")
        }
        Refusal::TolerationChanged { key } => {
            let rel = FieldPath::parse("tolerations");
            let which = if key.is_empty() { "an existing toleration".to_string() } else { format!("the existing toleration of `{key}`") };
            d(rel.clone(), format!("the update changes or removes {which}; only its `tolerationSeconds` may change"), "toleration changed")
                .help("keep every existing toleration as it was; add new ones instead")
                .api_error(spec.join(&rel).to_string(), "Forbidden", "existing toleration can not be modified except its tolerationSeconds")
        }
        Refusal::GateAdded { index, name } => {
            let rel = FieldPath::root().field("schedulingGates").index(*index).field("name");
            d(rel.clone(), format!("scheduling gate `{name}` cannot be added to an existing Pod; gates can only be removed"), "new gate")
                .help("set scheduling gates when the Pod is created")
                .api_error(spec.join(&rel).to_string(), "Forbidden", format!("only deletion is allowed, but found new scheduling gate '{name}'"))
        }
        Refusal::NodeSelectorChanged => {
            let rel = FieldPath::parse("nodeSelector");
            d(rel.clone(), "a gated Pod's `nodeSelector` can only gain entries; the update changes or removes one".to_string(), "changed")
                .help("keep the existing `nodeSelector` entries and only add new ones")
                .api_error(spec.join(&rel).to_string(), "Invalid", "only additions to spec.nodeSelector are allowed (no mutations or deletions)")
        }
        Refusal::NodeAffinityTermCount { old } => {
            let rel = FieldPath::parse("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms");
            d(rel.clone(), format!("a gated Pod's required node-selector terms cannot be added or removed (it had {old})"), "terms added or removed")
                .help("keep the same terms and add match expressions to them")
                .api_error(spec.join(&rel).to_string(), "Invalid", "no additions/deletions to non-empty NodeSelectorTerms list are allowed")
        }
        Refusal::NodeAffinityTermChanged { index } => {
            let rel = FieldPath::parse("affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms").index(*index);
            d(rel.clone(), format!("a gated Pod's required node-selector term {index} can only gain match expressions or fields"), "changed")
                .help("keep the existing expressions of the term, in order, and append new ones")
                .api_error(spec.join(&rel).to_string(), "Invalid", "only additions are allowed (no mutations or deletions)")
        }
        Refusal::Other { paths, old } => {
            let first = paths.first().cloned().unwrap_or_default();
            let was = match old {
                Some(Value::String(s)) => format!("it was `{s}`"),
                Some(v) if !is_empty(Some(v)) => format!("it was `{v}`"),
                _ => "it was not set".to_string(),
            };
            let more = match paths.len() {
                0 | 1 => String::new(),
                n => format!(", and {} other field{} change", n - 1, if n == 2 { "" } else { "s" }),
            };
            d(first.clone(), format!("a Pod's `spec.{first}` cannot change on an update ({was}){more}"), "changed")
                .help(recreate)
                .api_error("spec", "Forbidden", format!("pod updates may not change fields other than {}", updatable(cx.new.version)))
        }
    }
}

impl Rule for PodSpecChanged {
    fn id(&self) -> &str {
        "pod-spec-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let Some((old, new)) = specs(cx) else {
            return;
        };
        for r in refusals(&old, &new, cx.new.version) {
            out.emit(diagnostic(cx, &r));
        }
    }
}

/// The OLD and NEW pod specs of a Pod update, as the API server compares them; `None` when
/// this is not an update of one Pod.
pub(super) fn specs(cx: &UpdateCx<'_>) -> Option<(Value, Value)> {
    let o = cx.new.object;
    if o.api_version != "v1" || o.kind != "Pod" || !super::metadata_immutable_changed::same_object(cx) {
        return None;
    }
    let old_raw = cx.old_json()?.get("spec");
    let new_raw = cx.new.json()?.get("spec");
    let old = cx.old_defaulted()?.get("spec")?.clone();
    let mut new = cx.new_defaulted()?.get("spec")?.clone();
    if !old.is_object() || !new.is_object() {
        return None;
    }
    keep_old_defaults(old_raw, &old, new_raw, &mut new);
    keep_server_fields(&old, &mut new);
    Some((old, new))
}

/// A default that neither manifest spells out is never recomputed: the stored value stays
/// (a new image tag does not change a defaulted `imagePullPolicy`).
fn keep_old_defaults(old_raw: Option<&Value>, old: &Value, new_raw: Option<&Value>, new: &mut Value) {
    match (old, new) {
        (Value::Object(o), Value::Object(n)) => {
            for (k, nv) in n.iter_mut() {
                let Some(ov) = o.get(k) else { continue };
                let (or, nr) = (old_raw.and_then(|v| v.get(k)), new_raw.and_then(|v| v.get(k)));
                if or.is_none() && nr.is_none() {
                    *nv = ov.clone();
                } else {
                    keep_old_defaults(or, ov, nr, nv);
                }
            }
        }
        (Value::Array(o), Value::Array(n)) => {
            for (i, (ov, nv)) in o.iter().zip(n.iter_mut()).enumerate() {
                let (or, nr) = (old_raw.and_then(|v| v.get(i)), new_raw.and_then(|v| v.get(i)));
                keep_old_defaults(or, ov, nr, nv);
            }
        }
        _ => {}
    }
}

/// What the scheduler and admission plugins set on a live pod stays when the manifest
/// omits it (`kubectl apply` does not own it). update-rules.md §11.1
fn keep_server_fields(old: &Value, new: &mut Value) {
    let (Some(o), Some(n)) = (old.as_object(), new.as_object_mut()) else {
        return;
    };
    // source: scheduler binding (nodeName); plugin/pkg/admission/serviceaccount;
    // plugin/pkg/admission/priority
    for k in ["nodeName", "serviceAccountName", "serviceAccount", "priority", "preemptionPolicy"] {
        if is_empty(n.get(k)) {
            if let Some(v) = o.get(k) {
                n.insert(k.to_string(), v.clone());
            }
        }
    }
    let token = |v: &Value| v["name"].as_str().is_some_and(|s| s.starts_with("kube-api-access-"));
    append_missing(o, n, "volumes", token);
    for list in ["initContainers", "containers"] {
        let (Some(oc), Some(Value::Array(nc))) = (o.get(list).and_then(Value::as_array), n.get_mut(list)) else {
            continue;
        };
        for (oc, nc) in oc.iter().zip(nc.iter_mut()) {
            if let (Some(oc), Some(nc)) = (oc.as_object(), nc.as_object_mut()) {
                append_missing(oc, nc, "volumeMounts", token);
            }
        }
    }
    // source: plugin/pkg/admission/defaulttolerationseconds
    append_missing(o, n, "tolerations", |t| {
        matches!(t["key"].as_str(), Some("node.kubernetes.io/not-ready" | "node.kubernetes.io/unreachable"))
    });
}

/// Appends to `new[list]` the items of `old[list]` that `keep` selects and NEW lacks.
fn append_missing(old: &Map<String, Value>, new: &mut Map<String, Value>, list: &str, keep: impl Fn(&Value) -> bool) {
    let Some(items) = old.get(list).and_then(Value::as_array) else {
        return;
    };
    let missing: Vec<Value> = {
        let have = new.get(list).and_then(Value::as_array);
        items
            .iter()
            .filter(|v| keep(v) && !have.is_some_and(|h| h.iter().any(|x| x["name"] == v["name"] && x["key"] == v["key"])))
            .cloned()
            .collect()
    };
    if missing.is_empty() {
        return;
    }
    match new.get_mut(list) {
        Some(Value::Array(a)) => a.extend(missing),
        _ => {
            new.insert(list.to_string(), Value::Array(missing));
        }
    }
}

fn list<'a>(spec: &'a Value, field: &str) -> &'a [Value] {
    spec.get(field).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[])
}

/// `ValidatePodUpdate`'s update checks, in its order, on two defaulted pod specs.
pub(super) fn refusals(old: &Value, new: &Value, version: Version) -> Vec<Refusal> {
    let mut out = Vec::new();
    let (mut old, mut new) = (old.clone(), new.clone());
    let gates = version >= (1, 27);
    if !gates {
        // PodSchedulingReadiness alpha (off): the field is dropped on write.
        for s in [&mut old, &mut new] {
            if let Some(m) = s.as_object_mut() {
                m.remove("schedulingGates");
            }
        }
    }
    // source: ValidateContainerUpdates (a count change stops every other spec check)
    for field in ["containers", "initContainers"] {
        let (o, n) = (list(&old, field), list(&new, field));
        if o.len() != n.len() {
            out.push(Refusal::ContainerCount { list: field, old: o.len() });
            return out;
        }
        for (index, (oc, nc)) in o.iter().zip(n).enumerate() {
            let image = nc["image"].as_str().unwrap_or("");
            if image.is_empty() && !is_empty(oc.get("image")) {
                out.push(Refusal::ImageRemoved { list: field, index });
            } else if image.trim() != image {
                out.push(Refusal::ImageWhitespace { list: field, index });
            }
        }
    }
    let (od, nd) = (old["activeDeadlineSeconds"].as_i64(), new["activeDeadlineSeconds"].as_i64());
    match (od, nd) {
        // Out of range: the spec validation refuses it (value-out-of-range), and the update
        // check stops here.
        (_, Some(n)) if !(0..=i64::from(i32::MAX)).contains(&n) => return out,
        (Some(o), Some(n)) if o < n => {
            out.push(Refusal::DeadlineRaised { old: o });
            return out;
        }
        (Some(o), None) => out.push(Refusal::DeadlineRemoved { old: o }),
        _ => {}
    }
    // source: validateOnlyAddedTolerations (reflect.DeepEqual but for tolerationSeconds;
    // stops at the first old toleration that is missing)
    let nt = list(&new, "tolerations");
    for ot in list(&old, "tolerations") {
        let found = nt.iter().any(|t| {
            let mut clone = ot.clone();
            if let Some(m) = clone.as_object_mut() {
                match t.get("tolerationSeconds") {
                    Some(s) => m.insert("tolerationSeconds".into(), s.clone()),
                    None => m.remove("tolerationSeconds"),
                };
            }
            changed_paths(&clone, t).is_empty()
        });
        if !found {
            let key = ot["key"].as_str().unwrap_or("").to_string();
            out.push(Refusal::TolerationChanged { key });
            break;
        }
    }
    // source: validateOnlyDeletedSchedulingGates
    let old_gates: Vec<&str> = list(&old, "schedulingGates").iter().filter_map(|g| g["name"].as_str()).collect();
    for (index, g) in list(&new, "schedulingGates").iter().enumerate() {
        let name = g["name"].as_str().unwrap_or("");
        if !old_gates.contains(&name) {
            out.push(Refusal::GateAdded { index, name: name.to_string() });
        }
    }
    // The munged spec: NEW with what may change set back to OLD.
    let mut munged = new.clone();
    let Some(m) = munged.as_object_mut() else {
        return out;
    };
    for field in ["containers", "initContainers"] {
        let olds = list(&old, field).to_vec();
        if let Some(Value::Array(cs)) = m.get_mut(field) {
            for (c, oc) in cs.iter_mut().zip(&olds) {
                if let Some(c) = c.as_object_mut() {
                    set_or_remove(c, "image", oc.get("image"));
                }
            }
        }
    }
    for k in ["activeDeadlineSeconds", "schedulingGates", "tolerations"] {
        set_or_remove(m, k, old.get(k));
    }
    let (og, ng) = (old["terminationGracePeriodSeconds"].as_i64(), m.get("terminationGracePeriodSeconds").and_then(Value::as_i64));
    if og.is_some_and(|g| g < 0) && ng == Some(1) {
        set_or_remove(m, "terminationGracePeriodSeconds", old.get("terminationGracePeriodSeconds"));
    }
    // source: ValidatePodUpdate, the gated-pod relaxations (podIsGated := len(old gates) > 0)
    if gates && !list(&old, "schedulingGates").is_empty() {
        let os = old.get("nodeSelector");
        if !changed_paths(os.unwrap_or(&Value::Null), m.get("nodeSelector").unwrap_or(&Value::Null)).is_empty() {
            let ns = m.get("nodeSelector");
            let kept = os.and_then(Value::as_object).is_none_or(|o| o.iter().all(|(k, v)| ns.and_then(|n| n.get(k)) == Some(v)));
            if !kept {
                out.push(Refusal::NodeSelectorChanged);
            }
            set_or_remove(m, "nodeSelector", os);
        }
        let ona = old.at("/affinity/nodeAffinity");
        let nna = m.get("affinity").and_then(|a| a.get("nodeAffinity")).cloned();
        if !changed_paths(ona.unwrap_or(&Value::Null), nna.as_ref().unwrap_or(&Value::Null)).is_empty() {
            out.extend(node_affinity_mutation(ona, nna.as_ref()));
            if !m.get("affinity").is_some_and(Value::is_object) {
                m.insert("affinity".into(), Value::Object(Map::new()));
            }
            if let Some(a) = m.get_mut("affinity").and_then(Value::as_object_mut) {
                set_or_remove(a, "nodeAffinity", ona);
            }
        }
    }
    let paths = changed_paths(&old, &munged);
    if !paths.is_empty() {
        let old = paths.first().and_then(|p| value_at(&old, p)).cloned();
        out.push(Refusal::Other { paths, old });
    }
    out
}

/// source: validateNodeAffinityMutation, validateNodeSelectorTermHasOnlyAdditions
fn node_affinity_mutation(old: Option<&Value>, new: Option<&Value>) -> Vec<Refusal> {
    const TERMS: &str = "/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms";
    let Some(ot) = old.and_then(|o| o.at(TERMS)).and_then(Value::as_array).filter(|t| !t.is_empty()) else {
        return Vec::new();
    };
    let nt: &[Value] = new.and_then(|n| n.at(TERMS)).and_then(Value::as_array).map(Vec::as_slice).unwrap_or(&[]);
    if ot.len() != nt.len() {
        return vec![Refusal::NodeAffinityTermCount { old: ot.len() }];
    }
    let mut out = Vec::new();
    for (index, (o, n)) in ot.iter().zip(nt).enumerate() {
        let all_empty = |t: &Value| list(t, "matchExpressions").is_empty() && list(t, "matchFields").is_empty();
        // An empty old term matches every node: it may not gain requirements.
        let mut ok = !all_empty(o) || all_empty(n);
        for field in ["matchExpressions", "matchFields"] {
            let (a, b) = (list(o, field), list(n, field));
            if !a.is_empty() && (b.len() < a.len() || a.iter().zip(b).any(|(x, y)| !changed_paths(x, y).is_empty())) {
                ok = false;
            }
        }
        if !ok {
            out.push(Refusal::NodeAffinityTermChanged { index });
        }
    }
    out
}

fn set_or_remove(m: &mut Map<String, Value>, key: &str, v: Option<&Value>) {
    match v {
        Some(v) => {
            m.insert(key.to_string(), v.clone());
        }
        None => {
            m.remove(key);
        }
    }
}

fn value_at<'a>(v: &'a Value, path: &FieldPath) -> Option<&'a Value> {
    path.0.iter().try_fold(v, |v, s| match s {
        Segment::Field(k) | Segment::Key(k) => v.get(&**k),
        Segment::Index(i) => v.get(*i),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const NEW: Version = crate::rules::NEWEST;

    fn spec(extra: Value) -> Value {
        let mut s = json!({"containers": [{"name": "web", "image": "nginx:1.0"}]});
        if let (Some(s), Some(e)) = (s.as_object_mut(), extra.as_object()) {
            s.extend(e.clone());
        }
        s
    }

    #[test]
    fn allowed_changes() {
        // source: TestValidatePodUpdate "image change", "activeDeadlineSeconds …",
        // "added valid new toleration", "update termination grace period seconds"
        let old = spec(json!({"activeDeadlineSeconds": 30, "terminationGracePeriodSeconds": -1,
            "tolerations": [{"key": "a", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 5}]}));
        let new = json!({"containers": [{"name": "web", "image": "nginx:1.1"}], "activeDeadlineSeconds": 10,
            "terminationGracePeriodSeconds": 1,
            "tolerations": [{"key": "a", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 9}, {"key": "b", "operator": "Exists"}]});
        assert_eq!(refusals(&old, &new, NEW), []);
    }

    #[test]
    fn refused_changes() {
        let r = refusals(&spec(json!({})), &json!({"containers": []}), NEW);
        assert_eq!(r, [Refusal::ContainerCount { list: "containers", old: 1 }]);
        let r = refusals(&spec(json!({"activeDeadlineSeconds": 30})), &spec(json!({"activeDeadlineSeconds": 31})), NEW);
        assert_eq!(r, [Refusal::DeadlineRaised { old: 30 }]);
        let r = refusals(&spec(json!({"terminationGracePeriodSeconds": -1})), &spec(json!({"terminationGracePeriodSeconds": 0})), NEW);
        assert!(matches!(&r[..], [Refusal::Other { paths, .. }] if paths[0].to_string() == "terminationGracePeriodSeconds"));
        let r = refusals(&spec(json!({"schedulingGates": [{"name": "a"}]})), &spec(json!({"schedulingGates": [{"name": "a"}, {"name": "b"}]})), NEW);
        assert_eq!(r, [Refusal::GateAdded { index: 1, name: "b".into() }]);
    }

    #[test]
    fn gated_pods_may_extend_scheduling_directives() {
        let gated = |extra: Value| {
            let mut s = spec(extra);
            s["schedulingGates"] = json!([{"name": "g"}]);
            s
        };
        let term = |exprs: Value| json!({"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [{"matchExpressions": exprs}]}});
        let a = json!({"key": "a", "operator": "Exists"});
        let b = json!({"key": "b", "operator": "Exists"});
        let old = gated(json!({"nodeSelector": {"a": "b"}, "affinity": {"nodeAffinity": term(json!([a]))}}));
        let new = spec(json!({"nodeSelector": {"a": "b", "c": "d"}, "affinity": {"nodeAffinity": term(json!([a, b]))}}));
        assert_eq!(refusals(&old, &new, NEW), []);
        let new = gated(json!({"nodeSelector": {"a": "z"}, "affinity": {"nodeAffinity": term(json!([b]))}}));
        assert_eq!(refusals(&old, &new, NEW), [Refusal::NodeSelectorChanged, Refusal::NodeAffinityTermChanged { index: 0 }]);
        // Not gated: the generic refusal.
        let old = spec(json!({"nodeSelector": {"a": "b"}}));
        let new = spec(json!({"nodeSelector": {"a": "b", "c": "d"}}));
        assert!(matches!(&refusals(&old, &new, NEW)[..], [Refusal::Other { .. }]));
    }

    #[test]
    fn server_fields_and_stored_defaults_are_kept() {
        let old = json!({"nodeName": "n1", "serviceAccountName": "default",
            "volumes": [{"name": "data"}, {"name": "kube-api-access-x1"}],
            "containers": [{"name": "web", "image": "nginx:1.0", "imagePullPolicy": "IfNotPresent",
                "volumeMounts": [{"name": "kube-api-access-x1", "mountPath": "/var/run/secrets"}]}]});
        let mut new = json!({"volumes": [{"name": "data"}],
            "containers": [{"name": "web", "image": "nginx:latest", "imagePullPolicy": "Always"}]});
        let new_raw = json!({"volumes": [{"name": "data"}], "containers": [{"name": "web", "image": "nginx:latest"}]});
        let old_raw = json!({"containers": [{"name": "web", "image": "nginx:1.0"}]});
        keep_old_defaults(Some(&old_raw), &old, Some(&new_raw), &mut new);
        keep_server_fields(&old, &mut new);
        assert_eq!(refusals(&old, &new, NEW), []);
    }
}
