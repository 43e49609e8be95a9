//! `volume-mount-not-found`: a container mounts a volume the pod does not define.
//! source: pkg/apis/core/validation/validation.go ValidateVolumeMounts (`Not found`)

use std::collections::HashSet;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: VolumeMountNotFound = VolumeMountNotFound;

/// The most volumes a missing mount's name is compared with for a "did you mean".
const MAX_SUGGESTION_CANDIDATES: usize = 1_000;

pub(super) struct VolumeMountNotFound;

fn diagnostic(cx: &PodCx<'_>, at: FieldPath, container: &str, name: &str, close: Option<String>) -> Diagnostic {
    let d = Diagnostic::new(
        format!("container `{container}` mounts `{name}`, but the pod has no volume of that name"),
        cx.object.at(at.clone()),
    )
    .label("no such volume")
    .api_error(at.to_string(), "NotFound", format!("\"{name}\""));
    match close {
        Some(c) => d.help(format!("did you mean `{c}`?")),
        None => d.help("add the volume to `volumes`, or fix the name"),
    }
}

impl Rule for VolumeMountNotFound {
    fn id(&self) -> &str {
        "volume-mount-not-found"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let mut volumes: HashSet<&str> = doc
            .get(cx.node, "volumes")
            .map(|v| doc.items(v).iter().filter_map(|i| doc.get_str(*i, "name")).collect())
            .unwrap_or_default();
        // A StatefulSet's claim templates are volumes of its pods too.
        if cx.object.object.kind == "StatefulSet" {
            if let Some(t) = cx.object.node(&FieldPath::parse("spec.volumeClaimTemplates")) {
                for item in doc.items(t) {
                    if let Some(n) = doc.get(*item, "metadata").and_then(|m| doc.get_str(m, "name")) {
                        volumes.insert(n);
                    }
                }
            }
        }
        for c in cx.containers() {
            let Some(mounts) = doc.get(c.node, "volumeMounts") else { continue };
            for (i, m) in doc.items(mounts).iter().enumerate() {
                let Some(name) = doc.get_str(*m, "name") else { continue };
                if !volumes.contains(name) {
                    // A suggestion compares the name with every volume's: past a thousand
                    // volumes (none a real pod has) it would make many missing mounts cost
                    // their product.
                    let close = (volumes.len() <= MAX_SUGGESTION_CANDIDATES)
                        .then(|| crate::schema::suggest(name, volumes.iter().copied()))
                        .flatten();
                    let at = c.path.clone().field("volumeMounts").index(i).field("name");
                    out.emit(diagnostic(cx, at, c.name, name, close));
                }
            }
        }
    }
}
