//! `sitemap.xml` and a `robots.txt` that points at it. The sitemap protocol wants full
//! addresses, so both exist only when `base_url` is an absolute http(s) address.

use crate::base::output::OutputFile;
use crate::model::Site;
use crate::urls::Urls;

/// Every HTML page among `files` except the 404 page and redirect pages (which ask not to
/// be indexed), in path order.
pub(crate) fn sitemap<'a>(
    site: &Site,
    files: impl IntoIterator<Item = &'a str>,
) -> Vec<OutputFile> {
    let href = Urls::new(site);
    let Some(base) = href.absolute("") else {
        return Vec::new();
    };
    let redirects: std::collections::HashSet<String> = site
        .redirects()
        .iter()
        .map(|r| crate::urls::file_of(&r.path))
        .collect();
    let mut pages: Vec<&str> = files
        .into_iter()
        .filter(|p| p.ends_with(".html") && *p != "404.html" && !redirects.contains(*p))
        .collect();
    pages.sort_unstable();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in pages {
        // `x/index.html` is served as `x/`, the address the pages link with a base_url.
        let path = page.strip_suffix("index.html").unwrap_or(page);
        let loc = format!("{base}{path}");
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            crate::markdown::escape(&loc)
        ));
    }
    xml.push_str("</urlset>\n");
    let robots = format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n");
    vec![
        OutputFile {
            path: "sitemap.xml".to_string(),
            bytes: xml.into_bytes(),
        },
        OutputFile {
            path: "robots.txt".to_string(),
            bytes: robots.into_bytes(),
        },
    ]
}
