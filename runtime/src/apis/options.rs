//! The server's stored options.

use std::collections::BTreeMap;

use crate::{Result, ServerOption, semaphore_api};

/// Server options: settings kept in the database as key/value strings (`apps.bash.active`,
/// ...), read into the configuration when the server starts. Not in the spec; served by
/// the real server (`api/router.go`). **Administrators only** (others get a 403).
///
/// ```no_run
/// use semaphore_api::{Client, OptionsApi, ServerOption};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// let stored = client
///     .options_post(&ServerOption::new("apps.python.active", "false"))
///     .await?;
/// assert_eq!(stored.value, "false");
/// for (key, value) in client.options_get().await? {
///     println!("{key} = {value}");
/// }
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait OptionsApi {
    /// Fetches every stored option, as a map from key to value. **Administrators only**
    /// (403 otherwise).
    #[get("/options")]
    async fn options_get(&self) -> Result<BTreeMap<String, String>>;

    /// Stores an option, replacing the value of an existing key; answers the option (200).
    /// The server does not check the key. **Administrators only** (403 otherwise).
    #[post("/options")]
    #[idempotent]
    async fn options_post(&self, #[body] option: &ServerOption) -> Result<ServerOption>;
}
