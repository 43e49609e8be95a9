//! Reads inputs: files, directories (optionally recursive), standard input. Keeps the name the
//! user typed. Knows nothing about YAML.

pub mod git;
mod glob;
pub mod live;

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use glob::Glob;

/// One input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File { path: PathBuf, name: String },
    Stdin,
}

impl Input {
    pub fn name(&self) -> &str {
        match self {
            Input::File { name, .. } => name,
            Input::Stdin => "<stdin>",
        }
    }
}

/// The text of one input, read once and shared.
#[derive(Debug, Clone)]
pub struct Source {
    /// The path as the user gave it (or as found under a directory they gave).
    pub name: String,
    pub text: Arc<str>,
    /// Byte offset of the first byte that was not UTF-8 (the text then holds U+FFFD there).
    pub invalid_utf8_at: Option<usize>,
}

/// A problem with the inputs themselves (not with what they contain): exit code 2.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: {message}")]
pub struct InputError {
    pub name: String,
    pub message: String,
}

/// A note about the inputs that does not change the exit code (a symlink loop skipped).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputNote {
    pub name: String,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Expanded {
    pub inputs: Vec<Input>,
    pub errors: Vec<InputError>,
    pub notes: Vec<InputNote>,
}

/// The largest input read unless `--max-file-size` says otherwise: manifests, the old side
/// of an update, CRDs, the configuration file and rule files alike.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1024 * 1024;

const EXTENSIONS: [&str; 3] = ["yaml", "yml", "json"];

/// Turns what the user typed into a list of inputs, in order, directories sorted by name.
/// `ignore` drops files and directories whose path matches.
pub fn expand(args: &[String], recursive: bool, ignore: &[Glob]) -> Expanded {
    let mut out = Expanded::default();
    let mut seen_dirs = HashSet::new();
    for arg in args {
        if arg == "-" {
            out.inputs.push(Input::Stdin);
            continue;
        }
        let path = PathBuf::from(arg);
        match std::fs::metadata(&path) {
            Err(e) => out.errors.push(InputError {
                name: arg.clone(),
                message: io_message(&e),
            }),
            Ok(m) if m.is_dir() => {
                let before = (out.inputs.len(), out.errors.len(), out.notes.len());
                walk(&path, arg, recursive, ignore, &mut seen_dirs, &mut out);
                if before == (out.inputs.len(), out.errors.len(), out.notes.len()) {
                    // As `kubectl apply -f` says "no objects passed": nothing to lint here is
                    // almost always a wrong path.
                    out.errors.push(InputError {
                        name: arg.clone(),
                        message: if recursive {
                            "a directory with no .yaml, .yml or .json file".into()
                        } else {
                            "a directory with no .yaml, .yml or .json file (add -R to descend into subdirectories)".into()
                        },
                    });
                }
            }
            Ok(_) => {
                if !is_ignored(arg, ignore) {
                    out.inputs.push(Input::File {
                        path,
                        name: arg.clone(),
                    });
                }
            }
        }
    }
    out
}

fn has_manifest_extension(file_name: &str) -> bool {
    Path::new(file_name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_ignored(name: &str, ignore: &[Glob]) -> bool {
    let name = name.strip_prefix("./").unwrap_or(name);
    ignore.iter().any(|g| g.matches(name))
}

fn walk(
    dir: &Path,
    name: &str,
    recursive: bool,
    ignore: &[Glob],
    seen: &mut HashSet<PathBuf>,
    out: &mut Expanded,
) {
    // Directories are visited iteratively so that a deep tree cannot overflow the stack.
    let mut stack = vec![(dir.to_path_buf(), name.to_string())];
    while let Some((dir, name)) = stack.pop() {
        match std::fs::canonicalize(&dir) {
            Ok(real) => {
                if !seen.insert(real) {
                    out.notes.push(InputNote {
                        name: name.clone(),
                        message: "directory already visited (symbolic link loop?); skipped".into(),
                    });
                    continue;
                }
            }
            Err(e) => {
                out.errors.push(InputError {
                    name,
                    message: io_message(&e),
                });
                continue;
            }
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                out.errors.push(InputError {
                    name,
                    message: io_message(&e),
                });
                continue;
            }
        };
        let mut children: Vec<(String, PathBuf)> = entries
            .filter_map(Result::ok)
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect();
        children.sort();
        let mut subdirs = Vec::new();
        for (file_name, path) in children {
            let child_name = if name.ends_with('/') {
                format!("{name}{file_name}")
            } else {
                format!("{name}/{file_name}")
            };
            // Hidden entries (`.git`, `.kubectl-lint.yaml`, `.gitlab-ci.yml`) are not manifests;
            // name one explicitly to lint it.
            if file_name.starts_with('.') || is_ignored(&child_name, ignore) {
                continue;
            }
            // Follows symbolic links; a dangling one is an unreadable input.
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    if recursive {
                        subdirs.push((path, child_name));
                    }
                }
                Ok(m) if !m.is_file() => {
                    // A FIFO would block the read forever, a device never end.
                    if has_manifest_extension(&file_name) {
                        out.notes.push(InputNote {
                            name: child_name,
                            message: "not a regular file; skipped".into(),
                        });
                    }
                }
                Ok(_) => {
                    if has_manifest_extension(&file_name) {
                        out.inputs.push(Input::File {
                            path,
                            name: child_name,
                        });
                    }
                }
                Err(e) => out.errors.push(InputError {
                    name: child_name,
                    message: io_message(&e),
                }),
            }
        }
        // Reverse so that the stack yields subdirectories in name order.
        stack.extend(subdirs.into_iter().rev());
    }
}

/// Reads one input whole. Invalid UTF-8 is not an input error: the text is kept (lossily)
/// so that the problem can be reported at its position.
pub fn read(input: &Input, max_bytes: u64) -> Result<Source, InputError> {
    let name = input.name().to_string();
    let err = |message: String| InputError {
        name: name.clone(),
        message,
    };
    let bytes = match input {
        Input::Stdin => read_limited(std::io::stdin().lock(), max_bytes),
        Input::File { path, .. } => std::fs::File::open(path)
            .map_err(|e| Limited::Io(io_message(&e)))
            .and_then(|f| read_limited(f, max_bytes)),
    }
    .map_err(|e| err(e.to_string()))?;
    Ok(from_bytes(name, bytes))
}

/// Why [`read_limited`] stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Limited {
    #[error("{0}")]
    Io(String),
    #[error("larger than {0} bytes (raise --max-file-size to allow it)")]
    TooLarge(u64),
}

/// Reads `r` to its end, but never more than `max_bytes` (and one byte to tell): a device,
/// a sparse file or a pipe that never ends costs at most the limit.
pub fn read_limited(r: impl Read, max_bytes: u64) -> Result<Vec<u8>, Limited> {
    let mut bytes = Vec::new();
    r.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Limited::Io(io_message(&e)))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Limited::TooLarge(max_bytes));
    }
    Ok(bytes)
}

/// Reads a UTF-8 text file that is not a manifest (the configuration, a rule file), within
/// the same limit. The error says what went wrong, not which file.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, String> {
    let bytes = std::fs::File::open(path)
        .map_err(|e| Limited::Io(io_message(&e)))
        .and_then(|f| read_limited(f, max_bytes))
        .map_err(|e| match e {
            Limited::Io(m) => format!("cannot read: {m}"),
            too_large => too_large.to_string(),
        })?;
    String::from_utf8(bytes)
        .map_err(|e| format!("not valid UTF-8 (at byte {})", e.utf8_error().valid_up_to()))
}

/// Builds a source from bytes already in memory.
///
/// A lone carriage return (old Mac line ends) is a line break to YAML; it becomes a line
/// feed here, byte for byte, so that every later stage counts lines the same way.
pub fn from_bytes(name: String, mut bytes: Vec<u8>) -> Source {
    let mut i = 0;
    while let Some(at) = bytes[i..].iter().position(|b| *b == b'\r') {
        i += at + 1;
        if bytes.get(i) != Some(&b'\n') {
            bytes[i - 1] = b'\n';
        }
    }
    match String::from_utf8(bytes) {
        Ok(text) => Source {
            name,
            text: text.into(),
            invalid_utf8_at: None,
        },
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Source {
                name,
                text: String::from_utf8_lossy(e.as_bytes()).into(),
                invalid_utf8_at: Some(at),
            }
        }
    }
}

pub(crate) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            let s = e.to_string();
            // "Is a directory (os error 21)" -> "is a directory"
            let s = s.split(" (os error").next().unwrap_or(&s).to_string();
            let mut c = s.chars();
            match c.next() {
                Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
                None => s,
            }
        }
    }
}
