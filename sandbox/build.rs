//! Embeds every file of `fixtures/` (the documented examples), so that the sandbox binary and
//! the published crate carry them and `pokitdok_sandbox::fixtures` can list them.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
    let dir =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets it")).join("fixtures");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixtures/ exists")
        .map(|e| {
            e.expect("readable entry")
                .file_name()
                .into_string()
                .expect("UTF-8 name")
        })
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let mut out = String::from("/// Every fixture: `(file name, contents)`, sorted by name.\n");
    out.push_str("pub static ALL: &[(&str, &str)] = &[\n");
    for n in &names {
        let path = dir.join(n);
        writeln!(
            out,
            "    ({n:?}, include_str!({:?})),",
            path.display().to_string()
        )
        .expect("write to a String");
    }
    out.push_str("];\n");
    let dest = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets it")).join("fixtures.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
