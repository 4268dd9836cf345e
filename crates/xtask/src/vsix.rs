//! `cargo xtask vsix`: the VS Code extension as installable `.vsix` packages, one per
//! platform (as rust-analyzer and Harper ship theirs) with that platform's `pmlint` in
//! the extension's `bin/`, plus the web one (vscode.dev, github.dev; also the desktop
//! fallback) with the WebAssembly server only. The client is bundled by esbuild and
//! packaged by `@vscode/vsce` offline. Every platform binary is cross-compiled here:
//! cargo-zigbuild (crates.io) with Zig from PyPI's `ziglang` as linker and C toolchain,
//! the Rust standard libraries from rustup. Next to the packages, the binaries as
//! `<target>/dist/pmlint-<version>-<triple>.tar.gz`, the GitHub Action's release assets.
//!
//! `cargo xtask vsix` builds them all with the release profile; `--host` builds only
//! this machine's package (quick, for development).

use crate::tools::{self, ensure_python_venv, ensure_rust_target, root, run_in, target_dir};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A VS Code platform and the Rust target whose `pmlint` it ships.
pub struct Platform {
    pub vsce: &'static str,
    pub triple: &'static str,
}

pub const PLATFORMS: [Platform; 5] = [
    Platform {
        vsce: "linux-x64",
        triple: "x86_64-unknown-linux-gnu",
    },
    Platform {
        vsce: "linux-arm64",
        triple: "aarch64-unknown-linux-gnu",
    },
    Platform {
        vsce: "darwin-x64",
        triple: "x86_64-apple-darwin",
    },
    Platform {
        vsce: "darwin-arm64",
        triple: "aarch64-apple-darwin",
    },
    Platform {
        vsce: "win32-x64",
        triple: "x86_64-pc-windows-gnu",
    },
];

/// CI's profile for the cross-compiled packages: no optimisation and no debug info, so
/// that the five targets build in minutes; `cargo xtask vsix` uses `release`.
pub const CI_PROFILE: &str = "ci-cross";

pub fn run(args: &[String]) -> Result<(), String> {
    let built = if args.iter().any(|a| a == "--host") {
        vec![build()?]
    } else {
        build_all("release")?
    };
    for vsix in built {
        eprintln!("built {}", vsix.display());
    }
    Ok(())
}

/// This machine's package (release binary), for the extension's tests; returns its path.
pub fn build() -> Result<PathBuf, String> {
    let target = vsce_target()?;
    let extension = prepare()?;
    let binary = build_release_binary()?;
    package(&extension, target, Some(&binary))
}

/// Every platform's package and the web one, the binaries built with `profile`.
pub fn build_all(profile: &str) -> Result<Vec<PathBuf>, String> {
    let extension = prepare()?;
    let path = ensure_cross_tools()?;
    let mut built = Vec::new();
    for platform in &PLATFORMS {
        let binary = cross_build(platform, profile, &path)?;
        archive(platform, &binary)?;
        built.push(package(&extension, platform.vsce, Some(&binary))?);
    }
    built.push(package(&extension, "web", None)?);
    Ok(built)
}

/// What every package shares: the version check, LICENSE, the WebAssembly server and
/// the npm dependencies. Returns the extension's folder.
fn prepare() -> Result<PathBuf, String> {
    let extension = root().join("vscode-extension");
    let version = extension_version(&extension)?;
    if version != env!("CARGO_PKG_VERSION") {
        return Err(format!(
            "vscode-extension/package.json says version {version} but the workspace is {}; keep them equal",
            env!("CARGO_PKG_VERSION")
        ));
    }
    copy(&root().join("LICENSE"), &extension.join("LICENSE"))?;
    build_wasm_server(&extension)?;
    // No install scripts: esbuild ships its binary as a platform package, and nothing
    // may reach beyond the npm registry.
    run_in(&extension, "npm", &["ci", "--ignore-scripts"])?;
    Ok(extension)
}

/// Packages the extension for `target` with `binary` (none for the web) in `bin/`.
fn package(extension: &Path, target: &str, binary: Option<&Path>) -> Result<PathBuf, String> {
    let bin_dir = extension.join("bin");
    // Remove first: the old binary may be running (a server started from this folder).
    let _ = std::fs::remove_dir_all(&bin_dir);
    if let Some(binary) = binary {
        std::fs::create_dir_all(&bin_dir).map_err(|e| format!("{}: {e}", bin_dir.display()))?;
        let name = if target.starts_with("win32") {
            "pmlint.exe"
        } else {
            "pmlint"
        };
        copy(binary, &bin_dir.join(name))?;
    }
    let vsix_name = format!("pmlint-{}-{target}.vsix", env!("CARGO_PKG_VERSION"));
    // `vscode:prepublish` bundles; the bundle has the dependencies inside it.
    let mut args = vec![
        "vsce",
        "package",
        "--target",
        target,
        "--no-dependencies",
        "--out",
        &vsix_name,
    ];
    if binary.is_none() {
        // The web package has no `bin/pmlint*`.
        args.push("--allow-unused-files-pattern");
    }
    run_in(extension, "npx", &args)?;
    Ok(extension.join(vsix_name))
}

/// Zig (PyPI) and cargo-zigbuild (crates.io) under the target directory; returns the
/// PATH that finds them (`python3 -m ziglang` is how cargo-zigbuild finds Zig).
fn ensure_cross_tools() -> Result<std::ffi::OsString, String> {
    let python = ensure_python_venv(&root().join("crates/xtask/cross/requirements.txt"))?;
    let tools_root = target_dir().join("tools");
    let zigbuild = tools_root.join("bin/cargo-zigbuild");
    if !zigbuild.exists() {
        tools::run(
            "cargo",
            &[
                "install",
                "cargo-zigbuild",
                "--locked",
                "--root",
                crate::web::path_str(&tools_root)?,
            ],
        )?;
    }
    let venv_bin = python.parent().ok_or("the venv's python has no folder")?;
    let rest = std::env::var_os("PATH").unwrap_or_default();
    let dirs = [venv_bin.to_path_buf(), tools_root.join("bin")];
    std::env::join_paths(dirs.into_iter().chain(std::env::split_paths(&rest)))
        .map_err(|e| format!("PATH: {e}"))
}

/// `pmlint` for `platform`, built with `profile` by cargo-zigbuild (at `nice` 10: the
/// machine is shared); returns the binary.
fn cross_build(
    platform: &Platform,
    profile: &str,
    path: &std::ffi::OsStr,
) -> Result<PathBuf, String> {
    ensure_rust_target(platform.triple)?;
    let mut command = Command::new("nice");
    command
        .args([
            "-n", "10", "cargo", "zigbuild", "--locked", "-p", "pmlint", "--bin", "pmlint",
        ])
        .args(["--profile", profile, "--target", platform.triple])
        .current_dir(root())
        .env("PATH", path);
    tools::run_command(command)?;
    let exe = if platform.triple.contains("windows") {
        "pmlint.exe"
    } else {
        "pmlint"
    };
    Ok(target_dir().join(platform.triple).join(profile).join(exe))
}

/// `<target>/dist/pmlint-<version>-<triple>.tar.gz` with the binary at its root.
fn archive(platform: &Platform, binary: &Path) -> Result<(), String> {
    let dist = target_dir().join("dist");
    std::fs::create_dir_all(&dist).map_err(|e| format!("{}: {e}", dist.display()))?;
    let name = format!(
        "pmlint-{}-{}.tar.gz",
        env!("CARGO_PKG_VERSION"),
        platform.triple
    );
    let folder = binary.parent().ok_or("the binary has no folder")?;
    let file = binary.file_name().ok_or("the binary has no name")?;
    let mut command = Command::new("tar");
    command
        .arg("-czf")
        .arg(dist.join(name))
        .arg("-C")
        .arg(folder)
        .arg(file);
    tools::run_command(command)
}

/// The WebAssembly build with the language server (crates/pmlint-wasm), bound for the
/// web (`initSync` on the bytes the bundle inlines) into `vscode-extension/wasm`, which
/// the web worker and the desktop fallback bundle.
fn build_wasm_server(extension: &Path) -> Result<(), String> {
    let wasm = crate::web::build_wasm()?;
    let bindgen = crate::web::ensure_wasm_bindgen()?;
    let out = extension.join("wasm");
    crate::tools::run(
        crate::web::path_str(&bindgen)?,
        &[
            "--target",
            "web",
            "--out-dir",
            crate::web::path_str(&out)?,
            crate::web::path_str(&wasm)?,
        ],
    )
}

/// VS Code's name for the platform the binary is built for.
fn vsce_target() -> Result<&'static str, String> {
    match (std::env::consts::OS, std::env::consts::ARCH) {
        ("linux", "x86_64") => Ok("linux-x64"),
        ("linux", "aarch64") => Ok("linux-arm64"),
        ("macos", "x86_64") => Ok("darwin-x64"),
        ("macos", "aarch64") => Ok("darwin-arm64"),
        (os, arch) => Err(format!("no VS Code target for {os}-{arch} yet")),
    }
}

fn extension_version(extension: &Path) -> Result<String, String> {
    let manifest = extension.join("package.json");
    let text =
        std::fs::read_to_string(&manifest).map_err(|e| format!("{}: {e}", manifest.display()))?;
    let json: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", manifest.display()))?;
    json["version"]
        .as_str()
        .map(str::to_string)
        .ok_or_else(|| format!("{}: no version", manifest.display()))
}

/// Builds the release binary and returns its path, as cargo reports it (wherever
/// `CARGO_TARGET_DIR` points).
fn build_release_binary() -> Result<PathBuf, String> {
    let args = [
        "build",
        "--release",
        "--locked",
        "-p",
        "pmlint",
        "--bin",
        "pmlint",
        // Artifacts as JSON on stdout; progress and diagnostics as usual on stderr.
        "--message-format=json-render-diagnostics",
    ];
    eprintln!("$ cargo {}", args.join(" "));
    let output = Command::new("cargo")
        .args(args)
        .current_dir(root())
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo {}` failed ({})",
            args.join(" "),
            output.status
        ));
    }
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(line).ok())
        .filter(|message| message["target"]["name"] == "pmlint")
        .find_map(|message| message["executable"].as_str().map(PathBuf::from))
        .ok_or_else(|| "cargo did not report the pmlint executable".to_string())
}

fn copy(from: &Path, to: &Path) -> Result<(), String> {
    // Remove first: the old binary may be running (a server started from this folder).
    let _ = std::fs::remove_file(to);
    std::fs::copy(from, to)
        .map(drop)
        .map_err(|e| format!("copying {} to {}: {e}", from.display(), to.display()))
}
