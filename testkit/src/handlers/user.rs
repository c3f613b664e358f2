//! The routes of the user a credential names: who they are, and their API tokens.

use hyper::StatusCode;
use serde_json::{Value, json};

use crate::handler::Reached;
use crate::state::Token;
use crate::wire::{self, Response};

pub(crate) fn current_user(reached: &mut Reached<'_>, user_id: i64) -> Response {
    let (state, config) = (&*reached.state, reached.config);
    let Some(user) = state.user(user_id) else {
        return wire::empty(StatusCode::UNAUTHORIZED);
    };
    let can_create_project = user.admin || config.non_admin_can_create_project;
    wire::json(
        StatusCode::OK,
        &json!({
            "id": user_id, "name": user.name, "username": user.username, "email": user.email,
            "created": "2024-10-25T10:11:12Z", "admin": user.admin, "external": false, "alert": false,
            "can_create_project": can_create_project,
        }),
    )
}

fn token_json(token: &Token) -> Value {
    json!({"id": token.id, "created": token.created, "expired": token.expired, "user_id": token.user_id})
}

pub(crate) fn list_tokens(reached: &mut Reached<'_>, user_id: i64) -> Response {
    let state = &*reached.state;
    let tokens: Vec<Value> = state
        .tokens
        .iter()
        .filter(|t| t.user_id == user_id)
        .map(token_json)
        .collect();
    wire::json(StatusCode::OK, &Value::Array(tokens))
}

pub(crate) fn create_token(reached: &mut Reached<'_>, user_id: i64) -> Response {
    let (state, config) = (&mut *reached.state, reached.config);
    let created = if config.bolt_db {
        "0001-01-01T00:00:00Z".to_owned()
    } else {
        wire::now_rfc3339()
    };
    let token = Token {
        id: wire::random_id(32),
        created,
        expired: false,
        user_id,
    };
    let response = wire::json(StatusCode::CREATED, &token_json(&token));
    state.tokens.push(token);
    response
}

pub(crate) fn expire_token(reached: &mut Reached<'_>, user_id: i64) -> Response {
    let (state, config) = (&mut *reached.state, reached.config);
    let id = reached.vars.at(0);
    match state
        .tokens
        .iter_mut()
        .find(|t| t.id == id && t.user_id == user_id)
    {
        Some(token) => {
            token.expired = true;
            wire::empty(StatusCode::NO_CONTENT)
        }
        None if config.bolt_db => wire::empty(StatusCode::NOT_FOUND),
        None => wire::empty(StatusCode::NO_CONTENT),
    }
}
