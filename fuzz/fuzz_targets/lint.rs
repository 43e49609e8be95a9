//! The whole check pipeline: every rule on, the input linted as a file (and, when it holds
//! the marker `#%OLD` on a line of its own, as an update of the text before the marker),
//! every output format rendered, and the `timeline` and `defaults` analyses run on it.
//! Never panics; every finding lies inside the file.

#![no_main]

use std::io::Write as _;
use std::sync::OnceLock;

use kubectl_lint::diagnostic::Level;
use kubectl_lint::report::{self, Format, HumanStyle, Settings};
use kubectl_lint::rules::Registry;
use kubectl_lint::source::{Expanded, Input};
use kubectl_lint::yaml::Limits;
use libfuzzer_sys::fuzz_target;

fn registry() -> &'static Registry {
    static R: OnceLock<Registry> = OnceLock::new();
    R.get_or_init(|| Registry::load(&[] as &[&str]).expect("the built-in catalog loads"))
}

fn dir() -> &'static tempfile_dir::Dir {
    static D: OnceLock<tempfile_dir::Dir> = OnceLock::new();
    D.get_or_init(tempfile_dir::Dir::new)
}

/// A private directory for the input files of this process.
mod tempfile_dir {
    pub struct Dir(pub std::path::PathBuf);
    impl Dir {
        pub fn new() -> Self {
            let p = std::env::temp_dir().join(format!("kubectl-lint-fuzz-{}", std::process::id()));
            std::fs::create_dir_all(&p).expect("temporary directory");
            Dir(p)
        }
    }
}

fn write(name: &str, bytes: &[u8]) -> Input {
    let path = dir().0.join(name);
    let mut f = std::fs::File::create(&path).expect("temporary file");
    f.write_all(bytes).expect("temporary file");
    Input::File {
        path,
        name: name.to_string(),
    }
}

const MARKER: &[u8] = b"\n#%OLD\n";

fuzz_target!(|data: &[u8]| {
    let registry = registry();
    let (old, new) = match data.windows(MARKER.len()).position(|w| w == MARKER) {
        Some(i) => (Some(&data[..i]), &data[i + MARKER.len()..]),
        None => (None, data),
    };
    let input = write("new.yaml", new);
    let old_inputs: Vec<Input> = old.map(|o| write("old.yaml", o)).into_iter().collect();
    let levels = registry
        .rules
        .iter()
        .map(|r| {
            let l = if r.meta.level == Level::Off {
                Level::Warning
            } else {
                r.meta.level
            };
            (r.meta.id.clone(), l)
        })
        .collect::<std::collections::HashMap<_, _>>();
    let enabled = registry
        .rules
        .iter()
        .map(|r| (r, levels[&r.meta.id]))
        .collect();
    let settings = Settings {
        registry,
        enabled,
        levels,
        limits: Limits::default(),
        max_file_bytes: 1 << 20,
        version: kubectl_lint::rules::NEWEST,
        namespace: None,
        crd_inputs: Vec::new(),
        old_inputs,
        base: None,
        live: None,
        human: Some(HumanStyle {
            color: data.first().is_some_and(|b| b & 1 == 1),
            width: 100,
        }),
        options: kubectl_lint::config::options(registry, &kubectl_lint::config::Config::default())
            .expect("the catalog's default options"),
        cluster: None,
    };
    let expanded = Expanded {
        inputs: vec![input.clone()],
        ..Expanded::default()
    };
    let rep = report::lint_inputs(expanded, &settings);
    // Positions count lines as the loader does: a lone CR is a line break too.
    let text = String::from_utf8_lossy(new);
    let lines = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .count();
    for f in rep.findings() {
        assert!(
            f.line >= 1 && f.line <= lines && f.column >= 1,
            "{}: finding at {}:{} outside the file ({lines} lines)",
            f.rule,
            f.line,
            f.column
        );
        assert!(
            f.end_line >= f.line && f.end_line <= lines,
            "{}: end line",
            f.rule
        );
        assert!(
            f.span.start <= f.span.end && f.span.end <= text.len(),
            "{}: span",
            f.rule
        );
    }
    for format in [
        Format::Human,
        Format::Short,
        Format::Json,
        Format::Sarif,
        Format::Github,
        Format::Junit,
        Format::Gitlab,
    ] {
        let mut out = Vec::new();
        report::render(&rep, format, registry, &mut out).expect("rendering to memory");
    }
    let path = match &input {
        Input::File { path, .. } => path.to_string_lossy().into_owned(),
        Input::Stdin => unreachable!(),
    };
    for sub in ["timeline", "defaults"] {
        let (code, _, _) = kubectl_lint::cli::run_captured([
            "kubectl-lint",
            "--no-config",
            sub,
            "-f",
            path.as_str(),
        ]);
        assert!(code <= 2, "{sub} exit code {code}");
    }
});
