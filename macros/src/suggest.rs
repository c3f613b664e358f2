//! "Did you mean ...?" for a misspelt attribute.

/// The candidate nearest to `word`, when it is close enough to be a likely typo.
/// Case is ignored: `#[GET]` suggests `#[get]`.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&word, c), c))
        .filter(|(d, c)| *d <= 2.max(c.len() / 3) && *d < c.len())
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let verbs = ["get", "post", "put", "patch", "delete"];
        assert_eq!(nearest("gett", verbs), Some("get"));
        assert_eq!(nearest("delet", verbs), Some("delete"));
        assert_eq!(nearest("pots", verbs), Some("post"));
        assert_eq!(nearest("frobnicate", verbs), None);
        assert_eq!(nearest("GET", verbs), Some("get"));
        assert_eq!(nearest("Delete", verbs), Some("delete"));
        assert_eq!(nearest("quary", ["query", "header", "body"]), Some("query"));
    }
}
