//! Objects named by id or by name on the command line.

use crate::error::{CliError, Result};

/// The item `wanted` names in `items`: the one with that id when it is a number, else the one
/// with that name (exactly, or else ignoring case when only one matches).
pub fn pick<'a, T>(
    kind: &str,
    wanted: &str,
    items: &'a [T],
    id: impl Fn(&T) -> i64,
    name: impl Fn(&T) -> &str,
) -> Result<&'a T> {
    let wanted = wanted.trim();
    if let Ok(number) = wanted.parse::<i64>()
        && let Some(item) = items.iter().find(|i| id(i) == number)
    {
        return Ok(item);
    }
    let exact: Vec<&T> = items.iter().filter(|i| name(i) == wanted).collect();
    let matches = if exact.is_empty() {
        items
            .iter()
            .filter(|i| name(i).to_lowercase() == wanted.to_lowercase())
            .collect()
    } else {
        exact
    };
    match matches.as_slice() {
        [one] => Ok(one),
        [] => Err(
            CliError::failed(format!("no {kind} {wanted:?}")).hint(format!(
                "`semaphore {kind}s list` shows them, with their ids"
            )),
        ),
        many => {
            let ids: Vec<String> = many.iter().map(|i| id(i).to_string()).collect();
            Err(CliError::usage(format!(
                "{} {kind}s are named {wanted:?} (ids {})",
                many.len(),
                ids.join(", ")
            ))
            .hint("give the id instead"))
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
        ]
    }

    fn find(wanted: &str) -> Result<i64> {
        let items = items();
        pick("template", wanted, &items, |i| i.0, |i| i.1).map(|i| i.0)
    }

    #[test]
    fn by_id_then_exact_name_then_any_case() {
        assert_eq!(find("3").unwrap(), 3);
        assert_eq!(find("7").unwrap(), 4); // no id 7: the name
        assert_eq!(find("deploy").unwrap(), 2);
        assert_eq!(find("build").unwrap(), 3);
        assert!(find("Twin").unwrap_err().message.contains("ids 5, 6"));
        assert!(find("nothing").unwrap_err().message.contains("no template"));
    }
}
