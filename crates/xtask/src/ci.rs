//! `cargo xtask ci`: every suite, on a fresh machine, in one command. Each step installs
//! what it needs first. Timing is never asserted here: a slow shared machine must not fail CI.

use crate::tools::{
    self, build_pmlint, ensure_apt_package, ensure_debian_packages, ensure_python_venv,
    ensure_rust_target, run_in,
};
use crate::vsix;
use std::process::Command;

/// A named CI step: installs what it needs, then runs its suite.
type Step = (&'static str, fn() -> Result<(), String>);

/// The steps in order: cheap checks first so that a formatting slip fails fast.
const STEPS: &[Step] = &[
    ("format", format),
    ("clippy", clippy),
    ("rust tests", rust_tests),
    ("core builds for wasm32", core_wasm32),
    ("language server: pytest-lsp", lsp_pytest),
    ("language server: Neovim", lsp_neovim),
    ("language server: Emacs + eglot", lsp_emacs),
    ("GitHub Action and pre-commit hook", ecosystem),
    ("vscode extension", vscode_extension),
    ("platform packages, cross-compiled", platform_packages),
    ("npm package of the WebAssembly build", crate::npm::test),
    ("cargo publish --dry-run", publish_dry_run),
    (
        "wasm API, CLI parity and editor page in Chromium",
        crate::web::test,
    ),
    ("report page in Chromium", report_page),
    ("fuzz smoke", crate::fuzz::smoke),
];

/// Runs every step, or with arguments only the steps whose names contain one of them
/// (`cargo xtask ci neovim`, case-insensitive).
pub fn run(only: &[String]) -> Result<(), String> {
    let selected = STEPS.iter().filter(|(name, _)| {
        let name = name.to_lowercase();
        only.is_empty() || only.iter().any(|o| name.contains(&o.to_lowercase()))
    });
    for (name, step) in selected {
        eprintln!("\n==> {name}");
        step().map_err(|e| format!("{name}: {e}"))?;
    }
    eprintln!("\nAll CI steps passed.");
    Ok(())
}

fn format() -> Result<(), String> {
    tools::run("cargo", &["fmt", "--all", "--", "--check"])
}

fn clippy() -> Result<(), String> {
    tools::run(
        "cargo",
        &[
            "clippy",
            "--workspace",
            "--all-targets",
            "--locked",
            "--",
            "-D",
            "warnings",
        ],
    )
}

fn rust_tests() -> Result<(), String> {
    tools::run("cargo", &["test", "--workspace", "--locked"])
}

/// The core must stay free of I/O and threads: prove it by building for wasm32.
fn core_wasm32() -> Result<(), String> {
    ensure_rust_target("wasm32-unknown-unknown")?;
    tools::run(
        "cargo",
        &[
            "build",
            "-p",
            "pmlint-core",
            "--target",
            "wasm32-unknown-unknown",
            "--locked",
        ],
    )
}

/// Runs the pytest suite in `tests/<suite>`, in a venv made from its requirements.txt.
fn pytest(suite: &str, envs: &[(&str, String)]) -> Result<(), String> {
    let dir = tools::root().join("tests").join(suite);
    let python = ensure_python_venv(&dir.join("requirements.txt"))?;
    let status = Command::new(&python)
        .args(["-m", "pytest", "-q"])
        .current_dir(&dir)
        .envs(envs.iter().map(|(k, v)| (*k, v.as_str())))
        .status()
        .map_err(|e| format!("cannot run pytest: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("pytest suite tests/{suite} failed ({status})"))
    }
}

/// The language server driven by pytest-lsp's real client.
fn lsp_pytest() -> Result<(), String> {
    let pmlint = build_pmlint()?;
    pytest("lsp", &[("PMLINT_LSP_COMMAND", format!("{pmlint} lsp"))])
}

/// The GitHub Action (prebuilt binary, or a build as the fallback) and the pre-commit
/// hook, built by the real pre-commit. pre-commit's `cargo install` shares the target
/// directory, so it compiles only the binary; its environments live under the target.
fn ecosystem() -> Result<(), String> {
    let pmlint = build_pmlint()?;
    let target = tools::target_dir();
    pytest(
        "ecosystem",
        &[
            ("PMLINT_BIN", pmlint),
            ("CARGO_TARGET_DIR", target.to_string_lossy().into_owned()),
            (
                "PRE_COMMIT_HOME",
                target.join("pre-commit").to_string_lossy().into_owned(),
            ),
        ],
    )
}

/// The language server in Debian's Neovim (0.7), headless, configured by the snippet of
/// docs/editors.md as written (the test reads it from the doc), `pmlint` on the PATH.
fn lsp_neovim() -> Result<(), String> {
    let pmlint = build_pmlint()?;
    ensure_apt_package("nvim", "neovim")?;
    let status = Command::new("nvim")
        .args([
            "--headless",
            "-u",
            "NONE",
            "-c",
            "luafile tests/lsp/nvim/test.lua",
        ])
        .current_dir(tools::root())
        .env("PATH", path_with_binary_of(&pmlint)?)
        .env(
            "PMLINT_NVIM_FILE",
            "examples/2025-02-03-login-latency-postmortem.md",
        )
        .status()
        .map_err(|e| format!("cannot run nvim: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("Neovim test failed ({status})"))
    }
}

/// The language server in Debian's Emacs with eglot and markdown-mode, configured by the
/// snippet of docs/editors.md as written: opens a postmortem, waits for diagnostics,
/// applies a code action.
fn lsp_emacs() -> Result<(), String> {
    let pmlint = build_pmlint()?;
    ensure_debian_packages(&["emacs-nox", "elpa-eglot", "elpa-markdown-mode"])?;
    let status = Command::new("emacs")
        .args(["--batch", "-l", "tests/lsp/emacs/test.el"])
        .current_dir(tools::root())
        .env("PATH", path_with_binary_of(&pmlint)?)
        .env(
            "PMLINT_EMACS_FILE",
            "examples/2025-02-03-login-latency-postmortem.md",
        )
        .status()
        .map_err(|e| format!("cannot run emacs: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("Emacs test failed ({status})"))
    }
}

/// `PATH` with the folder of `binary` first, for editor configurations that run `pmlint`.
fn path_with_binary_of(binary: &str) -> Result<std::ffi::OsString, String> {
    let folder = std::path::Path::new(binary)
        .parent()
        .ok_or_else(|| format!("{binary} has no folder"))?;
    let rest = std::env::var_os("PATH").unwrap_or_default();
    std::env::join_paths(std::iter::once(folder.to_path_buf()).chain(std::env::split_paths(&rest)))
        .map_err(|e| format!("PATH: {e}"))
}

/// Builds the `.vsix` (release binary, `npm ci`, bundle, package), then runs the extension's
/// unit tests, the package test, which unzips that `.vsix` and talks LSP to its binary,
/// and the parity test of the WebAssembly server with that binary on the examples.
fn vscode_extension() -> Result<(), String> {
    vsix::build()?;
    let extension = tools::root().join("vscode-extension");
    run_in(&extension, "npm", &["test"])?;
    run_in(&extension, "npm", &["run", "test:package"])?;
    run_in(&extension, "npm", &["run", "test:web"])
}

/// The five platform packages and the web one, the binaries cross-compiled with the
/// light CI profile; the test checks each binary's format and architecture against its
/// package's platform.
fn platform_packages() -> Result<(), String> {
    vsix::build_all(vsix::CI_PROFILE)?;
    run_in(
        &tools::root().join("vscode-extension"),
        "npm",
        &["run", "test:platforms"],
    )
}

/// Every publishable crate packages and builds from its package alone (versions on
/// path dependencies, metadata, readme), against crates.io's index.
fn publish_dry_run() -> Result<(), String> {
    tools::run(
        "cargo",
        &["publish", "--workspace", "--dry-run", "--allow-dirty"],
    )
}

/// `pmlint report --format html` on the fixtures, opened in Debian's headless Chromium
/// by Playwright (playwright-core from npm, never a downloaded browser); the screenshot
/// lands in target/report/.
fn report_page() -> Result<(), String> {
    let pmlint = build_pmlint()?;
    ensure_apt_package("chromium", "chromium")?;
    let dir = tools::root().join("tests/report");
    run_in(
        &dir,
        "npm",
        &["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
    )?;
    eprintln!("$ npm test (tests/report)");
    let status = Command::new("npm")
        .arg("test")
        .current_dir(&dir)
        .env("PMLINT", pmlint)
        .status()
        .map_err(|e| format!("cannot run npm: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("report page test failed ({status})"))
    }
}
