//! `pmlint lsp`: the pmlint language server on tower-lsp-server (see the README for
//! why the maintained fork), over stdio.

//!
//! Without the default `server` feature only the editor features and [`Session`] are
//! built: the same server as a synchronous message handler, which the WebAssembly
//! build runs in a web worker.

mod analysis;
mod capabilities;
mod documents;
mod features;
#[cfg(feature = "server")]
mod server;
mod session;
mod settings;
#[cfg(feature = "server")]
mod transport;
#[cfg(feature = "server")]
mod workspace;

pub use documents::{ChangeError, TextBuffer};
#[cfg(feature = "server")]
pub use server::{Backend, ScoreNotification, ScoreParams, ScoreReport, DEBOUNCE};
pub use session::Session;

#[cfg(feature = "server")]
use tokio::io::{AsyncRead, AsyncWrite};
#[cfg(feature = "server")]
use tower_lsp_server::{LspService, Server};

/// Serves the language server over stdin/stdout until the client sends `exit`.
#[cfg(feature = "server")]
pub fn run_stdio() -> std::io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        // The blocking pool otherwise grows to 512 threads when many documents open at
        // once (stdout writes queue up behind lints), and every thread costs memory
        // (stack, allocator arena). Lints are limited to one per core by the server;
        // the rest are the stdin reader, the stdout writer and the workspace index build.
        .max_blocking_threads(server::lint_slots() + 3)
        .build()?;
    runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Tokio reads stdin on a blocking thread that stays parked in `read` until the
    // client closes its end; a normal runtime drop would wait for it, and a client that
    // waits for the server to exit after `exit` would wait forever.
    runtime.shutdown_background();
    Ok(())
}

/// Serves the language server over any byte streams (tests use in-memory pipes).
/// Input reaches the server through [`transport::forward_messages`], so that a
/// malformed message is dropped instead of ending the session.
#[cfg(feature = "server")]
pub async fn serve(input: impl AsyncRead + Unpin, output: impl AsyncWrite) {
    let (service, socket) = LspService::build(Backend::new)
        .custom_method("pmlint/score", Backend::score)
        .finish();
    let (server_input, guard_output) = tokio::io::duplex(64 * 1024);
    let serve = Server::new(server_input, output, socket).serve(service);
    tokio::pin!(serve);
    tokio::select! {
        // After `exit` the server stops even if the client keeps its end open.
        () = &mut serve => {}
        // The input ended: the guard dropped its end, and the server finishes reading.
        () = transport::forward_messages(input, guard_output) => serve.await,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::analysis::{Analysis, Generation};
    use crate::settings::ConfigStore;

    /// An analysis of `text` with default settings, as an unsaved document.
    pub fn analyze(text: &str) -> Analysis {
        let settings = ConfigStore::default().settings_for(None);
        Analysis::new(
            text.to_string(),
            1,
            None,
            settings,
            Generation::default(),
            None,
        )
    }
}
