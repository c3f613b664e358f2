//! What the httpmock tests share: the client's base URL on a mock server, and the request
//! target as the client sent it.

use httpmock::{HttpMockRequest, MockServer};

/// The `/api` base URL a client is given on `server`.
pub fn api_url(server: &MockServer) -> String {
    server.url("/api")
}

/// The request's target as the client sent it: path and query, percent-encoding untouched
/// (httpmock keeps the URI as received, with the scheme and host added).
pub fn sent_target(request: &HttpMockRequest) -> String {
    let uri = request.uri();
    uri.path_and_query()
        .map_or_else(String::new, |target| target.as_str().to_owned())
}

/// A matcher for a request whose target is exactly `target`.
pub fn target_is(target: impl Into<String>) -> impl Fn(&HttpMockRequest) -> bool + Send + Sync {
    let target = target.into();
    move |request| sent_target(request) == target
}

/// Answers every request no other mock of `server` matched with a 404 labelled JSON, as the
/// real server answers an unknown object.
pub async fn not_found_otherwise(server: &MockServer) {
    server
        .mock_async(|when, then| {
            when.any_request();
            then.status(404).header("Content-Type", "application/json");
        })
        .await;
}
