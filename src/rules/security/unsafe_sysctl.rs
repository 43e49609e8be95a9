//! `unsafe-sysctl`: a pod that sets a sysctl outside the kubelet's safe set. The kubelet
//! refuses such a pod (`SysctlForbidden`) unless the node allows it with
//! `--allowed-unsafe-sysctls`, and a node that allows it lets the pod change kernel settings
//! its neighbours share.
//! source: pkg/kubelet/sysctl/safe_sysctls.go safeSysctls; pkg/kubelet/sysctl/allowlist.go

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::pod_path;

pub(super) static RULE: UnsafeSysctl = UnsafeSysctl;

pub(super) struct UnsafeSysctl;

const ID: &str = "unsafe-sysctl";

/// The kubelet's safe sysctls (as of Kubernetes 1.32; later entries need newer kubelets).
const SAFE: &[&str] = &[
    "kernel.shm_rmid_forced",
    "net.ipv4.ip_local_port_range",
    "net.ipv4.tcp_syncookies",
    "net.ipv4.ping_group_range",
    "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time",
    "net.ipv4.tcp_fin_timeout",
    "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes",
    "net.ipv4.tcp_rmem",
    "net.ipv4.tcp_wmem",
];

/// A sysctl name in dotted form (`net/ipv4/x` is accepted for `net.ipv4.x`).
/// source: pkg/kubelet/sysctl/util.go ConvertSysctlVariableToDotsSeparator
fn dotted(name: &str) -> String {
    if name.contains('/') {
        name.chars()
            .map(|c| match c {
                '/' => '.',
                '.' => '/',
                c => c,
            })
            .collect()
    } else {
        name.to_string()
    }
}

/// Whether `name` matches an allowlist entry (`x.*` for a prefix).
fn allowed(name: &str, list: &[String]) -> bool {
    list.iter().any(|p| match p.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == p,
    })
}

impl Rule for UnsafeSysctl {
    fn id(&self) -> &str {
        ID
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let Some(sysctls) = cx
            .json()
            .and_then(|s| s.at("/securityContext/sysctls"))
            .and_then(Value::as_array)
        else {
            return;
        };
        let mut list: Vec<String> = SAFE.iter().map(|s| s.to_string()).collect();
        if let Some(extra) = cx.object.option(ID, "allowed").and_then(Value::as_array) {
            list.extend(extra.iter().filter_map(Value::as_str).map(dotted));
        }
        for (i, s) in sysctls.iter().enumerate() {
            let Some(name) = s.field("name").and_then(Value::as_str) else {
                continue;
            };
            if allowed(&dotted(name), &list) {
                continue;
            }
            let at = pod_path(cx, "securityContext").field("sysctls").index(i).field("name");
            out.emit(
                Diagnostic::new(format!("the pod sets the unsafe sysctl `{name}`"), cx.object.at(at))
                    .label("not in the kubelet's safe set")
                    .help("set it on the node instead, or allow it on dedicated nodes (`--allowed-unsafe-sysctls`) and list it in this rule's `allowed` option"),
            );
        }
    }
}
