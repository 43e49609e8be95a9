//! `invalid-object-name`: a `metadata.name` or `metadata.generateName` that is not of the
//! format the API server requires for the kind (a DNS-1123 subdomain for most kinds, a
//! DNS-1123 label for a Namespace, a DNS-1035 label for a Service), and a `metadata.namespace`
//! that is not a DNS-1123 label.
//! source: staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go
//! ValidateObjectMetaAccessor; pkg/apis/core/validation/validation.go ValidatePodName,
//! ValidateServiceName, ValidateNamespaceName

use crate::diagnostic::Diagnostic;
use crate::model::names::{name_format, NameFormat};
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: InvalidObjectName = InvalidObjectName;

pub(super) struct InvalidObjectName;

fn diagnostic(
    cx: &ObjectCx<'_>,
    field: &str,
    value: &str,
    format: NameFormat,
    problem: &str,
) -> Diagnostic {
    let path = FieldPath::root().field("metadata").field(field.to_string());
    let what = if field == "generateName" {
        "name prefix"
    } else {
        "name"
    };
    let help = match format {
        NameFormat::Dns1123Subdomain => {
            "use only lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit, at most 253 bytes"
        }
        NameFormat::Dns1123Label => {
            "use only lowercase letters, digits and `-`, starting and ending with a letter or digit, at most 63 bytes"
        }
        NameFormat::Dns1035Label => {
            "use only lowercase letters, digits and `-`, starting with a letter and ending with a letter or digit, at most 63 bytes"
        }
    };
    Diagnostic::new(
        format!(
            "the {} {what} `{value}` is not a valid {}",
            cx.object.kind,
            format.describe()
        ),
        cx.at(path.clone()),
    )
    .label(problem.to_string())
    .help(help)
    .api_error(path.to_string(), "Invalid", problem)
}

impl Rule for InvalidObjectName {
    fn id(&self) -> &str {
        "invalid-object-name"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        let Some(format) = name_format(o.group(), &o.kind) else {
            return;
        };
        let doc = cx.doc;
        let Some(meta) = cx.field(&["metadata"]) else {
            return;
        };
        for (field, prefix) in [("generateName", true), ("name", false)] {
            let Some(node) = doc.get(meta, field) else {
                continue;
            };
            let Some(Resolved::Str(value)) = doc.scalar(node).map(|s| s.resolve()) else {
                continue;
            };
            // An empty name is `missing-object-name`'s.
            if value.is_empty() {
                continue;
            }
            let Some(problems) = format.problems(value, prefix) else {
                continue;
            };
            // One diagnostic per field; the API server lists every problem as its own
            // error, the first one is the one people read.
            if let Some(first) = problems.first() {
                out.emit(diagnostic(cx, field, value, format, first));
            }
        }
        // `metadata.namespace`, when given, is a DNS-1123 label (ValidateObjectMeta with
        // ValidateNamespaceName).
        if let Some(Resolved::Str(ns)) = doc
            .get(meta, "namespace")
            .and_then(|n| doc.scalar(n))
            .map(|s| s.resolve())
        {
            if let Some(problem) = crate::model::names::dns1123_label(ns).first() {
                let path = FieldPath::parse("metadata.namespace");
                out.emit(
                    Diagnostic::new(
                        format!("the namespace `{ns}` is not a valid DNS-1123 label"),
                        cx.at(path.clone()),
                    )
                    .label(problem.clone())
                    .help("namespaces are lowercase letters, digits and `-`, starting and ending with a letter or digit, at most 63 bytes")
                    .api_error(path.to_string(), "Invalid", problem.clone()),
                );
            }
        }
    }
}
