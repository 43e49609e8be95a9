//! `container-image-changed` (info): an accepted update of a Pod that changes a container's
//! image, and what the kubelet will do about it: a container or sidecar restarts in place
//! with the new image; an init container that already ran is not run again.
//! source: pkg/apis/core/validation/validation.go ValidatePodUpdate (images are mutable);
//! pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions (a changed container
//! hash kills and restarts the container); kubernetes.io "Init Containers", detailed
//! behavior ("Directly altering the image field of an init container does not restart the
//! Pod or trigger its recreation")

use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx};
use crate::yaml::FieldPath;

use super::pod_spec_changed::{refusals, specs};

pub(super) static RULE: ContainerImageChanged = ContainerImageChanged;

pub(super) struct ContainerImageChanged;

/// How the kubelet treats a container whose image changes.
enum Kind {
    Container,
    Sidecar,
    Init,
}

fn diagnostic(cx: &UpdateCx<'_>, path: FieldPath, name: &str, kind: Kind, old: &str) -> Diagnostic {
    let (message, help) = match kind {
        Kind::Container => (
            format!("the kubelet restarts container `{name}` in place with the new image (it was `{old}`)"),
            "expect the container to restart; the Pod keeps its name, IP and volumes",
        ),
        Kind::Sidecar => (
            format!("the kubelet restarts sidecar container `{name}` in place with the new image (it was `{old}`)"),
            "expect the sidecar to restart; the Pod keeps its name, IP and volumes",
        ),
        Kind::Init => (
            format!("init container `{name}` does not run again with the new image (it was `{old}`); only a Pod that has not started yet uses it"),
            "recreate the Pod (or roll its controller) to run the new init image",
        ),
    };
    Diagnostic::new(message, cx.at(path))
        .label("new image")
        .help(help)
}

impl Rule for ContainerImageChanged {
    fn id(&self) -> &str {
        "container-image-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let Some((old, new)) = specs(cx) else {
            return;
        };
        // A refused update changes nothing (pod-spec-changed says why).
        if !refusals(&old, &new, cx.new.version).is_empty() {
            return;
        }
        let spec = FieldPath::parse("spec");
        for field in ["initContainers", "containers"] {
            let (Some(o), Some(n)) = (old[field].as_array(), new[field].as_array()) else {
                continue;
            };
            for (i, (oc, nc)) in o.iter().zip(n).enumerate() {
                let (Some(was), Some(now)) = (oc["image"].as_str(), nc["image"].as_str()) else {
                    continue;
                };
                if was == now {
                    continue;
                }
                let kind = match (field, nc["restartPolicy"].as_str()) {
                    ("containers", _) => Kind::Container,
                    (_, Some("Always")) => Kind::Sidecar,
                    _ => Kind::Init,
                };
                let name = nc["name"].as_str().unwrap_or("");
                let path = spec.clone().field(field).index(i).field("image");
                out.emit(diagnostic(cx, path, name, kind, was));
            }
        }
    }
}
