//! `semaphore integrations`: webhooks that run a template.

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{
    Integration, IntegrationAuthMethod, IntegrationRequest, KeyId, ProjectId, TemplateId,
};

use super::{CliKind, Place, id_of, set};
use crate::error::Result;
use crate::flags::ProjectArg;
use crate::output::one_line;

#[derive(Debug, Args)]
pub struct IntegrationFields {
    /// The name
    #[arg(long)]
    pub name: Option<String>,
    /// The template it runs (id or name)
    #[arg(long, value_name = "TEMPLATE")]
    pub template: Option<String>,
    /// How callers authenticate: none, github, token or hmac
    #[arg(long, value_name = "METHOD")]
    pub auth_method: Option<String>,
    /// The header holding the token or signature
    #[arg(long, value_name = "HEADER")]
    pub auth_header: Option<String>,
    /// The id of the key holding the token or HMAC secret
    #[arg(long, value_name = "ID")]
    pub auth_secret: Option<i64>,
    /// Whether the project-wide alias reaches it
    #[arg(long, value_name = "BOOL")]
    pub searchable: Option<bool>,
}

pub struct Integrations;

impl CliKind for Integrations {
    type Kind = resources::Integrations;
    type Fields = IntegrationFields;
    type Scope = ProjectArg;
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

    fn blank() -> IntegrationRequest {
        IntegrationRequest::new("", TemplateId(0))
    }

    async fn set_on_request(
        place: Place<'_, Self>,
        fields: &IntegrationFields,
        request: &mut IntegrationRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, request).await
    }

    async fn set_on_change(
        place: Place<'_, Self>,
        fields: &IntegrationFields,
        change: &mut IntegrationRequest,
    ) -> Result<()> {
        apply(place.client, place.scope, fields, change).await
    }
}

async fn apply(
    client: &semaphore_api::Client,
    project: ProjectId,
    f: &IntegrationFields,
    r: &mut IntegrationRequest,
) -> Result<()> {
    set(&mut r.name, &f.name);
    if let Some(method) = &f.auth_method {
        r.auth_method = IntegrationAuthMethod::from(method.as_str());
    }
    set(&mut r.auth_header, &f.auth_header);
    if let Some(key) = f.auth_secret {
        r.auth_secret_id = Some(KeyId(key));
    }
    set(&mut r.searchable, &f.searchable);
    if let Some(id) = id_of::<resources::Templates>(client, project, &f.template).await? {
        r.template_id = id;
    }
    Ok(())
}
