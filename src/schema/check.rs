//! One object against the schema its `apiVersion`/`kind` has in the targeted version: built-in
//! types from the embedded catalog, custom resources from the run's CRDs.

use crate::model::workspace::CrdSchema;
use crate::model::{Object, Version};
use crate::yaml::Document;

use super::catalog::{catalog, ApiStatus, Gvk};
use super::validate::{validate, validate_built_in, Violation};

/// What is known about a custom resource's definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CrdState {
    /// A built-in type.
    NotCustom,
    /// Its CRD serves this version (found in this file or another input, or `--crd`).
    Found { file: String },
    /// No CRD for this group and kind in the run.
    Missing,
    /// A CRD for the kind exists but does not serve this version.
    VersionNotServed { served: Vec<String>, file: String },
}

#[derive(Debug, Clone)]
pub struct SchemaCheck {
    pub gvk: Gvk,
    pub status: ApiStatus,
    pub crd: CrdState,
    pub violations: Vec<Violation>,
}

pub fn check_object(
    doc: &Document,
    object: &Object,
    version: Version,
    crds: &[CrdSchema],
) -> SchemaCheck {
    let gvk = Gvk::parse(&object.api_version, &object.kind);
    let cat = catalog();
    let status = cat.status(&gvk, version);
    let skip = ["apiVersion", "kind"];
    let mut violations = Vec::new();
    let mut crd = CrdState::NotCustom;
    // A document with a mapping as a key has no JSON form: kubectl stops there
    // (`invalid-yaml`), so nothing reaches a schema.
    let convertible = doc.nodes.iter().all(|n| match &n.kind {
        crate::yaml::NodeKind::Map(entries) => entries.iter().all(|e| {
            // A scalar key itself, or an alias of one.
            matches!(doc.node(e.key).kind, crate::yaml::NodeKind::Scalar(_))
                || doc.scalar(e.key).is_some()
        }),
        _ => true,
    });
    match status {
        _ if !convertible => {}
        ApiStatus::Served | ApiStatus::Deprecated { .. } => {
            let schemas = cat.schemas(version);
            if let Some((name, schema)) = schemas.object(&gvk) {
                let owner = name.rfind('.').map_or(name, |i| &name[i + 1..]);
                violations = validate_built_in(doc, object.root, schema, owner, &schemas, &skip);
            }
        }
        ApiStatus::Custom => {
            let same_kind: Vec<&CrdSchema> = crds
                .iter()
                .filter(|c| c.group == gvk.group && c.kind == gvk.kind)
                .collect();
            crd = match same_kind.iter().find(|c| c.version == gvk.version) {
                Some(c) => {
                    if let Some(schema) = &c.schema {
                        let none = |_: &str| None;
                        violations = validate(
                            doc,
                            object.root,
                            schema,
                            &gvk.kind,
                            &none,
                            &[
                                "apiVersion",
                                "kind",
                                // The API server validates metadata itself, not through the CRD.
                                "metadata",
                            ],
                        );
                    }
                    CrdState::Found {
                        file: c.file.clone(),
                    }
                }
                None if same_kind.is_empty() => CrdState::Missing,
                None => CrdState::VersionNotServed {
                    served: same_kind.iter().map(|c| c.version.clone()).collect(),
                    file: same_kind[0].file.clone(),
                },
            };
        }
        _ => {}
    }
    SchemaCheck {
        gvk,
        status,
        crd,
        violations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load;
    use crate::source::from_bytes;
    use crate::yaml::Limits;

    /// The unknown fields of a Pod whose container sets `restartPolicy` (a field since 1.28).
    fn unknown_fields(version: Version) -> Vec<String> {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: i\n    restartPolicy: Always\n";
        let f = load(
            from_bytes("p.yaml".into(), text.as_bytes().to_vec()),
            Limits::default(),
        );
        let o = &f.objects[0];
        check_object(f.document(o), o, version, &[])
            .violations
            .into_iter()
            .filter_map(|v| match v.kind {
                super::super::validate::ViolationKind::UnknownField { field, .. } => Some(field),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn each_version_is_checked_against_its_own_schemas_on_one_thread() {
        // The `Pod` definition is the same text in 1.25 and 1.37 while the `PodSpec` it
        // refers to is not: what the walker keeps of a schema must not carry one version's
        // `$ref`s over to the other.
        for _ in 0..2 {
            assert_eq!(unknown_fields((1, 37)), Vec::<String>::new());
            assert_eq!(unknown_fields((1, 25)), vec!["restartPolicy".to_string()]);
        }
    }
}
