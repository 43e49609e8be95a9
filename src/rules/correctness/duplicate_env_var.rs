//! `duplicate-env-var`: a container that defines the same environment variable twice. The
//! API server accepts it with a warning; the later definition wins in the kubelet, and
//! `kubectl apply` may drop one of them.
//! source: pkg/api/pod/warnings.go warningsForPodSpecAndMeta

use std::collections::HashMap;

use crate::diagnostic::Diagnostic;
use crate::rules::{ContainerRef, PodCx, Rule, Sink};

pub(super) static RULE: DuplicateEnvVar = DuplicateEnvVar;

pub(super) struct DuplicateEnvVar;

fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, name: &str, first: usize, again: usize) -> Diagnostic {
    let env = |i: usize| cx.object.at(c.path.clone().field("env").index(i).field("name"));
    Diagnostic::new(
        format!("container `{}` defines the env var `{name}` twice", c.name),
        env(again),
    )
    .label("redefined here")
    .related(env(first), "first defined here")
    .help("keep one definition; the last one wins and `kubectl apply` may drop the other")
}

impl Rule for DuplicateEnvVar {
    fn id(&self) -> &str {
        "duplicate-env-var"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let Some(env) = doc.get(c.node, "env") else {
                continue;
            };
            let mut first: HashMap<&str, usize> = HashMap::new();
            for (i, item) in doc.items(env).iter().enumerate() {
                let Some(name) = doc.get_str(*item, "name") else {
                    continue;
                };
                let Some(&f) = first.get(name) else {
                    first.insert(name, i);
                    continue;
                };
                // `X=$(X)suffix` extends the earlier value on purpose; the API server does
                // not warn about it either.
                let reference = format!("$({name})");
                let extends = doc.get(*item, "valueFrom").is_none()
                    && doc
                        .get_str(*item, "value")
                        .is_some_and(|v| v != reference && v.contains(&reference));
                if !extends {
                    out.emit(diagnostic(cx, c, name, f, i));
                }
            }
        }
    }
}
