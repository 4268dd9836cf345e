//! `cargo xtask npm`: the WebAssembly build as the npm package `pmlint-wasm` (a `.tgz`
//! from `npm pack` in `<target>/npm/`): wasm-bindgen's browser build (`web/`, for
//! bundlers and pages) and its Node build (`node/`), each with its TypeScript types,
//! chosen by the package's `exports`; package.json and README from crates/pmlint-wasm/npm.

use crate::tools::{self, root, run_in, target_dir};
use crate::web::{build_wasm, ensure_wasm_bindgen, path_str};
use std::path::{Path, PathBuf};
use std::process::Command;

pub fn run() -> Result<(), String> {
    let tarball = pack()?;
    eprintln!("built {}", tarball.display());
    Ok(())
}

/// Builds the package and returns the `.tgz`.
pub fn pack() -> Result<PathBuf, String> {
    let template = root().join("crates/pmlint-wasm/npm");
    let manifest = std::fs::read_to_string(template.join("package.json"))
        .map_err(|e| format!("crates/pmlint-wasm/npm/package.json: {e}"))?;
    let json: serde_json::Value =
        serde_json::from_str(&manifest).map_err(|e| format!("npm package.json: {e}"))?;
    let version = json["version"].as_str().unwrap_or_default();
    if version != env!("CARGO_PKG_VERSION") {
        return Err(format!(
            "crates/pmlint-wasm/npm/package.json says version {version} but the workspace is {}; keep them equal",
            env!("CARGO_PKG_VERSION")
        ));
    }
    let wasm = build_wasm()?;
    let bindgen = ensure_wasm_bindgen()?;
    let npm = target_dir().join("npm");
    let out = npm.join("pmlint-wasm");
    let _ = std::fs::remove_dir_all(&out);
    for (target, dir) in [("web", "web"), ("experimental-nodejs-module", "node")] {
        tools::run(
            path_str(&bindgen)?,
            &[
                "--target",
                target,
                "--out-dir",
                path_str(&out.join(dir))?,
                path_str(&wasm)?,
            ],
        )?;
    }
    for (from, to) in [
        (template.join("package.json"), "package.json"),
        (template.join("README.md"), "README.md"),
        (root().join("LICENSE"), "LICENSE"),
    ] {
        std::fs::copy(&from, out.join(to)).map_err(|e| format!("{}: {e}", from.display()))?;
    }
    run_in(
        &out,
        "npm",
        &["pack", "--pack-destination", path_str(&npm)?],
    )?;
    Ok(npm.join(format!("pmlint-wasm-{version}.tgz")))
}

/// CI: `npm pack`, then the package installed from its `.tgz` into a fresh project,
/// used from Node (lints an example) and bundled by esbuild for the browser (the
/// browser build and its `.wasm` asset are what a bundler picks).
pub fn test() -> Result<(), String> {
    let tarball = pack()?;
    let project = target_dir().join("npm/consumer");
    let _ = std::fs::remove_dir_all(&project);
    std::fs::create_dir_all(&project).map_err(|e| format!("{}: {e}", project.display()))?;
    std::fs::write(
        project.join("package.json"),
        r#"{ "name": "consumer", "private": true, "type": "module" }"#,
    )
    .map_err(|e| e.to_string())?;
    run_in(
        &project,
        "npm",
        &["install", "--no-audit", "--no-fund", path_str(&tarball)?],
    )?;
    let example = root().join("examples/incident-report-payments-outage.md");
    let script = format!(
        r#"import {{ readFileSync }} from "node:fs";
import {{ lint, version }} from "pmlint-wasm";
const result = lint(readFileSync({example:?}, "utf8"), null, "2025-06-01");
const codes = result.diagnostics.map((d) => d.code);
if (!codes.includes("S001") || !codes.includes("B002")) throw new Error("unexpected findings: " + codes);
if (version() !== {version:?}) throw new Error("version " + version());
console.log("pmlint-wasm from Node: " + codes.length + " findings, score " + result.score.total);
"#,
        example = example.to_string_lossy(),
        version = env!("CARGO_PKG_VERSION"),
    );
    std::fs::write(project.join("node.mjs"), script).map_err(|e| e.to_string())?;
    run_in(&project, "node", &["node.mjs"])?;
    for types in ["web/pmlint_wasm.d.ts", "node/pmlint_wasm.d.ts"] {
        let file = project.join("node_modules/pmlint-wasm").join(types);
        if !file.exists() {
            return Err(format!("the package has no {types}"));
        }
    }
    bundle(&project)
}

/// esbuild (the extension's, from npm) bundles a browser entry that uses the package as
/// its README shows: it must resolve the browser build and emit the `.wasm` as an asset.
fn bundle(project: &Path) -> Result<(), String> {
    std::fs::write(
        project.join("browser.js"),
        "import init, { lint } from \"pmlint-wasm\";\nimport wasmUrl from \"pmlint-wasm/pmlint_wasm_bg.wasm\";\nawait init({ module_or_path: wasmUrl });\nconsole.log(lint(\"# Postmortem\", null, null).score.total);\n",
    )
    .map_err(|e| e.to_string())?;
    let esbuild = root().join("vscode-extension/node_modules/.bin/esbuild");
    if !esbuild.exists() {
        run_in(
            &root().join("vscode-extension"),
            "npm",
            &["ci", "--ignore-scripts", "--no-audit", "--no-fund"],
        )?;
    }
    let mut command = Command::new(esbuild);
    command.current_dir(project).args([
        "browser.js",
        "--bundle",
        "--format=esm",
        "--platform=browser",
        "--loader:.wasm=file",
        "--outdir=dist",
    ]);
    tools::run_command(command)?;
    let emitted = std::fs::read_dir(project.join("dist"))
        .map_err(|e| e.to_string())?
        .filter_map(Result::ok)
        .any(|f| f.file_name().to_string_lossy().ends_with(".wasm"));
    if emitted {
        Ok(())
    } else {
        Err("esbuild did not emit the .wasm asset of the browser build".into())
    }
}
