//! `invalid-resource-name`: a container resource the API server refuses by name (neither
//! `cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>` nor a domain-prefixed extended
//! resource such as `nvidia.com/gpu`), and an extended resource or hugepages that cannot be
//! overcommitted: requested without a limit, or with a request other than the limit.
//! source: pkg/apis/core/validation/validation.go validateResourceRequirements,
//! validateContainerResourceName, validateResourceName; pkg/apis/core/helper/helpers.go
//! IsStandardResourceName, IsStandardContainerResourceName, IsExtendedResourceName,
//! IsNativeResource, IsOvercommitAllowed; apimachinery pkg/util/validation/validation.go
//! IsQualifiedName, IsDNS1123Subdomain, RegexError

use crate::diagnostic::Diagnostic;
use crate::model::quantity::{self, is_native_resource, overcommit_allowed};
use crate::rules::{ContainerRef, PodCx, Rule, Sink, Version};
use crate::yaml::NodeId;

pub(super) static RULE: InvalidResourceName = InvalidResourceName;

pub(super) struct InvalidResourceName;

enum Problem {
    /// The API server's errors for the name, in its order.
    Name(Vec<String>),
    /// A non-overcommittable request with no limit.
    NoLimit,
    /// A non-overcommittable request other than its limit (as written, canonical limit).
    NotEqual(String, String),
}

fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, list: &str, name: &str, p: Problem) -> Diagnostic {
    let res = c.path.clone().field("resources");
    let at = res.clone().field(list.to_string()).key(name.to_string());
    match p {
        Problem::Name(errors) => {
            let first = errors.first().cloned().unwrap_or_default();
            Diagnostic::new(
                format!("container `{}` lists the unknown resource `{name}` in `{list}`", c.name),
                cx.object.at(at.clone()),
            )
            .label(if errors.len() > 1 {
                format!("not a container resource ({} API errors)", errors.len())
            } else {
                "not a container resource".to_string()
            })
            .help("use `cpu`, `memory`, `ephemeral-storage`, `hugepages-<size>` or a domain-prefixed extended resource such as `example.com/gpu`")
            .api_error(at.to_string(), "Invalid", first)
        }
        Problem::NoLimit => Diagnostic::new(
            format!("container `{}` requests `{name}` without a limit", c.name),
            cx.object.at(at),
        )
        .label("cannot be overcommitted")
        .help(format!("set `limits.{name}` to the same value (or set only the limit)"))
        .api_error(
            res.field("limits").to_string(),
            "Required",
            "Limit must be set for non overcommitable resources",
        ),
        Problem::NotEqual(request, limit) => {
            let detail = if cx.object.version >= (1, 27) {
                format!("must be equal to {name} limit of {limit}")
            } else {
                format!("must be equal to {name} limit")
            };
            Diagnostic::new(
                format!(
                    "container `{}` requests `{name}: {request}`, not its limit `{limit}`",
                    c.name
                ),
                cx.object.at(at),
            )
            .label("differs from the limit")
            .related(cx.object.at(res.clone().field("limits").key(name.to_string())), "the limit")
            .help(format!("request exactly the limit of `{name}`, or set only the limit"))
            .api_error(res.field("requests").to_string(), "Invalid", detail)
        }
    }
}

const STANDARD: &[&str] = &[
    "cpu",
    "memory",
    "ephemeral-storage",
    "requests.cpu",
    "requests.memory",
    "requests.ephemeral-storage",
    "limits.cpu",
    "limits.memory",
    "limits.ephemeral-storage",
    "pods",
    "resourcequotas",
    "services",
    "replicationcontrollers",
    "secrets",
    "configmaps",
    "persistentvolumeclaims",
    "storage",
    "requests.storage",
    "services.nodeports",
    "services.loadbalancers",
];

/// `IsQualifiedName` (shared with label keys, `model::names::label_key`); before 1.34 the
/// message for a malformed name said "a qualified name" (renamed when the check moved to
/// apimachinery's `content.IsLabelKey`).
fn qualified_name_errors(value: &str, version: Version) -> Vec<String> {
    let errs = crate::model::names::label_key(value);
    if version >= (1, 34) {
        return errs;
    }
    errs.into_iter()
        .map(|e| e.replacen("a valid label key", "a qualified name", 1))
        .collect()
}

/// `validateContainerResourceName`, in the API server's order.
fn name_errors(name: &str, version: Version) -> Vec<String> {
    let mut errs = qualified_name_errors(name, version);
    let prefixed = name.contains('/');
    if errs.is_empty() && !prefixed && !STANDARD.contains(&name) && !name.starts_with("hugepages-") && !name.starts_with("requests.hugepages-") {
        errs.push("must be a standard resource type or fully qualified".to_string());
    }
    if !prefixed {
        if !["cpu", "memory", "ephemeral-storage"].contains(&name) && !name.starts_with("hugepages-") {
            errs.push("must be a standard resource for containers".to_string());
        }
    } else if !is_native_resource(name) {
        let extended = !name.starts_with("requests.")
            && qualified_name_errors(&format!("requests.{name}"), version).is_empty();
        if !extended {
            errs.push("doesn't follow extended resource name standard".to_string());
        }
    }
    errs
}

impl Rule for InvalidResourceName {
    fn id(&self) -> &str {
        "invalid-resource-name"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let read = |n: NodeId| {
            let s = doc.scalar(n)?;
            Some((quantity::from_yaml(s.resolve())?.ok()?.stored(), &*s.text))
        };
        for c in cx.containers() {
            let Some(res) = doc.get(c.node, "resources") else {
                continue;
            };
            for list in ["limits", "requests"] {
                let Some(map) = doc.get(res, list) else {
                    continue;
                };
                for e in doc.entries(map) {
                    let Some(name) = doc.str(e.key) else {
                        continue;
                    };
                    let errors = name_errors(name, cx.object.version);
                    if !errors.is_empty() {
                        out.emit(diagnostic(cx, c, list, name, Problem::Name(errors)));
                    }
                    if list != "requests" || overcommit_allowed(name) {
                        continue;
                    }
                    let limit = doc.get(res, "limits").and_then(|l| doc.get(l, name));
                    match limit {
                        None => out.emit(diagnostic(cx, c, list, name, Problem::NoLimit)),
                        Some(l) => {
                            let (Some((req, req_text)), Some((lim, lim_text))) = (read(e.value), read(l)) else {
                                continue;
                            };
                            if req != lim {
                                let shown = lim.canonical().unwrap_or_else(|| lim_text.to_string());
                                out.emit(diagnostic(cx, c, list, name, Problem::NotEqual(req_text.to_string(), shown)));
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_api_server() {
        let v = (1, 33);
        assert!(name_errors("cpu", v).is_empty());
        assert!(name_errors("hugepages-2Mi", v).is_empty());
        assert!(name_errors("nvidia.com/gpu", v).is_empty());
        assert!(name_errors("example.kubernetes.io/thing", v).is_empty());
        // A real refusal: `limits[limit]: Invalid value: "limit": must be a standard resource
        // type or fully qualified` then `... must be a standard resource for containers`.
        assert_eq!(
            name_errors("limit", v),
            ["must be a standard resource type or fully qualified", "must be a standard resource for containers"]
        );
        assert_eq!(name_errors("pods", v), ["must be a standard resource for containers"]);
        assert_eq!(name_errors("requests.example.com/x", v), ["doesn't follow extended resource name standard"]);
        assert!(name_errors("nvidia.com/GPU card", v)[0].starts_with("name part must consist of"));
        assert!(name_errors("Example.com/gpu", v)[0].starts_with("prefix part a lowercase RFC 1123 subdomain"));
    }
}
