//! `pmlint lsp`: the pmlint language server on tower-lsp-server (see the README for
//! why the maintained fork), over stdio.

mod analysis;
mod documents;
mod features;
mod server;
mod settings;

pub use server::{Backend, ScoreNotification, ScoreParams, ScoreReport, DEBOUNCE};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};

/// Serves the language server over stdin/stdout until the client sends `exit`.
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    Ok(())
}

/// Serves the language server over any byte streams (tests use in-memory pipes).
pub async fn serve(input: impl AsyncRead + Unpin, output: impl AsyncWrite) {
    let (service, socket) = LspService::build(Backend::new)
        .custom_method("pmlint/score", Backend::score)
        .finish();
    Server::new(input, output, socket).serve(service).await;
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::analysis::Analysis;
    use crate::settings::ConfigStore;

    /// An analysis of `text` with default settings, as an unsaved document.
    pub fn analyze(text: &str) -> Analysis {
        let settings = ConfigStore::default().settings_for(None);
        Analysis::new(text.to_string(), 1, None, settings, 0)
    }
}
