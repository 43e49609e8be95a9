//! `invalid-port`: a container port the API server refuses: a `containerPort` or `hostPort`
//! outside 1-65535 (a `hostPort` of 0 means none), or a `protocol` other than `TCP`, `UDP`
//! or `SCTP` (an empty one is defaulted to `TCP` first).
//! source: pkg/apis/core/validation/validation.go validateContainerPorts;
//! apimachinery pkg/util/validation/validation.go IsValidPortNum, InclusiveRangeError

use crate::diagnostic::Diagnostic;
use crate::rules::{ContainerRef, PodCx, Rule, Sink};
use crate::yaml::{FieldPath, Resolved};

pub(super) static RULE: InvalidPort = InvalidPort;

pub(super) struct InvalidPort;

const RANGE: &str = "must be between 1 and 65535, inclusive";
/// `sets.List(supportedPortProtocols)`: sorted.
const PROTOCOLS: &str = "supported values: \"SCTP\", \"TCP\", \"UDP\"";

enum Problem<'a> {
    Missing,
    OutOfRange(i64),
    Protocol(&'a str),
}

/// `port` is the port's path relative to the container.
fn diagnostic(cx: &PodCx<'_>, c: &ContainerRef<'_>, port: &FieldPath, field: &str, p: Problem<'_>) -> Diagnostic {
    let target = c.path.join(port).field(field.to_string());
    let (message, label, help, kind, detail) = match p {
        Problem::Missing => (
            format!("container `{}` has a port with `{field}: 0`", c.name),
            "no port",
            format!("set `{field}` to the port the container listens on"),
            "Required",
            "",
        ),
        Problem::OutOfRange(v) => (
            format!("`{field}: {v}` of container `{}` is not a port number", c.name),
            "outside 1-65535",
            if field == "hostPort" {
                "use a port between 1 and 65535, or remove `hostPort`".to_string()
            } else {
                "use a port between 1 and 65535".to_string()
            },
            "Invalid",
            RANGE,
        ),
        Problem::Protocol(v) => (
            format!("`protocol: {v}` of container `{}` is not a supported protocol", c.name),
            "not `TCP`, `UDP` or `SCTP`",
            "use `TCP`, `UDP` or `SCTP` (written in capitals)".to_string(),
            "NotSupported",
            PROTOCOLS,
        ),
    };
    Diagnostic::new(message, cx.object.at(target.clone()))
        .label(label)
    .help(help)
    .api_error(target.to_string(), kind, detail)
}

impl Rule for InvalidPort {
    fn id(&self) -> &str {
        "invalid-port"
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let doc = cx.doc();
        for c in cx.containers() {
            let Some(ports) = doc.get(c.node, "ports") else {
                continue;
            };
            for (i, port) in doc.items(ports).iter().enumerate() {
                let at = FieldPath::root().field("ports").index(i);
                let int = |key: &str| match doc.get(*port, key).and_then(|n| doc.scalar(n)) {
                    Some(s) => match s.resolve() {
                        Resolved::Int(v) => Some(v),
                        _ => None,
                    },
                    None => None,
                };
                let mut emit = |field: &str, p: Problem<'_>| out.emit(diagnostic(cx, c, &at, field, p));
                match int("containerPort") {
                    Some(0) => emit("containerPort", Problem::Missing),
                    Some(v) if !(1..=65535).contains(&v) => emit("containerPort", Problem::OutOfRange(v)),
                    _ => {}
                }
                match int("hostPort") {
                    Some(v) if v != 0 && !(1..=65535).contains(&v) => {
                        emit("hostPort", Problem::OutOfRange(v))
                    }
                    _ => {}
                }
                if let Some(p) = doc.get_str(*port, "protocol") {
                    if !p.is_empty() && !["TCP", "UDP", "SCTP"].contains(&p) {
                        emit("protocol", Problem::Protocol(p));
                    }
                }
            }
        }
    }
}
