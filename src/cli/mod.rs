//! The command line: clap definitions and one file per subcommand. The only layer that
//! writes to the terminal (through the writers it is handed).

mod complete;
mod defaults;
mod explain;
mod lint;
mod masked;
mod rules;
mod schedule;
mod timeline;

pub use schedule::ClusterArgs;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::report::Format;

/// The Kubernetes versions whose behaviour the checks may target.
pub const SUPPORTED_VERSIONS: (u32, u32) = (25, crate::rules::NEWEST.1);

#[derive(Debug, Parser)]
#[command(
    name = "kubectl-lint",
    bin_name = "kubectl lint",
    version,
    about = "Lint Kubernetes manifests offline: every finding at its exact line and column",
    after_help = "Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage, configuration or input errors."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,

    #[command(flatten)]
    pub lint: LintArgs,

    /// With nodes (`--nodes`, `--cluster`, `--live`), each pod template is scheduled on
    /// them and one that fits nowhere is an error (`unschedulable`).
    #[command(flatten)]
    pub cluster: ClusterArgs,

    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// Kubernetes version of the target cluster (X.Y, 1.25 to 1.37; default the newest)
    #[arg(long, global = true, value_name = "X.Y", value_parser = parse_version)]
    pub kubernetes_version: Option<(u32, u32)>,

    /// Configuration file (default: the nearest .kubectl-lint.yaml up from the working directory)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Ignore any configuration file
    #[arg(long, global = true, conflicts_with = "config")]
    pub no_config: bool,

    /// Directory of declarative rules of your own (repeatable)
    #[arg(long = "rules", global = true, value_name = "DIR")]
    pub rules_dirs: Vec<PathBuf>,

    /// When to use colour
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// The kubeconfig to use with `--live` (default: KUBECONFIG, then ~/.kube/config)
    #[arg(long, global = true, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,

    /// The kubeconfig context to use with `--live`
    #[arg(long, global = true, value_name = "NAME")]
    pub context: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// How a command takes its inputs; every subcommand that reads manifests flattens this.
#[derive(Debug, Args, Default)]
pub struct InputArgs {
    /// File or directory to lint; repeatable, comma-separated, `-` for standard input
    #[arg(
        short = 'f',
        long = "filename",
        value_name = "PATH",
        value_delimiter = ','
    )]
    pub filenames: Vec<String>,

    /// Descend into subdirectories of directories given
    #[arg(short = 'R', long)]
    pub recursive: bool,

    /// Files or directories to lint (same as -f)
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,
}

impl InputArgs {
    pub fn all(&self) -> Vec<String> {
        self.filenames.iter().chain(&self.paths).cloned().collect()
    }
}

#[derive(Debug, Args)]
pub struct LintArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format
    #[arg(short = 'o', long, value_enum, default_value_t = Format::Human)]
    pub output: Format,

    /// Also check each file as an update of its version at this git revision (`HEAD`,
    /// `origin/main`); files that did not exist then are new objects
    #[arg(long, value_name = "REV")]
    pub base: Option<String>,

    /// CustomResourceDefinitions to check custom resources against (file or directory,
    /// repeatable); CRDs among the inputs are used too
    #[arg(long = "crd", value_name = "PATH", value_delimiter = ',')]
    pub crds: Vec<String>,

    /// The namespace the manifests are applied to, as with `kubectl apply -n`
    #[arg(short = 'n', long, value_name = "NAMESPACE")]
    pub namespace: Option<String>,

    /// Lowest level that makes the exit code 1
    #[arg(long, value_name = "LEVEL", value_parser = ["error", "warning", "info"])]
    pub fail_on: Option<String>,

    /// Report RULE, CATEGORY or `all` as warnings (applied left to right with --deny/--allow)
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub warn: Vec<String>,

    /// Report RULE, CATEGORY or `all` as errors
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub deny: Vec<String>,

    /// Turn RULE, CATEGORY or `all` off
    #[arg(long, value_name = "RULE", value_delimiter = ',')]
    pub allow: Vec<String>,

    /// Largest file read, in bytes
    #[arg(long, value_name = "BYTES", default_value_t = crate::source::DEFAULT_MAX_FILE_SIZE)]
    pub max_file_size: u64,

    /// Deepest YAML nesting accepted
    #[arg(long, value_name = "N", default_value_t = crate::yaml::Limits::default().max_depth)]
    pub max_depth: usize,

    /// Most nodes that YAML aliases may add to one file (over all its documents; a scalar
    /// counts one more per 64 bytes of its text)
    #[arg(long, value_name = "N", default_value_t = crate::yaml::Limits::default().max_alias_expansion)]
    pub max_alias_expansion: u64,

    /// Most YAML nodes in one file
    #[arg(long, value_name = "N", default_value_t = crate::yaml::Limits::default().max_nodes)]
    pub max_nodes: usize,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// kubectl's plugin completion: candidates for the last word, in Cobra's format
    #[command(name = "__complete", hide = true)]
    Complete {
        /// The words typed after `kubectl lint`
        #[arg(allow_hyphen_values = true, trailing_var_arg = true)]
        words: Vec<String>,
    },
    /// List every rule: id, category, default level, summary
    Rules {
        /// Output format
        #[arg(short = 'o', long, value_enum, default_value_t = ListFormat::Table)]
        output: ListFormat,
    },
    /// Print a rule's documentation
    Explain {
        /// The rule id
        rule: String,
    },
    /// Check NEW as an update of OLD: what the API server refuses when an object changes
    /// (objects paired by group, kind, namespace and name), plus everything `kubectl lint` checks
    Diff {
        /// The previous version (file or directory); or `--live`
        #[arg(value_name = "OLD", required_unless_present = "live")]
        old: Option<String>,
        /// Compare with the live objects of the cluster (GET only; nothing is written)
        #[arg(long, conflicts_with = "old")]
        live: bool,
        #[command(flatten)]
        lint: Box<LintArgs>,
    },
    /// For each pod spec: effective probes, start order, earliest Ready, probe deadlines,
    /// termination timeline and phases, as the kubelet would run it
    Timeline {
        #[command(flatten)]
        input: InputArgs,
        /// Output format
        #[arg(short = 'o', long, value_enum, default_value_t = TimelineFormat::Human)]
        output: TimelineFormat,
    },
    /// Will it schedule? For each pod template, kube-scheduler's verdict on the given nodes:
    /// feasible nodes, each other node's first failing filter, the FailedScheduling message,
    /// replica-by-replica placement, a DaemonSet's pod per node, the kubelet's verdict for a
    /// pod that names its node
    #[command(after_long_help = SCHEDULE_HELP)]
    Schedule {
        #[command(flatten)]
        input: InputArgs,
        #[command(flatten)]
        cluster: ClusterArgs,
        /// The namespace of objects that name none, as with `kubectl apply -n`
        #[arg(short = 'n', long, value_name = "NAMESPACE")]
        namespace: Option<String>,
        /// Output format
        #[arg(short = 'o', long, value_enum, default_value_t = ScheduleFormat::Human)]
        output: ScheduleFormat,
    },
    /// Print each object as the API server would store it after defaulting for the target
    /// version (Secret values masked)
    Defaults {
        #[command(flatten)]
        input: InputArgs,
        /// Output format
        #[arg(short = 'o', long, value_enum, default_value_t = DefaultsFormat::Yaml)]
        output: DefaultsFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DefaultsFormat {
    Yaml,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScheduleFormat {
    Human,
    Json,
}

const SCHEDULE_HELP: &str = "\
Nodes come from one of:
  --nodes FILE     a NodeList, as `kubectl get nodes -o yaml` prints it
  --cluster FILE   a cluster profile: the shape of a cluster, committed with the manifests
  --live           the cluster of the kubeconfig context (GET/LIST only)
and pods already running from --pods FILE (`kubectl get pods -A -o yaml`) or, with --live,
from the cluster.

A cluster profile:

  kind: ClusterProfile
  nodePools:
    - name: general                  # nodes general-1 .. general-6
      count: 6
      allocatable: {cpu: \"4\", memory: 16Gi, pods: 110}   # pods defaults to 110; a resource
                                     # left out is 0 (give ephemeral-storage if pods ask for it)
      zones: [eu-west-1a, eu-west-1b, eu-west-1c]  # round-robin (or zone: X)
      region: eu-west-1
      labels: {node.kubernetes.io/instance-type: m5.xlarge}
      taints: [{key: dedicated, value: batch, effect: NoSchedule}]

Each node is labelled kubernetes.io/hostname, kubernetes.io/os=linux,
kubernetes.io/arch=amd64, topology.kubernetes.io/zone and /region (the pool's labels win).

Exit codes: 0 every pod schedules, 1 some pod would stay Pending (or the kubelet rejects a
pod that names its node), 2 usage or input errors.";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

fn parse_version(s: &str) -> Result<(u32, u32), String> {
    let bad = || {
        format!(
            "`{s}` is not a Kubernetes version (X.Y, from 1.{} to 1.{})",
            SUPPORTED_VERSIONS.0, SUPPORTED_VERSIONS.1
        )
    };
    let s = s.strip_prefix('v').unwrap_or(s);
    let mut parts = s.split('.');
    let major: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let minor: u32 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    if major != 1 || !(SUPPORTED_VERSIONS.0..=SUPPORTED_VERSIONS.1).contains(&minor) {
        return Err(bad());
    }
    Ok((major, minor))
}

/// The terminal the CLI writes to.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    /// Whether standard output is a terminal (for `--color auto`).
    pub out_is_terminal: bool,
}

/// Runs the command line `args` (program name first) and returns the exit code.
pub fn run(args: impl IntoIterator<Item = impl Into<OsString> + Clone>, io: &mut Io<'_>) -> u8 {
    let matches = match Cli::command().try_get_matches_from(args) {
        Ok(m) => m,
        Err(e) => {
            let code = u8::from(e.use_stderr()) * 2;
            let text = if io.out_is_terminal {
                e.render().ansi().to_string()
            } else {
                e.render().to_string()
            };
            let _ = if e.use_stderr() {
                write!(io.err, "{text}")
            } else {
                write!(io.out, "{text}")
            };
            return code;
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(c) => c,
        Err(e) => {
            let _ = write!(io.err, "{}", e.render());
            return 2;
        }
    };
    let result = match &cli.command {
        None => lint::run(&cli, &cli.lint, &matches, None, io),
        Some(Command::Diff { old, live, lint }) => match matches.subcommand_matches("diff") {
            Some(sub) => {
                let against = match (old, live) {
                    (_, true) => lint::Against::Live,
                    (Some(o), false) => lint::Against::Files(o),
                    (None, false) => return 2,
                };
                lint::run(&cli, lint, sub, Some(against), io)
            }
            None => Err("internal error: no arguments for diff".into()),
        },
        Some(Command::Rules { output }) => rules::run(&cli, *output, io),
        Some(Command::Explain { rule }) => explain::run(&cli, rule, io),
        Some(Command::Completions { shell }) => complete::run_completions(*shell, io),
        Some(Command::Complete { words }) => complete::run_complete(words, io),
        Some(Command::Timeline { input, output }) => timeline::run(&cli, input, *output, io),
        Some(Command::Defaults { input, output }) => defaults::run(&cli, input, *output, io),
        Some(Command::Schedule {
            input,
            cluster,
            namespace,
            output,
        }) => schedule::run(&cli, input, cluster, namespace.as_deref(), *output, io),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            let _ = writeln!(io.err, "error: {}", crate::report::visible(&message));
            2
        }
    }
}

/// `--warn`/`--deny`/`--allow` values in the order they were given.
fn overrides(matches: &ArgMatches) -> Vec<(crate::diagnostic::Level, String)> {
    use crate::diagnostic::Level;
    let mut v = Vec::new();
    for (id, level) in [
        ("warn", Level::Warning),
        ("deny", Level::Error),
        ("allow", Level::Off),
    ] {
        if let (Some(idx), Some(vals)) = (matches.indices_of(id), matches.get_many::<String>(id)) {
            for (i, val) in idx.zip(vals) {
                v.push((i, level, val.clone()));
            }
        }
    }
    v.sort_by_key(|(i, _, _)| *i);
    v.into_iter().map(|(_, l, s)| (l, s)).collect()
}

/// The configuration in force, and the rule registry with the user's rule directories.
fn setup(cli: &Cli) -> Result<(crate::config::Config, crate::rules::Registry), String> {
    let config = config(cli)?;
    let mut dirs = config.rule_dirs.clone();
    dirs.extend(cli.global.rules_dirs.iter().cloned());
    let registry = crate::rules::Registry::load_limited(&dirs, max_file_size(cli))
        .map_err(|e| e.to_string())?;
    Ok((config, registry))
}

/// The limit flags in force: `diff`'s own, else the top-level ones, which the other
/// subcommands (`timeline`, `defaults`, `schedule`) take when given before them
/// (`kubectl lint --max-depth 2000 timeline -f deep.yaml`).
fn limit_args(cli: &Cli) -> &LintArgs {
    match &cli.command {
        Some(Command::Diff { lint, .. }) => lint,
        _ => &cli.lint,
    }
}

/// The largest file read. It bounds the configuration and rule files too, not only the
/// manifests.
fn max_file_size(cli: &Cli) -> u64 {
    limit_args(cli).max_file_size
}

/// How far parsing goes on every file a command reads (`--max-depth`, `--max-nodes`,
/// `--max-alias-expansion`).
fn yaml_limits(cli: &Cli) -> crate::yaml::Limits {
    let a = limit_args(cli);
    crate::yaml::Limits {
        max_depth: a.max_depth,
        max_nodes: a.max_nodes,
        max_alias_expansion: a.max_alias_expansion,
    }
}

/// The configuration in force (without the rules, which cost a schema compilation each).
fn config(cli: &Cli) -> Result<crate::config::Config, String> {
    Ok(if cli.global.no_config {
        crate::config::Config::default()
    } else {
        let path = match &cli.global.config {
            Some(p) => Some(p.clone()),
            None => std::env::current_dir()
                .ok()
                .and_then(|d| crate::config::find(&d)),
        };
        match path {
            Some(p) => crate::config::load(&p, max_file_size(cli)).map_err(|e| e.to_string())?,
            None => crate::config::Config::default(),
        }
    })
}

/// Runs `args` with both streams captured, as if not on a terminal: `(exit code, stdout,
/// stderr)`. For tests and benchmarks that drive the whole command line in-process.
pub fn run_captured(
    args: impl IntoIterator<Item = impl Into<OsString> + Clone>,
) -> (u8, Vec<u8>, Vec<u8>) {
    let mut out = Vec::new();
    let mut err = Vec::new();
    let code = run(
        args,
        &mut Io {
            out: &mut out,
            err: &mut err,
            out_is_terminal: false,
        },
    );
    (code, out, err)
}

/// Writes the results of an analysis subcommand (`timeline`, `schedule`): `{"results": [...]}`
/// as JSON, or the human text, with `empty` when there were no results.
/// Copies of secret values in either are masked (`masked`); the JSON escapes bidi controls and
/// line separators as `defaults` does.
fn write_results(
    io: &mut Io<'_>,
    json: bool,
    mut results: Vec<serde_json::Value>,
    mut text: String,
    empty: &str,
    secrets: &masked::RunSecrets,
) -> Result<(), String> {
    let w = |e: std::io::Error| format!("cannot write output: {e}");
    if json {
        results.iter_mut().for_each(|v| secrets.value(v));
        let text = serde_json::to_string_pretty(&serde_json::json!({ "results": results }))
            .map_err(|e| e.to_string())?;
        writeln!(io.out, "{}", crate::report::json_visible(&text)).map_err(w)
    } else {
        secrets.text(&mut text);
        if results.is_empty() {
            text.push_str(empty);
            text.push('\n');
        }
        // Names and values from the input are in it: no control character of theirs reaches
        // the terminal.
        io.out
            .write_all(crate::report::visible_lines(&text).as_bytes())
            .map_err(w)
    }
}

/// Reads and parses every input of an analysis subcommand (`timeline`, `schedule`, `defaults`) and hands
/// each file to `each`. Input and syntax errors go to standard error and make the exit code
/// 2; `each` may raise it too. `example` completes the "no input" message. The secret values
/// of every file read are added to `secrets` before `each` sees the file (and are handed to it).
fn for_each_file(
    cli: &Cli,
    input: &InputArgs,
    example: &str,
    io: &mut Io<'_>,
    secrets: &mut masked::RunSecrets,
    mut each: impl FnMut(&crate::model::File, &masked::RunSecrets, &mut Io<'_>) -> u8,
) -> Result<u8, String> {
    let config = config(cli)?;
    let inputs = input.all();
    if inputs.is_empty() {
        return Err(format!("no input: give files or directories (`{example}`)"));
    }
    let ignore: Vec<crate::source::Glob> = config
        .ignore
        .iter()
        .map(|g| crate::source::Glob::new(g))
        .collect();
    let expanded = crate::source::expand(&inputs, input.recursive, &ignore);
    let mut code = if expanded.errors.is_empty() { 0 } else { 2 };
    for e in &expanded.errors {
        let _ = writeln!(io.err, "error: {}", crate::report::visible(&e.to_string()));
    }
    for inp in &expanded.inputs {
        let src = match crate::source::read(inp, max_file_size(cli)) {
            Ok(s) => s,
            Err(e) => {
                let _ = writeln!(io.err, "error: {}", crate::report::visible(&e.to_string()));
                code = 2;
                continue;
            }
        };
        let file = crate::model::load(src, yaml_limits(cli));
        secrets.add(&file);
        if let Some(e) = &file.error {
            let p = file.lines.position(file.text(), e.span.start);
            let _ = writeln!(
                io.err,
                "error: {}:{}:{}: {}",
                crate::report::visible(&file.source.name),
                p.line,
                p.column,
                crate::report::visible(&secrets.str(&e.message))
            );
            code = 2;
        }
        code = code.max(each(&file, secrets, io));
    }
    Ok(code)
}
