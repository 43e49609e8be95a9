//! The README stays current: every rule of the catalog is in its rule table.

use serde_json::Value;

#[test]
fn readme_lists_every_rule() {
    let (code, out, _) =
        kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "rules", "-o", "json"]);
    assert_eq!(code, 0);
    let rules: Value = serde_json::from_slice(&out).unwrap();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let missing: Vec<&str> = rules["rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .filter(|id| !readme.contains(&format!("| `{id}` |")))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md's rule table lacks: {missing:?}"
    );
}

/// The peer check names of `shared/reference/peers.md` §9, by row: (meaning, kube-linter,
/// kube-score, Polaris).
fn peer_rows() -> Vec<(String, [Vec<String>; 3])> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/reference/peers.md"
    ))
    .expect("../shared/reference/peers.md (the shared reference) is readable");
    let section = text
        .split("## 9.")
        .nth(1)
        .expect("peers.md has its §9 table");
    let names = |cell: &str| -> Vec<String> {
        // Drop "(d)", "(<3)", "(only if ...)", "[D]", "*(opt)*" and split on commas.
        let mut clean = String::new();
        let mut depth = 0;
        for c in cell.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => depth -= 1,
                '*' => {}
                _ if depth == 0 => clean.push(c),
                _ => {}
            }
        }
        clean
            .split(',')
            .map(str::trim)
            .filter(|n| !n.is_empty() && *n != "—")
            .map(str::to_string)
            .collect()
    };
    section
        .lines()
        .filter(|l| {
            l.starts_with("| ")
                && l.split('|')
                    .nth(1)
                    .is_some_and(|c| c.trim().parse::<u32>().is_ok())
        })
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            (
                format!("#{} {}", cells[1], cells[2]),
                [names(cells[3]), names(cells[4]), names(cells[5])],
            )
        })
        .collect()
}

/// Every one of the 92 meanings of kube-linter, kube-score and Polaris has a rule: each peer
/// check name appears in the `peers:` of some catalog entry.
#[test]
fn every_peer_check_has_a_rule() {
    let (code, out, _) =
        kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "rules", "-o", "json"]);
    assert_eq!(code, 0);
    let rules: Value = serde_json::from_slice(&out).unwrap();
    let mut known: [std::collections::HashSet<String>; 3] = Default::default();
    for r in rules["rules"].as_array().unwrap() {
        for (i, tool) in ["kube-linter", "kube-score", "polaris"].iter().enumerate() {
            for n in r["peers"][tool].as_array().into_iter().flatten() {
                known[i].insert(n.as_str().unwrap().to_string());
            }
        }
    }
    let rows = peer_rows();
    assert_eq!(rows.len(), 92, "peers.md §9 has 92 meanings");
    let mut missing = Vec::new();
    for (meaning, tools) in &rows {
        for (i, names) in tools.iter().enumerate() {
            for n in names {
                if !known[i].contains(n) {
                    missing.push(format!("{meaning}: {n}"));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "peer checks without a rule:\n{}",
        missing.join("\n")
    );
}

/// The README's table of the peers' 92 check meanings, built from `peers.md` §9 and the
/// catalog's `peers:`. `UPDATE_README=1 cargo test --test docs` rewrites it.
#[test]
fn readme_peer_table_is_current() {
    let (code, out, _) =
        kubectl_lint::cli::run_captured(["kubectl-lint", "--no-config", "rules", "-o", "json"]);
    assert_eq!(code, 0);
    let rules: Value = serde_json::from_slice(&out).unwrap();
    let tools = ["kube-linter", "kube-score", "polaris"];
    let mut table = String::from(
        "| # | meaning | kubectl-lint | kube-linter | kube-score | Polaris |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for (meaning, names) in peer_rows() {
        let (number, text) = meaning.split_once(' ').unwrap();
        let mut ours: Vec<&str> = rules["rules"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| {
                tools.iter().zip(&names).any(|(tool, ns)| {
                    r["peers"][tool]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|n| ns.iter().any(|x| x == n.as_str().unwrap()))
                })
            })
            .map(|r| r["id"].as_str().unwrap())
            .collect();
        ours.sort_unstable();
        let cell = |v: &[String]| {
            if v.is_empty() {
                "—".to_string()
            } else {
                v.iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        };
        let ours: Vec<String> = ours.iter().map(|s| s.to_string()).collect();
        table.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} |\n",
            number.trim_start_matches('#'),
            text,
            cell(&ours),
            cell(&names[0]),
            cell(&names[1]),
            cell(&names[2])
        ));
    }
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap();
    let (begin, end) = ("<!-- peer-table:begin -->\n", "<!-- peer-table:end -->");
    let start = readme
        .find(begin)
        .expect("README has the peer table markers")
        + begin.len();
    let stop = readme
        .find(end)
        .expect("README has the peer table end marker");
    if readme[start..stop] != table {
        if std::env::var_os("UPDATE_README").is_some() {
            let updated = format!("{}{}{}", &readme[..start], table, &readme[stop..]);
            std::fs::write(path, updated).unwrap();
        } else {
            panic!("README.md's peer table is stale: run `UPDATE_README=1 cargo test --test docs`");
        }
    }
}
