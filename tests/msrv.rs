//! The minimum Rust version in Cargo.toml (`rust-version`) holds for what is built with it.
//!
//! This machine has one toolchain, so the version cannot be built here. What can be checked:
//! clippy's `incompatible_msrv` lint (on by default, run by CI) flags standard library calls
//! newer than `rust-version`, and this test flags any locked dependency that asks for a newer
//! Rust than wheelbook says it needs.

use std::process::Command;

/// `major.minor` of a version such as "1.89" or "1.85.0".
fn major_minor(version: &str) -> (u32, u32) {
    let mut parts = version
        .split('.')
        .map(|part| part.parse::<u32>().unwrap_or(0));
    (parts.next().unwrap_or(0), parts.next().unwrap_or(0))
}

/// The platform this test was built for, as rustc names it.
fn host() -> String {
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let output = Command::new(rustc)
        .args(["--print", "host-tuple"])
        .output()
        .expect("rustc runs");
    assert!(output.status.success(), "rustc --print host-tuple");
    String::from_utf8_lossy(&output.stdout).trim().to_string()
}

#[test]
fn no_locked_dependency_needs_a_newer_rust_than_wheelbook_declares() {
    let ours = major_minor(env!("CARGO_PKG_RUST_VERSION"));
    assert!(ours >= (1, 0), "Cargo.toml declares a rust-version");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    // The dependencies of this machine's platform: the ones the build has downloaded. Those
    // of other platforms (Windows, Android) may not be on a fresh machine, and offline,
    // metadata without the filter would need them all.
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .args(["--filter-platform", &host()])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("cargo metadata runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    let resolved: Vec<&str> = metadata["resolve"]["nodes"]
        .as_array()
        .expect("a resolved graph")
        .iter()
        .filter_map(|node| node["id"].as_str())
        .collect();
    assert!(
        resolved.len() > 10,
        "the graph has wheelbook's dependencies"
    );
    let too_new: Vec<String> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .filter(|package| {
            package["id"]
                .as_str()
                .is_some_and(|id| resolved.contains(&id))
        })
        .filter_map(|package| {
            let needs = package["rust_version"].as_str()?;
            (major_minor(needs) > ours).then(|| {
                format!(
                    "{} {} needs Rust {needs}",
                    package["name"].as_str().unwrap_or("?"),
                    package["version"].as_str().unwrap_or("?")
                )
            })
        })
        .collect();
    assert!(
        too_new.is_empty(),
        "Cargo.toml says Rust {}.{} is enough, but: {too_new:?}. Lock an older version \
         (cargo update -p NAME --precise VERSION) or raise rust-version and the README.",
        ours.0,
        ours.1
    );
}
