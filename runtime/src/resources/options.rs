//! [`Options`]: the server's stored options.

use super::collection::Collection;
use super::kind::{Kind, List};
use crate::{Client, OptionsApi, Result, ServerOption};

/// The server's options (`client.options()`), for administrators.
///
/// | verb | operation |
/// |---|---|
/// | `list` | `options_get` |
/// | [`set`](Collection::set) | `options_post` (options cannot be deleted) |
#[derive(Debug)]
pub struct Options;

impl Kind for Options {
    type Scope = ();
    type Id = String;
    type Item = ServerOption;
    type Summary = ServerOption;
    type Request = ServerOption;
    const ONE: &'static str = "option";
}

impl List for Options {
    async fn list(client: &Client, (): ()) -> Result<Vec<ServerOption>> {
        let options = client.options_get().await?;
        Ok(options
            .into_iter()
            .map(|(key, value)| ServerOption::new(key, value))
            .collect())
    }

    fn summary_id(option: &ServerOption) -> String {
        option.key.clone()
    }
}

impl Collection<'_, Options> {
    /// Sets option `key` to `value` and returns it as stored.
    pub async fn set(
        &self,
        key: impl Into<String>,
        value: impl Into<String>,
    ) -> Result<ServerOption> {
        self.client
            .options_post(&ServerOption::new(key, value))
            .await
    }
}
