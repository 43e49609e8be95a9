//! `statefulset-spec-changed`: an update that changes a StatefulSet spec field other than the
//! few the API server lets change (`replicas`, `template`, `updateStrategy`, …): the
//! `serviceName`, the `selector`, the `volumeClaimTemplates`, the `podManagementPolicy`.
//! source: pkg/apis/apps/validation/validation.go ValidateStatefulSetUpdate (the mutable
//! fields are copied from OLD, then the specs must be deep-equal, else one `Forbidden` at
//! `spec`); the specs are compared after decoding and defaulting, so defaulted fields
//! (`volumeMode: Filesystem` of a claim template, `podManagementPolicy`) are no change.
//!
//! Also home of the small value helpers the other update rules of this category share.

use serde_json::Value;

use crate::analysis::update::changed_paths;
use crate::diagnostic::Diagnostic;
use crate::rules::{Rule, Sink, UpdateCx, Version};
use crate::yaml::{FieldPath, Segment};

pub(super) static RULE: StatefulSetSpecChanged = StatefulSetSpecChanged;

pub(super) struct StatefulSetSpecChanged;

fn diagnostic(cx: &UpdateCx<'_>, path: FieldPath, old: Option<&Value>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "`{path}` cannot change once the StatefulSet exists (it was {})",
            shown(old)
        ),
        cx.at(path),
    )
    .label("changed")
    .help("keep the old value, or delete the StatefulSet with `--cascade=orphan` and apply it again (its pods and claims stay)")
    .api_error("spec", "Forbidden", forbidden_detail(cx.new.version))
}

/// The spec fields an update may change, as the API server's message lists them.
/// The message grew with the fields; the releases of the older variants are approximate (the
/// note quotes them from clusters), `revisionHistoryLimit` became mutable between 1.32 and
/// 1.35 (a 1.31 server refuses it, kubernetes#130263; 1.35 servers allow it): 1.33 is
/// assumed, **unverified**.
fn mutable_fields(version: Version) -> &'static [&'static str] {
    if version >= (1, 33) {
        &[
            "replicas",
            "ordinals",
            "template",
            "updateStrategy",
            "revisionHistoryLimit",
            "persistentVolumeClaimRetentionPolicy",
            "minReadySeconds",
        ]
    } else if version >= (1, 26) {
        &[
            "replicas",
            "ordinals",
            "template",
            "updateStrategy",
            "persistentVolumeClaimRetentionPolicy",
            "minReadySeconds",
        ]
    } else if version >= (1, 23) {
        &[
            "replicas",
            "template",
            "updateStrategy",
            "persistentVolumeClaimRetentionPolicy",
            "minReadySeconds",
        ]
    } else {
        &["replicas", "template", "updateStrategy", "minReadySeconds"]
    }
}

/// source: ValidateStatefulSetUpdate's `field.Forbidden(field.NewPath("spec"), …)`.
fn forbidden_detail(version: Version) -> &'static str {
    if version >= (1, 33) {
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    } else if version >= (1, 26) {
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    } else if version >= (1, 23) {
        "updates to statefulset spec for fields other than 'replicas', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"
    } else {
        "updates to statefulset spec for fields other than 'replicas', 'template', 'updateStrategy' and 'minReadySeconds' are forbidden"
    }
}

/// The spec as the comparison sees it: claim templates lose `apiVersion`/`kind`, which the
/// conversion to the internal type drops (live objects carry them, manifests often do not).
fn comparable(spec: &Value) -> Value {
    let mut spec = spec.clone();
    if let Some(claims) = spec
        .get_mut("volumeClaimTemplates")
        .and_then(Value::as_array_mut)
    {
        for claim in claims.iter_mut().filter_map(Value::as_object_mut) {
            claim.remove("apiVersion");
            claim.remove("kind");
        }
    }
    spec
}

/// Each forbidden change of a StatefulSet update: the first changed path (relative to the
/// object) under each spec field that may not change. Empty for other kinds.
pub(super) fn forbidden_changes(cx: &UpdateCx<'_>) -> Vec<FieldPath> {
    let o = cx.new.object;
    if o.group() != "apps" || o.kind != "StatefulSet" {
        return Vec::new();
    }
    let (Some(old), Some(new)) = (cx.old_defaulted(), cx.new_defaulted()) else {
        return Vec::new();
    };
    let (old, new) = (comparable(&old["spec"]), comparable(&new["spec"]));
    let mutable = mutable_fields(cx.new.version);
    let mut seen: Vec<&Segment> = Vec::new();
    let mut out = Vec::new();
    let changes = changed_paths(&old, &new);
    for path in &changes {
        let Some(first) = path.0.first() else {
            continue;
        };
        let name = match first {
            Segment::Field(k) | Segment::Key(k) => &**k,
            Segment::Index(_) => continue,
        };
        if mutable.contains(&name) || seen.contains(&first) {
            continue;
        }
        seen.push(first);
        out.push(FieldPath::parse("spec").join(path));
    }
    out
}

impl Rule for StatefulSetSpecChanged {
    fn id(&self) -> &str {
        "statefulset-spec-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let old = cx.old_defaulted();
        for path in forbidden_changes(cx) {
            let was = old.and_then(|o| value_at(o, &path));
            out.emit(diagnostic(cx, path, was));
        }
    }
}

/// The value at `path` in `v`, if there is one (`null` counts as none).
pub(super) fn value_at<'v>(v: &'v Value, path: &FieldPath) -> Option<&'v Value> {
    let mut at = v;
    for seg in &path.0 {
        at = match seg {
            Segment::Field(k) | Segment::Key(k) => at.get(&**k)?,
            Segment::Index(i) => at.get(*i)?,
        };
    }
    (!at.is_null()).then_some(at)
}

/// A value for a message: `` `web` ``, `` `{"app":"web"}` ``, or `unset`; long values are cut.
pub(super) fn shown(v: Option<&Value>) -> String {
    const MAX: usize = crate::rules::QUOTE_MAX;
    let Some(v) = v else {
        return "unset".to_string();
    };
    let text = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if text.chars().count() > MAX {
        let cut: String = text.chars().take(MAX).collect();
        format!("`{cut}…`")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_for_messages() {
        assert_eq!(shown(None), "unset");
        assert_eq!(shown(Some(&json!("web"))), "`web`");
        assert_eq!(shown(Some(&json!({"a": 1}))), "`{\"a\":1}`");
        let long = json!("x".repeat(100));
        assert!(shown(Some(&long)).ends_with("…`"));
        let v = json!({"a": [{"b": 1}, null]});
        assert_eq!(value_at(&v, &FieldPath::parse("a[0].b")), Some(&json!(1)));
        assert_eq!(value_at(&v, &FieldPath::parse("a[1]")), None);
        assert_eq!(value_at(&v, &FieldPath::parse("a[5].c")), None);
        assert_eq!(value_at(&json!(3), &FieldPath::parse("a")), None);
    }

    #[test]
    fn newest_detail_lists_every_mutable_field() {
        for version in [(1, 20), (1, 23), (1, 26), (1, 33), (1, 37)] {
            let detail = forbidden_detail(version);
            for f in mutable_fields(version) {
                assert!(detail.contains(&format!("'{f}'")), "{version:?} {f}");
            }
        }
    }
}
