//! A panic in a handler must not take the editor's features down: every call to the
//! service is run under `catch_unwind`, and a panicking request is answered with an
//! internal error while the server goes on.

use futures::FutureExt;
use futures::future::BoxFuture;
use std::panic::AssertUnwindSafe;
use std::task::{Context, Poll};
use tower::Service;
use tower_lsp_server::jsonrpc::{Error, Request, Response};

/// Wraps the LSP service so handler panics become error responses.
pub struct PanicGuard<S>(pub S);

impl<S> Service<Request> for PanicGuard<S>
where
    S: Service<Request, Response = Option<Response>>,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
{
    type Response = Option<Response>;
    type Error = S::Error;
    type Future = BoxFuture<'static, Result<Option<Response>, S::Error>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.0.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        let id = request.id().cloned();
        let method = request.method().to_string();
        // The call itself may panic before returning a future (parameter handling).
        let future = match std::panic::catch_unwind(AssertUnwindSafe(|| self.0.call(request))) {
            Ok(future) => future,
            Err(panic) => return futures::future::ready(Ok(answer(id, &method, &*panic))).boxed(),
        };
        AssertUnwindSafe(future)
            .catch_unwind()
            .map(move |outcome| match outcome {
                Ok(result) => result,
                Err(panic) => Ok(answer(id, &method, &*panic)),
            })
            .boxed()
    }
}

/// Logs the panic; a request gets an internal error, a notification nothing.
fn answer(
    id: Option<tower_lsp_server::jsonrpc::Id>,
    method: &str,
    panic: &(dyn std::any::Any + Send),
) -> Option<Response> {
    let message = panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    tracing::error!("handler for {method} panicked: {message}");
    let mut error = Error::internal_error();
    error.message = format!("newsls: internal error in {method}: {message}").into();
    id.map(|id| Response::from_error(id, error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A service whose handlers panic, in the call or in the future, when asked to.
    struct Faulty;

    impl Service<Request> for Faulty {
        type Response = Option<Response>;
        type Error = ();
        type Future = BoxFuture<'static, Result<Option<Response>, ()>>;

        fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), ()>> {
            Poll::Ready(Ok(()))
        }

        fn call(&mut self, request: Request) -> Self::Future {
            match request.method() {
                "panic/now" => panic!("in call"),
                "panic/later" => async { panic!("in future") }.boxed(),
                _ => futures::future::ready(Ok(None)).boxed(),
            }
        }
    }

    fn request(method: &'static str, id: Option<i64>) -> Request {
        let builder = Request::build(method).params(json!({}));
        match id {
            Some(id) => builder.id(id).finish(),
            None => builder.finish(),
        }
    }

    #[test]
    fn panics_become_internal_errors_and_the_service_lives_on() {
        let mut guard = PanicGuard(Faulty);
        for method in ["panic/now", "panic/later"] {
            let response = futures::executor::block_on(guard.call(request(method, Some(7))))
                .unwrap()
                .unwrap();
            let (id, result) = response.into_parts();
            assert_eq!(id, tower_lsp_server::jsonrpc::Id::Number(7));
            let error = result.unwrap_err();
            assert_eq!(
                error.code,
                tower_lsp_server::jsonrpc::ErrorCode::InternalError
            );
            assert!(error.message.contains(method), "{}", error.message);
        }
        let notification =
            futures::executor::block_on(guard.call(request("panic/later", None))).unwrap();
        assert!(notification.is_none());
        assert!(
            futures::executor::block_on(guard.call(request("fine", Some(1))))
                .unwrap()
                .is_none()
        );
    }
}
