//! What a container asks for and is capped at, per resource, as the API server will store
//! it: a missing request defaults to the limit, and a LimitRange of the run may fill in
//! defaults. Shared by the rules about missing and unequal requests and limits.

use crate::rules::{ContainerRef, PodCx};
use crate::yaml::{FieldPath, NodeId};

/// `requests` or `limits`.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Side {
    Requests,
    Limits,
}

impl Side {
    pub(super) fn field(self) -> &'static str {
        match self {
            Side::Requests => "requests",
            Side::Limits => "limits",
        }
    }
}

/// How people name a resource in a message.
pub(super) fn noun(resource: &str) -> &str {
    match resource {
        "cpu" => "CPU",
        other => other,
    }
}

/// The value node of `resources.<side>.<resource>` of a container, when written.
pub(super) fn value(
    cx: &PodCx<'_>,
    c: &ContainerRef<'_>,
    side: Side,
    resource: &str,
) -> Option<NodeId> {
    let doc = cx.doc();
    let res = doc.get(c.node, "resources")?;
    let v = doc.get(doc.get(res, side.field())?, resource)?;
    (!doc.is_null(v)).then_some(v)
}

/// Path of `resources.<side>.<resource>` relative to the object (the finding resolves to the
/// nearest part that exists: the key, `requests:`, `resources:` or the container).
pub(super) fn path(c: &ContainerRef<'_>, side: Side, resource: &'static str) -> FieldPath {
    c.path
        .clone()
        .field("resources")
        .field(side.field())
        .key(resource)
}

/// Whether a LimitRange of the run (in the pod's namespace) gives containers a default for
/// `resource` on `side`. source: pkg/apis/core/v1/defaults.go SetDefaults_LimitRangeItem (a
/// default limit falls back to `max`; a default request to `default`, then `min`);
/// plugin/pkg/admission/limitranger/admission.go defaultContainerResourceRequirements
pub(super) fn limit_range_default(cx: &PodCx<'_>, side: Side, resource: &str) -> bool {
    let ns = cx.object.object.namespace.as_deref();
    let fields: &[&str] = match side {
        Side::Limits => &["default", "max"],
        Side::Requests => &["defaultRequest", "default", "max", "min"],
    };
    cx.object.workspace.of_kind("LimitRange").any(|lr| {
        if !crate::model::workspace::same_namespace(ns, lr.object.namespace.as_deref()) {
            return false;
        }
        let doc = lr.doc();
        let Some(limits) = lr.node("spec.limits") else {
            return false;
        };
        doc.items(limits).iter().any(|item| {
            doc.get_str(*item, "type") == Some("Container")
                && fields.iter().any(|f| {
                    doc.get(*item, f)
                        .is_some_and(|m| doc.get(m, resource).is_some())
                })
        })
    })
}

/// Whether the container's manifest gives `resource` a value on `side`: written, or filled
/// in by a LimitRange of the run. (A request the API server copies from the limit is not
/// counted here: the rules say so in their message instead.)
pub(super) fn declared(cx: &PodCx<'_>, c: &ContainerRef<'_>, side: Side, resource: &str) -> bool {
    value(cx, c, side, resource).is_some() || limit_range_default(cx, side, resource)
}
