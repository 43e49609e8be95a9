//! `writable-host-mount`: a container that mounts a hostPath volume without `readOnly: true`,
//! so it can change files of the node.

use crate::rules::Pointer as _;
use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{containers, host_paths};

pub(super) static RULE: WritableHostMount = WritableHostMount;

pub(super) struct WritableHostMount;

impl Rule for WritableHostMount {
    fn id(&self) -> &str {
        "writable-host-mount"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let volumes = host_paths(cx);
        if volumes.is_empty() {
            return;
        }
        for c in containers(cx) {
            let Some(mounts) = c.json.field("volumeMounts").and_then(Value::as_array) else {
                continue;
            };
            for (i, m) in mounts.iter().enumerate() {
                let Some(v) = m
                    .field("name")
                    .and_then(Value::as_str)
                    .and_then(|n| volumes.iter().find(|v| v.name == n))
                else {
                    continue;
                };
                if m.field("readOnly").and_then(Value::as_bool) == Some(true) {
                    continue;
                }
                let mount = c.r.path.clone().field("volumeMounts").index(i);
                let at = if m.field("readOnly").is_some() {
                    mount.field("readOnly")
                } else {
                    mount
                };
                out.emit(
                    Diagnostic::new(
                        format!("container `{}` mounts the node's `{}` writable", c.r.name, v.path),
                        cx.object.at(at),
                    )
                    .label("writable host path")
                    .help("add `readOnly: true` to the volume mount"),
                );
            }
        }
    }
}
