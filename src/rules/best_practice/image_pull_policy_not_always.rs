//! `image-pull-policy-not-always`: a container whose `imagePullPolicy` is not `Always`
//! (written, or defaulted to `IfNotPresent` for a tagged image), so a node keeps running
//! whatever it pulled first under that tag. A house policy, off by default: images pinned
//! by digest are never reported (the digest is the content, a pull changes nothing), nor
//! unset policies that default to `Always` (tag `latest` or no tag).
//! source: pkg/apis/core/v1/defaults.go SetDefaults_Container

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

pub(super) static RULE: ImagePullPolicyNotAlways = ImagePullPolicyNotAlways;

pub(super) struct ImagePullPolicyNotAlways;

/// Whether the API server defaults the policy of `image` to `Always`.
fn defaults_to_always(image: &str) -> bool {
    let last = image.rsplit('/').next().unwrap_or(image);
    match last.rsplit_once(':') {
        None => true,
        Some((_, tag)) => tag == "latest",
    }
}

impl Rule for ImagePullPolicyNotAlways {
    fn id(&self) -> &str {
        "image-pull-policy-not-always"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let Some(image) = doc.get_str(c.node, "image") else {
                continue;
            };
            if image.contains('@') || image.trim().is_empty() || image.contains("{{") {
                continue;
            }
            let path = c.path.clone().field("imagePullPolicy");
            let (message, label) = match doc.get_str(c.node, "imagePullPolicy") {
                Some("Always") => continue,
                Some(p) => (
                    format!("container `{}` pulls its image with `imagePullPolicy: {p}`", c.name),
                    "not `Always`",
                ),
                None if defaults_to_always(image) => continue,
                None => (
                    format!(
                        "container `{}` sets no `imagePullPolicy`, so the tagged image `{image}` is pulled only if the node lacks it",
                        c.name
                    ),
                    "defaults to `IfNotPresent`",
                ),
            };
            out.emit(
                Diagnostic::new(message, cx.object.at(path))
                    .label(label)
                    .help("set `imagePullPolicy: Always`, or pin the image by digest"),
            );
        }
    }
}
