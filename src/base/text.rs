//! Small text helpers shared by every stage.

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, column)
}

/// A URL- and id-safe form of a name: lowercase ASCII letters, digits and single hyphens.
/// Other scripts are transliterated, so "Café society" is `cafe-society`, not `caf-society`.
pub(crate) fn slugify(name: &str) -> String {
    let ascii = deunicode::deunicode(name);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if c == '\'' || c == '’' {
            continue;
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// `base`, or `base-2`, `base-3`… whichever `used` does not hold yet; it is then taken.
pub(crate) fn unique_id(used: &mut std::collections::HashSet<String>, base: &str) -> String {
    let mut id = base.to_string();
    let mut k = 1;
    while !used.insert(id.clone()) {
        k += 1;
        id = format!("{base}-{k}");
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_plain() {
        assert_eq!(
            slugify("Commissioner's Budget & Precept"),
            "commissioners-budget-precept"
        );
        assert_eq!(slugify("  B1: Update  "), "b1-update");
        assert_eq!(slugify("***"), "");
        assert_eq!(slugify("Café société"), "cafe-societe");
    }

    #[test]
    fn line_and_column() {
        assert_eq!(line_col("ab\ncd", 4), (2, 2));
        assert_eq!(line_col("ab", 0), (1, 1));
    }
}
