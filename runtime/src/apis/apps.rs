//! The apps a server runs templates with.

use crate::{Activation, App, AppRequest, Result, semaphore_api};

/// Apps: the programs templates run (`ansible`, `terraform`, `tofu`, `bash`, `powershell`,
/// `python`, and any an administrator adds). Not in the spec; served by the real server
/// (`api/router.go`).
///
/// Listing is open to every user; everything else is for administrators only (others get a
/// 403). An app's id is its name, a plain string such as `"ansible"`
/// ([`TemplateApp::as_str`](crate::TemplateApp::as_str) gives it for the known ones).
///
/// ```no_run
/// use semaphore_api::{Activation, AppRequest, AppsApi, Client, TemplateApp};
///
/// # async fn run() -> semaphore_api::Result<()> {
/// let client = Client::builder("http://localhost:3000/api")
///     .bearer_token("kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=")
///     .build()?;
/// for app in client.apps_get().await? {
///     println!("{:?} active={} priority={}", app.id, app.active, app.priority);
/// }
/// // Give Bash a title, then turn PowerShell off (both as an administrator).
/// let bash = client.apps_app_id_get(TemplateApp::Bash.as_str()).await?;
/// let mut update = AppRequest::from(&bash);
/// update.title = "Bash".into();
/// client.apps_app_id_put("bash", &update).await?;
/// client
///     .apps_app_id_active_post("powershell", &Activation { active: false })
///     .await?;
/// # Ok(()) }
/// ```
#[semaphore_api]
pub trait AppsApi {
    /// Lists the apps, highest priority first, each with its `id`. Open to every user.
    #[get("/apps")]
    async fn apps_get(&self) -> Result<Vec<App>>;

    /// Fetches an app (without its `id`, which is `app_id`); an unknown id is a 404.
    /// **Administrators only** (403 otherwise).
    #[get("/apps/{app_id}")]
    async fn apps_app_id_get(&self, app_id: &str) -> Result<App>;

    /// Sets every field of an app, adding it when `app_id` is new (204). **Administrators
    /// only** (403 otherwise). The server also routes `POST` here, to the same handler.
    #[put("/apps/{app_id}")]
    async fn apps_app_id_put(&self, app_id: &str, #[body] app: &AppRequest) -> Result<()>;

    /// Turns an app on or off (204), adding it when `app_id` is new. **Administrators only**
    /// (403 otherwise).
    #[post("/apps/{app_id}/active")]
    #[idempotent]
    async fn apps_app_id_active_post(
        &self,
        app_id: &str,
        #[body] active: &Activation,
    ) -> Result<()>;

    /// Removes an app and its stored options (204, for an unknown id too). **Administrators
    /// only** (403 otherwise). A built-in app comes back, with its defaults, when the server
    /// restarts.
    #[delete("/apps/{app_id}")]
    async fn apps_app_id_delete(&self, app_id: &str) -> Result<()>;
}
