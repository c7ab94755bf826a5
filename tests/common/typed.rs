//! Typed requests over the stdio client: params and results are ls-types values (and the
//! contract types of `newsls::lsp::contracts` for newsls's own), so tests compare values
//! rather than substrings of JSON.

use super::Client;
use newsls::lsp::contracts::{DOCUMENT_TEXT, DocumentText, DocumentTextParams};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::request::{ExecuteCommand, Request};
use tower_lsp_server::ls_types::{ExecuteCommandParams, TextDocumentIdentifier, Uri};

/// An error response: its code and message.
#[derive(Debug, PartialEq)]
pub struct ResponseError {
    pub code: i64,
    pub message: String,
}

impl Client {
    /// Sends request `R` and returns its typed result; panics on an error response.
    pub fn call<R: Request>(&mut self, params: R::Params) -> R::Result {
        self.call_method(R::METHOD, &params)
            .unwrap_or_else(|e| panic!("{} failed: {e:?}", R::METHOD))
    }

    /// Sends request `R`; its typed result, or the error response.
    pub fn try_call<R: Request>(&mut self, params: R::Params) -> Result<R::Result, ResponseError> {
        self.call_method(R::METHOD, &params)
    }

    /// Sends notification `N`.
    pub fn tell<N: Notification>(&mut self, params: N::Params) {
        self.notify(N::METHOD, serde_json::to_value(params).unwrap());
    }

    /// Sends `method` with typed params and reads a typed result.
    pub fn call_method<P: Serialize, T: DeserializeOwned>(
        &mut self,
        method: &str,
        params: &P,
    ) -> Result<T, ResponseError> {
        let id = self.send_request(method, serde_json::to_value(params).unwrap());
        let response = self.response(id);
        if let Some(error) = response.get("error") {
            return Err(ResponseError {
                code: error["code"].as_i64().unwrap_or_default(),
                message: error["message"].as_str().unwrap_or_default().to_string(),
            });
        }
        let result = response.get("result").cloned().unwrap_or(Value::Null);
        Ok(serde_json::from_value(result.clone())
            .unwrap_or_else(|e| panic!("{method}: unexpected result: {e}\n{result:#}")))
    }

    /// `newsls/documentText`: the server's copy of a document.
    pub fn document_text(&mut self, uri: &Uri) -> DocumentText {
        let params = DocumentTextParams {
            text_document: TextDocumentIdentifier { uri: uri.clone() },
        };
        self.call_method(DOCUMENT_TEXT, &params)
            .unwrap_or_else(|e| panic!("{DOCUMENT_TEXT} failed: {e:?}"))
    }
}

impl Client {
    /// Runs a `workspace/executeCommand` and reads its result as `T` (a contract type).
    pub fn command<T: DeserializeOwned>(&mut self, name: &str, arguments: Vec<Value>) -> T {
        let params = ExecuteCommandParams {
            command: name.into(),
            arguments,
            work_done_progress_params: Default::default(),
        };
        let result = self.call::<ExecuteCommand>(params).unwrap_or(Value::Null);
        serde_json::from_value(result.clone())
            .unwrap_or_else(|e| panic!("{name}: not the contract's shape: {e}\n{result:#}"))
    }
}
