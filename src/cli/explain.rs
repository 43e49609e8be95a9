//! `kubectl lint explain RULE`: a rule's documentation, exactly as its catalog entry has it.

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
    Ok(0)
}
