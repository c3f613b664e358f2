//! What a real Semaphore server answered, as recorded by the conformance suite
//! (`tests/it/conformance/`), and the checks the recorded answers are put through.
//!
//! A fixture file holds one run against one backend: every exchange in order, with the
//! operation that made it, the status, the headers that matter and the body. Secrets are
//! replaced by fake values of the same shape before anything is written.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One recorded run against one server.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Fixture {
    /// What the server's `/api/info` said of its version.
    pub server: String,
    /// `bolt` or `postgres`.
    pub backend: String,
    /// When the run was recorded (UTC date).
    pub recorded: String,
    /// Every exchange, in order.
    pub exchanges: Vec<Exchange>,
}

/// One request and its answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Exchange {
    /// The declared operation that sent it (`auth_login_post`), or a `raw:` label for a request
    /// the suite sent by hand.
    pub operation: String,
    pub method: String,
    /// Path and query as sent.
    pub path: String,
    /// The request body, when there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<Value>,
    pub status: u16,
    /// `content-type`, `location`, `set-cookie` (several values joined by a newline).
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// The answer body: its JSON, `{"$text": ...}` for a body that is not JSON, absent when
    /// empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

/// The folder of the recorded fixtures.
pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/real-server")
}

/// Every recorded fixture file, by file name.
pub fn load_fixtures() -> Vec<(String, Fixture)> {
    let mut files: Vec<_> = std::fs::read_dir(fixtures_dir())
        .expect("tests/fixtures/real-server exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let fixture = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{} is not a fixture: {e}", path.display()));
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                fixture,
            )
        })
        .collect()
}

// ---- secrets out ----

/// Keys whose string values are secrets wherever they appear.
const SECRET_KEYS: &[&str] = &[
    "password",
    "private_key",
    "passphrase",
    "secret",
    "token",
    "auth_secret",
    "registration_token",
];

/// Replaces every secret in a body by a fake value of the same shape.
pub fn redact_body(mut value: Value) -> Value {
    redact_value(&mut value, None);
    value
}

fn redact_value(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(s) => {
            if is_token(s) {
                *s = fake_token(s);
            } else if !s.is_empty() && key.is_some_and(|k| SECRET_KEYS.contains(&k)) {
                *s = format!("fake-{}", key.unwrap_or_default());
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| redact_value(v, key)),
        Value::Object(fields) => fields
            .iter_mut()
            .for_each(|(k, v)| redact_value(v, Some(k.as_str()))),
        _ => {}
    }
}

/// Replaces API token ids in a path (`/user/tokens/{id}`) by their fakes.
pub fn redact_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let decoded = percent_encoding::percent_decode_str(segment).decode_utf8_lossy();
            if is_token(&decoded) {
                fake_token(&decoded)
            } else {
                segment.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// Replaces a cookie's value by a fake, keeping its attributes.
pub fn redact_set_cookie(header: &str) -> String {
    match header.split_once('=') {
        Some((name, rest)) => {
            let (value, attributes) = rest.split_once(';').unwrap_or((rest, ""));
            let value = if value.is_empty() {
                ""
            } else {
                "fake-cookie-value"
            };
            if attributes.is_empty() {
                format!("{name}={value}")
            } else {
                format!("{name}={value};{attributes}")
            }
        }
        None => header.to_owned(),
    }
}

/// The real server's API token format: 43 of `[a-z0-9_-]` and `=`.
fn is_token(s: &str) -> bool {
    s.len() == 44
        && s.ends_with('=')
        && s[..43]
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A fake token of the same format, the same for the same token (so a path and a body that
/// name one token still agree), and recognisable as fake.
fn fake_token(real: &str) -> String {
    // FNV-1a: stable across runs and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in real.bytes() {
        hash = (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    let digits = format!("{hash:016x}");
    format!("fake-token-{}{}=", digits, &"0".repeat(43 - 11 - 16))
}

// ---- what a model keeps ----

/// The places where `ours` (the server's `sent` JSON decoded by a model and encoded again)
/// lost or changed what the server sent, as JSON pointers with both values. A `null` the
/// server sent counts as kept when ours leaves the field out or sends an empty list for it
/// (the models decode a `null` list as empty).
pub fn lost_fields(sent: &Value, ours: &Value) -> Vec<String> {
    let mut lost = Vec::new();
    compare(sent, ours, String::new(), &mut lost);
    lost
}

fn compare(sent: &Value, ours: &Value, at: String, lost: &mut Vec<String>) {
    match (sent, ours) {
        (Value::Object(theirs), Value::Object(mine)) => {
            for (key, value) in theirs {
                let here = format!("{at}/{key}");
                match mine.get(key) {
                    Some(kept) => compare(value, kept, here, lost),
                    None if value.is_null() => {}
                    None => lost.push(format!("{here}: dropped (the server sent {value})")),
                }
            }
        }
        (Value::Array(theirs), Value::Array(mine)) if theirs.len() == mine.len() => {
            for (i, (value, kept)) in theirs.iter().zip(mine).enumerate() {
                compare(value, kept, format!("{at}/{i}"), lost);
            }
        }
        (Value::Null, Value::Array(mine)) if mine.is_empty() => {}
        (Value::Number(a), Value::Number(b)) if a.as_f64() == b.as_f64() => {}
        (a, b) if a == b => {}
        (a, b) => lost.push(format!(
            "{at}: the server sent {a}, the model gives back {b}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn secrets_become_fakes_of_the_same_shape() {
        let token = "kwofd61g93-yuqvex8efmhjkgnbxlo8mp1tin6spyhu=";
        let body = redact_body(json!([{"id": token, "user_id": 1,
            "ssh": {"private_key": "-----BEGIN", "login": "root"}, "password": ""}]));
        let fake = body[0]["id"].as_str().unwrap();
        assert!(is_token(fake) && fake.starts_with("fake-token-") && fake != token);
        assert_eq!(body[0]["ssh"]["private_key"], "fake-private_key");
        assert_eq!(body[0]["ssh"]["login"], "root");
        assert_eq!(body[0]["password"], "", "an empty secret stays empty");
        assert_eq!(
            redact_path(&format!("/api/user/tokens/{token}")),
            format!("/api/user/tokens/{fake}")
        );
        assert_eq!(
            redact_set_cookie("semaphore=MTc5NT; Path=/"),
            "semaphore=fake-cookie-value; Path=/"
        );
        assert_eq!(
            redact_set_cookie("semaphore=; Path=/"),
            "semaphore=; Path=/"
        );
    }

    #[test]
    fn lost_fields_finds_drops_and_changes_but_not_null_lists() {
        let sent = json!({"a": 1, "b": null, "c": [{"x": "y", "z": 2}], "d": null, "e": 1.0});
        assert!(
            lost_fields(
                &sent,
                &json!({"a": 1, "c": [{"x": "y", "z": 2}], "d": [], "e": 1})
            )
            .is_empty()
        );
        let lost = lost_fields(&sent, &json!({"a": 2, "c": [{"x": "y"}], "d": []}));
        assert_eq!(lost.len(), 3, "{lost:?}");
        assert!(lost[0].starts_with("/a:"));
        assert!(lost[1].starts_with("/c/0/z: dropped"));
        assert!(lost[2].starts_with("/e: dropped"));
    }
}

// ---- what each operation's answer decodes into ----

/// Decodes a successful answer of `operation` with its declared model, encodes it again and
/// compares: `Ok` when nothing the server sent was lost. An operation that declares no answer
/// but got a JSON body is an error too (the declaration throws the answer away).
pub fn check_exchange(exchange: &Exchange) -> Result<(), String> {
    let Some(body) = &exchange.body else {
        return Ok(());
    };
    if !(200..300).contains(&exchange.status) || exchange.operation.starts_with("raw:") {
        return Ok(());
    }
    let operation = exchange.operation.as_str();
    let at = || format!("{operation} ({} {})", exchange.method, exchange.path);
    match roundtrip(operation, body) {
        Some(Ok(lost)) if lost.is_empty() => Ok(()),
        Some(Ok(lost)) => Err(format!("{}: the model loses {}", at(), lost.join("; "))),
        Some(Err(e)) => Err(format!("{}: does not decode: {e}", at())),
        None if TEXT_ANSWERS.contains(&operation) => Ok(()),
        None => Err(format!(
            "{}: the server answered a body that the declaration throws away: {body}",
            at()
        )),
    }
}

/// Operations whose answer is text, declared as `Result<String>`.
const TEXT_ANSWERS: &[&str] = &["ping_get"];

fn roundtrip_as<T: serde::de::DeserializeOwned + Serialize>(
    body: &Value,
) -> Result<Vec<String>, String> {
    let model: T = serde_json::from_value(body.clone()).map_err(|e| e.to_string())?;
    let again = serde_json::to_value(&model).map_err(|e| e.to_string())?;
    Ok(lost_fields(body, &again))
}

macro_rules! answer_models {
    ($($operation:ident => $model:ty,)*) => {
        /// Every operation that answers JSON, with the model it decodes into.
        pub const JSON_OPERATIONS: &[&str] = &[$(stringify!($operation)),*];

        /// The model an operation's answer decodes into, and that answer as the model encodes
        /// it again (every field the model has, `null` where it holds none).
        pub fn as_model(operation: &str, body: &Value) -> Option<(&'static str, Value)> {
            use semaphore_api::*;
            match operation {
                $(stringify!($operation) => {
                    let model: $model = serde_json::from_value(body.clone()).ok()?;
                    Some((stringify!($model), serde_json::to_value(&model).ok()?))
                })*
                _ => None,
            }
        }

        /// The round trip of `body` through the model of `operation`; `None` for an operation
        /// that answers no JSON.
        pub fn roundtrip(operation: &str, body: &Value) -> Option<Result<Vec<String>, String>> {
            use semaphore_api::*;
            match operation {
                $(stringify!($operation) => Some(roundtrip_as::<$model>(body)),)*
                _ => None,
            }
        }
    };
}

answer_models! {
    auth_login_get => LoginMetadata,
    user_tokens_get => Vec<ApiToken>,
    user_tokens_post => ApiToken,
    info_get => InfoType,
    events_get => Vec<Event>,
    events_last_get => Vec<Event>,
    user_get => User,
    users_get => Vec<UserSummary>,
    users_post => User,
    users_user_id_get => User,
    projects_get => Vec<Project>,
    projects_post => Project,
    projects_restore_post => Project,
    project_project_id_get => Project,
    project_project_id_backup_get => ProjectBackup,
    project_project_id_role_get => ProjectPermissions,
    project_project_id_events_get => Vec<Event>,
    project_project_id_users_get => Vec<ProjectUser>,
    project_project_id_integrations_get => Vec<Integration>,
    project_project_id_integrations_post => Integration,
    project_project_id_keys_get => Vec<AccessKey>,
    project_project_id_repositories_get => Vec<Repository>,
    project_project_id_inventory_get => Vec<Inventory>,
    project_project_id_inventory_post => Inventory,
    project_project_id_environment_get => Vec<Environment>,
    project_project_id_templates_get => Vec<TemplateSummary>,
    project_project_id_templates_post => Template,
    project_project_id_templates_template_id_get => Template,
    project_project_id_views_get => Vec<View>,
    project_project_id_views_post => View,
    project_project_id_views_view_id_get => View,
    project_project_id_tasks_get => Vec<Task>,
    project_project_id_tasks_post => Task,
    project_project_id_tasks_last_get => Vec<Task>,
    project_project_id_tasks_task_id_get => Task,
    project_project_id_tasks_task_id_output_get => Vec<TaskOutput>,
    project_project_id_integrations_integration_id_values_get => Vec<IntegrationExtractValue>,
    project_project_id_integrations_integration_id_values_post => IntegrationExtractValue,
    project_project_id_integrations_integration_id_matchers_post => IntegrationMatcher,
    project_project_id_integrations_integration_id_matchers_get => Vec<IntegrationMatcher>,
    project_project_id_schedules_schedule_id_get => Schedule,
    project_project_id_schedules_post => Schedule,
    project_project_id_events_last_get => Vec<Event>,
    project_project_id_users_user_id_get => User,
    project_project_id_keys_key_id_get => AccessKey,
    project_project_id_keys_key_id_refs_get => ObjectReferrers,
    project_project_id_repositories_repository_id_get => Repository,
    project_project_id_repositories_repository_id_refs_get => ObjectReferrers,
    project_project_id_inventory_inventory_id_get => Inventory,
    project_project_id_inventory_inventory_id_refs_get => ObjectReferrers,
    project_project_id_environment_environment_id_get => Environment,
    project_project_id_environment_environment_id_refs_get => ObjectReferrers,
    project_project_id_templates_template_id_refs_get => ObjectReferrers,
    project_project_id_templates_template_id_tasks_get => Vec<Task>,
    project_project_id_templates_template_id_tasks_last_get => Vec<Task>,
    project_project_id_views_view_id_templates_get => Vec<TemplateSummary>,
    project_project_id_integrations_integration_id_get => Integration,
    project_project_id_integrations_integration_id_refs_get => IntegrationReferrers,
    project_project_id_integrations_aliases_get => Vec<IntegrationAlias>,
    project_project_id_integrations_aliases_post => IntegrationAlias,
    project_project_id_integrations_integration_id_aliases_get => Vec<IntegrationAlias>,
    project_project_id_integrations_integration_id_aliases_post => IntegrationAlias,
    project_project_id_integrations_integration_id_matchers_matcher_id_get => IntegrationMatcher,
    project_project_id_integrations_integration_id_matchers_matcher_id_refs_get => IntegrationChildReferrers,
    project_project_id_integrations_integration_id_values_extractvalue_id_get => IntegrationExtractValue,
    project_project_id_integrations_integration_id_values_extractvalue_id_refs_get => IntegrationChildReferrers,
    project_project_id_schedules_get => Vec<Schedule>,
    project_project_id_templates_template_id_schedules_get => Vec<Schedule>,
    apps_get => Vec<App>,
    apps_app_id_get => App,
    options_get => std::collections::BTreeMap<String, String>,
    options_post => ServerOption,
    runners_get => Vec<Runner>,
    runners_post => Runner,
    runners_runner_id_get => Runner,
    internal_runners_post => RunnerToken,
    internal_runners_get => RunnerState,
    tasks_get => Vec<GlobalTask>,
    tasks_task_id_get => Vec<GlobalTask>,
}

// ---- which fields were ever seen ----

/// The fields of the models (`Vec<Template>` /`[]/last_task`) that no recorded answer gave a
/// value: `null`, an empty list or an empty map every time. A list's elements are `[]`, and
/// the fields inside a field never seen are not listed.
pub fn fields_never_seen(fixtures: &[(String, Fixture)]) -> BTreeMap<(String, String), bool> {
    let mut seen: BTreeMap<(String, String), bool> = BTreeMap::new();
    for (_, fixture) in fixtures {
        for exchange in &fixture.exchanges {
            let Some(body) = &exchange.body else { continue };
            if !(200..300).contains(&exchange.status) {
                continue;
            }
            let Some((model, value)) = as_model(&exchange.operation, body) else {
                continue;
            };
            walk(model, &value, String::new(), &mut seen);
        }
    }
    seen.retain(|_, ever| !*ever);
    seen
}

fn walk(model: &str, value: &Value, at: String, seen: &mut BTreeMap<(String, String), bool>) {
    let has_value = match value {
        Value::Null => false,
        Value::Array(items) => !items.is_empty(),
        Value::Object(fields) => !fields.is_empty(),
        _ => true,
    };
    if !at.is_empty() {
        *seen.entry((model.to_owned(), at.clone())).or_default() |= has_value;
    }
    match value {
        Value::Array(items) => {
            for item in items {
                walk(model, item, format!("{at}/[]"), seen);
            }
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                walk(model, field, format!("{at}/{key}"), seen);
            }
        }
        _ => {}
    }
}
