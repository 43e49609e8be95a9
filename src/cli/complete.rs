//! Shell completion: `kubectl lint completions SHELL` prints a completion script (clap_complete),
//! and the hidden `kubectl lint __complete WORD...` answers kubectl's plugin completion
//! (kubectl 1.26+ runs `kubectl_complete-lint WORD...`, see completions/kubectl_complete-lint)
//! in Cobra's format: one candidate per line, then `:<directive>`.

use clap::{Command, CommandFactory};

use super::{Cli, Io};

/// Cobra's directives: 0 lets the shell complete file names, 4 does not.
const FILES: u8 = 0;
const NO_FILES: u8 = 4;

fn long_flags(cmd: &Command) -> Vec<String> {
    let mut v: Vec<String> = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .filter_map(|a| a.get_long().map(|l| format!("--{l}")))
        .collect();
    v.push("--help".into());
    v.sort();
    v.dedup();
    v
}

/// The candidates for the last of `words` (what the user is typing), given the words before it.
pub fn candidates(words: &[String]) -> (Vec<String>, u8) {
    let root = Cli::command();
    let (current, before) = match words.split_last() {
        Some((c, b)) => (c.as_str(), b),
        None => ("", &[][..]),
    };
    // The subcommand in use, if any word before names one.
    let sub = before
        .iter()
        .find_map(|w| root.get_subcommands().find(|s| s.get_name() == w))
        .cloned();
    let cmd = sub.clone().unwrap_or_else(|| root.clone());
    // A value for the flag just before?
    if let Some(prev) = before.last() {
        let arg = cmd.get_arguments().find(|a| {
            prev.strip_prefix("--")
                .is_some_and(|l| a.get_long() == Some(l))
                || prev
                    .strip_prefix('-')
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| prev.len() == 2 && a.get_short() == Some(c))
        });
        if let Some(arg) = arg.filter(|a| a.get_num_args().is_none_or(|n| n.takes_values())) {
            if arg.get_action().takes_values() {
                let values: Vec<String> = arg
                    .get_possible_values()
                    .iter()
                    .map(|v| v.get_name().to_string())
                    .filter(|v| v.starts_with(current))
                    .collect();
                return if values.is_empty() {
                    (Vec::new(), FILES)
                } else {
                    (values, NO_FILES)
                };
            }
        }
    }
    if current.starts_with('-') {
        let flags = long_flags(&cmd)
            .into_iter()
            .filter(|f| f.starts_with(current))
            .collect();
        return (flags, NO_FILES);
    }
    if sub.is_none() {
        let subs: Vec<String> = root
            .get_subcommands()
            .filter(|s| !s.is_hide_set() && s.get_name() != "help")
            .map(|s| s.get_name().to_string())
            .filter(|n| n.starts_with(current))
            .collect();
        return (subs, FILES);
    }
    if sub.as_ref().is_some_and(|s| s.get_name() == "explain") {
        if let Ok(reg) = crate::rules::Registry::load(&[] as &[&str]) {
            let ids = reg
                .rules
                .iter()
                .map(|r| r.meta.id.clone())
                .filter(|i| i.starts_with(current))
                .collect();
            return (ids, NO_FILES);
        }
    }
    (Vec::new(), FILES)
}

pub(super) fn run_complete(words: &[String], io: &mut Io<'_>) -> Result<u8, String> {
    let (cands, directive) = candidates(words);
    let w = |e: std::io::Error| format!("cannot write output: {e}");
    for c in cands {
        writeln!(io.out, "{c}").map_err(w)?;
    }
    writeln!(io.out, ":{directive}").map_err(w)?;
    Ok(0)
}

pub(super) fn run_completions(shell: clap_complete::Shell, io: &mut Io<'_>) -> Result<u8, String> {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "kubectl-lint", &mut *io.out);
    Ok(0)
}
