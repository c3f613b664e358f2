//! The HTTP client the task socket's upgrade goes through: the application's, or one of
//! the client's own, HTTP/1.1 only.

use std::sync::OnceLock;

use super::http::Recipe;

/// How the client's sockets reach the server; set by the client's builder.
pub(crate) struct SocketConfig {
    http: Upgrades,
}

enum Upgrades {
    /// The application's `reqwest::Client` (`ClientBuilder::http_client`).
    Given(reqwest::Client),
    /// One of the client's own, HTTP/1.1 only, built when the first socket opens.
    Own {
        recipe: Box<Recipe>,
        client: OnceLock<Result<reqwest::Client, String>>,
    },
}

impl SocketConfig {
    pub(crate) fn given(http: reqwest::Client) -> Self {
        SocketConfig {
            http: Upgrades::Given(http),
        }
    }

    pub(crate) fn own(recipe: Recipe) -> Self {
        SocketConfig {
            http: Upgrades::Own {
                recipe: Box::new(recipe),
                client: OnceLock::new(),
            },
        }
    }

    pub(crate) fn client(&self) -> Result<&reqwest::Client, &'static str> {
        match &self.http {
            Upgrades::Given(http) => Ok(http),
            Upgrades::Own { recipe, client } => client
                .get_or_init(|| recipe.socket())
                .as_ref()
                .map_err(|_| "the socket's HTTP client cannot start"),
        }
    }
}
