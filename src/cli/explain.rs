//! `kubectl lint explain RULE`: a rule's documentation, exactly as its catalog entry has it,
//! with its options and the checks of other linters it stands for.

use crate::config::edit_distance;

use super::{setup, Cli, Io};

pub(super) fn run(cli: &Cli, id: &str, io: &mut Io<'_>) -> Result<u8, String> {
    let (_, registry) = setup(cli)?;
    let Some(r) = registry.get(id) else {
        let close = registry
            .rules
            .iter()
            .min_by_key(|r| edit_distance(&r.meta.id, id))
            .filter(|r| edit_distance(&r.meta.id, id) <= 3)
            .map(|r| format!(" (did you mean `{}`?)", r.meta.id))
            .unwrap_or_default();
        return Err(format!("unknown rule `{id}`{close}"));
    };
    let w = |e: std::io::Error| format!("cannot write output: {e}");
    writeln!(
        io.out,
        "# {}\n\n{}\n\nCategory: {} · default level: {}\n\n{}",
        r.meta.id,
        r.meta.summary,
        r.meta.category.as_str(),
        r.meta.level.as_str(),
        r.meta.docs.trim_end()
    )
    .map_err(w)?;
    if !r.meta.options.is_empty() && !r.meta.docs.contains("## Options") {
        writeln!(
            io.out,
            "\n## Options (config file: `options: {{{}: {{...}}}}`)\n",
            r.meta.id
        )
        .map_err(w)?;
        for (name, o) in &r.meta.options {
            writeln!(
                io.out,
                "- `{name}` (default `{}`): {}",
                o.default,
                o.doc.trim()
            )
            .map_err(w)?;
        }
    }
    let peers = r.meta.peers.by_tool();
    if !peers.is_empty() {
        writeln!(io.out, "\n## Same check in other linters\n").map_err(w)?;
        for (tool, names) in peers {
            writeln!(io.out, "- {tool}: {}", names.join(", ")).map_err(w)?;
        }
    }
    Ok(0)
}
