//! `invalid-quantity`: a container's `resources.requests` or `resources.limits` value that
//! is not a quantity (the API server cannot even decode the object), is negative, or is
//! fractional for an extended resource, which is counted in whole units.
//! source: apimachinery pkg/api/resource/quantity.go ParseQuantity, UnmarshalJSON;
//! pkg/apis/core/validation/validation.go validateResourceRequirements,
//! ValidateResourceQuantityValue, ValidateNonnegativeQuantity; pkg/apis/core/helper/helpers.go
//! IsIntegerResourceName

use crate::diagnostic::Diagnostic;
use crate::model::quantity::{self, is_native_resource, ParseError};
use crate::rules::{ContainerRef, PodCx, Rule, Sink};

pub(super) static RULE: InvalidQuantity = InvalidQuantity;

pub(super) struct InvalidQuantity;

enum Problem {
    Unparsable(ParseError),
    Negative,
    Fractional,
}

fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, list: &str, name: &str, text: &str, p: Problem) -> Diagnostic {
    let at = c.path.clone().field("resources").field(list.to_string()).key(name.to_string());
    let what = format!("`{list}.{name}: {text}` of container `{}`", c.name);
    let (message, label, help, detail) = match p {
        Problem::Unparsable(e) => (
            format!("{what} is not a quantity"),
            "not a quantity",
            "write a number with an optional suffix, such as `500m`, `2`, `512Mi` or `1Gi`",
            e.to_string(),
        ),
        Problem::Negative => (
            format!("{what} is negative"),
            "below zero",
            "use a quantity of zero or more",
            "must be greater than or equal to 0".to_string(),
        ),
        Problem::Fractional => (
            format!("{what} is not a whole number of an extended resource"),
            "not a whole number",
            "request and limit extended resources in whole units",
            "must be an integer".to_string(),
        ),
    };
    Diagnostic::new(message, cx.object.at(at.clone()))
        .label(label)
        .help(help)
        .api_error(at.to_string(), "Invalid", detail)
}

/// Whether a name is an extended resource, which must be a whole number. (The API server
/// also wants `requests.<name>` to be a qualified name; a name that is not one is reported
/// by `invalid-resource-name`.) source: pkg/apis/core/helper/helpers.go IsExtendedResourceName
fn extended(name: &str) -> bool {
    !is_native_resource(name) && !name.starts_with("requests.")
}

impl Rule for InvalidQuantity {
    fn id(&self) -> &str {
        "invalid-quantity"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let Some(res) = doc.get(c.node, "resources") else {
                continue;
            };
            for list in ["limits", "requests"] {
                let Some(map) = doc.get(res, list) else {
                    continue;
                };
                for e in doc.entries(map) {
                    let (Some(name), Some(value)) = (doc.str(e.key), doc.scalar(e.value)) else {
                        continue;
                    };
                    let problem = match quantity::from_yaml(value.resolve()) {
                        None => continue,
                        Some(Err(err)) => Problem::Unparsable(err),
                        Some(Ok(q)) if q.stored().is_negative() => Problem::Negative,
                        Some(Ok(q)) if extended(name) && !q.stored().is_integer() => Problem::Fractional,
                        Some(Ok(_)) => continue,
                    };
                    out.emit(diagnostic(cx, c, list, name, &value.text, problem));
                }
            }
        }
    }
}
