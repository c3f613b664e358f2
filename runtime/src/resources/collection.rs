//! [`Collection`]: one handle per kind of object, with the same verbs for every kind.

use std::fmt;

use super::kind::{Create, Delete, Get, Kind, List, Named, Update};
use crate::ErrorKind;
use crate::{Call, Client, Result};

/// The objects of one kind, in a project or on the server: `client.project(id).templates()`,
/// `client.projects()`. The verbs a kind has are the ones the server allows it (see each
/// kind's page for the operations they call).
///
/// Cheap to make: it borrows the client and holds the scope.
pub struct Collection<'c, K: Kind> {
    pub(crate) client: &'c Client,
    pub(crate) scope: K::Scope,
}

impl<K: Kind> Clone for Collection<'_, K> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<K: Kind> Copy for Collection<'_, K> {}

impl<K: Kind> fmt::Debug for Collection<'_, K>
where
    K::Scope: fmt::Debug,
{
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Collection")
            .field("kind", &K::ONE)
            .field("scope", &self.scope)
            .finish_non_exhaustive()
    }
}

impl<'c, K: Kind> Collection<'c, K> {
    /// The objects of kind `K` in `scope`, for code generic over kinds:
    /// `Collection::<Templates>::new(&client, project)` is `client.project(project).templates()`.
    pub fn new(client: &'c Client, scope: K::Scope) -> Self {
        Collection { client, scope }
    }
}

impl<K: List> Collection<'_, K> {
    /// Every object, in the server's default order (by name on SQL servers, by id on BoltDB
    /// servers; tasks newest first).
    pub async fn list(&self) -> Result<Vec<K::Summary>> {
        K::list(self.client, self.scope).await
    }
}

impl<K: Named> Collection<'_, K> {
    /// The one object named `name`; an [`ErrorKind::Lookup`] when there is none
    /// ([`is_not_found`](crate::Error::is_not_found)) or several (with their ids).
    pub async fn find(&self, name: &str) -> Result<K::Summary> {
        let mut found: Vec<K::Summary> = K::list(self.client, self.scope)
            .await?
            .into_iter()
            .filter(|s| K::name(s) == name)
            .collect();
        if found.len() == 1 {
            return Ok(found.remove(0));
        }
        Err(ErrorKind::Lookup {
            kind: K::ONE,
            name: name.to_owned(),
            ids: found.iter().map(|s| K::summary_id(s).into()).collect(),
        }
        .into())
    }
}

impl<K: Get> Collection<'_, K> {
    /// The object with this id, as the server has it now.
    pub async fn get(&self, id: K::Id) -> Result<K::Item> {
        K::get(self.client, self.scope, id).await
    }
}

impl<K: Create> Collection<'_, K> {
    /// Creates an object and returns it as the server has it.
    pub async fn create(&self, request: &K::Request) -> Result<K::Item> {
        K::create(self.client, self.scope, request).await
    }
}

impl<K: Update> Collection<'_, K> {
    /// Changes an object: reads it, builds the update that changes nothing, lets `change`
    /// edit it, sends it and returns the object as the server then has it. Every field the
    /// server overwrites comes from the object read, so only what `change` changes changes.
    ///
    /// ```no_run
    /// # async fn run(client: semaphore_api::Client, t: semaphore_api::TemplateId) -> semaphore_api::Result<()> {
    /// let p = client.project(semaphore_api::ProjectId(1));
    /// let t = p.templates().update(t, |r| r.description = Some("Rolls out".into())).await?;
    /// # Ok(()) }
    /// ```
    pub async fn update(
        &self,
        id: K::Id,
        change: impl FnOnce(&mut K::Change) + Send,
    ) -> Result<K::Item> {
        let item = K::get(self.client, self.scope, id.clone()).await?;
        let mut request = K::unchanged(&item);
        change(&mut request);
        if let Err(reason) = K::check(&item, &request) {
            return Err(ErrorKind::InvalidArgument {
                call: call(K::PUT),
                param: "update",
                reason,
            }
            .into());
        }
        K::put(self.client, self.scope, id.clone(), &request).await?;
        let after = K::get(self.client, self.scope, id).await?;
        match K::missed(&item, &request, &after) {
            None => Ok(after),
            Some(what) => Err(ErrorKind::NotApplied {
                call: call(K::PUT),
                what,
            }
            .into()),
        }
    }
}

impl<K: Delete> Collection<'_, K> {
    /// Deletes the object.
    pub async fn delete(&self, id: K::Id) -> Result<()> {
        K::delete(self.client, self.scope, id).await
    }
}

/// The object a create just made, where the server answers without it: the one object named
/// `name` that the list did not hold before. Another client creating one of the same name at
/// the same moment makes two: an [`ErrorKind::Lookup`] with both ids.
pub(crate) async fn made<K: Named + Get>(
    client: &Client,
    scope: K::Scope,
    before: &[K::Summary],
    name: &str,
) -> Result<K::Item>
where
    K::Id: PartialEq,
{
    let old: Vec<K::Id> = before.iter().map(K::summary_id).collect();
    let new: Vec<K::Id> = K::list(client, scope)
        .await?
        .iter()
        .filter(|s| K::name(s) == name && !old.contains(&K::summary_id(s)))
        .map(K::summary_id)
        .collect();
    match <[K::Id; 1]>::try_from(new) {
        Ok([id]) => K::get(client, scope, id).await,
        Err(new) => Err(ErrorKind::Lookup {
            kind: K::ONE,
            name: name.to_owned(),
            ids: new.into_iter().map(Into::into).collect(),
        }
        .into()),
    }
}

/// A declared operation, by name, for errors raised before it is sent.
pub(crate) fn call(name: &'static str) -> Call {
    Call::named(name)
}
