//! What every kind does: list, show, create, update and delete, through the library's
//! [`Collection`], with objects named by id or name and requests built from the kind's typed
//! defaults, a JSON file and the flags, in that order.

use std::io::IsTerminal;

use serde::Serialize;
use serde::de::DeserializeOwned;

use semaphore_api::resources::{Collection, Kind, List, Named, Update};

use super::{CliKind, Place, ScopeArg};
use crate::context::Ctx;
use crate::error::{CliError, Context, Result};
use crate::flags::{FromFile, Yes};
use crate::resolve::{self, plural};
use crate::{json_args, output};

fn collection<K: CliKind>(place: Place<'_, K>) -> Collection<'_, K::Kind> {
    Collection::new(place.client, place.scope)
}

fn one<K: CliKind>() -> &'static str {
    <K::Kind as Kind>::ONE
}

pub async fn list<K: CliKind>(ctx: &Ctx, place: Place<'_, K>) -> Result<()> {
    let of = K::Scope::of(place.scope);
    let items = collection(place).list().await.context(format_args!(
        "could not list the {}{of}",
        plural(one::<K>())
    ))?;
    if ctx.json {
        return output::json(&items);
    }
    if items.is_empty() {
        output::note(&format!(
            "no {}{}",
            plural(one::<K>()),
            of.replace(" of ", " in ")
        ));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items.iter().map(K::row).collect();
    output::table(K::HEADERS, &rows)
}

pub async fn show_one<K: CliKind>(ctx: &Ctx, place: Place<'_, K>, wanted: &str) -> Result<()> {
    let (id, _) = find::<K::Kind>(place.client, place.scope, wanted).await?;
    let item = collection(place)
        .get(id)
        .await
        .context(format_args!("could not read {} {id}", one::<K>()))?;
    show(ctx, &item)
}

pub fn show(ctx: &Ctx, item: &impl Serialize) -> Result<()> {
    if ctx.json {
        output::json(item)
    } else {
        output::details(item)
    }
}

pub async fn create<K: CliKind>(
    ctx: &Ctx,
    place: Place<'_, K>,
    fields: &K::Fields,
    file: &FromFile,
) -> Result<()> {
    let mut request = with_file(one::<K>(), K::blank(), file)?;
    K::set_on_request(place, fields, &mut request).await?;
    let created = collection(place)
        .create(&request)
        .await
        .context(format_args!("could not create the {}", one::<K>()))?;
    if ctx.json {
        return output::json(&created);
    }
    // The name and id as a list shows them: the same for every kind.
    let value = output::to_value(&created)?;
    let name = value.get("name").or_else(|| value.get("title"));
    let name = name.and_then(|n| n.as_str()).unwrap_or_default();
    output::line(&format!(
        "Created {} {} ({}).",
        one::<K>(),
        value.get("id").map(ToString::to_string).unwrap_or_default(),
        output::safe(name)
    ))
}

pub async fn update<K: CliKind>(
    ctx: &Ctx,
    place: Place<'_, K>,
    wanted: &str,
    fields: &K::Fields,
    file: &FromFile,
) -> Result<()> {
    let (id, _) = find::<K::Kind>(place.client, place.scope, wanted).await?;
    let handle = collection(place);
    let item = handle
        .get(id)
        .await
        .context(format_args!("could not read {} {id}", one::<K>()))?;
    let unchanged = <K::Kind as Update>::unchanged(&item);
    let mut change = with_file(one::<K>(), unchanged.clone(), file)?;
    K::set_on_change(place, fields, &mut change).await?;
    if change == unchanged {
        return Err(
            CliError::usage(format!("nothing to change in {} {id}", one::<K>()))
                .hint("give the fields to change as flags (see --help) or with --from-file"),
        );
    }
    // The library reads the object again and sends the change in its place: only what the
    // flags and the file set changes, and what the server did not apply is an error.
    let updated = handle
        .update(id, move |request| *request = change)
        .await
        .context(format_args!("could not update {} {id}", one::<K>()))?;
    if ctx.json {
        output::json(&updated)
    } else {
        output::line(&format!("Updated {} {id}.", one::<K>()))
    }
}

pub async fn delete<K: CliKind>(
    ctx: &Ctx,
    place: Place<'_, K>,
    wanted: &str,
    yes: &Yes,
) -> Result<()> {
    let (id, name) = find::<K::Kind>(place.client, place.scope, wanted).await?;
    let question = format!(
        "Delete {} {id} ({}){}?",
        one::<K>(),
        output::safe(&name),
        K::DELETE_ALSO
    );
    confirm(&question, yes)?;
    collection(place)
        .delete(id)
        .await
        .context(format_args!("could not delete {} {id}", one::<K>()))?;
    if ctx.json {
        output::line(&format!(r#"{{"deleted": true, "id": {id}}}"#))
    } else {
        output::line(&format!("Deleted {} {id}.", one::<K>()))
    }
}

/// The id and name of the object of kind `K` that `wanted` names, by id or name as
/// [`resolve::pick`] reads it.
pub async fn find<K: Named<Id: From<i64>>>(
    client: &semaphore_api::Client,
    scope: K::Scope,
    wanted: &str,
) -> Result<(K::Id, String)> {
    let items = Collection::<K>::new(client, scope)
        .list()
        .await
        .context(format_args!(
            "could not list the {}s to find {wanted:?}",
            K::ONE
        ))?;
    let (id, name) = pick::<K>(&items, wanted)?;
    Ok((K::Id::from(id), name.to_owned()))
}

/// The id and name of the listed object `wanted` names.
pub fn pick<'a, K: Named>(items: &'a [K::Summary], wanted: &str) -> Result<(i64, &'a str)> {
    let id = |s: &K::Summary| <K as List>::summary_id(s).into();
    let item = resolve::pick(K::ONE, wanted, items, id, K::name)?;
    Ok((id(item), K::name(item)))
}

/// `base`, with the fields of `--from-file` set on it.
fn with_file<T: Serialize + DeserializeOwned>(kind: &str, base: T, file: &FromFile) -> Result<T> {
    let Some(path) = &file.path else {
        return Ok(base);
    };
    let file = json_args::read_file(path)?;
    let mut value = output::to_value(&base)?;
    json_args::merge(&mut value, file);
    json_args::typed(kind, value)
}

/// Asks before a delete on a terminal; elsewhere `--yes` is needed.
pub fn confirm(question: &str, yes: &Yes) -> Result<()> {
    if yes.yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(
            CliError::usage("refusing to delete without --yes (stdin is not a terminal)")
                .hint("add --yes"),
        );
    }
    eprint!("{question} [y/N] ");
    let answer = crate::input::line()?;
    if matches!(answer.trim(), "y" | "Y" | "yes" | "YES" | "Yes") {
        Ok(())
    } else {
        Err(CliError::failed("not deleted"))
    }
}
