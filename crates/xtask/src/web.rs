//! The WebAssembly build and the editor page (`editor-web/`).
//!
//! wasm-pack is not used: its default flow downloads wasm-bindgen and wasm-opt from
//! outside the package registries, and its `--mode no-install` adds nothing over the
//! two steps it runs, done here directly: `cargo build --target wasm32-unknown-unknown`,
//! then `wasm-bindgen` (installed from crates.io at exactly the version in Cargo.lock,
//! which it must match) for the page (`--target web`, into `editor-web/pkg`) and for
//! Node (`--target experimental-nodejs-module`, an ES module, into `editor-web/pkg-node`).
//! Debian's `wasm-opt` (binaryen 108) is not run: it predates the reference-types
//! tables wasm-bindgen now emits and its output fails to instantiate.

use crate::tools::{self, ensure_rust_target, root, target_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

const WASM_TARGET: &str = "wasm32-unknown-unknown";
/// Debian's Chromium, which the browser tests drive (never a downloaded browser).
const CHROMIUM: &str = "/usr/bin/chromium";

/// Everything the page and the JS tests need: both wasm packages, node_modules and dist/.
pub fn build() -> Result<(), String> {
    let wasm = build_wasm()?;
    let bindgen = ensure_wasm_bindgen()?;
    let editor = root().join("editor-web");
    for (target, dir) in [("web", "pkg"), ("experimental-nodejs-module", "pkg-node")] {
        let out = editor.join(dir);
        tools::run(
            path_str(&bindgen)?,
            &[
                "--target",
                target,
                "--out-dir",
                path_str(&out)?,
                path_str(&wasm)?,
            ],
        )?;
    }
    npm_ci(&editor)?;
    tools::run_in(&editor, "node", &["build.mjs"])
}

/// `cargo xtask serve`: builds everything and serves the page on 127.0.0.1:8080.
pub fn serve() -> Result<(), String> {
    build()?;
    tools::run_in(&root().join("editor-web"), "node", &["serve.mjs", "8080"])
}

/// CI: type-checks the page against the generated declarations, then runs the Node
/// suites: the API, parity with the CLI, and the page in Chromium.
pub fn test() -> Result<(), String> {
    build()?;
    let cli = build_cli()?;
    tools::ensure_apt_package("chromium", "chromium")?;
    let editor = root().join("editor-web");
    tools::run_in(
        &editor,
        "npx",
        &["--no-install", "tsc", "--noEmit", "-p", "."],
    )?;
    eprintln!("$ PMLINT_BIN={} node --test tests/", cli.display());
    let status = Command::new("node")
        .args(["--test", "tests/"])
        .env("PMLINT_BIN", &cli)
        .env("CHROMIUM", CHROMIUM)
        .current_dir(&editor)
        .status()
        .map_err(|e| format!("cannot run node: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the editor-web tests failed ({status})"))
    }
}

pub(crate) fn path_str(path: &Path) -> Result<&str, String> {
    path.to_str()
        .ok_or_else(|| format!("{} is not valid UTF-8", path.display()))
}

/// The release build of pmlint-wasm: what the page ships and what is measured.
pub(crate) fn build_wasm() -> Result<PathBuf, String> {
    ensure_rust_target(WASM_TARGET)?;
    tools::run(
        "cargo",
        &[
            "build",
            "-p",
            "pmlint-wasm",
            "--target",
            WASM_TARGET,
            "--release",
            "--locked",
        ],
    )?;
    Ok(target_dir()
        .join(WASM_TARGET)
        .join("release")
        .join("pmlint_wasm.wasm"))
}

/// The CLI the parity test compares with.
fn build_cli() -> Result<PathBuf, String> {
    tools::run("cargo", &["build", "-p", "pmlint", "--locked"])?;
    Ok(target_dir()
        .join("debug")
        .join(format!("pmlint{}", std::env::consts::EXE_SUFFIX)))
}

/// The wasm-bindgen crate version in Cargo.lock: the CLI must be the same version.
fn locked_wasm_bindgen_version() -> Result<String, String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines
                .next()
                .and_then(|l| l.strip_prefix("version = \""))
                .and_then(|l| l.strip_suffix('"'))
            {
                return Ok(version.to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".to_string())
}

/// wasm-bindgen-cli at the locked version, installed from crates.io into
/// `<target>/tools` when it is not there yet.
pub(crate) fn ensure_wasm_bindgen() -> Result<PathBuf, String> {
    let version = locked_wasm_bindgen_version()?;
    let tools_root = target_dir().join("tools");
    let binary = tools_root
        .join("bin")
        .join(format!("wasm-bindgen{}", std::env::consts::EXE_SUFFIX));
    let installed = Command::new(&binary)
        .arg("--version")
        .output()
        .ok()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    if installed.as_deref() == Some(&format!("wasm-bindgen {version}")) {
        return Ok(binary);
    }
    let root_arg = path_str(&tools_root)?.to_string();
    let install = |locked: bool| {
        let mut args = vec![
            "install",
            "wasm-bindgen-cli",
            "--version",
            &version,
            "--root",
            &root_arg,
            "--force",
        ];
        if locked {
            args.push("--locked");
        }
        tools::run("cargo", &args)
    };
    // The CLI's own lockfile can name a dependency version the registry no longer
    // serves (yanked); then it is resolved afresh, still at the exact CLI version.
    install(true).or_else(|e| {
        eprintln!("xtask: {e}; installing wasm-bindgen-cli {version} without --locked");
        install(false)
    })?;
    Ok(binary)
}

/// The page's npm dependencies, exactly as package-lock.json pins them.
fn npm_ci(editor: &Path) -> Result<(), String> {
    tools::run_in(editor, "npm", &["ci", "--no-audit", "--no-fund"])
}
