//! The generic half of the tools: list, show, create, update and delete for any kind, on the
//! library's [`Collection`], with the command line's kinds (their typed blank requests, their
//! lookup by id or name) and JSON results cleaned and bounded.

use serde_json::{Map, Value, json};

use semaphore_api::resources::{Collection, Get, Kind, List, Update};
use semaphore_api::{Client, ProjectId};

use super::bounds::{self, clean};
use crate::error::{CliError, Context, Result};
use crate::json_args;
use crate::kinds::{CliKind, find};

/// Where the objects of a kind are: nowhere for projects, a project for the rest.
pub trait Scope: Copy + Send + Sync + 'static {
    /// The scope in a result (`{"project_id": 3}`).
    fn describe(self) -> Map<String, Value>;
}

impl Scope for () {
    fn describe(self) -> Map<String, Value> {
        Map::new()
    }
}

impl Scope for ProjectId {
    fn describe(self) -> Map<String, Value> {
        let mut map = Map::new();
        map.insert("project_id".into(), json!(self.get()));
        map
    }
}

fn one<K: Kind>() -> &'static str {
    K::ONE
}

/// A list, filtered by name when asked and cut to its limit.
pub async fn list<K: List<Summary: serde::Serialize, Scope: Scope>>(
    client: &Client,
    scope: K::Scope,
    name: Option<fn(&K::Summary) -> &str>,
    filter: Option<&str>,
    limit: Option<u32>,
) -> Result<Value> {
    let mut items = Collection::<K>::new(client, scope)
        .list()
        .await
        .context(format_args!("could not list the {}s", one::<K>()))?;
    if let (Some(filter), Some(name)) = (filter, name) {
        let filter = filter.to_lowercase();
        items.retain(|item| name(item).to_lowercase().contains(&filter));
    }
    let total = items.len();
    let (shown, note) = bounds::first(items, limit);
    let mut result = scope.describe();
    result.insert("kind".into(), json!(format!("{}s", one::<K>())));
    result.insert("total".into(), json!(total));
    result.insert("items".into(), clean(&shown)?);
    if let Some(note) = note {
        result.insert("note".into(), json!(note));
    }
    Ok(Value::Object(result))
}

/// One object by id or name, read in full.
pub async fn show<K: CliKind>(
    client: &Client,
    scope: <K::Kind as Kind>::Scope,
    wanted: &str,
) -> Result<Value> {
    let (id, _) = find::<K::Kind>(client, scope, wanted).await?;
    let item = Collection::<K::Kind>::new(client, scope)
        .get(id)
        .await
        .context(format_args!("could not read {} {id}", one::<K::Kind>()))?;
    clean(&item)
}

/// One object by id (tasks, which have no name).
pub async fn show_by_id<K: Get<Item: serde::Serialize, Id: From<i64> + std::fmt::Display>>(
    client: &Client,
    scope: K::Scope,
    id: i64,
) -> Result<Value> {
    let id = K::Id::from(id);
    let item = Collection::<K>::new(client, scope)
        .get(id.clone())
        .await
        .context(format_args!("could not read {} {id}", one::<K>()))?;
    clean(&item)
}

/// A new object from its kind's typed blank request with `fields` set on it.
pub async fn create<K: CliKind>(
    client: &Client,
    scope: <K::Kind as Kind>::Scope,
    fields: Map<String, Value>,
) -> Result<Value> {
    let mut request = serde_json::to_value(K::blank())
        .map_err(|e| CliError::failed(format!("cannot encode the request: {e}")))?;
    json_args::merge(&mut request, Value::Object(fields));
    let request: <K::Kind as Kind>::Request = json_args::typed(one::<K::Kind>(), request)?;
    let created = Collection::<K::Kind>::new(client, scope)
        .create(&request)
        .await
        .context(format_args!("could not create the {}", one::<K::Kind>()))?;
    clean(&created)
}

/// `fields` set on the object: the library reads it, sends it whole with them changed, and
/// reads it back.
pub async fn update<K: CliKind>(
    client: &Client,
    scope: <K::Kind as Kind>::Scope,
    wanted: &str,
    fields: Map<String, Value>,
) -> Result<Value> {
    let (id, _) = find::<K::Kind>(client, scope, wanted).await?;
    let collection = Collection::<K::Kind>::new(client, scope);
    let item = collection
        .get(id)
        .await
        .context(format_args!("could not read {} {id}", one::<K::Kind>()))?;
    let unchanged = <K::Kind as Update>::unchanged(&item);
    let mut change = serde_json::to_value(&unchanged)
        .map_err(|e| CliError::failed(format!("cannot encode the update: {e}")))?;
    json_args::merge(&mut change, Value::Object(fields));
    let change: <K::Kind as Update>::Change = json_args::typed(one::<K::Kind>(), change)?;
    if change == unchanged {
        return Err(CliError::usage(format!(
            "nothing to change in {} {id}: `fields` holds only its current values",
            one::<K::Kind>()
        )));
    }
    let updated = collection
        .update(id, move |request| *request = change)
        .await
        .context(format_args!("could not update {} {id}", one::<K::Kind>()))?;
    clean(&updated)
}

/// Deletes the object when `confirm` is set; else says what would be deleted.
pub async fn delete<K: CliKind>(
    client: &Client,
    scope: <K::Kind as Kind>::Scope,
    wanted: &str,
    confirm: bool,
) -> Result<Value> {
    let (id, name) = find::<K::Kind>(client, scope, wanted).await?;
    let what = json!({"kind": one::<K::Kind>(), "id": id.into(), "name": bounds::text_line(&name)});
    if !confirm {
        return Ok(json!({
            "deleted": false,
            "would_delete": what,
            "note": format!("nothing was deleted: call again with \"confirm\": true to delete it{}", K::DELETE_ALSO),
        }));
    }
    Collection::<K::Kind>::new(client, scope)
        .delete(id)
        .await
        .context(format_args!("could not delete {} {id}", one::<K::Kind>()))?;
    Ok(json!({"deleted": true, "object": what}))
}
