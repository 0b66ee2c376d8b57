//! The HTML policy: what of a clerk's raw HTML and link addresses reaches a page.
//!
//! By default raw HTML in Markdown (paper text, meeting notes, recommendations, decision
//! texts) is cleaned by `ammonia` to an allowlist that keeps what papers need (tables,
//! `abbr`, `sup`, `sub`, `br`, headings, lists, links, images, ids) and drops scripts,
//! event handlers, styles, frames and forms. Link and image addresses may only be
//! relative or use a scheme of [`URL_SCHEMES`]: `javascript:`, `vbscript:` and `data:`
//! are never written, however they are spelt. A site opts in to raw HTML with
//! `[markdown] unsafe_html = true` in `site.toml` (docs/content-format.md).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

/// Schemes a link or image may use; an address without a scheme is relative and kept.
pub(crate) const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp", "webcal"];

/// Elements a page may hold from raw HTML, with what panelpress writes itself.
const TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements dropped with everything inside them: their content is code or chrome, not
/// text a reader should see.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "script",
    "style",
    "template",
    "iframe",
    "object",
    "embed",
    "noscript",
    "svg",
    "math",
    "textarea",
    "select",
    "title",
    "head",
    "frameset",
    "noframes",
    "xmp",
    "plaintext",
];

/// Attributes any allowed element may have: the ids and classes panelpress gives
/// numbered paragraphs, footnotes and tables, and accessibility attributes.
const GENERIC_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "title",
    "lang",
    "dir",
    "role",
    "tabindex",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
];

const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("img", &["src", "alt", "width", "height"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("td", &["colspan", "rowspan", "headers", "style"]),
    ("th", &["colspan", "rowspan", "headers", "scope", "style"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("time", &["datetime"]),
    ("pre", &["data-lang"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("details", &["open"]),
];

/// Table cells keep only the alignment Markdown tables give them.
fn allowed_style(value: &str) -> bool {
    matches!(
        value.trim().trim_end_matches(';'),
        "text-align: left" | "text-align: center" | "text-align: right"
    )
}

fn sanitizer() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::empty();
        b.tags(TAGS.iter().copied().collect())
            .clean_content_tags(DROPPED_WITH_CONTENT.iter().copied().collect())
            .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
            .tag_attributes(
                TAG_ATTRIBUTES
                    .iter()
                    .map(|(tag, attrs)| (*tag, attrs.iter().copied().collect()))
                    .collect::<HashMap<&str, HashSet<&str>>>(),
            )
            .url_schemes(URL_SCHEMES.iter().copied().collect())
            .url_relative(ammonia::UrlRelative::PassThrough)
            .link_rel(None)
            .strip_comments(true)
            .attribute_filter(|_element, attribute, value| {
                if attribute == "style" && !allowed_style(value) {
                    return None;
                }
                Some(Cow::Borrowed(value))
            });
        b
    })
}

/// `html` cleaned to the allowlist.
pub(crate) fn sanitize(html: &str) -> String {
    sanitizer().clean(html).to_string()
}

/// Whether a browser would read `url` as relative or with a scheme of [`URL_SCHEMES`].
/// Read as browsers read it: leading and trailing spaces and control characters are
/// ignored, tabs and newlines anywhere are removed, and the scheme is not case
/// sensitive, so `" JaVa\tScRiPt:"` is `javascript:`. (Markdown has already decoded
/// entities and backslash escapes.)
pub(crate) fn url_allowed(url: &str) -> bool {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let cleaned: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = cleaned.split_once(':') else {
        return true;
    };
    let is_scheme = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    // `a/b:c` or `?x=y:z` has no scheme: the colon comes after a path or query starts.
    if !is_scheme {
        return true;
    }
    URL_SCHEMES.contains(&scheme.to_ascii_lowercase().as_str())
}

/// What [`sanitize`] takes out of one piece of raw HTML, in words for a warning:
/// elements not allowed, attributes not allowed on their element, addresses with a
/// scheme not allowed. Comments are dropped without a word, being invisible anyway.
pub(crate) fn removed(fragment: &str) -> Vec<String> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"<([A-Za-z][A-Za-z0-9-]*)((?:[^>\x22']|\x22[^\x22]*\x22|'[^']*')*)>?")
            .expect("tag pattern")
    });
    static ATTR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r#"([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?"#)
            .expect("attribute pattern")
    });
    let mut out = Vec::new();
    for tag in TAG.captures_iter(fragment) {
        let name = tag[1].to_ascii_lowercase();
        if !TAGS.contains(&name.as_str()) {
            let what = if DROPPED_WITH_CONTENT.contains(&name.as_str()) {
                format!("`<{name}>` and its content")
            } else {
                format!("`<{name}>`")
            };
            out.push(what);
            continue;
        }
        let own = TAG_ATTRIBUTES
            .iter()
            .find(|(t, _)| *t == name)
            .map_or(&[][..], |(_, a)| *a);
        for attr in ATTR.captures_iter(&tag[2]) {
            let key = attr[1].to_ascii_lowercase();
            let value = [2, 3, 4]
                .iter()
                .find_map(|&i| attr.get(i))
                .map_or(String::new(), |m| decode_entities(m.as_str()));
            if !GENERIC_ATTRIBUTES.contains(&key.as_str()) && !own.contains(&key.as_str()) {
                out.push(format!("the `{key}` attribute of `<{name}>`"));
            } else if key == "style" && !allowed_style(&value) {
                out.push(format!("the `style` attribute of `<{name}>`"));
            } else if matches!(key.as_str(), "href" | "src" | "cite") && !url_allowed(&value) {
                out.push(format!("the address `{}` of `<{name}>`", shorten(&value)));
            }
        }
    }
    out
}

/// Enough of the entities a browser decodes in an attribute to see a scheme through
/// them (`&#106;avascript:`, `java&Tab;script:`).
fn decode_entities(value: &str) -> String {
    static ENTITY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|Tab|NewLine|colon);?").expect("entity pattern")
    });
    ENTITY
        .replace_all(value, |c: &regex::Captures| {
            let e = &c[1];
            let code = match e {
                "Tab" => Some(9),
                "NewLine" => Some(10),
                "colon" => Some(58),
                _ if e.starts_with("#x") || e.starts_with("#X") => {
                    u32::from_str_radix(&e[2..], 16).ok()
                }
                _ => e[1..].parse().ok(),
            };
            code.and_then(char::from_u32)
                .map_or(String::new(), String::from)
        })
        .into_owned()
}

/// An address cut short for a message.
pub(crate) fn shorten(url: &str) -> String {
    let mut out: String = url.chars().take(40).collect();
    if out.len() < url.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dangerous_schemes_are_refused_however_spelt() {
        for bad in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:x",
            "vbscript:msgbox",
            "data:text/html,<script>x</script>",
            "DATA:image/svg+xml;base64,xx",
            "file:///etc/passwd",
        ] {
            assert!(!url_allowed(bad), "{bad:?}");
        }
        for good in [
            "https://example.org/a:b",
            "mailto:clerk@example.org",
            "tel:+441234",
            "../b1/",
            "#p2",
            "b2.md",
            "a/b:c",
            "?q=a:b",
            "",
        ] {
            assert!(url_allowed(good), "{good:?}");
        }
    }

    #[test]
    fn sanitizing_keeps_what_papers_need() {
        let html = "<table><caption>C</caption><tr><th style=\"text-align: left\">H</th><td style=\"color: red\">x</td></tr></table><p id=\"p1\"><abbr title=\"Police and Crime Commissioner\">PCC</abbr>m<sup>2</sup> H<sub>2</sub>O<br></p>";
        assert_eq!(
            sanitize(html),
            "<table><caption>C</caption><tbody><tr><th style=\"text-align: left\">H</th><td>x</td></tr></tbody></table><p id=\"p1\"><abbr title=\"Police and Crime Commissioner\">PCC</abbr>m<sup>2</sup> H<sub>2</sub>O<br></p>"
        );
    }

    #[test]
    fn sanitizing_drops_script_and_handlers() {
        let html = "<p onclick=\"x()\">a<script>alert(1)</script><img src=\"&#106;avascript:x\" onerror=\"y\" alt=\"i\"><a href=\"java&#9;script:z\">l</a><iframe src=\"https://x\">f</iframe></p>";
        assert_eq!(sanitize(html), "<p>a<img alt=\"i\"><a>l</a></p>");
    }

    #[test]
    fn removed_names_what_goes() {
        let found = removed("<p onclick=\"x()\"><script>");
        assert_eq!(
            found,
            [
                "the `onclick` attribute of `<p>`",
                "`<script>` and its content"
            ]
        );
        assert_eq!(
            removed("<a href='&#106;avascript:x' title=\"ok\">"),
            ["the address `javascript:x` of `<a>`"]
        );
        assert!(removed("<abbr title=\"x\">").is_empty());
        assert!(removed("</script>").is_empty());
        assert!(removed("<!-- note -->").is_empty());
    }
}
