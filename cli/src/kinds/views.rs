//! `semaphore views`: tabs grouping templates.

use clap::Args;

use semaphore_api::resources;
use semaphore_api::{View, ViewRequest};

use super::{CliKind, Place, set};
use crate::error::Result;
use crate::flags::ProjectArg;
use crate::output::one_line;

#[derive(Debug, Args)]
pub struct ViewFields {
    /// The tab's title
    #[arg(long)]
    pub title: Option<String>,
    /// The tab's position
    #[arg(long, value_name = "N")]
    pub position: Option<i64>,
}

pub struct Views;

impl CliKind for Views {
    type Kind = resources::Views;
    type Fields = ViewFields;
    type Scope = ProjectArg;
    const HEADERS: &'static [&'static str] = &["ID", "TITLE", "POSITION"];

    fn row(v: &View) -> Vec<String> {
        vec![v.id.to_string(), one_line(&v.title), v.position.to_string()]
    }

    fn blank() -> ViewRequest {
        ViewRequest::new("")
    }

    async fn set_on_request(
        _: Place<'_, Self>,
        fields: &ViewFields,
        request: &mut ViewRequest,
    ) -> Result<()> {
        apply(fields, request);
        Ok(())
    }

    async fn set_on_change(
        _: Place<'_, Self>,
        fields: &ViewFields,
        change: &mut ViewRequest,
    ) -> Result<()> {
        apply(fields, change);
        Ok(())
    }
}

fn apply(f: &ViewFields, r: &mut ViewRequest) {
    set(&mut r.title, &f.title);
    set(&mut r.position, &f.position);
}
