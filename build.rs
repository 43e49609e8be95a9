//! Embeds the rule catalog (`rules/*.yaml`) into the binary.

use std::fmt::Write;

fn main() {
    println!("cargo:rerun-if-changed=rules");
    // Worktrees that share one CARGO_TARGET_DIR share this script and its output (cargo
    // hashes a path package by its path relative to the workspace), so read the rules of
    // the package being built, not of whichever checkout compiled the script, and rerun
    // when cargo is started from another checkout.
    println!("cargo:rerun-if-env-changed=PWD");
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let dir = std::path::Path::new(&root).join("rules");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("rules/ directory")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml"))
        .collect();
    names.sort();
    let mut out = String::from("/// The built-in catalog: (file name, contents).\npub static EMBEDDED: &[(&str, &str)] = &[\n");
    for n in names {
        println!("cargo:rerun-if-changed=rules/{n}");
        writeln!(
            out,
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/rules/{n}\"))),"
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("catalog.rs");
    std::fs::write(dest, out).unwrap();
}
