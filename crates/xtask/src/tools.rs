//! Running commands and installing what a fresh machine lacks, only from the package
//! registries (crates.io, npm, PyPI, Debian). Add installers here, one per kind of tool.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The workspace root (xtask lives in crates/xtask).
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .expect("xtask is two levels below the root")
        .to_path_buf()
}

/// Runs a command in the workspace root, echoing it; fails on a non-zero exit.
pub fn run(program: &str, args: &[&str]) -> Result<(), String> {
    run_in(&root(), program, args)
}

pub fn run_in(dir: &Path, program: &str, args: &[&str]) -> Result<(), String> {
    eprintln!("$ {program} {}", args.join(" "));
    let status = Command::new(program)
        .args(args)
        .current_dir(dir)
        .status()
        .map_err(|e| format!("cannot run {program}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{program} {}` failed ({status})", args.join(" ")))
    }
}

/// Adds a rustup target when missing.
pub fn ensure_rust_target(target: &str) -> Result<(), String> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()
        .map_err(|e| format!("cannot run rustup: {e}"))?;
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == target)
    {
        return Ok(());
    }
    run("rustup", &["target", "add", target])
}

/// Installs a Debian package when the program it provides is missing (CI runs as root).
pub fn ensure_apt_package(program: &str, package: &str) -> Result<(), String> {
    if Path::new(program).exists() {
        return Ok(());
    }
    run("apt-get", &["update", "-q"])?;
    run(
        "apt-get",
        &["install", "-y", "-q", "--no-install-recommends", package],
    )
}
