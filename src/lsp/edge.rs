//! The outermost service layer. It answers the stand-ins [`super::screen`] put in place of
//! messages the library must not see, whatever state the server is in (before `initialize`
//! and after `shutdown` too), and hands the client's process id from `initialize` to the
//! parent watch.

use futures::future::{Either, Ready, ready};
use serde_json::Value;
use std::task::{Context, Poll};
use tokio::sync::oneshot;
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, ErrorCode, Request, Response};

use super::screen::STAND_IN;

/// Wraps the LSP service; `parent` receives the `processId` of the first `initialize`.
pub struct Edge<S> {
    inner: S,
    parent: Option<oneshot::Sender<u32>>,
}

impl<S> Edge<S> {
    pub fn new(inner: S, parent: oneshot::Sender<u32>) -> Self {
        Edge {
            inner,
            parent: Some(parent),
        }
    }
}

impl<S> Service<Request> for Edge<S>
where
    S: Service<Request, Response = Option<Response>>,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = Either<Ready<Result<Option<Response>, S::Error>>, S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        if request.method() == STAND_IN {
            return Either::Left(ready(Ok(answer(request))));
        }
        if request.method() == "initialize"
            && let Some(pid) = process_id(request.params())
            && let Some(parent) = self.parent.take()
        {
            let _ = parent.send(pid);
        }
        Either::Right(self.inner.call(request))
    }
}

/// The error response a stand-in carries.
fn answer(request: Request) -> Option<Response> {
    let (_, id, params) = request.into_parts();
    let params = params.unwrap_or_default();
    let code = params["code"].as_i64().unwrap_or(-32600);
    let message = params["message"].as_str().unwrap_or("Invalid Request");
    let error = Error {
        code: ErrorCode::from(code),
        message: message.to_string().into(),
        data: None,
    };
    id.map(|id| Response::from_error(id, error))
}

/// The `processId` of `initialize` params: a positive integer, or none (null or missing).
fn process_id(params: Option<&Value>) -> Option<u32> {
    let pid = params?.get("processId")?.as_u64()?;
    u32::try_from(pid).ok().filter(|&pid| pid > 0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A service that answers every request with a null result.
    struct Echo;

    impl Service<Request> for Echo {
        type Response = Option<Response>;
        type Error = ();
        type Future = Ready<Result<Option<Response>, ()>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, request: Request) -> Self::Future {
            ready(Ok(request
                .id()
                .map(|id| Response::from_ok(id.clone(), Value::Null))))
        }
    }

    fn call(edge: &mut Edge<Echo>, message: Value) -> Value {
        let request: Request = serde_json::from_value(message).unwrap();
        let response = futures::executor::block_on(edge.call(request)).unwrap();
        serde_json::to_value(response).unwrap()
    }

    #[test]
    fn stand_ins_are_answered_and_the_process_id_is_handed_on() {
        let (tx, mut rx) = oneshot::channel();
        let mut edge = Edge::new(Echo, tx);
        let stand_in = json!({"jsonrpc": "2.0", "id": 4, "method": STAND_IN,
                              "params": {"code": -32601, "message": "Method not found"}});
        let response = call(&mut edge, stand_in);
        assert_eq!(response["error"]["code"], -32601);
        assert_eq!(response["id"], 4);
        let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                          "params": {"processId": 4242, "capabilities": {}}});
        assert!(call(&mut edge, init)["result"].is_null());
        assert_eq!(rx.try_recv(), Ok(4242));
    }

    #[test]
    fn process_ids_that_name_no_process_are_ignored() {
        for params in [
            json!({"processId": null}),
            json!({}),
            json!({"processId": 0}),
            json!({"processId": -1}),
            json!({"processId": 1u64 << 40}),
        ] {
            assert_eq!(process_id(Some(&params)), None, "{params}");
        }
    }
}
