//! `duplicate-container-name`: two containers of a pod (init or regular) with the same
//! name; the API server refuses the pod.
//! source: pkg/apis/core/validation/validation.go validateContainers, validateInitContainers
//! (regular containers are checked first, so a clash between an init container and a
//! regular one is reported at the init container)

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules::{ContainerRef, PodCx, Rule, Sink};

pub(super) static RULE: DuplicateContainerName = DuplicateContainerName;

pub(super) struct DuplicateContainerName;

fn diagnostic(cx: &PodCx<'_>, again: &ContainerRef<'_>, first: &ContainerRef<'_>) -> Diagnostic {
    let name = again.path.clone().field("name");
    let kind = |c: &ContainerRef<'_>| if c.init { "init container" } else { "container" };
    Diagnostic::new(
        format!(
            "{} `{}` has the same name as {} `{}`",
            kind(again),
            again.name,
            if first.init { "an init container" } else { "a container" },
            first.name
        ),
        cx.object.at(name.clone()),
    )
    .label("name used again")
    .related(cx.object.at(first.path.clone().field("name")), "first used here")
    .help("give every container and init container of the pod its own name")
    .api_error(name.to_string(), "Duplicate", "")
}

impl Rule for DuplicateContainerName {
    fn id(&self) -> &str {
        "duplicate-container-name"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let all = cx.containers();
        // The API server walks the regular containers first, then the init containers
        // against every name seen so far.
        let (init, regular): (Vec<_>, Vec<_>) = all.iter().partition(|c| c.init);
        let mut seen: HashMap<&str, &ContainerRef<'_>> = HashMap::new();
        for c in regular {
            if c.name.is_empty() {
                continue;
            }
            match seen.get(c.name) {
                Some(first) => out.emit(diagnostic(cx, c, first)),
                None => {
                    seen.insert(c.name, c);
                }
            }
        }
        for c in init {
            if c.name.is_empty() {
                continue;
            }
            match seen.get(c.name) {
                Some(first) => out.emit(diagnostic(cx, c, first)),
                None => {
                    seen.insert(c.name, c);
                }
            }
        }
    }
}
