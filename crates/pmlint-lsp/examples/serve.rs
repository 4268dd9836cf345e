//! TEMPORARY harness until `pmlint lsp` is wired into the CLI: serves over stdio.
fn main() -> std::io::Result<()> {
    pmlint_lsp::run_stdio()
}
