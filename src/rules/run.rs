//! Runs the configured rules over one file: file scope, then each object, then each pod spec.

use crate::diagnostic::{Diagnostic, Level};
use crate::model::{File, Workspace};

use super::context::{FileCx, ObjectCx, PodCx, Sink, UpdateCx, Version};
use super::registry::RuleEntry;

/// Every diagnostic the given rules (each with its configured level) find in `file`.
/// `version` is the targeted Kubernetes version.
pub fn check_file(
    file: &File,
    rules: &[(&RuleEntry, Level)],
    version: Version,
    workspace: &Workspace,
) -> Vec<Diagnostic> {
    let Some((first, level)) = rules.first() else {
        return Vec::new();
    };
    let mut sink = Sink::new(first.id.clone(), *level);
    let fcx = FileCx {
        file,
        version,
        workspace,
    };
    for (entry, level) in rules {
        sink.retarget(entry.id.clone(), *level);
        entry.rule().check_file(&fcx, &mut sink);
    }
    for index in 0..file.objects.len() {
        let ocx = ObjectCx::new(file, index, version, workspace);
        for (entry, level) in rules {
            sink.retarget(entry.id.clone(), *level);
            entry.rule().check_object(&ocx, &mut sink);
        }
        if let Some(old) = workspace.old_version(ocx.object) {
            let ucx = UpdateCx::new(&ocx, &old.file, old.index);
            for (entry, level) in rules {
                sink.retarget(entry.id.clone(), *level);
                entry.rule().check_update(&ucx, &mut sink);
            }
        }
        let Some(path) = &ocx.object.pod_spec else {
            continue;
        };
        let Some(node) = ocx.node(path).filter(|n| ocx.doc.is_map(*n)) else {
            continue;
        };
        let pcx = PodCx::new(&ocx, path, ocx.doc.deref(node));
        for (entry, level) in rules {
            sink.retarget(entry.id.clone(), *level);
            entry.rule().check_pod(&pcx, &mut sink);
        }
    }
    sink.out
}
