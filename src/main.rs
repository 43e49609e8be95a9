// One exception, `allocator::keep_freed_memory`: a call into the allocator's C API.
#![deny(unsafe_code)]

use std::io::IsTerminal;

mod allocator;

fn main() -> std::process::ExitCode {
    allocator::keep_freed_memory();
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
