//! `missing-linux-hardening`: a container with none of the Linux hardening mechanisms: no
//! seccomp or AppArmor profile (RuntimeDefault or Localhost), no SELinux options, no dropped
//! capabilities (its own settings or, where they exist, the pod's).

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{containers, effective, is_windows, pod_annotation, Container};

pub(super) static RULE: MissingLinuxHardening = MissingLinuxHardening;

pub(super) struct MissingLinuxHardening;

fn profile(cx: &PodCx<'_>, c: &Container<'_>, field: &'static str) -> bool {
    effective(cx, c, field)
        .and_then(|(v, _)| v.field("type").and_then(Value::as_str))
        .is_some_and(|t| t == "RuntimeDefault" || t == "Localhost")
}

impl Rule for MissingLinuxHardening {
    fn id(&self) -> &str {
        "missing-linux-hardening"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        if is_windows(cx) {
            return;
        }
        for c in containers(cx) {
            let selinux = effective(cx, &c, "seLinuxOptions")
                .is_some_and(|(v, _)| v.as_object().is_some_and(|o| !o.is_empty()));
            let drops = c
                .own("capabilities")
                .and_then(|caps| caps.field("drop"))
                .and_then(Value::as_array)
                .is_some_and(|d| !d.is_empty());
            // The deprecated annotation still applies (the API server copies it into the field).
            // source: pkg/registry/core/pod/strategy.go applyAppArmorVersionSkew
            let apparmor_annotation = pod_annotation(cx, &format!("container.apparmor.security.beta.kubernetes.io/{}", c.r.name))
                .is_some_and(|v| v == "runtime/default" || v.starts_with("localhost/"));
            if profile(cx, &c, "seccompProfile")
                || profile(cx, &c, "appArmorProfile")
                || apparmor_annotation
                || selinux
                || drops
            {
                continue;
            }
            out.emit(
                Diagnostic::new(
                    format!("container `{}` has no seccomp, AppArmor or SELinux profile and drops no capability", c.r.name),
                    cx.object.at(c.sc_path("seccompProfile")),
                )
                .label("no Linux hardening")
                .help("set `seccompProfile: {type: RuntimeDefault}` and drop capabilities (`capabilities: {drop: [ALL]}`)"),
            );
        }
    }
}
