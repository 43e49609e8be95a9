//! `latest-image-tag`: a container image with the tag `latest` or no tag at all (which means
//! `latest`), so what runs changes without the manifest changing.

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

pub(super) static RULE: LatestImageTag = LatestImageTag;

pub(super) struct LatestImageTag;

/// The tag of an image reference, `None` when it has none; `Err` when it is pinned by digest.
fn tag(image: &str) -> Result<Option<&str>, ()> {
    if image.contains('@') {
        return Err(());
    }
    // A `:` before the last `/` belongs to a registry port (`host:5000/app`).
    let last = image.rsplit('/').next().unwrap_or(image);
    Ok(last.rsplit_once(':').map(|(_, t)| t))
}

impl Rule for LatestImageTag {
    fn id(&self) -> &str {
        "latest-image-tag"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let Some(image) = doc.get_str(c.node, "image") else {
                continue;
            };
            // An empty or templated image is someone else's problem.
            if image.trim().is_empty() || image.contains("{{") || image.contains("${") {
                continue;
            }
            let (message, label) = match tag(image) {
                Err(()) => continue,
                Ok(Some("latest")) => (
                    format!("container `{}` uses the mutable tag `latest`", c.name),
                    "mutable tag",
                ),
                Ok(Some(_)) => continue,
                Ok(None) => (
                    format!("container `{}` has no image tag, so it runs whatever `latest` is", c.name),
                    "no tag",
                ),
            };
            out.emit(
                Diagnostic::new(message, cx.object.at(c.path.clone().field("image")))
                    .label(label)
                    .help("pin a version tag, or better a digest (`image@sha256:...`)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::tag;

    #[test]
    fn image_references() {
        assert_eq!(tag("nginx"), Ok(None));
        assert_eq!(tag("nginx:1.25"), Ok(Some("1.25")));
        assert_eq!(tag("registry:5000/team/app"), Ok(None));
        assert_eq!(tag("registry:5000/team/app:latest"), Ok(Some("latest")));
        assert_eq!(tag("nginx@sha256:abc"), Err(()));
    }
}
