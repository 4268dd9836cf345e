//! The language server in WebAssembly: `pmlint-lsp`'s [`Session`] (the native server's
//! capabilities and features) behind a JSON-in, JSON-out class, which the VS Code web
//! extension's worker (vscode.dev, github.dev) wires to its message port.

use pmlint_core::date::Date;
use pmlint_lsp::Session;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct LanguageServer(Session);

#[wasm_bindgen]
impl LanguageServer {
    /// `today` (`YYYY-MM-DD`, the host's clock) dates rules such as S007 stale-draft.
    #[wasm_bindgen(constructor)]
    pub fn new(today: &str) -> Result<LanguageServer, JsError> {
        let today = Date::parse_iso(today)
            .ok_or_else(|| JsError::new(&format!("invalid date `{today}`: expected YYYY-MM-DD")))?;
        Ok(LanguageServer(Session::new(today)))
    }

    /// One JSON-RPC message, as JSON text; returns the messages to send back, as JSON
    /// text: the response to a request and any notifications.
    pub fn handle(&mut self, message: &str) -> Result<Vec<String>, JsError> {
        let message: serde_json::Value =
            serde_json::from_str(message).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(self
            .0
            .handle(&message)
            .iter()
            .map(serde_json::Value::to_string)
            .collect())
    }
}
