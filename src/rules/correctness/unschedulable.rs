//! `unschedulable`: with a cluster snapshot (`--nodes`, `--cluster`, `--live`), a pod
//! template whose pods would stay Pending (or that names a node whose kubelet rejects it),
//! with the message kube-scheduler would print. The verdict is the scheduling analysis'
//! (`analysis::scheduling::workload`); this rule only words it.
//! source: pkg/scheduler/schedule_one.go (FailedScheduling); pkg/kubelet/lifecycle/predicate.go

use crate::analysis::scheduling::kubelet::Admission;
use crate::analysis::scheduling::workload::{self, Mode};
use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

pub(super) static RULE: Unschedulable = Unschedulable;

pub(super) struct Unschedulable;

fn diagnostic(cx: &PodCx<'_>, v: &workload::WorkloadVerdict) -> Diagnostic {
    let message = v.message.clone().unwrap_or_default();
    let (text, label, help) = match &v.mode {
        Mode::NodeName(Admission::UnknownNode(n)) => (
            format!("`spec.nodeName` names `{n}`, which is not among the nodes: no kubelet picks the pod up and it stays Pending forever"),
            "names no node of the cluster".to_string(),
            "name an existing node, or drop `nodeName` and let the scheduler choose".to_string(),
        ),
        Mode::NodeName(Admission::Rejected { node, reason, .. }) => (
            format!("the kubelet of `{node}` rejects the pod (it bypasses the scheduler through `nodeName`), which fails with reason `{reason}`: `{message}`"),
            "the kubelet rejects this pod".to_string(),
            "drop `nodeName` and let the scheduler choose a node that fits".to_string(),
        ),
        Mode::Daemon { .. } => (
            format!(
                "{} of {} daemon pods schedule; the scheduler reports `{message}` for the others",
                v.scheduled, v.replicas
            ),
            "some daemon pods would stay Pending".to_string(),
            "lower the requests, or free room on the nodes that cannot fit a daemon pod".to_string(),
        ),
        Mode::Replicas | Mode::NodeName(Admission::Admitted(_)) if v.replicas == 1 => (
            format!("the pod would stay Pending; the scheduler would report `{message}`"),
            "fits no node".to_string(),
            "lower the requests, or fix the selector, affinity, tolerations or spread constraints the nodes fail".to_string(),
        ),
        Mode::Replicas | Mode::NodeName(Admission::Admitted(_)) => (
            format!(
                "{} of {} replicas schedule; the others would stay Pending and the scheduler would report `{message}`",
                v.scheduled, v.replicas
            ),
            "not every replica fits".to_string(),
            "lower the replicas or the requests, or relax the constraints the nodes fail".to_string(),
        ),
    };
    Diagnostic::new(text, cx.object.at_key(cx.path.clone()))
        .label(label)
        .help(help)
}

impl Rule for Unschedulable {
    fn id(&self) -> &str {
        "unschedulable"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let ws = cx.object.workspace;
        let Some(snapshot) = ws.cluster.as_ref() else {
            return;
        };
        let version = cx.object.version;
        let Some(state) = workload::shared_state(snapshot, &ws.cluster_compiled, version) else {
            return;
        };
        let (Some(spec), Some(object)) = (cx.spec(), cx.object.json()) else {
            return;
        };
        let o = cx.object.object;
        let labels = cx.labels().clone();
        let namespace = o
            .namespace
            .as_deref()
            .or(ws.namespace.as_deref())
            .unwrap_or("default");
        // Scheduling gates are deliberate (a controller lifts them): judge the pod as it
        // will be once they are gone.
        let mut spec = spec.clone();
        spec.scheduling_gates = None;
        let Some(v) = workload::schedule_workload(
            &state, &o.kind, namespace, &o.name, labels, &spec, object, version,
        ) else {
            return;
        };
        if !v.ok() {
            out.emit(diagnostic(cx, &v));
        }
    }
}
