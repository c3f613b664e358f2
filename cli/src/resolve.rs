//! Objects named by id or by name on the command line.

use crate::error::{CliError, Result};

/// `inventory` → `inventories`, `key` → `keys`: a kind's objects, and its command.
pub fn plural(one: &str) -> String {
    match one.strip_suffix('y') {
        Some(stem) if !stem.ends_with(['a', 'e', 'i', 'o', 'u']) => format!("{stem}ies"),
        _ => format!("{one}s"),
    }
}

/// The item `wanted` names in `items`, the same way for every kind: `id:N` is the item with
/// id N, `name:X` the one named X; anything else is the one named so (exactly, or else
/// ignoring case when only one matches) or, for a number, the one with that id. A number that
/// is one item's name and another's id is refused, naming both.
pub fn pick<'a, T>(
    kind: &str,
    wanted: &str,
    items: &'a [T],
    id: impl Fn(&T) -> i64,
    name: impl Fn(&T) -> &str,
) -> Result<&'a T> {
    let wanted = wanted.trim();
    let not_found = || {
        CliError::failed(format!("no {kind} {wanted:?}")).hint(format!(
            "`semaphore {} list` shows them, with their ids",
            plural(kind)
        ))
    };
    if let Some(number) = wanted.strip_prefix("id:") {
        let number: i64 = number
            .trim()
            .parse()
            .map_err(|_| CliError::usage(format!("{wanted:?} is not `id:` and a number")))?;
        return items.iter().find(|i| id(i) == number).ok_or_else(not_found);
    }
    let (wanted, by_name_only) = match wanted.strip_prefix("name:") {
        Some(rest) => (rest, true),
        None => (wanted, false),
    };
    let exact: Vec<&T> = items.iter().filter(|i| name(i) == wanted).collect();
    let named: Vec<&T> = if exact.is_empty() {
        items
            .iter()
            .filter(|i| name(i).to_lowercase() == wanted.to_lowercase())
            .collect()
    } else {
        exact
    };
    let by_id = match (by_name_only, wanted.parse::<i64>()) {
        (false, Ok(number)) => items.iter().find(|i| id(i) == number),
        _ => None,
    };
    match (named.as_slice(), by_id) {
        ([one], None) => Ok(one),
        ([one], Some(other)) if id(one) == id(other) => Ok(one),
        ([one], Some(other)) => Err(CliError::usage(format!(
            "{wanted:?} is the name of {kind} {} and the id of {kind} {} ({:?})",
            id(one),
            id(other),
            name(other)
        ))
        .hint(format!("say which: `id:{wanted}` or `name:{wanted}`"))),
        ([], Some(item)) => Ok(item),
        ([], None) => Err(not_found()),
        (many, _) => {
            let ids: Vec<String> = many.iter().map(|i| id(i).to_string()).collect();
            Err(CliError::usage(format!(
                "{} {kind}s are named {wanted:?} (ids {})",
                many.len(),
                ids.join(", ")
            ))
            .hint("give the id instead: `id:N`"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<(i64, &'static str)> {
        vec![
            (1, "Deploy"),
            (2, "deploy"),
            (3, "Build"),
            (4, "7"),
            (5, "Twin"),
            (6, "Twin"),
            (7, "Seven"),
            (8, "9"),
        ]
    }

    fn find(wanted: &str) -> Result<i64> {
        let items = items();
        pick("template", wanted, &items, |i| i.0, |i| i.1).map(|i| i.0)
    }

    #[test]
    fn by_name_or_id_the_same_way_for_every_kind() {
        assert_eq!(find("3").unwrap(), 3); // no item named "3": the id
        assert_eq!(find("9").unwrap(), 8); // no id 9: the name
        assert_eq!(find("deploy").unwrap(), 2);
        assert_eq!(find("build").unwrap(), 3);
        assert!(find("Twin").unwrap_err().message.contains("ids 5, 6"));
        assert!(find("nothing").unwrap_err().message.contains("no template"));
        // "7" is item 4's name and item 7's id: neither is taken for granted.
        let both = find("7").unwrap_err();
        assert!(
            both.message
                .contains("name of template 4 and the id of template 7"),
            "{}",
            both.message
        );
        assert_eq!(find("id:7").unwrap(), 7);
        assert_eq!(find("name:7").unwrap(), 4);
        assert!(find("id:x").is_err());
        assert!(find("name:3").is_err());
    }
}
