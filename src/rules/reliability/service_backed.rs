//! Which containers of a pod spec serve traffic for a Service of the run: shared by the
//! rules about containers behind a Service.

use crate::analysis::lifecycle::{containers, ContainerInfo, Role};
use crate::model::workspace::ServiceSummary;
use crate::rules::PodCx;

/// The app containers behind a Service that selects this pod, with the first such Service.
/// A container counts when it declares a port the Service targets (by number or name); when
/// no app container declares any port, a lone app container counts.
pub(super) fn served<'a>(cx: &'a PodCx<'_>) -> Vec<(ContainerInfo<'a>, &'a ServiceSummary)> {
    let o = cx.object.object;
    let labels = cx.labels();
    if labels.is_empty() {
        return Vec::new();
    }
    let Some(service) = cx
        .object
        .workspace
        .services_selecting(o.namespace.as_deref(), labels)
        .into_iter()
        .next()
    else {
        return Vec::new();
    };
    // The typed view costs a deserialization: only once a Service is known to select us.
    let Some(spec) = cx.spec() else {
        return Vec::new();
    };
    let apps: Vec<ContainerInfo<'a>> = containers(spec, cx.object.version)
        .into_iter()
        .filter(|c| c.role == Role::App)
        .collect();
    let none_declare = apps
        .iter()
        .all(|c| c.container.ports.as_ref().is_none_or(|p| p.is_empty()));
    if none_declare {
        return if apps.len() == 1 {
            apps.into_iter().map(|c| (c, service)).collect()
        } else {
            Vec::new()
        };
    }
    apps.into_iter()
        .filter(|c| {
            c.container.ports.iter().flatten().any(|p| {
                service.target_ports.iter().any(|t| {
                    *t == p.container_port.to_string() || p.name.as_deref() == Some(t.as_str())
                })
            })
        })
        .map(|c| (c, service))
        .collect()
}
