//! `topology-spread-selector-mismatch`: a topology spread constraint whose `labelSelector`
//! is missing or does not select the pod it is written in, so it does not spread these pods.
//! source: pkg/scheduler/framework/plugins/podtopologyspread/common.go
//! (`metav1.LabelSelectorAsSelector(nil)` selects nothing; the incoming pod counts itself only
//! when the selector matches its labels)


use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};
use crate::yaml::FieldPath;

use super::spread::{controller_labels, selects};

pub(super) static RULE: TopologySpreadSelectorMismatch = TopologySpreadSelectorMismatch;

pub(super) struct TopologySpreadSelectorMismatch;

fn missing(cx: &PodCx<'_>, at: &FieldPath) -> Diagnostic {
    Diagnostic::new(
        "this topology spread constraint has no `labelSelector`, so it counts no pods and spreads nothing",
        cx.at(at),
    )
    .label("no `labelSelector`")
    .help("add a `labelSelector` that matches the pod template's labels")
}

fn mismatch(cx: &PodCx<'_>, at: &FieldPath) -> Diagnostic {
    Diagnostic::new(
        "the `labelSelector` of this topology spread constraint does not select the pod it belongs to, \
         so these pods are not spread among themselves",
        cx.at(at),
    )
    .label("does not match the pod's labels")
    .help("make the `labelSelector` match the pod template's labels")
}

impl Rule for TopologySpreadSelectorMismatch {
    fn id(&self) -> &str {
        "topology-spread-selector-mismatch"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        let Some(list) = doc.get(cx.node, "topologySpreadConstraints") else {
            return;
        };
        let labels = cx.labels();
        let auto = controller_labels(&cx.object.object.kind);
        for (i, item) in doc.items(list).iter().enumerate() {
            let item = doc.deref(*item);
            if !doc.is_map(item) {
                continue;
            }
            let path = FieldPath::root()
                .field("topologySpreadConstraints")
                .index(i);
            match doc.get(item, "labelSelector") {
                None => out.emit(missing(cx, &path)),
                Some(s) if doc.is_null(s) => out.emit(missing(cx, &path)),
                Some(s) => {
                    // A selector with an unknown operator is refused for another reason.
                    if !selects(doc, Some(s), labels, auto) && well_formed(doc, s) {
                        out.emit(mismatch(cx, &path.field("labelSelector")));
                    }
                }
            }
        }
    }
}

fn well_formed(doc: &crate::yaml::Document, selector: crate::yaml::NodeId) -> bool {
    let always = |_: &str| Some(String::new());
    crate::model::selector::unmet_requirements(
        doc,
        &always,
        None,
        doc.get(selector, "matchExpressions"),
    )
    .is_some()
}
