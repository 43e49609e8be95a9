//! `missing-ephemeral-storage`: a container without an `ephemeral-storage` request or limit
//! (a request the API server would copy from the limit is reported too, as for CPU and
//! memory). Its logs, writable layer and `emptyDir` volumes count against nothing: under
//! disk pressure the kubelet evicts pods that use more than they requested first, and
//! without a limit one container can fill the node's disk.
//! source: pkg/kubelet/eviction/helpers.go rankDiskPressureFunc (usage above requests first);
//! pkg/kubelet/eviction/eviction_manager.go containerEphemeralStorageLimitEviction

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::resources::{declared, path, Side};

pub(super) static RULE: MissingEphemeralStorage = MissingEphemeralStorage;

pub(super) struct MissingEphemeralStorage;

const RESOURCE: &str = "ephemeral-storage";

fn diagnostic(cx: &PodCx<'_>, container: &str, what: &str, at: crate::yaml::FieldPath) -> Diagnostic {
    Diagnostic::new(
        format!("container `{container}` sets no `ephemeral-storage` {what}"),
        cx.object.at(at),
    )
    .label(format!("no `ephemeral-storage` {what}"))
    .help("set `resources.requests` and `resources.limits` `ephemeral-storage` (logs, writable layer, `emptyDir`)")
}

impl Rule for MissingEphemeralStorage {
    fn id(&self) -> &str {
        "missing-ephemeral-storage"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        for c in cx.containers() {
            let request = declared(cx, c, Side::Requests, RESOURCE);
            let limit = declared(cx, c, Side::Limits, RESOURCE);
            let (what, side) = match (request, limit) {
                (true, true) => continue,
                (false, false) => ("request or limit", Side::Requests),
                (false, true) => ("request", Side::Requests),
                (true, false) => ("limit", Side::Limits),
            };
            out.emit(diagnostic(cx, c.name, what, path(c, side, RESOURCE)));
        }
    }
}
