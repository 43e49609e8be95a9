//! `invalid-volume-name`: a pod volume whose name is empty, not a DNS-1123 label, or the
//! name of an earlier volume; the API server refuses the pod.
//! source: pkg/apis/core/validation/validation.go ValidateVolumes

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::model::names;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: InvalidVolumeName = InvalidVolumeName;

pub(super) struct InvalidVolumeName;

enum Bad<'a> {
    Empty,
    Invalid(&'a str),
    /// The index of the volume that first used the name.
    Duplicate(usize),
}

fn diagnostic(cx: &PodCx<'_>, index: usize, name: &str, bad: Bad<'_>) -> Diagnostic {
    let at = |i: usize| FieldPath::root().field("volumes").index(i).field("name");
    let rel = at(index);
    let field = cx.path.join(&rel).to_string();
    match bad {
        Bad::Empty => Diagnostic::new("this volume has an empty name", cx.at(&rel))
            .label("empty")
            .help("name the volume")
            .api_error(field, "Required", ""),
        Bad::Invalid(p) => Diagnostic::new(
            format!("the volume name `{name}` is not a valid DNS-1123 label"),
            cx.at(&rel),
        )
        .label(p.to_string())
        .help("name the volume with lowercase letters, digits and `-`, starting and ending with a letter or digit, at most 63 bytes")
        .api_error(field, "Invalid", p),
        Bad::Duplicate(first) => Diagnostic::new(
            format!("the volume name `{name}` is used twice"),
            cx.at(&rel),
        )
        .label("name used again")
        .related(cx.at(&at(first)), "first used here")
        .help("give every volume of the pod its own name")
        .api_error(field, "Duplicate", ""),
    }
}

impl Rule for InvalidVolumeName {
    fn id(&self) -> &str {
        "invalid-volume-name"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let Some(volumes) = doc.get(cx.node, "volumes") else {
            return;
        };
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (i, v) in doc.items(volumes).iter().enumerate() {
            let Some(Resolved::Str(name)) = doc
                .get(*v, "name")
                .and_then(|n| doc.scalar(n))
                .map(|s| s.resolve())
            else {
                continue;
            };
            let mut bad = false;
            if name.is_empty() {
                out.emit(diagnostic(cx, i, name, Bad::Empty));
                bad = true;
            } else if let Some(p) = names::dns1123_label(name).first() {
                out.emit(diagnostic(cx, i, name, Bad::Invalid(p)));
                bad = true;
            }
            if let Some(&first) = seen.get(name) {
                out.emit(diagnostic(cx, i, name, Bad::Duplicate(first)));
                bad = true;
            }
            // The API server remembers only names of volumes without errors.
            if !bad {
                seen.insert(name, i);
            }
        }
    }
}
