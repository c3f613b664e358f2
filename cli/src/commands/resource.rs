//! list, show, create, update and delete, written once for every kind of project object
//! ([`Resource`]), and each kind's calls, columns and body.

use std::fmt::Display;
use std::io::IsTerminal;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use semaphore_api::{
    AccessKey, AccessKeyRequest, AccessKeySort, Client, Environment, EnvironmentId,
    EnvironmentRequest, EnvironmentSort, Integration, IntegrationId, IntegrationRequest, Inventory,
    InventoryId, InventoryRequest, InventorySort, KeyId, ProjectApi, ProjectId, Repository,
    RepositoryId, RepositoryRequest, RepositorySort, Schedule, ScheduleApi, ScheduleId,
    ScheduleRequest, SortOrder, Template, TemplateId, TemplateRequest, TemplateSort, View, ViewId,
    ViewRequest,
};

use crate::args::{
    EnvironmentFields, FromFile, IntegrationFields, InventoryFields, KeyFields, RepositoryFields,
    ResourceCmd, ScheduleFields, TemplateFields, ViewFields, Yes,
};
use crate::bodies::{self, Patch};
use crate::context::Ctx;
use crate::error::{CliError, Context, Result};
use crate::output::{self, one_line, opt};
use crate::resolve;

type ApiResult<T> = semaphore_api::Result<T>;

/// A kind of object of a project, as the generic commands need it.
pub trait Resource {
    type Id: Copy + From<i64> + Into<i64> + Display;
    type Item: Serialize + DeserializeOwned;
    /// `From<&Item>`: an update of the item that changes nothing.
    type Request: Serialize + DeserializeOwned + for<'a> From<&'a Self::Item>;
    type Fields: clap::Args;
    /// "template": in messages, and `semaphore {ONE}s list`.
    const ONE: &'static str;
    const HEADERS: &'static [&'static str];

    fn row(item: &Self::Item) -> Vec<String>;
    fn id(item: &Self::Item) -> i64;
    fn name(item: &Self::Item) -> &str;
    fn defaults() -> Value;
    /// What the flags set; `current` is the body so far.
    async fn patch(
        client: &Client,
        project: ProjectId,
        fields: &Self::Fields,
        current: &Value,
    ) -> Result<Patch>;

    async fn list(client: &Client, project: ProjectId) -> ApiResult<Vec<Self::Item>>;
    async fn get(client: &Client, project: ProjectId, id: Self::Id) -> ApiResult<Self::Item>;
    /// The created object, or `None` where the server answers 204 without it.
    async fn create(
        client: &Client,
        project: ProjectId,
        request: &Self::Request,
    ) -> ApiResult<Option<Self::Item>>;
    async fn update(
        client: &Client,
        project: ProjectId,
        id: Self::Id,
        request: &Self::Request,
    ) -> ApiResult<()>;
    async fn delete(client: &Client, project: ProjectId, id: Self::Id) -> ApiResult<()>;
}

pub async fn run<R: Resource>(ctx: &Ctx, command: ResourceCmd<R::Fields>) -> Result<()> {
    let client = ctx.client()?;
    match command {
        ResourceCmd::List { project } => {
            let project = ctx.project_id(&client, &project).await?;
            list::<R>(ctx, &client, project).await
        }
        ResourceCmd::Show { item, project } => {
            let project = ctx.project_id(&client, &project).await?;
            let id = find::<R>(&client, project, &item).await?;
            let item = R::get(&client, project, id)
                .await
                .context(format_args!("could not read {} {id}", R::ONE))?;
            show(ctx, &item)
        }
        ResourceCmd::Create {
            project,
            fields,
            file,
        } => {
            let project = ctx.project_id(&client, &project).await?;
            create::<R>(ctx, &client, project, &fields, &file).await
        }
        ResourceCmd::Update {
            item,
            project,
            fields,
            file,
        } => {
            let project = ctx.project_id(&client, &project).await?;
            update::<R>(ctx, &client, project, &item, &fields, &file).await
        }
        ResourceCmd::Delete { item, project, yes } => {
            let project = ctx.project_id(&client, &project).await?;
            let (id, name) = found::<R>(&client, project, &item).await?;
            let name = crate::output::safe(&name);
            confirm(&format!("Delete {} {id} ({name})?", R::ONE), &yes)?;
            R::delete(&client, project, id)
                .await
                .context(format_args!("could not delete {} {id}", R::ONE))?;
            deleted(ctx, R::ONE, id)
        }
    }
}

async fn list<R: Resource>(ctx: &Ctx, client: &Client, project: ProjectId) -> Result<()> {
    let items = R::list(client, project).await.context(format_args!(
        "could not list the {}s of project {project}",
        R::ONE
    ))?;
    if ctx.json {
        return output::json(&items);
    }
    if items.is_empty() {
        output::note(&format!("no {}s in project {project}", R::ONE));
        return Ok(());
    }
    let rows: Vec<Vec<String>> = items.iter().map(R::row).collect();
    output::table(R::HEADERS, &rows)
}

/// Sets `field` of `patch` to the id of the object a flag names by id or name, if given.
async fn reference<R: Resource>(
    client: &Client,
    project: ProjectId,
    patch: &mut Patch,
    field: &str,
    wanted: &Option<String>,
) -> Result<()> {
    if let Some(wanted) = wanted {
        let (id, _) = found::<R>(client, project, wanted).await?;
        patch.insert(field.into(), Into::<i64>::into(id).into());
    }
    Ok(())
}

/// The id `wanted` names, by id or name as [`resolve::pick`] reads it.
pub async fn find<R: Resource>(client: &Client, project: ProjectId, wanted: &str) -> Result<R::Id> {
    Ok(found::<R>(client, project, wanted).await?.0)
}

/// The id and name of the object `wanted` names.
pub async fn found<R: Resource>(
    client: &Client,
    project: ProjectId,
    wanted: &str,
) -> Result<(R::Id, String)> {
    let items = R::list(client, project).await.context(format_args!(
        "could not list the {}s to find {wanted:?}",
        R::ONE
    ))?;
    let item = resolve::pick(R::ONE, wanted, &items, R::id, R::name)?;
    Ok((R::Id::from(R::id(item)), R::name(item).to_owned()))
}

pub fn show(ctx: &Ctx, item: &impl Serialize) -> Result<()> {
    if ctx.json {
        output::json(item)
    } else {
        output::details(item)
    }
}

async fn create<R: Resource>(
    ctx: &Ctx,
    client: &Client,
    project: ProjectId,
    fields: &R::Fields,
    file: &FromFile,
) -> Result<()> {
    let file = file.path.as_deref().map(bodies::read_file).transpose()?;
    let mut current = R::defaults();
    if let Some(file) = &file {
        bodies::merge(&mut current, file.clone());
    }
    let patch = R::patch(client, project, fields, &current).await?;
    let request: R::Request = bodies::build(R::ONE, current, None, patch)?;
    let created = R::create(client, project, &request)
        .await
        .context(format_args!("could not create the {}", R::ONE))?;
    let created = match created {
        Some(item) => item,
        // The server answered 204: the newest object of that name is the new one.
        None => newest_named::<R>(client, project, &request).await?,
    };
    if ctx.json {
        output::json(&created)
    } else {
        output::line(&format!(
            "Created {} {} ({}).",
            R::ONE,
            R::id(&created),
            crate::output::safe(R::name(&created))
        ))
    }
}

async fn newest_named<R: Resource>(
    client: &Client,
    project: ProjectId,
    request: &R::Request,
) -> Result<R::Item> {
    let name = output::to_value(request)?
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned();
    let items = R::list(client, project).await.context(format_args!(
        "the {} was created, but listing them to find it failed",
        R::ONE
    ))?;
    items
        .into_iter()
        .filter(|i| R::name(i) == name)
        .max_by_key(R::id)
        .ok_or_else(|| {
            CliError::failed(format!(
                "the server said the {} {name:?} was created, but it is not in the list",
                R::ONE
            ))
        })
}

async fn update<R: Resource>(
    ctx: &Ctx,
    client: &Client,
    project: ProjectId,
    wanted: &str,
    fields: &R::Fields,
    file: &FromFile,
) -> Result<()> {
    let file = file.path.as_deref().map(bodies::read_file).transpose()?;
    let id = find::<R>(client, project, wanted).await?;
    let item = R::get(client, project, id)
        .await
        .context(format_args!("could not read {} {id}", R::ONE))?;
    let unchanged = output::to_value(&R::Request::from(&item))?;
    let mut current = unchanged.clone();
    if let Some(file) = file {
        bodies::merge(&mut current, file);
    }
    let patch = R::patch(client, project, fields, &current).await?;
    if patch.is_empty() && current == unchanged {
        return Err(
            CliError::usage(format!("nothing to change in {} {id}", R::ONE))
                .hint("give the fields to change as flags (see --help) or with --from-file"),
        );
    }
    let request: R::Request = bodies::build(R::ONE, current, None, patch)?;
    R::update(client, project, id, &request)
        .await
        .context(format_args!("could not update {} {id}", R::ONE))?;
    if ctx.json {
        let item = R::get(client, project, id).await.context(format_args!(
            "{} {id} was updated, but reading it back failed",
            R::ONE
        ))?;
        output::json(&item)
    } else {
        output::line(&format!("Updated {} {id}.", R::ONE))
    }
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

pub fn deleted(ctx: &Ctx, kind: &str, id: impl Display) -> Result<()> {
    if ctx.json {
        output::line(&format!(r#"{{"deleted": true, "id": {id}}}"#))
    } else {
        output::line(&format!("Deleted {kind} {id}."))
    }
}

/// The id of a template given by id or name (for `--template`, `run`, `tasks list`).
pub async fn template_id(client: &Client, project: ProjectId, wanted: &str) -> Result<TemplateId> {
    find::<Templates>(client, project, wanted).await
}

pub struct Templates;

impl Resource for Templates {
    type Id = TemplateId;
    type Item = Template;
    type Request = TemplateRequest;
    type Fields = TemplateFields;
    const ONE: &'static str = "template";
    const HEADERS: &'static [&'static str] =
        &["ID", "NAME", "APP", "PLAYBOOK", "INVENTORY", "LAST TASK"];

    fn row(t: &Template) -> Vec<String> {
        let last = t.last_task.as_ref().map_or_else(
            || "-".into(),
            |task| format!("{} {}", task.id, output::status(&task.status)),
        );
        vec![
            t.id.to_string(),
            one_line(&t.name),
            t.app.as_str().to_owned(),
            one_line(&t.playbook),
            opt(&t.inventory_id),
            last,
        ]
    }
    fn id(t: &Template) -> i64 {
        t.id.get()
    }
    fn name(t: &Template) -> &str {
        &t.name
    }
    fn defaults() -> Value {
        bodies::template_defaults()
    }
    async fn patch(c: &Client, p: ProjectId, f: &TemplateFields, _: &Value) -> Result<Patch> {
        let mut patch = bodies::template_patch(f)?;
        reference::<Inventories>(c, p, &mut patch, "inventory_id", &f.inventory).await?;
        reference::<Repositories>(c, p, &mut patch, "repository_id", &f.repository).await?;
        reference::<Environments>(c, p, &mut patch, "environment_id", &f.environment).await?;
        reference::<Views>(c, p, &mut patch, "view_id", &f.view).await?;
        Ok(patch)
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<Template>> {
        let listed = c
            .project_project_id_templates_get(p, Some(TemplateSort::Name), Some(SortOrder::Asc))
            .await?;
        // Rows and names only: a listed template's other settings are not trusted.
        Ok(listed
            .into_iter()
            .filter_map(|t| serde_json::to_value(t).ok())
            .filter_map(|v| serde_json::from_value(v).ok())
            .collect())
    }
    async fn get(c: &Client, p: ProjectId, id: TemplateId) -> ApiResult<Template> {
        c.project_project_id_templates_template_id_get(p, id).await
    }
    async fn create(c: &Client, p: ProjectId, r: &TemplateRequest) -> ApiResult<Option<Template>> {
        c.project_project_id_templates_post(p, r).await.map(Some)
    }
    async fn update(
        c: &Client,
        p: ProjectId,
        id: TemplateId,
        r: &TemplateRequest,
    ) -> ApiResult<()> {
        c.project_project_id_templates_template_id_put(p, id, r)
            .await
    }
    async fn delete(c: &Client, p: ProjectId, id: TemplateId) -> ApiResult<()> {
        c.project_project_id_templates_template_id_delete(p, id)
            .await
    }
}

pub struct Inventories;

impl Resource for Inventories {
    type Id = InventoryId;
    type Item = Inventory;
    type Request = InventoryRequest;
    type Fields = InventoryFields;
    const ONE: &'static str = "inventory";
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "TYPE", "SSH KEY", "BECOME KEY"];

    fn row(i: &Inventory) -> Vec<String> {
        vec![
            i.id.to_string(),
            one_line(&i.name),
            i.r#type.as_str().to_owned(),
            opt(&i.ssh_key_id),
            opt(&i.become_key_id),
        ]
    }
    fn id(i: &Inventory) -> i64 {
        i.id.get()
    }
    fn name(i: &Inventory) -> &str {
        &i.name
    }
    fn defaults() -> Value {
        bodies::inventory_defaults()
    }
    async fn patch(c: &Client, p: ProjectId, f: &InventoryFields, _: &Value) -> Result<Patch> {
        let mut patch = bodies::inventory_patch(f)?;
        reference::<Keys>(c, p, &mut patch, "ssh_key_id", &f.ssh_key).await?;
        reference::<Keys>(c, p, &mut patch, "become_key_id", &f.become_key).await?;
        reference::<Repositories>(c, p, &mut patch, "repository_id", &f.repository).await?;
        Ok(patch)
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<Inventory>> {
        c.project_project_id_inventory_get(p, Some(InventorySort::Name), Some(SortOrder::Asc))
            .await
    }
    async fn get(c: &Client, p: ProjectId, id: InventoryId) -> ApiResult<Inventory> {
        c.project_project_id_inventory_inventory_id_get(p, id).await
    }
    async fn create(
        c: &Client,
        p: ProjectId,
        r: &InventoryRequest,
    ) -> ApiResult<Option<Inventory>> {
        c.project_project_id_inventory_post(p, r).await.map(Some)
    }
    async fn update(
        c: &Client,
        p: ProjectId,
        id: InventoryId,
        r: &InventoryRequest,
    ) -> ApiResult<()> {
        c.project_project_id_inventory_inventory_id_put(p, id, r)
            .await
    }
    async fn delete(c: &Client, p: ProjectId, id: InventoryId) -> ApiResult<()> {
        c.project_project_id_inventory_inventory_id_delete(p, id)
            .await
    }
}

pub struct Repositories;

impl Resource for Repositories {
    type Id = RepositoryId;
    type Item = Repository;
    type Request = RepositoryRequest;
    type Fields = RepositoryFields;
    const ONE: &'static str = "repository";
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "URL", "BRANCH", "KEY"];

    fn row(r: &Repository) -> Vec<String> {
        vec![
            r.id.to_string(),
            one_line(&r.name),
            one_line(&r.git_url),
            one_line(&r.git_branch),
            r.ssh_key_id.to_string(),
        ]
    }
    fn id(r: &Repository) -> i64 {
        r.id.get()
    }
    fn name(r: &Repository) -> &str {
        &r.name
    }
    fn defaults() -> Value {
        bodies::repository_defaults()
    }
    async fn patch(c: &Client, p: ProjectId, f: &RepositoryFields, _: &Value) -> Result<Patch> {
        let mut patch = bodies::repository_patch(f);
        reference::<Keys>(c, p, &mut patch, "ssh_key_id", &f.key).await?;
        Ok(patch)
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<Repository>> {
        c.project_project_id_repositories_get(p, Some(RepositorySort::Name), Some(SortOrder::Asc))
            .await
    }
    async fn get(c: &Client, p: ProjectId, id: RepositoryId) -> ApiResult<Repository> {
        c.project_project_id_repositories_repository_id_get(p, id)
            .await
    }
    async fn create(
        c: &Client,
        p: ProjectId,
        r: &RepositoryRequest,
    ) -> ApiResult<Option<Repository>> {
        c.project_project_id_repositories_post(p, r)
            .await
            .map(|()| None)
    }
    async fn update(
        c: &Client,
        p: ProjectId,
        id: RepositoryId,
        r: &RepositoryRequest,
    ) -> ApiResult<()> {
        c.project_project_id_repositories_repository_id_put(p, id, r)
            .await
    }
    async fn delete(c: &Client, p: ProjectId, id: RepositoryId) -> ApiResult<()> {
        c.project_project_id_repositories_repository_id_delete(p, id)
            .await
    }
}

pub struct Environments;

impl Resource for Environments {
    type Id = EnvironmentId;
    type Item = Environment;
    type Request = EnvironmentRequest;
    type Fields = EnvironmentFields;
    const ONE: &'static str = "environment";
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "EXTRA VARIABLES", "ENVIRONMENT"];

    fn row(e: &Environment) -> Vec<String> {
        vec![
            e.id.to_string(),
            one_line(&e.name),
            one_line(&e.json),
            e.env.as_deref().map_or_else(|| "-".into(), one_line),
        ]
    }
    fn id(e: &Environment) -> i64 {
        e.id.get()
    }
    fn name(e: &Environment) -> &str {
        &e.name
    }
    fn defaults() -> Value {
        bodies::environment_defaults()
    }
    async fn patch(_: &Client, _: ProjectId, f: &EnvironmentFields, _: &Value) -> Result<Patch> {
        bodies::environment_patch(f)
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<Environment>> {
        c.project_project_id_environment_get(p, Some(EnvironmentSort::Name), Some(SortOrder::Asc))
            .await
    }
    async fn get(c: &Client, p: ProjectId, id: EnvironmentId) -> ApiResult<Environment> {
        c.project_project_id_environment_environment_id_get(p, id)
            .await
    }
    async fn create(
        c: &Client,
        p: ProjectId,
        r: &EnvironmentRequest,
    ) -> ApiResult<Option<Environment>> {
        c.project_project_id_environment_post(p, r)
            .await
            .map(|()| None)
    }
    async fn update(
        c: &Client,
        p: ProjectId,
        id: EnvironmentId,
        r: &EnvironmentRequest,
    ) -> ApiResult<()> {
        c.project_project_id_environment_environment_id_put(p, id, r)
            .await
    }
    async fn delete(c: &Client, p: ProjectId, id: EnvironmentId) -> ApiResult<()> {
        c.project_project_id_environment_environment_id_delete(p, id)
            .await
    }
}

pub struct Keys;

impl Resource for Keys {
    type Id = KeyId;
    type Item = AccessKey;
    type Request = AccessKeyRequest;
    type Fields = KeyFields;
    const ONE: &'static str = "key";
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "TYPE"];

    fn row(k: &AccessKey) -> Vec<String> {
        vec![
            k.id.to_string(),
            one_line(&k.name),
            k.r#type.as_str().to_owned(),
        ]
    }
    fn id(k: &AccessKey) -> i64 {
        k.id.get()
    }
    fn name(k: &AccessKey) -> &str {
        &k.name
    }
    fn defaults() -> Value {
        bodies::key_defaults()
    }
    async fn patch(_: &Client, _: ProjectId, f: &KeyFields, current: &Value) -> Result<Patch> {
        let secret = if f.secret_stdin {
            Some(read_secret_stdin()?)
        } else {
            None
        };
        bodies::key_patch(f, current, secret)
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<AccessKey>> {
        c.project_project_id_keys_get(p, Some(AccessKeySort::Name), Some(SortOrder::Asc))
            .await
    }
    async fn get(c: &Client, p: ProjectId, id: KeyId) -> ApiResult<AccessKey> {
        c.project_project_id_keys_key_id_get(p, id).await
    }
    async fn create(
        c: &Client,
        p: ProjectId,
        r: &AccessKeyRequest,
    ) -> ApiResult<Option<AccessKey>> {
        c.project_project_id_keys_post(p, r).await.map(|()| None)
    }
    async fn update(c: &Client, p: ProjectId, id: KeyId, r: &AccessKeyRequest) -> ApiResult<()> {
        c.project_project_id_keys_key_id_put(p, id, r).await
    }
    async fn delete(c: &Client, p: ProjectId, id: KeyId) -> ApiResult<()> {
        c.project_project_id_keys_key_id_delete(p, id).await
    }
}

/// A secret from stdin: all of it, without the final line break.
pub fn read_secret_stdin() -> Result<String> {
    let text = crate::input::stdin(crate::input::MAX_FILE_BYTES, "the secret on stdin")?;
    let secret = text
        .strip_suffix('\n')
        .map(|s| s.strip_suffix('\r').unwrap_or(s))
        .unwrap_or(&text);
    if secret.is_empty() {
        return Err(CliError::usage("stdin held no secret"));
    }
    Ok(secret.to_owned())
}

pub struct Schedules;

impl Resource for Schedules {
    type Id = ScheduleId;
    type Item = Schedule;
    type Request = ScheduleRequest;
    type Fields = ScheduleFields;
    const ONE: &'static str = "schedule";
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "CRON", "ACTIVE", "TEMPLATE"];

    fn row(s: &Schedule) -> Vec<String> {
        let template = match &s.tpl_name {
            Some(name) => format!("{} ({})", s.template_id, one_line(name)),
            None => s.template_id.to_string(),
        };
        vec![
            s.id.to_string(),
            one_line(&s.name),
            one_line(&s.cron_format),
            s.active.to_string(),
            template,
        ]
    }
    fn id(s: &Schedule) -> i64 {
        s.id.get()
    }
    fn name(s: &Schedule) -> &str {
        &s.name
    }
    fn defaults() -> Value {
        bodies::schedule_defaults()
    }
    async fn patch(c: &Client, p: ProjectId, f: &ScheduleFields, _: &Value) -> Result<Patch> {
        let template = match &f.template {
            Some(t) => Some(template_id(c, p, t).await?.get()),
            None => None,
        };
        Ok(bodies::schedule_patch(f, template))
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<Schedule>> {
        c.project_project_id_schedules_get(p).await
    }
    async fn get(c: &Client, p: ProjectId, id: ScheduleId) -> ApiResult<Schedule> {
        c.project_project_id_schedules_schedule_id_get(p, id).await
    }
    async fn create(c: &Client, p: ProjectId, r: &ScheduleRequest) -> ApiResult<Option<Schedule>> {
        c.project_project_id_schedules_post(p, r).await.map(Some)
    }
    async fn update(
        c: &Client,
        p: ProjectId,
        id: ScheduleId,
        r: &ScheduleRequest,
    ) -> ApiResult<()> {
        c.project_project_id_schedules_schedule_id_put(p, id, r)
            .await
    }
    async fn delete(c: &Client, p: ProjectId, id: ScheduleId) -> ApiResult<()> {
        c.project_project_id_schedules_schedule_id_delete(p, id)
            .await
    }
}

pub struct Views;

impl Resource for Views {
    type Id = ViewId;
    type Item = View;
    type Request = ViewRequest;
    type Fields = ViewFields;
    const ONE: &'static str = "view";
    const HEADERS: &'static [&'static str] = &["ID", "TITLE", "POSITION"];

    fn row(v: &View) -> Vec<String> {
        vec![v.id.to_string(), one_line(&v.title), v.position.to_string()]
    }
    fn id(v: &View) -> i64 {
        v.id.get()
    }
    fn name(v: &View) -> &str {
        &v.title
    }
    fn defaults() -> Value {
        bodies::view_defaults()
    }
    async fn patch(_: &Client, _: ProjectId, f: &ViewFields, _: &Value) -> Result<Patch> {
        Ok(bodies::view_patch(f))
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<View>> {
        c.project_project_id_views_get(p).await
    }
    async fn get(c: &Client, p: ProjectId, id: ViewId) -> ApiResult<View> {
        c.project_project_id_views_view_id_get(p, id).await
    }
    async fn create(c: &Client, p: ProjectId, r: &ViewRequest) -> ApiResult<Option<View>> {
        c.project_project_id_views_post(p, r).await.map(Some)
    }
    async fn update(c: &Client, p: ProjectId, id: ViewId, r: &ViewRequest) -> ApiResult<()> {
        c.project_project_id_views_view_id_put(p, id, r).await
    }
    async fn delete(c: &Client, p: ProjectId, id: ViewId) -> ApiResult<()> {
        c.project_project_id_views_view_id_delete(p, id).await
    }
}

pub struct Integrations;

impl Resource for Integrations {
    type Id = IntegrationId;
    type Item = Integration;
    type Request = IntegrationRequest;
    type Fields = IntegrationFields;
    const ONE: &'static str = "integration";
    const HEADERS: &'static [&'static str] = &["ID", "NAME", "TEMPLATE", "AUTH", "SEARCHABLE"];

    fn row(i: &Integration) -> Vec<String> {
        let auth = match i.auth_method.as_str() {
            "" => "none",
            other => other,
        };
        vec![
            i.id.to_string(),
            one_line(&i.name),
            i.template_id.to_string(),
            one_line(auth),
            i.searchable.to_string(),
        ]
    }
    fn id(i: &Integration) -> i64 {
        i.id.get()
    }
    fn name(i: &Integration) -> &str {
        &i.name
    }
    fn defaults() -> Value {
        bodies::integration_defaults()
    }
    async fn patch(c: &Client, p: ProjectId, f: &IntegrationFields, _: &Value) -> Result<Patch> {
        let template = match &f.template {
            Some(t) => Some(template_id(c, p, t).await?.get()),
            None => None,
        };
        Ok(bodies::integration_patch(f, template))
    }
    async fn list(c: &Client, p: ProjectId) -> ApiResult<Vec<Integration>> {
        c.project_project_id_integrations_get(p, None, None).await
    }
    async fn get(c: &Client, p: ProjectId, id: IntegrationId) -> ApiResult<Integration> {
        c.project_project_id_integrations_integration_id_get(p, id)
            .await
    }
    async fn create(
        c: &Client,
        p: ProjectId,
        r: &IntegrationRequest,
    ) -> ApiResult<Option<Integration>> {
        c.project_project_id_integrations_post(p, r).await.map(Some)
    }
    async fn update(
        c: &Client,
        p: ProjectId,
        id: IntegrationId,
        r: &IntegrationRequest,
    ) -> ApiResult<()> {
        c.project_project_id_integrations_integration_id_put(p, id, r)
            .await
    }
    async fn delete(c: &Client, p: ProjectId, id: IntegrationId) -> ApiResult<()> {
        c.project_project_id_integrations_integration_id_delete(p, id)
            .await
    }
}
