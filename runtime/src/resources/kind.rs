//! What a kind of object can do, one trait per verb: [`Collection`](super::Collection) has a
//! verb only for the kinds that implement its trait, so a kind the server cannot update has
//! no `update`.

use std::future::Future;

use crate::{Client, Result};

/// A kind of object the server keeps: its ids, what reading one gives, what a list gives and
/// what creating or changing one sends.
pub trait Kind: Sized + 'static {
    /// Where the objects live: a project ([`ProjectId`](crate::ProjectId)) or the server
    /// (`()`).
    type Scope: Copy + Send + Sync + 'static;
    /// An object's id.
    type Id: Clone + Send + Sync + 'static;
    /// An object as one is read: everything an update needs.
    type Item: Send + 'static;
    /// An object as a list shows it (the same as `Item` where lists show everything).
    type Summary: Send + 'static;
    /// The body of a create.
    type Request: Send + Sync + 'static;
    /// The kind's name in messages: `template`.
    const ONE: &'static str;
}

/// Kinds that can be listed.
pub trait List: Kind {
    /// Every object, in the server's default order.
    fn list(
        client: &Client,
        scope: Self::Scope,
    ) -> impl Future<Output = Result<Vec<Self::Summary>>> + Send;

    /// A listed object's id.
    fn summary_id(summary: &Self::Summary) -> Self::Id;
}

/// Kinds whose objects have a name to be found by.
pub trait Named: List<Id: Into<i64>> {
    /// A listed object's name.
    fn name(summary: &Self::Summary) -> &str;
}

/// Kinds whose objects can be read one by one.
pub trait Get: Kind {
    /// The object with this id.
    fn get(
        client: &Client,
        scope: Self::Scope,
        id: Self::Id,
    ) -> impl Future<Output = Result<Self::Item>> + Send;
}

/// Kinds that can be created.
pub trait Create: Kind {
    /// Creates one and returns it as the server has it, also where the server's answer
    /// leaves it out.
    fn create(
        client: &Client,
        scope: Self::Scope,
        request: &Self::Request,
    ) -> impl Future<Output = Result<Self::Item>> + Send;
}

/// Kinds that can be changed: the server overwrites the whole object with the request, so an
/// update always starts from the object read.
pub trait Update: Get {
    /// The body of an update.
    type Change: Send + Sync + 'static;

    /// The update that changes nothing: every field the server overwrites, as read.
    fn unchanged(item: &Self::Item) -> Self::Change;

    /// Why `change` cannot be sent as an update of `item`, where the server would mishandle
    /// it.
    fn check(item: &Self::Item, change: &Self::Change) -> std::result::Result<(), String> {
        let _ = (item, change);
        Ok(())
    }

    /// What `change` did not do, seen in the object read back after the server answered
    /// success, where the server is known to answer success for changes it did not make.
    fn missed(before: &Self::Item, change: &Self::Change, after: &Self::Item) -> Option<String> {
        let _ = (before, change, after);
        None
    }

    /// Sends the update.
    fn put(
        client: &Client,
        scope: Self::Scope,
        id: Self::Id,
        change: &Self::Change,
    ) -> impl Future<Output = Result<()>> + Send;

    /// The operation `put` calls (for errors raised before it is sent).
    const PUT: &'static str;
}

/// Kinds that can be deleted.
pub trait Delete: Kind {
    /// Deletes the object.
    fn delete(
        client: &Client,
        scope: Self::Scope,
        id: Self::Id,
    ) -> impl Future<Output = Result<()>> + Send;
}
