//! Phases and conditions along the start timeline, and what the kubelet does for the
//! outcomes that matter, under the pod's restart policy (reference note §6–§8).
//!
//! source: pkg/kubelet/kubelet_pods.go getPhase; pkg/kubelet/status/generate.go;
//! pkg/api/v1/pod/util.go ContainerShouldRestart

use k8s_openapi::api::core::v1::PodSpec;
use serde::Serialize;

use super::containers::{containers, Role};
use super::{container_restart_rules_enabled, restart_policy};

#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    pub step: String,
    pub phase: &'static str,
    /// Kubelet-owned conditions and whether they hold: PodScheduled,
    /// PodReadyToStartContainers, Initialized, ContainersReady, Ready.
    pub conditions: Vec<(&'static str, bool)>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub outcome: &'static str,
    pub phase: &'static str,
    pub kubelet: String,
}

fn conds(
    scheduled: bool,
    sandbox: bool,
    init: bool,
    ready: bool,
    gated: bool,
) -> Vec<(&'static str, bool)> {
    vec![
        ("PodScheduled", scheduled),
        ("PodReadyToStartContainers", sandbox),
        ("Initialized", init),
        ("ContainersReady", ready),
        ("Ready", ready && !gated),
    ]
}

/// The stages a pod goes through on its way to Ready.
pub fn stages(spec: &PodSpec, version: super::Version) -> Vec<Stage> {
    let all = containers(spec, version);
    let has_init = all.iter().any(|c| c.role != Role::App);
    let gated = spec.readiness_gates.as_ref().is_some_and(|g| !g.is_empty());
    let mut v = vec![
        Stage {
            step: "bound to a node".into(),
            phase: "Pending",
            // With no init containers, Initialized is True from the start.
            conditions: conds(true, false, !has_init, false, gated),
        },
        Stage {
            step: "sandbox and network ready".into(),
            phase: "Pending",
            conditions: conds(true, true, !has_init, false, gated),
        },
    ];
    if has_init {
        v.push(Stage {
            step: "init containers done, sidecars started".into(),
            phase: "Pending",
            conditions: conds(true, true, true, false, gated),
        });
    }
    v.push(Stage {
        step: "app containers running, not yet ready".into(),
        phase: "Running",
        conditions: conds(true, true, true, false, gated),
    });
    v.push(Stage {
        step: if gated {
            "every container ready (readiness gates still decide Ready)".into()
        } else {
            "every container ready".into()
        },
        phase: "Running",
        conditions: conds(true, true, true, true, gated),
    });
    v
}

/// What happens for each outcome under the pod's `restartPolicy` (after defaulting).
pub fn outcomes(spec: &PodSpec, version: super::Version) -> Vec<Outcome> {
    let policy = restart_policy(spec);
    let all = containers(spec, version);
    let has_regular_init = all.iter().any(|c| c.role == Role::Init);
    let mut v = vec![
        match policy {
            "Always" => Outcome {
                outcome: "every app container exits 0",
                phase: "Running",
                kubelet: "restarts them (restartPolicy Always), with back-off".into(),
            },
            _ => Outcome {
                outcome: "every app container exits 0",
                phase: "Succeeded",
                kubelet: "nothing more; sidecars are stopped and their exit codes do not count"
                    .into(),
            },
        },
        match policy {
            "Never" => Outcome {
                outcome: "an app container exits non-zero",
                phase: "Failed",
                kubelet:
                    "does not restart it (once every app container has stopped, the pod is Failed)"
                        .into(),
            },
            p => Outcome {
                outcome: "an app container exits non-zero",
                phase: "Running",
                kubelet: format!(
                    "restarts it with back-off 10 s, 20 s, 40 s ... 300 s (restartPolicy {p})"
                ),
            },
        },
        match policy {
            "Never" => Outcome {
                outcome: "killed by its liveness probe",
                phase: "Failed",
                kubelet: "does not restart it; Succeeded only if it exits 0 on the stop signal"
                    .into(),
            },
            _ => Outcome {
                outcome: "killed by its liveness probe",
                phase: "Running",
                kubelet: "restarts it whatever its exit code".into(),
            },
        },
    ];
    // From 1.35 a container's own restartPolicy decides for it (before, the field is refused
    // or dropped and the pod's policy applies).
    // source: pkg/api/v1/pod/util.go ContainerShouldRestart; pkg/api/pod/util.go dropDisabledFields
    if container_restart_rules_enabled(version) {
        for c in all.iter().filter(|c| c.role == Role::App) {
            let Some(own) = c.container.restart_policy.as_deref() else {
                continue;
            };
            let phase = if own == "Never" {
                "Succeeded or Failed"
            } else {
                "Running"
            };
            v.push(Outcome {
                outcome: "an app container with its own restartPolicy exits",
                phase,
                kubelet: format!(
                    "follows `{own}` (and its restartPolicyRules) for `{}` instead of the pod's policy",
                    c.name()
                ),
            });
        }
    }
    // source: website content/en/docs/concepts/workloads/pods/pod-lifecycle.md (Pod phase table)
    v.push(Outcome {
        outcome: "its node stops reporting",
        phase: "Unknown",
        kubelet:
            "cannot be reached; the pod's state cannot be obtained until the node answers again"
                .into(),
    });
    if has_regular_init {
        v.push(match policy {
            "Never" => Outcome {
                outcome: "an init container fails",
                phase: "Failed",
                kubelet: "does not retry it".into(),
            },
            _ => Outcome {
                outcome: "an init container fails",
                phase: "Pending",
                kubelet: "restarts it with back-off; app containers wait (PodInitializing)".into(),
            },
        });
    }
    v
}
