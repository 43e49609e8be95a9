//! `kubectl lint rules`: the catalog as a table or JSON, with the checks of other linters
//! (kube-linter, kube-score, Polaris, checkov) each rule stands for.

use serde_json::json;

use super::{setup, Cli, Io, ListFormat};

pub(super) fn run(cli: &Cli, format: ListFormat, io: &mut Io<'_>) -> Result<u8, String> {
    let (_, registry) = setup(cli)?;
    let w = |e: std::io::Error| format!("cannot write output: {e}");
    match format {
        ListFormat::Json => {
            let rules: Vec<_> = registry
                .rules
                .iter()
                .map(|r| {
                    json!({
                        "id": r.meta.id,
                        "category": r.meta.category.as_str(),
                        "level": r.meta.level,
                        "summary": r.meta.summary,
                        "declarative": r.meta.schema.is_some(),
                        "peers": r.meta.peers,
                        "options": r.meta.options,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut *io.out, &json!({ "rules": rules }))
                .map_err(|e| e.to_string())?;
            writeln!(io.out).map_err(w)?;
        }
        ListFormat::Table => {
            let width = registry
                .rules
                .iter()
                .map(|r| r.meta.id.len())
                .max()
                .unwrap_or(0);
            for r in &registry.rules {
                writeln!(
                    io.out,
                    "{:width$}  {:13}  {:7}  {}",
                    r.meta.id,
                    r.meta.category.as_str(),
                    r.meta.level.as_str(),
                    r.meta.summary
                )
                .map_err(w)?;
                let peers = r.meta.peers.by_tool();
                if !peers.is_empty() {
                    let list: Vec<String> = peers
                        .iter()
                        .map(|(tool, names)| format!("{tool}: {}", names.join(", ")))
                        .collect();
                    writeln!(io.out, "{:width$}  ≈ {}", "", list.join(" · ")).map_err(w)?;
                }
            }
        }
    }
    Ok(0)
}
