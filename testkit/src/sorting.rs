//! The order of list answers, by the `sort` and `order` query parameters, as each backend
//! sorts them.

use serde_json::Value;

use crate::state::State;

/// What a list can be sorted by.
pub(crate) struct Sorting {
    /// On SQL: `sort` values and what they sort by; the first is the default.
    pub sql: &'static [(&'static str, Column)],
    /// On BoltDB: the `sort` values honoured (`ObjectProps.SortableColumns`); without one
    /// of them the list stays in id order.
    pub bolt: &'static [&'static str],
}

/// What a `sort` value sorts by.
#[derive(Clone, Copy)]
pub(crate) enum Column {
    /// A field of the object itself.
    Field(&'static str),
    /// The `name` of the object of `kind` whose id is in `field` (a SQL `LEFT JOIN`).
    NameOf {
        field: &'static str,
        kind: &'static str,
    },
}

/// `items` (in id order) sorted by `sort` (`None`: the query had none) and `desc`.
///
/// SQL sorts by the column `sort` names, or by its default, and `order=desc` turns it round;
/// strings compare byte by byte (PostgreSQL's `C` collation), a missing related object sorts
/// last (as PostgreSQL sorts `NULL`), ties keep id order. BoltDB sorts only by a `sort` it
/// knows, also byte by byte, and `order=desc` then turns the list round.
pub(crate) fn sorted(
    state: &State,
    bolt: bool,
    mut items: Vec<Value>,
    sorting: &Sorting,
    sort: Option<&str>,
    desc: bool,
) -> Vec<Value> {
    if bolt {
        let Some(field) = sort.filter(|s| sorting.bolt.contains(s)) else {
            return items;
        };
        items.sort_by(|a, b| text(&a[field]).cmp(text(&b[field])));
    } else {
        let column = sorting
            .sql
            .iter()
            .find(|(name, _)| Some(*name) == sort)
            .or(sorting.sql.first())
            .map(|&(_, column)| column);
        let Some(column) = column else {
            return items;
        };
        let key = |item: &Value| sql_key(state, item, column);
        items.sort_by_cached_key(key);
    }
    if desc {
        items.reverse();
    }
    items
}

/// A string field's value (other values sort as `""`).
fn text(value: &Value) -> &str {
    value.as_str().unwrap_or_default()
}

/// `(false, name)` before `(true, "")`: a missing related object after every name.
fn sql_key(state: &State, item: &Value, column: Column) -> (bool, String) {
    let value = match column {
        Column::Field(field) => Some(&item[field]),
        Column::NameOf { field, kind } => item[field]
            .as_i64()
            .and_then(|id| state.find(kind, None, id))
            .map(|related| &related["name"]),
    };
    match value {
        Some(value) => (false, text(value).to_owned()),
        None => (true, String::new()),
    }
}
