//! [`Keys`]: a project's access keys.

use super::collection::made;
use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::{AccessKey, AccessKeyRequest, Client, KeyId, ProjectApi, ProjectId, Result};

/// The access keys of a project (`client.project(id).keys()`), not its environments'
/// secrets.
///
/// | verb | operation |
/// |---|---|
/// | `list`, `find` | `project_project_id_keys_get` |
/// | `get` | `project_project_id_keys_key_id_get` |
/// | `create` | `project_project_id_keys_post` (204, no key): the new key is then found in the list by its name and its id unknown before |
/// | `update` | `project_project_id_keys_key_id_put`: renames; replaces the type and secret only with `override_secret` |
/// | `delete` | `project_project_id_keys_key_id_delete` |
#[derive(Debug)]
pub struct Keys;

impl Kind for Keys {
    type Scope = ProjectId;
    type Id = KeyId;
    type Item = AccessKey;
    type Summary = AccessKey;
    type Request = AccessKeyRequest;
    const ONE: &'static str = "key";
}

impl List for Keys {
    async fn list(client: &Client, project: ProjectId) -> Result<Vec<AccessKey>> {
        client
            .project_project_id_keys_get(project, None, None)
            .await
    }

    fn summary_id(key: &AccessKey) -> KeyId {
        key.id
    }
}

impl Named for Keys {
    fn name(key: &AccessKey) -> &str {
        &key.name
    }
}

impl Get for Keys {
    async fn get(client: &Client, project: ProjectId, id: KeyId) -> Result<AccessKey> {
        client.project_project_id_keys_key_id_get(project, id).await
    }
}

impl Create for Keys {
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &AccessKeyRequest,
    ) -> Result<AccessKey> {
        let before = Self::list(client, project).await?;
        client
            .project_project_id_keys_post(project, request)
            .await?;
        made::<Self>(client, project, &before, &request.name).await
    }
}

impl Update for Keys {
    type Change = AccessKeyRequest;
    const PUT: &'static str = "project_project_id_keys_key_id_put";

    fn unchanged(key: &AccessKey) -> AccessKeyRequest {
        AccessKeyRequest::from(key)
    }

    async fn put(
        client: &Client,
        project: ProjectId,
        id: KeyId,
        request: &AccessKeyRequest,
    ) -> Result<()> {
        client
            .project_project_id_keys_key_id_put(project, id, request)
            .await
    }
}

impl Delete for Keys {
    async fn delete(client: &Client, project: ProjectId, id: KeyId) -> Result<()> {
        client
            .project_project_id_keys_key_id_delete(project, id)
            .await
    }
}
