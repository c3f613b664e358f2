//! The cycle every kind of resource goes through, in three stages:
//!
//! - **make**: create, list in every order (each list counted), update and read back (what
//!   comes back is what was wanted, nothing else changed);
//! - **check**, once every kind is made: the kind's refs and what needs the others;
//! - **remove**: delete, read again (refused), list what is left (counted).
//!
//! Each item is also read alone, in the make stage before its update or in the check stage
//! after it (`reads_before_update` says which).
//!
//! A kind says what it sends and what only it checks (`Resource`); the stages make the calls
//! and the checks that every kind shares.

use std::fmt::Debug;
use std::future::Future;

use semaphore_api::{Result, SortOrder, Template, TemplateSummary, User, UserSummary};

use super::made::Made;
use super::run::{Named, Run, Step, Stop};

/// What every list of a kind must hold.
pub enum Holds<Id> {
    /// This many items: the project's own, with those the server adds.
    Exactly(usize),
    /// This one among others (the server's users and projects).
    Includes(Id),
}

/// Where an update is read back from.
pub enum ReadBack {
    /// The item read alone.
    Alone,
    /// The item in the list.
    InList,
    /// The list, which must hold that item and nothing else.
    OnlyInList,
}

/// What a list holds of an item: the item itself, or a summary.
pub trait Listing<Item> {
    /// The listed item as a whole one; `None` for a summary.
    fn whole(self) -> Option<Item>;
}

impl<T> Listing<T> for T {
    fn whole(self) -> Option<T> {
        Some(self)
    }
}

/// A template's list entry leaves settings out (CONFORMANCE.md), so it never stands for one.
impl Listing<Template> for TemplateSummary {
    fn whole(self) -> Option<Template> {
        None
    }
}

/// A user's list entry is a summary (a plain user is shown less), never the user itself.
impl Listing<User> for UserSummary {
    fn whole(self) -> Option<User> {
        None
    }
}

/// One kind of resource: its requests, its calls and the checks only it has.
pub trait Resource {
    /// The kind's name in the messages of failed checks.
    const NAME: &'static str;
    /// What the server answers for one item read alone.
    type Item: Clone + PartialEq + Debug;
    /// What a list holds of one.
    type Listed: Listing<Self::Item> + Clone + Debug;
    type Id: Copy + PartialEq + Debug;
    /// One way of asking for the list: a sort key and an order, or nothing.
    type Order: Copy;

    fn id(item: &Self::Item) -> Self::Id;
    /// A listed item's id: that of the whole item, by default.
    fn listed_id(listed: &Self::Listed) -> Option<Self::Id> {
        listed.clone().whole().map(|item| Self::id(&item))
    }

    // ---- make ----

    /// Creates the kind's items, checks each answer, and keeps in `made` what later steps use.
    async fn create(&self, run: &mut Run, made: &mut Made) -> Step;
    /// Every way of asking for the list; later lists use the first.
    fn orders(&self) -> Vec<Self::Order>;
    fn list(
        &self,
        made: &Made,
        order: Self::Order,
    ) -> Named<impl Future<Output = Result<Vec<Self::Listed>>>>;
    /// The statuses a known server fault answers a list in `order` with.
    fn faults(&self, _order: Self::Order) -> &'static [u16] {
        &[]
    }
    /// What every list must hold.
    fn holds(&self, made: &Made) -> Holds<Self::Id>;
    /// Takes the list in the first order: keeps what later steps use, with its own checks.
    fn listed(&self, _run: &mut Run, _made: &mut Made, _listed: Vec<Self::Listed>) -> Step {
        Ok(())
    }
    /// The items read alone, each as known before the read (`reads_before_update`: when).
    fn to_read(&self, made: &Made) -> Vec<Self::Item>;
    fn read(&self, made: &Made, id: Self::Id) -> Named<impl Future<Output = Result<Self::Item>>>;
    /// Checks an item read alone against what was known of it: all of it, by default.
    fn was_read(&self, run: &mut Run, _made: &mut Made, known: &Self::Item, read: Self::Item) {
        run.same(&format!("{} read alone", Self::NAME), &read, known);
    }
    /// The calls only this kind has that must come before its update.
    async fn before_update(&self, _run: &mut Run, _made: &mut Made) -> Step {
        Ok(())
    }
    /// The items updated, each as it is wanted afterwards.
    fn to_update(&self, made: &Made) -> Vec<Self::Item>;
    async fn put(&self, run: &mut Run, made: &Made, wanted: &Self::Item) -> Step;
    const READ_BACK: ReadBack = ReadBack::Alone;
    /// What of an item an update's check compares: all of it, by default.
    fn compared(item: &Self::Item) -> Self::Item {
        item.clone()
    }
    /// Keeps an item as its update left it (for the reads after it, and later steps).
    fn updated(&self, _made: &mut Made, _after: Self::Item) {}

    // ---- check ----

    /// The kind's refs and the checks that need the other kinds made.
    async fn check(&self, _run: &mut Run, _made: &mut Made) -> Step {
        Ok(())
    }

    // ---- remove ----

    /// The items deleted, in order.
    async fn to_delete(&self, run: &mut Run, made: &Made) -> Step<Vec<Self::Id>>;
    fn delete(&self, made: &Made, id: Self::Id) -> Named<impl Future<Output = Result<()>>>;
    /// The statuses a read of a deleted item must answer with; none: not read.
    const GONE: &'static [u16] = &[];
    /// How many items a list holds once these are deleted; `None`: not listed.
    const LEFT: Option<usize> = None;
}

/// Every sort key in both orders, as the lists are asked for.
pub fn every_order<S: Copy>(sorts: &[S]) -> Vec<(S, SortOrder)> {
    sorts
        .iter()
        .flat_map(|&sort| [(sort, SortOrder::Asc), (sort, SortOrder::Desc)])
        .collect()
}

/// Whether items are read alone before their update: when the update is read back alone,
/// that read shows it, and the update starts from what was read. Otherwise they are read at
/// the check stage, so that a read alone shows the update too.
fn reads_before_update<R: Resource>() -> bool {
    matches!(R::READ_BACK, ReadBack::Alone)
}

/// Creates, lists in every order, updates.
pub async fn make<R: Resource>(kind: &R, run: &mut Run, made: &mut Made) -> Step {
    kind.create(run, made).await?;
    let listed = list_every_way(kind, run, made).await?;
    kind.listed(run, made, listed)?;
    if reads_before_update::<R>() {
        read_each(kind, run, made).await?;
    }
    kind.before_update(run, made).await?;
    for wanted in kind.to_update(made) {
        update(kind, run, made, wanted).await?;
    }
    Ok(())
}

/// Reads each item alone, checked against what was known of it.
async fn read_each<R: Resource>(kind: &R, run: &mut Run, made: &mut Made) -> Step {
    for known in kind.to_read(made) {
        let read = run.ok(kind.read(made, R::id(&known))).await?;
        kind.was_read(run, made, &known, read);
    }
    Ok(())
}

/// Lists in every order, each list checked for what it must hold; the first order's list.
async fn list_every_way<R: Resource>(kind: &R, run: &mut Run, made: &Made) -> Step<Vec<R::Listed>> {
    let mut first = None;
    for order in kind.orders() {
        let call = kind.list(made, order);
        let faults = kind.faults(order);
        let listed = if faults.is_empty() {
            Some(run.ok(call).await?)
        } else {
            run.ok_or_server_fault(faults, call).await?
        };
        let Some(listed) = listed else { continue };
        match kind.holds(made) {
            Holds::Exactly(count) => {
                run.same(&format!("{} list: how many", R::NAME), listed.len(), count);
            }
            Holds::Includes(id) => {
                let found = listed.iter().any(|item| R::listed_id(item) == Some(id));
                run.check(found, || {
                    format!("{} list: the new one is missing", R::NAME)
                });
            }
        }
        first.get_or_insert(listed);
    }
    first.ok_or_else(|| Stop(format!("{}: no list answered", R::NAME)))
}

/// The list in the first order, the one every later list uses.
async fn first_list<R: Resource>(kind: &R, run: &mut Run, made: &Made) -> Step<Vec<R::Listed>> {
    let order = kind.orders()[0];
    run.ok(kind.list(made, order)).await
}

/// Sends an update and reads it back: it must show what was wanted, and nothing else changed.
pub async fn update<R: Resource>(
    kind: &R,
    run: &mut Run,
    made: &mut Made,
    wanted: R::Item,
) -> Step {
    kind.put(run, made, &wanted).await?;
    let what = format!("{} updated, nothing else changed", R::NAME);
    let id = R::id(&wanted);
    let after = match R::READ_BACK {
        ReadBack::Alone => {
            let read = run.ok(kind.read(made, id)).await?;
            run.same(&what, R::compared(&read), R::compared(&wanted));
            Some(read)
        }
        ReadBack::InList => {
            let listed = first_list(kind, run, made).await?;
            let found = listed
                .into_iter()
                .filter_map(Listing::whole)
                .find(|item| R::id(item) == id);
            let seen = found.as_ref().map(R::compared);
            run.same(&what, seen, Some(R::compared(&wanted)));
            found
        }
        ReadBack::OnlyInList => {
            let listed: Vec<R::Item> = first_list(kind, run, made)
                .await?
                .into_iter()
                .filter_map(Listing::whole)
                .collect();
            let seen: Vec<_> = listed.iter().map(R::compared).collect();
            run.same(&what, seen, vec![R::compared(&wanted)]);
            listed.into_iter().next()
        }
    };
    if let Some(after) = after {
        kind.updated(made, after);
    }
    Ok(())
}

/// The reads alone left for after the update, then the kind's refs and its checks that need
/// every kind made.
pub async fn check<R: Resource>(kind: &R, run: &mut Run, made: &mut Made) -> Step {
    if !reads_before_update::<R>() {
        read_each(kind, run, made).await?;
    }
    kind.check(run, made).await
}

/// Deletes, reads each deleted item again (refused), counts what is left.
pub async fn remove<R: Resource>(kind: &R, run: &mut Run, made: &mut Made) -> Step {
    for id in kind.to_delete(run, made).await? {
        run.ok(kind.delete(made, id)).await?;
        if !R::GONE.is_empty() {
            run.fails(R::GONE, kind.read(made, id)).await;
        }
    }
    if let Some(left) = R::LEFT {
        let listed = first_list(kind, run, made).await?;
        let what = format!("{} list once deleted: how many", R::NAME);
        run.same(&what, listed.len(), left);
    }
    Ok(())
}
