//! `low-user-id`: a container whose user or group id is unset or below a threshold (10000 by
//! default), so it may share an id with a user of the node; ids of 10000 and above are
//! unlikely to exist on the host.

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{containers, effective, is_windows, Subjects};

pub(super) static RULE: LowUserId = LowUserId;

pub(super) struct LowUserId;

const ID: &str = "low-user-id";

impl Rule for LowUserId {
    fn id(&self) -> &str {
        ID
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        if is_windows(cx) {
            return;
        }
        let min = cx
            .object
            .option(ID, "min-id")
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(10000);
        let mut subjects = Subjects::default();
        for c in containers(cx) {
            let name = c.r.name;
            let uid = effective(cx, &c, "runAsUser");
            let gid = effective(cx, &c, "runAsGroup");
            if uid.is_none() && gid.is_none() {
                out.emit(
                    Diagnostic::new(
                        format!("container `{name}` sets neither `runAsUser` nor `runAsGroup`"),
                        cx.object.at(c.sc_path("runAsUser")),
                    )
                    .label("runs as the image's user")
                    .help(format!("set `runAsUser` and `runAsGroup` to {min} or more")),
                );
                continue;
            }
            for (field, found, what) in [("runAsUser", &uid, "user"), ("runAsGroup", &gid, "group")] {
                match found {
                    None => out.emit(
                        Diagnostic::new(
                            format!("container `{name}` sets no `{field}`"),
                            cx.object.at(c.sc_path(field)),
                        )
                        .label(format!("the image's {what}"))
                        .help(format!("set `{field}` to {min} or more")),
                    ),
                    Some((v, p)) => {
                        let Some(id) = v.as_i64().filter(|id| *id < min) else {
                            continue;
                        };
                        if let Some(who) = subjects.of(&c, p) {
                            out.emit(
                                Diagnostic::new(
                                    format!("{who} runs with {what} id {id}, below {min}"),
                                    cx.object.at(p.clone()),
                                )
                                .label(format!("may match a {what} of the node"))
                                .help(format!("use a {what} id of {min} or more")),
                            );
                        }
                    }
                }
            }
        }
    }
}
