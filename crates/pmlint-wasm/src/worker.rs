//! The Web Worker entry: listens on the `DedicatedWorkerGlobalScope`, lints each
//! request and posts the result back with its lint time from `performance.now()`, so
//! the page's main thread never runs the linter.

use crate::{for_file, model, settings, to_js};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Request {
    #[serde(rename_all = "camelCase")]
    Lint {
        id: u32,
        text: String,
        config: Option<String>,
        today: Option<String>,
        #[serde(default)]
        kind: Option<String>,
        #[serde(default)]
        file_name: Option<String>,
    },
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Response<'a> {
    Ready {
        version: &'a str,
        rules: Vec<model::RuleInfo>,
        profiles: Vec<model::ProfileInfo>,
        kinds: Vec<model::KindInfo>,
        criteria: Vec<model::CriterionInfo>,
    },
    #[serde(rename_all = "camelCase")]
    Result {
        id: u32,
        result: model::LintResult,
        elapsed_ms: f64,
    },
    Error {
        id: u32,
        message: String,
    },
}

/// Starts answering lint requests on this worker and posts `ready` (with the rules
/// and profiles the page shows) once listening. Call it from a module worker after
/// the wasm module is initialised.
#[wasm_bindgen(js_name = serveWorker)]
pub fn serve_worker() -> Result<(), JsValue> {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().dyn_into()?;
    let responder = scope.clone();
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let response = match serde_wasm_bindgen::from_value::<Request>(event.data()) {
            Ok(request) => answer(&responder, request),
            Err(error) => Response::Error {
                id: 0,
                message: format!("bad request: {error}"),
            },
        };
        post(&responder, &response);
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    let version = crate::version();
    post(
        &scope,
        &Response::Ready {
            version: &version,
            rules: model::rules(),
            profiles: model::profiles(),
            kinds: model::kinds(),
            criteria: model::criteria(),
        },
    );
    Ok(())
}

fn answer(scope: &DedicatedWorkerGlobalScope, request: Request) -> Response<'static> {
    match request {
        Request::Lint {
            id,
            text,
            config,
            today,
            kind,
            file_name,
        } => match settings(config.as_deref(), today.as_deref(), kind.as_deref()) {
            Ok(settings) => {
                let settings = for_file(settings, file_name.as_deref(), kind.as_deref());
                let clock = scope.performance();
                let start = clock.as_ref().map_or(0.0, |p| p.now());
                let result = model::lint(&text, &settings);
                let elapsed_ms = clock.as_ref().map_or(0.0, |p| p.now()) - start;
                Response::Result {
                    id,
                    result,
                    elapsed_ms,
                }
            }
            Err(error) => Response::Error {
                id,
                message: error
                    .dyn_ref::<js_sys::Error>()
                    .map_or_else(|| "invalid settings".to_string(), |e| e.message().into()),
            },
        },
    }
}

fn post(scope: &DedicatedWorkerGlobalScope, response: &Response) {
    let posted = to_js(response).and_then(|message| scope.post_message(&message));
    if let Err(error) = posted {
        // Nothing to answer through: surface it as an uncaught error, which the
        // page treats as a crashed worker and restarts it.
        wasm_bindgen::throw_val(error);
    }
}
