//! `dangerous-capability`: a container that adds a capability that gives away the node
//! (`ALL`, `SYS_ADMIN`, `NET_ADMIN`, ... configurable).
//! source: the Pod Security Standards (baseline) allow adding only AUDIT_WRITE, CHOWN,
//! DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP,
//! SETUID, SYS_CHROOT (staging/src/k8s.io/pod-security-admission/policy/check_capabilities_baseline.go)

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{capability, containers};

pub(super) static RULE: DangerousCapability = DangerousCapability;

pub(super) struct DangerousCapability;

const ID: &str = "dangerous-capability";

/// Used when the run has no options (the catalog default is the same list).
const DEFAULT: &[&str] = &[
    "ALL", "SYS_ADMIN", "NET_ADMIN", "SYS_MODULE", "SYS_PTRACE", "SYS_RAWIO", "SYS_BOOT",
    "DAC_READ_SEARCH", "BPF", "PERFMON",
];

impl Rule for DangerousCapability {
    fn id(&self) -> &str {
        ID
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        // Read once a container adds capabilities at all (most add none).
        let mut listed: Option<Vec<String>> = None;
        for c in containers(cx) {
            let Some(add) = c
                .own("capabilities")
                .and_then(|caps| caps.field("add"))
                .and_then(Value::as_array)
            else {
                continue;
            };
            let listed = listed.get_or_insert_with(|| {
                match cx.object.option(ID, "capabilities").and_then(Value::as_array) {
                    Some(l) => l.iter().filter_map(Value::as_str).map(capability).collect(),
                    None => DEFAULT.iter().map(|s| s.to_string()).collect(),
                }
            });
            for (i, cap) in add.iter().enumerate() {
                let Some(raw) = cap.as_str() else { continue };
                if !listed.contains(&capability(raw)) {
                    continue;
                }
                let at = c.sc_path("capabilities").field("add").index(i);
                out.emit(
                    Diagnostic::new(
                        format!("container `{}` adds the capability `{raw}`", c.r.name),
                        cx.object.at(at),
                    )
                    .label("gives away the node")
                    .help("add only the narrow capabilities the program needs (e.g. `NET_BIND_SERVICE`)"),
                );
            }
        }
    }
}
