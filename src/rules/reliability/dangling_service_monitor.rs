//! `dangling-service-monitor`: a prometheus-operator ServiceMonitor whose `selector` (in the
//! namespaces its `namespaceSelector` names; by default its own) matches no Service of the
//! input, so Prometheus scrapes nothing for it.
//! source: prometheus-operator pkg/apis/monitoring/v1/servicemonitor_types.go
//! ServiceMonitorSpec (Selector, NamespaceSelector{Any, MatchNames})
//!
//! A ServiceMonitor whose `matchNames` name only namespaces in which the input has no
//! Service is not reported: its Services live elsewhere (the control plane's, in
//! `kube-system`).

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::model::workspace::same_namespace;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::selection::Selector;

pub(super) static RULE: DanglingServiceMonitor = DanglingServiceMonitor;

pub(super) struct DanglingServiceMonitor;

impl Rule for DanglingServiceMonitor {
    fn id(&self) -> &str {
        "dangling-service-monitor"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "ServiceMonitor" || o.group() != "monitoring.coreos.com" {
            return;
        }
        let Some(spec) = cx.json().and_then(|j| j.get("spec")) else {
            return;
        };
        let Some(selector) = spec
            .get("selector")
            .and_then(Selector::from_label_selector)
        else {
            return;
        };
        let ns_sel = spec.get("namespaceSelector");
        let any = ns_sel.and_then(|n| n.get("any")).and_then(Value::as_bool) == Some(true);
        let names: Option<Vec<&str>> = ns_sel
            .and_then(|n| n.get("matchNames"))
            .and_then(Value::as_array)
            .filter(|a| !a.is_empty())
            .map(|a| a.iter().filter_map(Value::as_str).collect());
        // Namespaces named explicitly of which the run holds no Service (`kube-system` for
        // the control plane's): the Services are in the cluster, not in the input.
        if let Some(names) = &names {
            let services_there = cx.workspace.of_kind("Service").any(|s| {
                s.object
                    .namespace
                    .as_deref()
                    .is_none_or(|ns| names.contains(&ns))
            });
            if !any && !services_there {
                return;
            }
        }
        let in_scope = |service_ns: Option<&str>| {
            if any {
                return true;
            }
            match (&names, service_ns) {
                (Some(names), Some(ns)) => names.contains(&ns),
                (Some(_), None) => true,
                (None, ns) => same_namespace(o.namespace.as_deref(), ns),
            }
        };
        let found = cx.workspace.of_kind("Service").any(|s| {
            s.object.group().is_empty()
                && in_scope(s.object.namespace.as_deref())
                && selector.matches(&s.string_map("metadata.labels"))
        });
        if found {
            return;
        }
        out.emit(
            Diagnostic::new(
                format!(
                    "the selector `{}` of ServiceMonitor `{}` matches no Service in the input",
                    selector.show(),
                    o.name
                ),
                cx.at(FieldPath::parse("spec.selector")),
            )
            .label("selects no Service")
            .help("match the `metadata.labels` of the Service to scrape (not its pods' labels), in the namespaces of `namespaceSelector`"),
        );
    }
}
