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
    let mut command = Command::new(program);
    command.args(args).current_dir(dir);
    run_command(command)
}

/// Runs a prepared command, echoing it; fails on a non-zero exit.
pub fn run_command(mut command: Command) -> Result<(), String> {
    let shown = format!(
        "{} {}",
        command.get_program().to_string_lossy(),
        command
            .get_args()
            .map(|a| a.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ")
    );
    eprintln!("$ {shown}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{shown}` failed ({status})"))
    }
}

/// Cargo's target directory: `CARGO_TARGET_DIR` or `target/` in the root. Tools that
/// xtask installs and fuzzing corpora live there too, outside the repository.
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("target"))
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

/// Installs a Debian package when `program` is not on the PATH.
pub fn ensure_apt_package(program: &str, package: &str) -> Result<(), String> {
    if Command::new("which")
        .arg(program)
        .output()
        .is_ok_and(|o| o.status.success())
    {
        return Ok(());
    }
    run("apt-get", &["update"])?;
    run(
        "apt-get",
        &["install", "-y", "--no-install-recommends", package],
    )
}

/// Installs the Debian packages that are not installed yet (for packages without a
/// program to look for, such as Emacs Lisp libraries).
pub fn ensure_debian_packages(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|package| {
            !Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", package])
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).ends_with(" installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    run("apt-get", &["update"])?;
    let mut args = vec!["install", "-y", "--no-install-recommends"];
    args.extend(missing);
    run("apt-get", &args)
}

/// A Python venv under target/ with the packages of `requirements` (from PyPI);
/// returns its interpreter. Reinstalls only when the requirements change.
pub fn ensure_python_venv(requirements: &Path) -> Result<PathBuf, String> {
    let name = requirements
        .parent()
        .and_then(Path::file_name)
        .map_or("venv".into(), |n| n.to_string_lossy().into_owned());
    let venv = root().join("target").join(format!("venv-{name}"));
    let python = venv.join("bin/python");
    let wanted = std::fs::read_to_string(requirements)
        .map_err(|e| format!("cannot read {}: {e}", requirements.display()))?;
    let stamp = venv.join("requirements.installed");
    if python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(&wanted) {
        return Ok(python);
    }
    if !python.exists() {
        ensure_apt_package_for_venv()?;
        run("python3", &["-m", "venv", &venv.to_string_lossy()])?;
    }
    let python_str = python.to_string_lossy();
    run(
        &python_str,
        &[
            "-m",
            "pip",
            "install",
            "--quiet",
            "-r",
            &requirements.to_string_lossy(),
        ],
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
    Ok(python)
}

/// Debian splits `venv` out of python3.
fn ensure_apt_package_for_venv() -> Result<(), String> {
    let has_venv = Command::new("python3")
        .args(["-c", "import ensurepip, venv"])
        .output()
        .is_ok_and(|o| o.status.success());
    if has_venv {
        return Ok(());
    }
    run("apt-get", &["update"])?;
    run(
        "apt-get",
        &[
            "install",
            "-y",
            "--no-install-recommends",
            "python3-venv",
            "python3-pip",
        ],
    )
}

/// Builds `pmlint` and returns the path of the binary.
pub fn build_pmlint() -> Result<String, String> {
    run("cargo", &["build", "-p", "pmlint", "--locked"])?;
    let target = std::env::var("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|_| root().join("target"));
    Ok(target.join("debug/pmlint").to_string_lossy().into_owned())
}
