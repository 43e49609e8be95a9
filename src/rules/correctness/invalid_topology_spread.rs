//! `invalid-topology-spread`: topology spread constraint fields the API server refuses.
//! source: pkg/apis/core/validation/validation.go validateTopologySpreadConstraints
//! (ValidateMaxSkew, ValidateTopologyKey, ValidateSpreadConstraintNotRepeat,
//! validateMinDomains, validateNodeInclusionPolicy, validateMatchLabelKeysInTopologySpread)

use crate::diagnostic::Diagnostic;
use crate::model::names::label_key;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::{Document, FieldPath, NodeId, Resolved};

pub(super) static RULE: InvalidTopologySpread = InvalidTopologySpread;

pub(super) struct InvalidTopologySpread;

fn diagnostic(cx: &PodCx<'_>, rel: &FieldPath, message: String, kind: &str, detail: &str, help: &str) -> Diagnostic {
    let field = cx.path.join(rel).to_string();
    Diagnostic::new(message, cx.at(rel))
        .label(detail.to_string())
        .help(help.to_string())
        .api_error(field, kind, detail.to_string())
}

fn int(doc: &Document, n: NodeId) -> Option<i64> {
    match doc.scalar(n)?.resolve() {
        Resolved::Int(v) => Some(v),
        _ => None,
    }
}

impl Rule for InvalidTopologySpread {
    fn id(&self) -> &str {
        "invalid-topology-spread"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let Some(list) = doc.get(cx.node, "topologySpreadConstraints") else {
            return;
        };
        let items: Vec<NodeId> = doc.items(list).iter().map(|i| doc.deref(*i)).collect();
        for (i, &item) in items.iter().enumerate() {
            if !doc.is_map(item) {
                continue;
            }
            let base = FieldPath::root().field("topologySpreadConstraints").index(i);
            if let Some(v) = doc.get(item, "maxSkew").and_then(|n| int(doc, n)) {
                if v <= 0 {
                    out.emit(diagnostic(
                        cx,
                        &base.clone().field("maxSkew"),
                        format!("`maxSkew: {v}` is not allowed; the API server refuses the pod"),
                        "Invalid",
                        "must be greater than zero",
                        "set `maxSkew` to 1 or more",
                    ));
                }
            }
            let key = doc.get_str(item, "topologyKey");
            match key {
                Some("") => out.emit(diagnostic(
                    cx,
                    &base.clone().field("topologyKey"),
                    "`topologyKey` is empty; the API server refuses the pod".to_string(),
                    "Required",
                    "can not be empty",
                    "name a node label, such as `kubernetes.io/hostname` or `topology.kubernetes.io/zone`",
                )),
                Some(k) => {
                    if let Some(problem) = label_key(k).into_iter().next() {
                        out.emit(diagnostic(
                            cx,
                            &base.clone().field("topologyKey"),
                            format!("`topologyKey: {k}` is not a valid label key; the API server refuses the pod"),
                            "Invalid",
                            &problem,
                            "name a node label, such as `kubernetes.io/hostname` or `topology.kubernetes.io/zone`",
                        ));
                    }
                }
                None => {}
            }
            let when = doc.get_str(item, "whenUnsatisfiable");
            // The same {topologyKey, whenUnsatisfiable} pair twice.
            if let (Some(k), Some(w)) = (key, when) {
                let repeated = items[i + 1..]
                    .iter()
                    .any(|o| doc.get_str(*o, "topologyKey") == Some(k) && doc.get_str(*o, "whenUnsatisfiable") == Some(w));
                if repeated {
                    out.emit(diagnostic(
                        cx,
                        &base.clone().field("topologyKey"),
                        format!("another constraint has the same `topologyKey: {k}` and `whenUnsatisfiable: {w}`; the API server refuses the pod"),
                        "Duplicate",
                        "{topologyKey, whenUnsatisfiable} repeated",
                        "merge the two constraints into one",
                    ));
                }
            }
            if let Some(n) = doc.get(item, "minDomains").filter(|n| !doc.is_null(*n)) {
                if let Some(v) = int(doc, n) {
                    if v <= 0 {
                        out.emit(diagnostic(
                            cx,
                            &base.clone().field("minDomains"),
                            format!("`minDomains: {v}` is not allowed; the API server refuses the pod"),
                            "Invalid",
                            "must be greater than zero",
                            "set `minDomains` to 1 or more, or remove it",
                        ));
                    } else if when.is_some_and(|w| w != "DoNotSchedule") {
                        out.emit(diagnostic(
                            cx,
                            &base.clone().field("minDomains"),
                            "`minDomains` only works with `whenUnsatisfiable: DoNotSchedule`; the API server refuses the pod".to_string(),
                            "Invalid",
                            "can only use minDomains if whenUnsatisfiable=DoNotSchedule",
                            "remove `minDomains`, or use `whenUnsatisfiable: DoNotSchedule`",
                        ));
                    }
                }
            }
            for policy in ["nodeAffinityPolicy", "nodeTaintsPolicy"] {
                if let Some(v) = doc.get_str(item, policy) {
                    if v != "Honor" && v != "Ignore" {
                        out.emit(diagnostic(
                            cx,
                            &base.clone().field(policy),
                            format!("`{policy}: {v}` is not `Honor` or `Ignore`; the API server refuses the pod"),
                            "NotSupported",
                            "supported values: \"Honor\", \"Ignore\"",
                            "use `Honor` or `Ignore`",
                        ));
                    }
                }
            }
            let keys = doc.get(item, "matchLabelKeys").filter(|k| !doc.items(*k).is_empty());
            let selector = doc.get(item, "labelSelector").filter(|s| !doc.is_null(*s));
            if keys.is_some() && selector.is_none() {
                out.emit(diagnostic(
                    cx,
                    &base.clone().field("matchLabelKeys"),
                    "`matchLabelKeys` without a `labelSelector`; the API server refuses the pod".to_string(),
                    "Forbidden",
                    "must not be specified when labelSelector is not set",
                    "add a `labelSelector` that matches the pod template's labels",
                ));
            }
        }
    }
}
