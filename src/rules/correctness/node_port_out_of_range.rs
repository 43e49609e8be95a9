//! `node-port-out-of-range`: a Service `nodePort` outside the cluster's node port range
//! (30000-32767 unless the API server's `--service-node-port-range` says otherwise; an option
//! of this rule). The API server refuses to allocate it.
//! source: pkg/registry/core/service/portallocator/allocator.go Allocate (ErrNotInRange:
//! "provided port is not in the valid range. The range of valid ports is 30000-32767");
//! cmd/kube-apiserver/app/options (DefaultServiceNodePortRange)

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{ObjectCx, Rule, Sink};
use crate::yaml::{FieldPath, NodeId, Resolved};

pub(super) static RULE: NodePortOutOfRange = NodePortOutOfRange;

pub(super) struct NodePortOutOfRange;

/// `30000-32767` (as `--service-node-port-range` takes it) → (30000, 32767).
fn range(cx: &ObjectCx<'_>) -> (i64, i64) {
    cx.option("node-port-out-of-range", "range")
        .and_then(Value::as_str)
        .and_then(|s| {
            let (a, b) = s.split_once('-')?;
            Some((a.trim().parse().ok()?, b.trim().parse().ok()?))
        })
        .unwrap_or((30000, 32767))
}

impl Rule for NodePortOutOfRange {
    fn id(&self) -> &str {
        "node-port-out-of-range"
    }

    fn check_object(&self, cx: &ObjectCx<'_>, out: &mut Sink) {
        let o = cx.object;
        if o.kind != "Service" || !o.group().is_empty() {
            return;
        }
        // Read from the tree: an integer scalar is what the JSON view's `as_i64` takes.
        let doc = cx.doc;
        let int = |n: Option<NodeId>| match doc.scalar(n?)?.resolve() {
            Resolved::Int(i) => Some(i),
            _ => None,
        };
        let (lo, hi) = range(cx);
        // 0 means "allocate one"; negative and too large values are schema errors.
        let outside = |n: &i64| !(*n <= 0 || *n > 65535 || (lo..=hi).contains(n));
        let mut fields: Vec<(FieldPath, i64)> = Vec::new();
        let ports = cx.field(&["spec", "ports"]).map_or(&[][..], |p| doc.items(p));
        for (i, p) in ports.iter().enumerate() {
            if let Some(n) = int(doc.get(*p, "nodePort")).filter(outside) {
                fields.push((FieldPath::parse("spec.ports").index(i).field("nodePort"), n));
            }
        }
        if let Some(n) = int(cx.field(&["spec", "healthCheckNodePort"])).filter(outside) {
            fields.push((FieldPath::parse("spec.healthCheckNodePort"), n));
        }
        // Nothing, as ever, when either field is too deep for its JSON view (converted only
        // when there is something to report).
        if fields.is_empty()
            || cx.field_json(&["spec", "ports"]).is_none()
            || cx.field_json(&["spec", "healthCheckNodePort"]).is_none()
        {
            return;
        }
        for (at, n) in fields {
            out.emit(
                Diagnostic::new(format!("node port {n} is outside the node port range {lo}-{hi}"), cx.at(at.clone()))
                    .label("not allocatable")
                    .help(format!("use a port between {lo} and {hi}, or leave it out to get one allocated"))
                    .api_error(at.to_string(), "Invalid", format!("provided port is not in the valid range. The range of valid ports is {lo}-{hi}")),
            );
        }
    }
}
