//! [`Tokens`]: the logged-in user's API tokens.

use super::collection::Collection;
use super::kind::{Delete, Kind, List};
use crate::{ApiToken, AuthenticationApi, Client, Result, Secret};

/// The API tokens of the logged-in user (`client.tokens()`).
///
/// | verb | operation |
/// |---|---|
/// | `list` | `user_tokens_get` (expired ones included) |
/// | [`create`](Collection::create) | `user_tokens_post` (a new token) |
/// | `delete` | `user_tokens_api_token_id_delete` (expires it) |
#[derive(Debug)]
pub struct Tokens;

impl Kind for Tokens {
    type Scope = ();
    type Id = Secret;
    type Item = ApiToken;
    type Summary = ApiToken;
    type Request = ();
    const ONE: &'static str = "token";
}

impl List for Tokens {
    async fn list(client: &Client, (): ()) -> Result<Vec<ApiToken>> {
        client.user_tokens_get().await
    }

    fn summary_id(token: &ApiToken) -> Secret {
        token.id.clone()
    }
}

impl Delete for Tokens {
    async fn delete(client: &Client, (): (), id: Secret) -> Result<()> {
        client
            .user_tokens_api_token_id_delete(id.expose_secret())
            .await
    }
}

impl Collection<'_, Tokens> {
    /// A new API token for the logged-in user.
    pub async fn create(&self) -> Result<ApiToken> {
        self.client.user_tokens_post().await
    }
}
