//! `missing-priority-class`: a pod template without a `priorityClassName`, or with one the
//! configuration does not allow (house policy: restriction).

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

pub(super) static RULE: MissingPriorityClass = MissingPriorityClass;

pub(super) struct MissingPriorityClass;

const ID: &str = "missing-priority-class";

fn missing(cx: &PodCx<'_>) -> Diagnostic {
    Diagnostic::new(
        format!(
            "{} `{}` sets no `priorityClassName`",
            cx.object.object.kind, cx.object.object.name
        ),
        cx.at(&FieldPath::root().field("priorityClassName")),
    )
    .label("no `priorityClassName` here")
    .help("set `priorityClassName` to one of the cluster's PriorityClasses")
}

fn not_allowed(cx: &PodCx<'_>, name: &str, allowed: &[&str]) -> Diagnostic {
    Diagnostic::new(
        format!("`priorityClassName: {name}` is not one of the allowed classes"),
        cx.at(&FieldPath::root().field("priorityClassName")),
    )
    .label(format!("allowed: {}", allowed.join(", ")))
    .help("use an allowed PriorityClass, or add this one to the rule's `allowed` option")
}

impl Rule for MissingPriorityClass {
    fn id(&self) -> &str {
        ID
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let name = doc.get_str(cx.node, "priorityClassName").unwrap_or("");
        if name.is_empty() {
            out.emit(missing(cx));
            return;
        }
        let allowed: Vec<&str> = cx
            .object
            .option(ID, "allowed")
            .and_then(Value::as_array)
            .map(|l| l.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        if !allowed.is_empty() && !allowed.contains(&name) {
            out.emit(not_allowed(cx, name, &allowed));
        }
    }
}
