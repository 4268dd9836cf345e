//! `cargo xtask vsix`: the VS Code extension as one installable, platform-specific
//! `.vsix` (as rust-analyzer and Harper ship theirs): the release `pmlint` binary in the
//! extension's `bin/`, the client bundled by esbuild, packaged by `@vscode/vsce` offline.

use crate::tools::{root, run_in};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

pub fn run() -> Result<(), String> {
    let vsix = build()?;
    eprintln!("built {}", vsix.display());
    Ok(())
}

/// Builds the `.vsix` and returns its path.
pub fn build() -> Result<PathBuf, String> {
    let target = vsce_target()?;
    let extension = root().join("vscode-extension");
    let version = extension_version(&extension)?;
    if version != env!("CARGO_PKG_VERSION") {
        return Err(format!(
            "vscode-extension/package.json says version {version} but the workspace is {}; keep them equal",
            env!("CARGO_PKG_VERSION")
        ));
    }

    let binary = build_release_binary()?;
    let bin_dir = extension.join("bin");
    std::fs::create_dir_all(&bin_dir).map_err(|e| format!("{}: {e}", bin_dir.display()))?;
    copy(&binary, &bin_dir.join("pmlint"))?;
    copy(&root().join("LICENSE"), &extension.join("LICENSE"))?;
    build_wasm_server(&extension)?;

    // No install scripts: esbuild ships its binary as a platform package, and nothing
    // may reach beyond the npm registry.
    run_in(&extension, "npm", &["ci", "--ignore-scripts"])?;
    let vsix_name = format!("pmlint-{version}-{target}.vsix");
    // `vscode:prepublish` bundles; the bundle has the dependencies inside it.
    run_in(
        &extension,
        "npx",
        &[
            "vsce",
            "package",
            "--target",
            target,
            "--no-dependencies",
            "--out",
            &vsix_name,
        ],
    )?;
    Ok(extension.join(vsix_name))
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
