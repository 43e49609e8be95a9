//! `sensitive-host-mount`: a hostPath volume of a system directory of the node (`/`, `/etc`,
//! `/proc`, `/var/lib/kubelet`, ... configurable), or of a directory below one.

use serde_json::Value;

use crate::diagnostic::Diagnostic;
use crate::rules::{PodCx, Rule, Sink};

use super::pod::{host_paths, normalize};

pub(super) static RULE: SensitiveHostMount = SensitiveHostMount;

pub(super) struct SensitiveHostMount;

const ID: &str = "sensitive-host-mount";

/// Used when the run has no options (the catalog default is the same list).
const DEFAULT: &[&str] = &[
    "/", "/boot", "/dev", "/etc", "/lib", "/proc", "/sys", "/usr", "/root",
    "/var/lib/kubelet", "/var/lib/etcd",
];

/// The listed directory `path` is or is under (`/` only itself).
fn sensitive<'l>(path: &str, list: &'l [String]) -> Option<&'l str> {
    list.iter()
        .map(|d| (d.as_str(), normalize(d)))
        .find(|(_, d)| path == d || (d != "/" && path.starts_with(&format!("{d}/"))))
        .map(|(raw, _)| raw)
}

impl Rule for SensitiveHostMount {
    fn id(&self) -> &str {
        ID
    }

    fn check_pod(&self, cx: &PodCx<'_>, out: &mut Sink) {
        let list: Vec<String> = match cx.object.option(ID, "paths").and_then(Value::as_array) {
            Some(l) => l.iter().filter_map(Value::as_str).map(str::to_string).collect(),
            None => DEFAULT.iter().map(|s| s.to_string()).collect(),
        };
        for v in host_paths(cx) {
            let path = normalize(v.path);
            let Some(dir) = sensitive(&path, &list) else {
                continue;
            };
            let what = if path == normalize(dir) {
                format!("`{}`", v.path)
            } else {
                format!("`{}`, under `{dir}`", v.path)
            };
            out.emit(
                Diagnostic::new(
                    format!("volume `{}` mounts the node's system directory {what}", v.name),
                    cx.object.at(v.at.field("hostPath").field("path")),
                )
                .label("sensitive host path")
                .help("mount only the narrow path the program needs, read-only, or use a non-host volume"),
            );
        }
    }
}
