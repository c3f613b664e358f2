//! The server's version, read once per client and kept.

use crate::{Client, DefaultApi, Result, ServerVersion};

impl Client {
    /// The server's version, read from `/api/info` by the first caller and kept: clones share
    /// it. Needs credentials, as `/api/info` does; a failed read is not kept.
    ///
    /// ```no_run
    /// # async fn run(client: semaphore_api::Client) -> semaphore_api::Result<()> {
    /// use semaphore_api::Support;
    ///
    /// let version = client.server_version().await?;
    /// if version.support() != Support::Verified {
    ///     eprintln!("Semaphore {version}: not the version this client was verified against");
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn server_version(&self) -> Result<ServerVersion> {
        self.inner
            .version
            .get_or_try_init(|| async { self.info_get().await.map(|info| info.server_version()) })
            .await
            .cloned()
    }
}
