//! [`Apps`]: the programs templates run, as the server is configured with them.

use super::collection::Collection;
use super::kind::{Delete, Get, Kind, List, Update};
use crate::{Activation, App, AppRequest, AppsApi, Client, Result, TemplateApp};

/// The apps (`client.apps()`): listed for everyone, changed by administrators.
///
/// | verb | operation |
/// |---|---|
/// | `list` | `apps_get` |
/// | `get` | `apps_app_id_get` |
/// | [`set`](Collection::set) | `apps_app_id_put`: adds or replaces an app |
/// | `update` | `apps_app_id_put`, from the app read |
/// | [`set_active`](Collection::set_active) | `apps_app_id_active_post` |
/// | `delete` | `apps_app_id_delete` |
#[derive(Debug)]
pub struct Apps;

impl Kind for Apps {
    type Scope = ();
    type Id = TemplateApp;
    type Item = App;
    type Summary = App;
    type Request = AppRequest;
    const ONE: &'static str = "app";
}

impl List for Apps {
    async fn list(client: &Client, (): ()) -> Result<Vec<App>> {
        client.apps_get().await
    }

    fn summary_id(app: &App) -> TemplateApp {
        app.id.clone().unwrap_or_default()
    }
}

impl Get for Apps {
    async fn get(client: &Client, (): (), id: TemplateApp) -> Result<App> {
        let mut app = client.apps_app_id_get(id.as_str()).await?;
        // The single read leaves the id out; it is the path's.
        app.id = Some(id);
        Ok(app)
    }
}

impl Update for Apps {
    type Change = AppRequest;
    const PUT: &'static str = "apps_app_id_put";

    fn unchanged(app: &App) -> AppRequest {
        AppRequest::from(app)
    }

    async fn put(client: &Client, (): (), id: TemplateApp, change: &AppRequest) -> Result<()> {
        client.apps_app_id_put(id.as_str(), change).await
    }
}

impl Delete for Apps {
    async fn delete(client: &Client, (): (), id: TemplateApp) -> Result<()> {
        client.apps_app_id_delete(id.as_str()).await
    }
}

impl Collection<'_, Apps> {
    /// Adds app `id`, or replaces every field of it.
    pub async fn set(&self, id: TemplateApp, app: &AppRequest) -> Result<()> {
        self.client.apps_app_id_put(id.as_str(), app).await
    }

    /// Turns app `id` on or off (adding it when it is new).
    pub async fn set_active(&self, id: TemplateApp, active: bool) -> Result<()> {
        self.client
            .apps_app_id_active_post(id.as_str(), &Activation { active })
            .await
    }
}
