//! `docker-socket-mount`: a hostPath volume of a container runtime socket (Docker,
//! containerd, CRI-O, Podman): whoever can talk to it can start privileged containers on the
//! node.

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{host_paths, normalize};

pub(super) static RULE: DockerSocketMount = DockerSocketMount;

pub(super) struct DockerSocketMount;

const SOCKETS: &[&str] = &[
    "docker.sock",
    "containerd.sock",
    "crio.sock",
    "cri-dockerd.sock",
    "podman.sock",
];

impl Rule for DockerSocketMount {
    fn id(&self) -> &str {
        "docker-socket-mount"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for v in host_paths(cx) {
            let path = normalize(v.path);
            let file = path.rsplit('/').next().unwrap_or("");
            if !SOCKETS.contains(&file) {
                continue;
            }
            out.emit(
                Diagnostic::new(
                    format!("volume `{}` mounts the container runtime socket `{}`", v.name, v.path),
                    cx.object.at(v.at.field("hostPath").field("path")),
                )
                .label("control of every container on the node")
                .help("build images without the node's runtime (e.g. with BuildKit rootless or kaniko)"),
            );
        }
    }
}
