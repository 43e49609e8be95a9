//! Where each built-in workload kind keeps its pod spec, so that a pod rule is written once.

use crate::yaml::{Document, FieldPath, NodeId, Segment};

/// The pod spec of a built-in workload, relative to the object, or `None` for kinds that
/// carry none (and for custom resources that merely reuse a kind name).
pub fn pod_spec_path(api_version: &str, kind: &str) -> Option<FieldPath> {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    let path = match (group, kind) {
        ("", "Pod") => "spec",
        ("", "PodTemplate") => "template.spec",
        ("", "ReplicationController") => "spec.template.spec",
        ("apps" | "extensions", "Deployment" | "ReplicaSet" | "DaemonSet") => "spec.template.spec",
        ("apps", "StatefulSet") => "spec.template.spec",
        ("batch", "Job") => "spec.template.spec",
        ("batch", "CronJob") => "spec.jobTemplate.spec.template.spec",
        _ => return None,
    };
    Some(FieldPath::parse(path))
}

/// The metadata of a workload's pod template, beside its pod spec
/// (`spec.template.metadata`), or `None` for a Pod, whose metadata is the object's own.
pub fn template_metadata_path(pod_spec: &FieldPath) -> Option<FieldPath> {
    template_segments(pod_spec).map(|parent| FieldPath(parent.to_vec()).field("metadata"))
}

/// The node of [`template_metadata_path`] under `root` when it exists, looked up without
/// building the path (rules ask for every object, and only a finding needs the path).
pub fn template_metadata_node(
    doc: &Document,
    root: NodeId,
    pod_spec: &FieldPath,
) -> Option<NodeId> {
    let parent = template_segments(pod_spec)?;
    match FieldPath::resolve_segments(parent, doc, root) {
        (template, true) => doc.get(template, "metadata"),
        _ => None,
    }
}

/// The mapping `field` (`labels`, `annotations`) of the metadata of `object`'s pod template,
/// when it has a pod template and that field.
pub fn template_metadata_field(
    doc: &Document,
    object: &super::Object,
    field: &str,
) -> Option<NodeId> {
    let meta = template_metadata_node(doc, object.root, object.pod_spec.as_ref()?)?;
    doc.get(meta, field)
}

/// The pod template's path (`spec.template` of `spec.template.spec`), or `None` for a Pod.
fn template_segments(pod_spec: &FieldPath) -> Option<&[Segment]> {
    match pod_spec.0.as_slice() {
        [parent @ .., Segment::Field(last)] if last == "spec" && !parent.is_empty() => Some(parent),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workload_kind_has_its_pod_spec() {
        let cases = [
            ("v1", "Pod", "spec"),
            ("v1", "PodTemplate", "template.spec"),
            ("v1", "ReplicationController", "spec.template.spec"),
            ("apps/v1", "Deployment", "spec.template.spec"),
            ("apps/v1", "ReplicaSet", "spec.template.spec"),
            ("apps/v1", "StatefulSet", "spec.template.spec"),
            ("apps/v1", "DaemonSet", "spec.template.spec"),
            ("batch/v1", "Job", "spec.template.spec"),
            ("batch/v1", "CronJob", "spec.jobTemplate.spec.template.spec"),
        ];
        for (v, k, p) in cases {
            assert_eq!(pod_spec_path(v, k).unwrap().to_string(), p, "{k}");
            let meta = template_metadata_path(&FieldPath::parse(p)).map(|m| m.to_string());
            let want = p.strip_suffix(".spec").map(|t| format!("{t}.metadata"));
            assert_eq!(meta, want, "{k}");
        }
        assert!(pod_spec_path("example.com/v1", "Deployment").is_none());
        assert!(pod_spec_path("v1", "Service").is_none());
    }
}
