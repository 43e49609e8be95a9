//! `missing-dns-ndots`: a pod template that does not set the `ndots` DNS option (house policy:
//! restriction). With the default `ndots:5` every external name is first tried against each
//! search domain.
//! source: pkg/kubelet/network/dns/dns.go getPodDNSType, GetPodDNS (ClusterFirst pods get
//! `options ndots:5`; `Default`, and `ClusterFirst` with hostNetwork, use the node's file)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: MissingDnsNdots = MissingDnsNdots;

pub(super) struct MissingDnsNdots;

const ID: &str = "missing-dns-ndots";

fn diagnostic(cx: &PodCx<'_>, name: &str, value: &str) -> Diagnostic {
    let wanted = if value.is_empty() {
        format!("`{name}`")
    } else {
        format!("`{name}: \"{value}\"`")
    };
    Diagnostic::new(
        format!(
            "{} `{}` does not set the DNS option {wanted}",
            cx.object.object.kind, cx.object.object.name
        ),
        cx.at(&FieldPath::parse("dnsConfig.options")),
    )
    .label(format!("no {wanted} here"))
    .help(format!(
        "add `dnsConfig: {{options: [{{name: {name}, value: \"{}\"}}]}}`",
        if value.is_empty() { "2" } else { value }
    ))
}

impl Rule for MissingDnsNdots {
    fn id(&self) -> &str {
        ID
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let name = cx
            .object
            .option(ID, "name")
            .and_then(Value::as_str)
            .unwrap_or("ndots");
        let value = cx
            .object
            .option(ID, "value")
            .and_then(Value::as_str)
            .unwrap_or("");
        let doc = cx.doc();
        // Pods that use the node's resolv.conf do not get the cluster's `ndots:5`.
        let policy = doc.get_str(cx.node, "dnsPolicy").unwrap_or("ClusterFirst");
        let host_network = doc
            .get(cx.node, "hostNetwork")
            .and_then(|n| doc.scalar(n))
            .is_some_and(|s| matches!(s.resolve(), crate::yaml::Resolved::Bool(true)));
        if policy == "Default" || (host_network && policy == "ClusterFirst") {
            return;
        }
        let found = doc
            .get(cx.node, "dnsConfig")
            .and_then(|d| doc.get(d, "options"))
            .is_some_and(|opts| {
                doc.items(opts).iter().any(|o| {
                    doc.get_str(*o, "name") == Some(name)
                        && (value.is_empty()
                            || doc.get(*o, "value").and_then(|v| doc.str(v)) == Some(value))
                })
            });
        if !found {
            out.emit(diagnostic(cx, name, value));
        }
    }
}
