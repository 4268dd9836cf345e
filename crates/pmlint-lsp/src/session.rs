//! The language server as a synchronous message handler, for hosts without threads or
//! stdio: the WebAssembly build runs it in a web worker (vscode.dev, github.dev). Same
//! capabilities and the same features as the native server, one message in, the
//! answers out; what it lacks is the file system (no `.pmlint.toml` discovery, no
//! workspace index, hence no R001) and a clock (the host passes today's date).

use crate::analysis::{Analysis, Generation};
use crate::capabilities::{negotiate_encoding, server_capabilities};
use crate::documents::TextBuffer;
use crate::features::{actions, comms, completion, diagnostics, hover, symbols, timeline};
use crate::settings::{ConfigEvent, ConfigStore};
use ls_types::{
    CodeActionParams, CompletionParams, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentSymbolParams, HoverParams,
    InitializeParams, InitializeResult, InlayHintParams, PublishDiagnosticsParams, ServerInfo,
    TextDocumentIdentifier, Uri,
};
use pmlint_core::date::Date;
use pmlint_core::Encoding;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;

/// JSON-RPC's "method not found" and "invalid params".
const METHOD_NOT_FOUND: i64 = -32601;
const INVALID_PARAMS: i64 = -32602;

pub struct Session {
    encoding: Encoding,
    related_information: bool,
    snippets: bool,
    config: ConfigStore,
    documents: HashMap<Uri, OpenDocument>,
}

struct OpenDocument {
    buffer: TextBuffer,
    analysis: Option<Arc<Analysis>>,
}

impl Session {
    /// `today` dates the rules that need it (S007 stale-draft): the host's clock.
    pub fn new(today: Date) -> Session {
        let mut config = ConfigStore::default();
        config.today = Some(today);
        Session {
            encoding: Encoding::Utf16,
            related_information: false,
            snippets: false,
            config,
            documents: HashMap::new(),
        }
    }

    /// Handles one JSON-RPC message; returns the messages to send back: the response
    /// to a request, and notifications (`publishDiagnostics`, `pmlint/score`).
    pub fn handle(&mut self, message: &Value) -> Vec<Value> {
        let method = message["method"].as_str().unwrap_or_default();
        let params = message.get("params").cloned().unwrap_or(Value::Null);
        let mut out = Vec::new();
        let result = self.dispatch(method, params, &mut out);
        if let Some(id) = message.get("id").filter(|_| !method.is_empty()) {
            out.insert(
                0,
                match result {
                    Ok(result) => json!({ "jsonrpc": "2.0", "id": id, "result": result }),
                    Err((code, message)) => json!({
                        "jsonrpc": "2.0",
                        "id": id,
                        "error": { "code": code, "message": message },
                    }),
                },
            );
        }
        out
    }

    fn dispatch(
        &mut self,
        method: &str,
        params: Value,
        out: &mut Vec<Value>,
    ) -> Result<Value, (i64, String)> {
        match method {
            "initialize" => {
                let params: InitializeParams = parse(params)?;
                let capabilities = &params.capabilities;
                self.encoding = negotiate_encoding(capabilities);
                let text = capabilities.text_document.as_ref();
                self.related_information = text
                    .and_then(|t| t.publish_diagnostics.as_ref())
                    .and_then(|p| p.related_information)
                    .unwrap_or(false);
                self.snippets = text
                    .and_then(|t| t.completion.as_ref())
                    .and_then(|c| c.completion_item.as_ref())
                    .and_then(|i| i.snippet_support)
                    .unwrap_or(false);
                if let Some(options) = &params.initialization_options {
                    self.set_settings(options, out);
                }
                to_value(InitializeResult {
                    server_info: Some(ServerInfo {
                        name: "pmlint".into(),
                        version: Some(env!("CARGO_PKG_VERSION").into()),
                    }),
                    capabilities: server_capabilities(self.encoding),
                    offset_encoding: None,
                })
            }
            "shutdown" | "initialized" | "exit" | "textDocument/didSave" => Ok(Value::Null),
            "textDocument/didOpen" => {
                let params: DidOpenTextDocumentParams = parse(params)?;
                let item = params.text_document;
                let document = OpenDocument {
                    buffer: TextBuffer::new(&item.text, item.version),
                    analysis: None,
                };
                self.documents.insert(item.uri.clone(), document);
                self.publish(&item.uri, out);
                Ok(Value::Null)
            }
            "textDocument/didChange" => {
                let params: DidChangeTextDocumentParams = parse(params)?;
                let uri = params.text_document.uri;
                let Some(document) = self.documents.get_mut(&uri) else {
                    return Ok(Value::Null);
                };
                let applied = document.buffer.apply(
                    params.text_document.version,
                    params.content_changes,
                    self.encoding,
                );
                if let Err(e) = applied {
                    out.push(log(&format!("pmlint: {}: {e}", uri.as_str())));
                }
                self.publish(&uri, out);
                Ok(Value::Null)
            }
            "textDocument/didClose" => {
                let params: DidCloseTextDocumentParams = parse(params)?;
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                out.push(publish_diagnostics(uri, Vec::new(), None));
                Ok(Value::Null)
            }
            "workspace/didChangeConfiguration" => {
                let params: DidChangeConfigurationParams = parse(params)?;
                self.set_settings(&params.settings, out);
                let uris: Vec<Uri> = self.documents.keys().cloned().collect();
                for uri in uris {
                    self.publish(&uri, out);
                }
                Ok(Value::Null)
            }
            "textDocument/hover" => {
                let params: HoverParams = parse(params)?;
                let p = params.text_document_position_params;
                let hover = self
                    .analysis(&p.text_document.uri)
                    .and_then(|a| hover::hover(&a, self.encoding, p.position));
                to_value(hover)
            }
            "textDocument/codeAction" => {
                let params: CodeActionParams = parse(params)?;
                let uri = params.text_document.uri;
                let actions = self.analysis(&uri).map(|a| {
                    actions::code_actions(
                        &a,
                        self.encoding,
                        &uri,
                        params.range,
                        &params.context,
                        self.related_information,
                    )
                });
                to_value(actions)
            }
            "textDocument/documentSymbol" => {
                let params: DocumentSymbolParams = parse(params)?;
                let symbols = self
                    .analysis(&params.text_document.uri)
                    .map(|a| symbols::document_symbols(&a, self.encoding));
                to_value(symbols)
            }
            "textDocument/completion" => {
                let params: CompletionParams = parse(params)?;
                let p = params.text_document_position;
                let items = self
                    .analysis(&p.text_document.uri)
                    .map(|a| completion::completion(&a, self.encoding, p.position, self.snippets));
                to_value(items)
            }
            "textDocument/inlayHint" => {
                let params: InlayHintParams = parse(params)?;
                let hints = self
                    .analysis(&params.text_document.uri)
                    .map(|a| timeline::inlay_hints(&a, self.encoding, params.range));
                to_value(hints)
            }
            "pmlint/score" => {
                #[derive(serde::Deserialize)]
                #[serde(rename_all = "camelCase")]
                struct ScoreParams {
                    text_document: TextDocumentIdentifier,
                }
                let params: ScoreParams = parse(params)?;
                let uri = params.text_document.uri;
                self.analysis(&uri)
                    .map(|a| score_report(&uri, &a))
                    .ok_or((INVALID_PARAMS, "the document is not open".into()))
            }
            _ if method.starts_with("$/") => Ok(Value::Null),
            _ => Err((METHOD_NOT_FOUND, format!("unknown method {method}"))),
        }
    }

    fn set_settings(&mut self, value: &Value, out: &mut Vec<Value>) {
        let value = value.get("pmlint").unwrap_or(value);
        if let Err(message) = self.config.set_overrides(value) {
            self.config
                .push_event(ConfigEvent::BadEditorSettings(message));
        }
        self.report_config_events(out);
    }

    /// Config trouble, as log messages (no config files here: only editor settings).
    fn report_config_events(&mut self, out: &mut Vec<Value>) {
        for event in self.config.take_events() {
            out.push(log(&match event {
                ConfigEvent::Broken(error) => format!("pmlint: {error}"),
                ConfigEvent::Fixed(path) => format!("pmlint: {} is valid again", path.display()),
                ConfigEvent::BadEditorSettings(message) => format!(
                    "pmlint: invalid editor settings: {message}; the previous settings stay in force"
                ),
            }));
        }
    }

    /// The analysis of the document's current text and settings, made once.
    fn analysis_any(&mut self, uri: &Uri) -> Option<Arc<Analysis>> {
        let generation = Generation {
            settings: self.config.generation,
            corpus: 0,
        };
        let settings = self.config.settings_for(None);
        let document = self.documents.get_mut(uri)?;
        let version = document.buffer.version;
        let fresh = document
            .analysis
            .as_ref()
            .filter(|a| a.version == version && a.generation == generation);
        if let Some(analysis) = fresh {
            return Some(analysis.clone());
        }
        let text = document.buffer.rope.to_string();
        let analysis = Arc::new(Analysis::new(
            text, version, None, settings, generation, None,
        ));
        document.analysis = Some(analysis.clone());
        Some(analysis)
    }

    /// The analysis, for the editor features: none for documents that are not postmortems.
    fn analysis(&mut self, uri: &Uri) -> Option<Arc<Analysis>> {
        self.analysis_any(uri).filter(|a| a.postmortem)
    }

    fn publish(&mut self, uri: &Uri, out: &mut Vec<Value>) {
        let Some(analysis) = self.analysis_any(uri) else {
            return;
        };
        let diagnostics = diagnostics::to_lsp(&analysis, self.encoding, self.related_information);
        out.push(publish_diagnostics(
            uri.clone(),
            diagnostics,
            Some(analysis.version),
        ));
        out.push(json!({
            "jsonrpc": "2.0",
            "method": "pmlint/score",
            "params": score_report(uri, &analysis),
        }));
    }
}

/// The `pmlint/score` notification's parameters, as the native server sends them.
fn score_report(uri: &Uri, analysis: &Analysis) -> Value {
    json!({
        "uri": uri,
        "version": analysis.version,
        "kind": comms::kind(analysis),
        "score": comms::score_json(analysis),
    })
}

fn publish_diagnostics(
    uri: Uri,
    diagnostics: Vec<ls_types::Diagnostic>,
    version: Option<i32>,
) -> Value {
    json!({
        "jsonrpc": "2.0",
        "method": "textDocument/publishDiagnostics",
        "params": PublishDiagnosticsParams { uri, diagnostics, version },
    })
}

fn log(message: &str) -> Value {
    json!({
        "jsonrpc": "2.0",
        "method": "window/logMessage",
        "params": { "type": 2, "message": message },
    })
}

fn parse<T: DeserializeOwned>(params: Value) -> Result<T, (i64, String)> {
    serde_json::from_value(params).map_err(|e| (INVALID_PARAMS, e.to_string()))
}

fn to_value(value: impl serde::Serialize) -> Result<Value, (i64, String)> {
    serde_json::to_value(value).map_err(|e| (INVALID_PARAMS, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(id: u32, method: &str, params: Value) -> Value {
        json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })
    }

    #[test]
    fn answers_like_the_server_for_one_document() {
        let mut session = Session::new(Date::parse_iso("2025-06-01").unwrap());
        let init = session.handle(&request(1, "initialize", json!({ "capabilities": {} })));
        assert_eq!(init[0]["result"]["serverInfo"]["name"], "pmlint");
        assert_eq!(init[0]["result"]["capabilities"]["hoverProvider"], true);

        let uri = "file:///pm/outage.md";
        let text =
            "# Postmortem: outage\n\n## Summary\n\nThe engineer forgot to check the config.\n";
        let opened = session.handle(&json!({
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": { "textDocument": { "uri": uri, "languageId": "markdown", "version": 1, "text": text } },
        }));
        assert_eq!(opened[0]["method"], "textDocument/publishDiagnostics");
        let codes: Vec<&str> = opened[0]["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap())
            .collect();
        assert!(
            codes.contains(&"B002") && codes.contains(&"S001"),
            "{codes:?}"
        );
        assert_eq!(opened[1]["method"], "pmlint/score");

        let hover = session.handle(&request(
            2,
            "textDocument/hover",
            json!({ "textDocument": { "uri": uri }, "position": { "line": 4, "character": 5 } }),
        ));
        let value = hover[0]["result"]["contents"]["value"].as_str().unwrap();
        assert!(value.contains("B002"), "{value}");

        let actions = session.handle(&request(
            3,
            "textDocument/codeAction",
            json!({
                "textDocument": { "uri": uri },
                "range": { "start": { "line": 4, "character": 5 }, "end": { "line": 4, "character": 5 } },
                "context": { "diagnostics": [] },
            }),
        ));
        let titles: Vec<&str> = actions[0]["result"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["title"].as_str().unwrap())
            .collect();
        assert!(titles.contains(&"Disable B002 for this line"), "{titles:?}");

        let unknown = session.handle(&request(4, "nope", Value::Null));
        assert_eq!(unknown[0]["error"]["code"], METHOD_NOT_FOUND);
    }
}
