//! The default command: lint the inputs and report.

use clap::ArgMatches;

use crate::diagnostic::Level;
use crate::report::{self, visible, Format, HumanStyle, Settings};
use crate::source::{self, Glob};
use crate::yaml::Limits;

use super::{overrides, setup, Cli, ColorChoice, Io, LintArgs};

/// What `diff` compares the inputs with.
pub(super) enum Against<'a> {
    /// `diff OLD NEW`: files or a directory.
    Files(&'a str),
    /// `diff --live`: the live objects.
    Live,
}

/// Lints the inputs of `args`; with `against` (`diff`) or `--base`, as an update.
pub(super) fn run(
    cli: &Cli,
    args: &LintArgs,
    matches: &ArgMatches,
    against: Option<Against<'_>>,
    io: &mut Io<'_>,
) -> Result<u8, String> {
    let (config, registry) = setup(cli)?;
    let levels = crate::config::levels(&registry, &config, &overrides(matches))
        .map_err(|e| e.to_string())?;
    let fail_on = match args.fail_on.as_deref().or(config.fail_on.as_deref()) {
        None => Level::Error,
        Some(s) => match Level::parse(s) {
            Some(l) if l != Level::Off => l,
            _ => {
                return Err(format!(
                    "`{s}` is not a level for fail-on (error, warning, info)"
                ))
            }
        },
    };
    let version = match (cli.global.kubernetes_version, &config.kubernetes_version) {
        (Some(v), _) => v,
        (None, Some(v)) => super::parse_version(v).map_err(|e| format!("config: {e}"))?,
        (None, None) => crate::rules::NEWEST,
    };
    let inputs = args.input.all();
    if inputs.is_empty() {
        return Err("no input: give files or directories (`kubectl lint -f deploy/`), or `-` for standard input".into());
    }
    let ignore: Vec<Glob> = config.ignore.iter().map(|g| Glob::new(g)).collect();
    let mut expanded = source::expand(&inputs, args.input.recursive, &ignore);
    let crds = source::expand(&args.crds, true, &[]);
    expanded.errors.extend(crds.errors);
    let old_inputs = match against {
        Some(Against::Files(o)) => {
            let e = source::expand(&[o.to_string()], args.input.recursive, &ignore);
            expanded.errors.extend(e.errors);
            e.inputs
        }
        _ => Vec::new(),
    };
    let live = matches!(against, Some(Against::Live)).then(|| crate::source::live::LiveOptions {
        kubeconfig: cli.global.kubeconfig.clone(),
        context: cli.global.context.clone(),
        namespace: args.namespace.clone(),
        timeout: None,
        max_file_size: args.max_file_size,
        raise: "raise --max-file-size",
    });
    let limits = Limits {
        max_depth: args.max_depth,
        max_nodes: args.max_nodes,
        max_alias_expansion: args.max_alias_expansion,
    };
    if let Some(rev) = &args.base {
        let here = std::env::current_dir().map_err(|e| e.to_string())?;
        if let Err(e) = source::git::check_revision(rev, &here) {
            return Err(e.to_string());
        }
    }

    let cluster = match against {
        None => super::schedule::load_snapshot(cli, &cli.cluster)?.map(std::sync::Arc::new),
        Some(_) => None,
    };

    let color = match cli.global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            io.out_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let enabled = registry
        .rules
        .iter()
        .filter_map(|r| match levels.get(&r.meta.id) {
            Some(Level::Off) | None => None,
            Some(l) => Some((r, *l)),
        })
        .collect();
    let settings = Settings {
        registry: &registry,
        enabled,
        levels: levels.clone(),
        limits,
        max_file_bytes: args.max_file_size,
        version,
        namespace: args.namespace.clone(),
        crd_inputs: crds.inputs,
        old_inputs,
        base: args.base.clone(),
        live,
        human: (args.output == Format::Human).then_some(HumanStyle { color, width: 100 }),
        cluster,
        options: crate::config::options(&registry, &config).map_err(|e| e.to_string())?,
    };
    // Human output is written file by file as the files are checked, and then let go.
    let mut written = Ok(());
    let report = report::lint_inputs_each(expanded, &settings, &mut |f| {
        if written.is_ok() && !f.human.is_empty() {
            written = io.out.write_all(f.human.as_bytes());
        }
        f.human = String::new();
    });
    // Notes and input errors go to stderr even when stdout could not be written.
    for n in &report.notes {
        let _ = writeln!(
            io.err,
            "note: {}: {}",
            visible(&n.name),
            visible(&n.message)
        );
    }
    for e in &report.input_errors {
        let _ = writeln!(
            io.err,
            "error: {}: {}",
            visible(&e.name),
            visible(&e.message)
        );
    }
    written.map_err(|e| format!("cannot write output: {e}"))?;
    report::render(&report, args.output, &registry, io.out)
        .map_err(|e| format!("cannot write output: {e}"))?;
    let code = report.exit_code(fail_on);
    report.free();
    Ok(code)
}
