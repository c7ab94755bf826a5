//! Partial results (LSP 3.15 `partialResultToken`): a long list of locations reaches the
//! client in `$/progress` batches while the rest is still being built, so the editor shows
//! the first ones at once, and neither side holds the whole list as one message.

use serde::{Deserialize, Serialize};
use std::time::Duration;
use tower_lsp_server::Client;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::request::WorkspaceConfiguration;
use tower_lsp_server::ls_types::{ConfigurationParams, Location, ProgressToken};

/// Locations in the first batch: enough to fill the editor's list at once.
const FIRST_BATCH: usize = 200;
/// Locations in each later batch.
const BATCH: usize = 5000;
/// Longest wait for the client to confirm it has read the batches.
const BARRIER_WAIT: Duration = Duration::from_secs(5);

/// `$/progress` with a batch of results as its value.
enum PartialResult {}

impl Notification for PartialResult {
    type Params = PartialResultParams;
    const METHOD: &'static str = "$/progress";
}

#[derive(Debug, Serialize, Deserialize)]
struct PartialResultParams {
    token: ProgressToken,
    value: Vec<Location>,
}

/// Sends the locations of `files` in batches under `token`, then waits until the client has
/// read them: the request's (empty) response must not overtake the last batch.
pub async fn send(
    client: &Client,
    token: ProgressToken,
    files: impl Iterator<Item = Vec<Location>>,
) {
    for value in batches(files, FIRST_BATCH, BATCH) {
        let params = PartialResultParams {
            token: token.clone(),
            value,
        };
        client.send_notification::<PartialResult>(params).await;
    }
    barrier(client).await;
}

/// The items of `groups` in batches of at least `first` items, then at least `size`; a
/// group is never split, and no batch is empty.
fn batches<T>(
    groups: impl Iterator<Item = Vec<T>>,
    first: usize,
    size: usize,
) -> impl Iterator<Item = Vec<T>> {
    let mut groups = groups;
    let mut limit = first;
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        while batch.len() < limit {
            let Some(group) = groups.next() else {
                break;
            };
            batch.extend(group);
        }
        limit = size;
        (!batch.is_empty()).then_some(batch)
    })
}

/// Returns once the client has answered a request sent after everything sent so far.
///
/// tower-lsp-server queues notifications on one channel and responses on another and
/// interleaves the two at random, so a response can be written before notifications sent
/// earlier. Requests share the notifications' channel, and the client answers in order: a
/// request for no configuration items is answered after the batches were read.
async fn barrier(client: &Client) {
    let items = ConfigurationParams { items: Vec::new() };
    let answered = client.send_request::<WorkspaceConfiguration>(items);
    if tokio::time::timeout(BARRIER_WAIT, answered).await.is_err() {
        tracing::warn!("the client did not confirm the partial results in time");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_grow_after_the_first_and_keep_groups_whole() {
        let groups = vec![vec![1, 2], vec![], vec![3], vec![4, 5, 6], vec![7], vec![8]];
        let got: Vec<Vec<i32>> = batches(groups.into_iter(), 3, 4).collect();
        assert_eq!(got, [vec![1, 2, 3], vec![4, 5, 6, 7], vec![8]]);
        assert_eq!(batches(Vec::<Vec<i32>>::new().into_iter(), 3, 4).count(), 0);
        let empty_groups = vec![Vec::<i32>::new(), Vec::new()];
        assert_eq!(batches(empty_groups.into_iter(), 3, 4).count(), 0);
    }
}
