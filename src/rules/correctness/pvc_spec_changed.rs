//! `pvc-spec-changed`: an update of a PersistentVolumeClaim that changes what cannot change:
//! anything in `spec` but `resources.requests.storage` and `volumeAttributesClassName` of a
//! bound claim, `volumeMode`, the beta storage-class annotation, or a storage request that
//! shrinks.
//! source: pkg/apis/core/validation/validation.go ValidatePersistentVolumeClaimUpdate:
//! - `spec: Forbidden: spec is immutable after creation except resources.requests and
//!   volumeAttributesClassName for bound claims\n<diff>` (a `cmp.Diff` follows; not reproduced);
//!   `volumeName` may be set once, `storageClassName` may go from nil to the old annotation's value;
//! - `spec.resources.requests.storage: Forbidden: field can not be less than status.capacity`
//!   (RecoverVolumeExpansionFailure, beta on 1.32, GA 1.34), before that `… less than previous value`;
//! - `volumeMode: Invalid value: …: field is immutable` (the path is the bare `volumeMode`);
//! - `metadata.annotations.volume.beta.kubernetes.io/storage-class: Invalid value: …: field is
//!   immutable` (ValidateImmutableAnnotation).
//!
//! "Bound" is the OLD `status.phase` (the strategy copies the status from OLD). An OLD without
//! a status (a manifest, not the live object) is taken as bound with a capacity equal to its
//! storage request, the usual state of a claim in use.

use serde_json::{Map, Value};

use crate::analysis::update::changed_paths;
use crate::diagnostic::Diagnostic;
use crate::model::quantity::{self, Quantity};
use crate::rules::{Rule, Sink, UpdateCx, Version};
use crate::yaml::{FieldPath, Segment};

pub(super) static RULE: PvcSpecChanged = PvcSpecChanged;

pub(super) struct PvcSpecChanged;

const SPEC_DETAIL: &str = "spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims";
const STORAGE_CLASS_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-class";
/// RecoverVolumeExpansionFailure is on from this version (beta 1.32, GA 1.34).
const RECOVER_FROM_EXPANSION_FAILURE: Version = (1, 32);

fn spec_diagnostic(cx: &UpdateCx<'_>, at: FieldPath, old: &str, bound: bool) -> Diagnostic {
    let (field, what) = top_field(&at);
    let storage = at.to_string() == "spec.resources.requests.storage";
    let (message, help) = if storage && !bound {
        (
            format!("the storage request of a claim that is not bound cannot change (it was {old})"),
            "wait until the claim is bound, or keep the old request".to_string(),
        )
    } else {
        (
            format!("`{field}` of a PersistentVolumeClaim cannot change once it exists ({what} was {old})"),
            "keep the old value, or create a new claim (and copy the data over)".to_string(),
        )
    };
    Diagnostic::new(message, cx.at(at))
        .label("changed")
        .help(help)
        .api_error("spec", "Forbidden", SPEC_DETAIL)
}

fn shrink_diagnostic(cx: &UpdateCx<'_>, floor: &str, recover: bool) -> Diagnostic {
    let path = FieldPath::parse("spec.resources.requests.storage");
    let (message, detail, help) = if recover {
        (
            format!("the storage request can only shrink to above the claim's capacity `{floor}`"),
            "field can not be less than status.capacity",
            format!("request more than `{floor}`; volumes never shrink"),
        )
    } else {
        (
            format!("the storage request cannot shrink (it was `{floor}`)"),
            "field can not be less than previous value",
            format!("request at least `{floor}`; volumes never shrink"),
        )
    };
    Diagnostic::new(message, cx.at(path.clone()))
        .label("smaller")
        .help(help)
        .api_error(path.to_string(), "Forbidden", detail)
}

fn volume_mode_diagnostic(cx: &UpdateCx<'_>, old: &str) -> Diagnostic {
    Diagnostic::new(
        format!("`spec.volumeMode` of a PersistentVolumeClaim cannot change (it was `{old}`)"),
        cx.at(FieldPath::parse("spec.volumeMode")),
    )
    .label("changed")
    .help(format!(
        "keep `volumeMode: {old}`, or create a new claim with the new mode"
    ))
    // The API server also reports `spec: Forbidden` for the same change.
    .api_error("volumeMode", "Invalid", "field is immutable")
}

fn annotation_diagnostic(cx: &UpdateCx<'_>, old: Option<&str>) -> Diagnostic {
    let old = old.map_or("unset".to_string(), |v| format!("`{v}`"));
    Diagnostic::new(
        format!("the annotation `{STORAGE_CLASS_ANNOTATION}` cannot change (it was {old})"),
        cx.at(
            FieldPath::root()
                .field("metadata")
                .field("annotations")
                .key(STORAGE_CLASS_ANNOTATION),
        ),
    )
    .label("changed")
    .help("keep the annotation as it was; set `spec.storageClassName` on new claims instead")
    .api_error(
        format!("metadata.annotations.{STORAGE_CLASS_ANNOTATION}"),
        "Invalid",
        "field is immutable",
    )
}

/// `spec.<field>` of a path, and how to name the changed part in a message.
fn top_field(path: &FieldPath) -> (String, String) {
    let top = FieldPath(path.0.iter().take(2).cloned().collect());
    let what = if path.0.len() > 2 {
        format!("`{path}`")
    } else {
        "it".to_string()
    };
    (top.to_string(), what)
}

fn get<'v>(v: &'v Value, path: &FieldPath) -> Option<&'v Value> {
    path.0.iter().try_fold(v, |v, seg| match seg {
        Segment::Field(k) | Segment::Key(k) => v.get(&**k),
        Segment::Index(i) => v.get(i),
    })
}

fn shown(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "unset".to_string(),
        Some(Value::String(s)) => format!("`{s}`"),
        Some(v) => format!("`{v}`"),
    }
}

fn quantity_at(v: &Value, path: &[&str]) -> Option<Quantity> {
    let v = path.iter().try_fold(v, |v, k| v.get(k))?;
    match v {
        Value::String(s) => quantity::parse(s).ok(),
        Value::Number(n) => quantity::parse(&n.to_string()).ok(),
        _ => None,
    }
}

/// Quantities in `resources` written the way the API server stores them, so that `1Gi` and
/// `1073741824` are the same request.
fn canonical_resources(spec: &mut Map<String, Value>) {
    let Some(Value::Object(res)) = spec.get_mut("resources") else {
        return;
    };
    for list in ["requests", "limits"] {
        let Some(Value::Object(m)) = res.get_mut(list) else {
            continue;
        };
        for v in m.values_mut() {
            let text = match v {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => continue,
            };
            if let Some(c) = quantity::parse(&text).ok().and_then(|q| q.canonical()) {
                *v = Value::String(c);
            }
        }
    }
}

fn str_at<'v>(v: &'v Value, path: &[&str]) -> Option<&'v str> {
    path.iter().try_fold(v, |v, k| v.get(k))?.as_str()
}

impl Rule for PvcSpecChanged {
    fn id(&self) -> &str {
        "pvc-spec-changed"
    }

    fn check_update(&self, cx: &UpdateCx<'_>, out: &mut Sink) {
        let o = cx.new.object;
        if o.kind != "PersistentVolumeClaim" || !o.group().is_empty() {
            return;
        }
        let (Some(old), Some(new), Some(old_raw)) =
            (cx.old_defaulted(), cx.new_defaulted(), cx.old_json())
        else {
            return;
        };
        let (Some(Value::Object(old_spec)), Some(Value::Object(new_spec))) =
            (old.get("spec"), new.get("spec"))
        else {
            return;
        };
        let known_status = str_at(old_raw, &["status", "phase"]).is_some();
        let bound = !known_status || str_at(old, &["status", "phase"]) == Some("Bound");

        // The annotation; `kubectl apply` sends what the manifest says.
        let annotation = |v: &'_ Value| -> Option<String> {
            str_at(v, &["metadata", "annotations", STORAGE_CLASS_ANNOTATION]).map(String::from)
        };
        let (old_ann, new_ann) = (annotation(old), annotation(new));
        if old_ann != new_ann {
            out.emit(annotation_diagnostic(cx, old_ann.as_deref()));
        }

        let mut old_c = old_spec.clone();
        let mut new_c = new_spec.clone();
        // Set by the binder, admission or defaulting: a manifest that omits them leaves them
        // as they are (`kubectl apply` only removes what it applied before).
        for k in ["volumeName", "storageClassName", "dataSource", "dataSourceRef"] {
            if new_c.get(k).is_none_or(Value::is_null) {
                if let Some(v) = old_c.get(k) {
                    new_c.insert(k.to_string(), v.clone());
                }
            }
        }
        canonical_resources(&mut old_c);
        canonical_resources(&mut new_c);
        // volumeName may be set once.
        if old_c.get("volumeName").and_then(Value::as_str).unwrap_or("").is_empty() {
            match new_c.get("volumeName") {
                Some(v) => old_c.insert("volumeName".into(), v.clone()),
                None => old_c.remove("volumeName"),
            };
        }
        // storageClassName may go from nil to a value (RetroactiveDefaultStorageClass, GA
        // 1.28) when it agrees with the old beta annotation, if any.
        let old_sc_unset = old_c.get("storageClassName").is_none_or(Value::is_null);
        if let Some(new_sc) = new_c.get("storageClassName").and_then(Value::as_str) {
            if old_sc_unset && old_ann.as_deref().is_none_or(|a| a == new_sc) {
                new_c.remove("storageClassName");
            }
        }
        if bound {
            let old_storage = old_c
                .get("resources")
                .and_then(|r| r.get("requests"))
                .and_then(|r| r.get("storage"))
                .cloned();
            if let Some(Value::Object(req)) = new_c
                .get_mut("resources")
                .and_then(|r| r.get_mut("requests"))
            {
                match old_storage {
                    Some(s) => req.insert("storage".into(), s),
                    None => req.remove("storage"),
                };
            }
            if new_c
                .get("volumeAttributesClassName")
                .is_some_and(|v| !v.is_null())
            {
                match old_c.get("volumeAttributesClassName") {
                    Some(v) => new_c.insert("volumeAttributesClassName".into(), v.clone()),
                    None => new_c.remove("volumeAttributesClassName"),
                };
            }
        }

        // A shrinking storage request.
        let storage = ["spec", "resources", "requests", "storage"];
        let mut shrunk = false;
        if let (Some(old_size), Some(new_size)) =
            (quantity_at(old, &storage), quantity_at(new, &storage))
        {
            if new_size < old_size {
                let recover = cx.new.version >= RECOVER_FROM_EXPANSION_FAILURE;
                let capacity = if known_status {
                    quantity_at(old, &["status", "capacity", "storage"])
                } else {
                    Some(old_size.clone())
                };
                let floor = if recover { capacity } else { Some(old_size) };
                if let Some(floor) = floor.filter(|f| new_size <= *f) {
                    let text = floor.canonical().unwrap_or_default();
                    out.emit(shrink_diagnostic(cx, &text, recover));
                    shrunk = true;
                }
            }
        }

        // volumeMode has an error of its own.
        let mode = |s: &Map<String, Value>| s.get("volumeMode").cloned();
        if mode(&old_c) != mode(&new_c) {
            let old_mode = old_c
                .get("volumeMode")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string();
            out.emit(volume_mode_diagnostic(cx, &old_mode));
        }

        let old_v = Value::Object(old_c);
        let new_v = Value::Object(new_c);
        let mut reported: Vec<String> = Vec::new();
        for rel in changed_paths(&old_v, &new_v) {
            let path = FieldPath::root().field("spec").join(&rel);
            let (top, _) = top_field(&path);
            let storage_path = path.to_string() == "spec.resources.requests.storage";
            if top == "spec.volumeMode" || (shrunk && storage_path) || reported.contains(&top) {
                continue;
            }
            reported.push(top);
            let old_value = shown(get(&old_v, &rel));
            out.emit(spec_diagnostic(cx, path, &old_value, bound));
        }
    }
}
