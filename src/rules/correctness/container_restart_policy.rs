//! `container-restart-policy`: `restartPolicy` on an app container, which Kubernetes before
//! 1.34 refuses (1.34 silently drops it while the ContainerRestartRules gate is off by
//! default; from 1.35 it is honoured).
//! source: pkg/apis/core/validation/validation.go validateContainers ("may not be set for
//! non-init containers"); pkg/api/pod/util.go dropDisabledFields (dropContainerRestartRules);
//! feature gate ContainerRestartRules (alpha 1.34, beta 1.35)

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

pub(super) static RULE: ContainerRestartPolicy = ContainerRestartPolicy;

pub(super) struct ContainerRestartPolicy;

fn refused(cx: &PodCx<'_>, rel: &crate::yaml::FieldPath, container: &str) -> Diagnostic {
    let v = cx.object.version;
    Diagnostic::new(
        format!("Kubernetes {}.{} does not allow `restartPolicy` on app container `{container}`", v.0, v.1),
        cx.at(rel),
    )
    .label("not allowed before 1.34")
    .help("remove it, or target Kubernetes 1.35 or later")
    .api_error(cx.path.join(rel).to_string(), "Forbidden", "may not be set for non-init containers")
}

impl Rule for ContainerRestartPolicy {
    fn id(&self) -> &str {
        "container-restart-policy"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let v = cx.object.version;
        // 1.34 accepts and silently drops it; from 1.35 it is honoured.
        if v >= (1, 34) {
            return;
        }
        let doc = cx.doc();
        let Some(list) = doc.get(cx.node, "containers") else { return };
        for (i, c) in doc.items(list).iter().enumerate() {
            if doc.get(*c, "restartPolicy").is_none_or(|p| doc.is_null(p)) {
                continue;
            }
            let rel = crate::yaml::FieldPath::root().field("containers").index(i).field("restartPolicy");
            let name = doc.get_str(*c, "name").unwrap_or("");
            out.emit(refused(cx, &rel, name));
        }
    }
}
