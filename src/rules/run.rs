//! Runs the configured rules over one file: file scope, then each object, then each pod spec.

use std::sync::Arc;

use crate::diagnostic::{Diagnostic, Level, Related, Target};
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
    let mut sink = Sink::new(&first.id, *level);
    let fcx = FileCx {
        file,
        version,
        workspace,
    };
    for (entry, level) in rules {
        sink.retarget(&entry.id, *level);
        entry.rule().check_file(&fcx, &mut sink);
    }
    for index in 0..file.objects.len() {
        let ocx = ObjectCx::new(file, index, version, workspace);
        for (entry, level) in rules {
            sink.retarget(&entry.id, *level);
            entry.rule().check_object(&ocx, &mut sink);
        }
        if let Some(old) = workspace.old_version(ocx.object) {
            let ucx = UpdateCx::new(&ocx, &old.file, old.index);
            let from = sink.out.len();
            for (entry, level) in rules {
                sink.retarget(&entry.id, *level);
                entry.rule().check_update(&ucx, &mut sink);
            }
            // Every finding about an update also points at the same field in the old version.
            for d in &mut sink.out[from..] {
                let (Target::Field { path, .. } | Target::Key { path, .. }) = &d.target else {
                    continue;
                };
                if let (node, true) = path.resolve(ucx.old_doc, ucx.old.root) {
                    let span = ucx.old_doc.label_span(node, old.file.text());
                    let p = old.file.lines.position(old.file.text(), span.start);
                    d.related.push(Related {
                        target: Target::Elsewhere {
                            file: Arc::from(old.file.source.name.as_str()),
                            line: p.line,
                            column: p.column,
                        },
                        label: "before".into(),
                    });
                }
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
            sink.retarget(&entry.id, *level);
            entry.rule().check_pod(&pcx, &mut sink);
        }
    }
    sink.out
}
