//! `host-path-volume`: a pod that mounts a directory or file of its node (`hostPath`).
//! source: staging/src/k8s.io/pod-security-admission/policy/check_hostPathVolumes.go

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::host_paths;

pub(super) static RULE: HostPathVolume = HostPathVolume;

pub(super) struct HostPathVolume;

impl Rule for HostPathVolume {
    fn id(&self) -> &str {
        "host-path-volume"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for v in host_paths(cx) {
            out.emit(
                Diagnostic::new(
                    format!("volume `{}` mounts the node's `{}`", v.name, v.path),
                    cx.object.at_key(v.at.field("hostPath")),
                )
                .label("host path")
                .help("use a `persistentVolumeClaim`, `emptyDir`, `configMap` or CSI volume instead"),
            );
        }
    }
}
