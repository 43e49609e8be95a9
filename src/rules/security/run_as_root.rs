//! `run-as-root`: a container that may run as root: uid 0 or gid 0 explicitly, or neither a
//! non-zero `runAsUser` nor `runAsNonRoot: true` (its own or the pod's), so the image's user,
//! often root, applies.
//! source: pkg/kubelet/kuberuntime/security_context_others.go verifyRunAsNonRoot

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{containers, effective, is_windows, Subjects};

pub(super) static RULE: RunAsRoot = RunAsRoot;

pub(super) struct RunAsRoot;

impl Rule for RunAsRoot {
    fn id(&self) -> &str {
        "run-as-root"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        if is_windows(cx) {
            return;
        }
        let mut subjects = Subjects::default();
        for c in containers(cx) {
            let name = c.r.name;
            let uid = effective(cx, &c, "runAsUser");
            if let Some((v, p)) = &uid {
                if v.as_i64() == Some(0) {
                    let Some(who) = subjects.of(&c, p) else { continue };
                    out.emit(
                        Diagnostic::new(format!("{who} runs as root"), cx.object.at(p.clone()))
                            .label("uid 0")
                            .help("run as a non-root user (`runAsUser: 10001`) and set `runAsNonRoot: true`"),
                    );
                    continue;
                }
            }
            if let Some((v, p)) = effective(cx, &c, "runAsGroup") {
                if let (Some(0), Some(who)) = (v.as_i64(), subjects.of(&c, &p)) {
                    out.emit(
                        Diagnostic::new(
                            format!("{who} runs with the root group"),
                            cx.object.at(p),
                        )
                        .label("gid 0")
                        .help("run with a non-root group (`runAsGroup: 10001`)"),
                    );
                }
            }
            if uid.as_ref().is_some_and(|(v, _)| v.as_i64().is_some_and(|n| n > 0)) {
                continue;
            }
            match effective(cx, &c, "runAsNonRoot") {
                Some((v, _)) if v.as_bool() == Some(true) => {}
                Some((_, p)) => {
                    if let Some(who) = subjects.of(&c, &p) {
                        out.emit(
                            Diagnostic::new(
                                format!("{who} may run as root: `runAsNonRoot` is false and no `runAsUser` is set"),
                                cx.object.at(p),
                            )
                            .label("root allowed")
                            .help("set `runAsNonRoot: true` (and a non-root `runAsUser` if the image has no user)"),
                        );
                    }
                }
                None => out.emit(
                    Diagnostic::new(
                        format!("container `{name}` may run as root: neither `runAsNonRoot: true` nor a non-root `runAsUser` is set"),
                        cx.object.at(c.sc_path("runAsNonRoot")),
                    )
                    .label("runs as the image's user")
                    .help("set `securityContext.runAsNonRoot: true` on the pod or the container"),
                ),
            }
        }
    }
}
