#![forbid(unsafe_code)]

use std::io::IsTerminal;

// A third of the time went to glibc's malloc and free (one allocation per tree node, JSON
// value and string); mimalloc halves that.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let stdout = std::io::stdout();
    let out_is_terminal = stdout.is_terminal();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut err = std::io::stderr();
    let code = kubectl_lint::cli::run(
        std::env::args_os(),
        &mut kubectl_lint::cli::Io {
            out: &mut out,
            err: &mut err,
            out_is_terminal,
        },
    );
    drop(out);
    std::process::ExitCode::from(code)
}
