//! Issue 9, defect 11: raw HTML and `javascript:` addresses passed through from paper
//! text, recommendations and decision texts into pages and feeds. Now they are cleaned
//! to an allowlist unless `site.toml` opts in, `check` warns at file:line for what is
//! removed, and the importer keeps no `[x](javascript:...)`.

mod common;

use common::{Fixture, attrs, meeting, paper, snapshot, texts};
use scraper::Html;

/// A paper with hostile and harmless raw HTML in its text, recommendations and decision.
const BODY: &str = r#"## Costs {onclick=alert(1) lang=en}

1. The <abbr title="Police and Crime Commissioner">PCC</abbr> spent 3 m<sup>2</sup>.<script>alert(1)</script>
2. See [the plan](javascript:alert(2)), [the map](JaVa&#115;cript:alert(3)), [spaced]( java	script:x ) and <javascript:alert(4)>.
3. ![logo](data:image/svg+xml;base64,PHN2Zz4=) and ![ok](logo.png) and [web](https://example.org/).

<div onmouseover="alert(5)" style="position:fixed">
<img src="x" onerror="alert(6)" alt="pic">
<a href="&#106;avascript:alert(7)">old link</a>
<a href="VBScript:msgbox(8)">vb</a>
<iframe src="https://evil.example/"></iframe>
<table><tr><th>Year</th><td>2024</td></tr></table>
</div>

<style>body { display: none }</style>
"#;

const FRONT: &str = "title: Estates\ndate: 2025-02-20\nitem: B1\nrecommendations:\n  - That the Panel notes <b onclick=\"alert(9)\">this</b>.\n  - See [it](javascript:alert(10)).\ndecisions:\n  - ref: D/1\n    text: Agreed <script>alert(11)</script><em>with thanks</em>.";

fn site(settings: &str) -> Fixture {
    let f = Fixture::new();
    f.write("site.toml", &format!("{}{settings}", common::SITE_TOML));
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2025-03-04\nstatus: held"),
    );
    f.write("content/m/b1.md", &paper(FRONT, BODY));
    f
}

/// Every address and event handler in an HTML document or fragment that could run
/// script: returns them as "element attribute=value".
fn script_openings(html: &Html) -> Vec<String> {
    let mut found = Vec::new();
    for node in html.tree.nodes() {
        let Some(el) = node.value().as_element() else {
            continue;
        };
        for (name, value) in el.attrs() {
            let v: String = value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_lowercase();
            let bad_url = matches!(name, "href" | "src" | "cite" | "action" | "formaction")
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| v.starts_with(s));
            if name.starts_with("on") || bad_url || name == "style" && !v.starts_with("text-align")
            {
                found.push(format!("{} {name}={value}", el.name()));
            }
        }
        if matches!(
            el.name(),
            "script" | "iframe" | "style" | "object" | "embed"
        ) && !(el.name() == "script" && el.attr("src").is_some())
            && !(el.name() == "script" && el.attr("type") == Some("application/ld+json"))
        {
            found.push(el.name().to_string());
        }
    }
    found
}

/// The page's own prose, recommendations and decisions: where the clerk's text goes.
fn clerk_text(html: &Html) -> Html {
    let parts: Vec<String> = html
        .select(&common::sel(
            ".prose, .recommendations, .decisions, .decision-text",
        ))
        .map(|e| e.html())
        .collect();
    Html::parse_fragment(&parts.join("\n"))
}

#[test]
fn defect_11_raw_html_and_script_addresses_are_removed_from_pages() {
    let f = site("");
    f.build_ok();
    for rel in [
        "papers/m/b1/index.html",
        "meetings/m/pack/index.html",
        "decisions/index.html",
    ] {
        let path = f.output().join(rel);
        if !path.exists() {
            continue;
        }
        let page = f.page(rel);
        assert_eq!(
            script_openings(&clerk_text(&page)),
            Vec::<String>::new(),
            "{rel}"
        );
        assert_eq!(
            script_openings(&page)
                .iter()
                .filter(|s| !s.starts_with("script"))
                .count(),
            0,
            "{rel}: {:?}",
            script_openings(&page)
        );
    }
    let page = f.page("papers/m/b1/index.html");
    let text = texts(&page, ".prose").join(" ");
    // A script's content is dropped with it; a dropped autolink's words stay as text.
    assert!(!text.contains("alert(1)"), "script text shown: {text}");
    assert!(text.contains("and javascript:alert(4)."), "{text}");
    assert!(!text.contains("display: none"), "style text shown: {text}");
    // What papers need survives, with the anchors panelpress gives.
    assert_eq!(
        attrs(&page, ".prose abbr", "title"),
        ["Police and Crime Commissioner"]
    );
    assert_eq!(texts(&page, ".prose sup"), ["2"]);
    assert_eq!(texts(&page, ".prose table th"), ["Year"]);
    assert_eq!(attrs(&page, ".prose li[id]", "id"), ["p1", "p2", "p3"]);
    assert_eq!(attrs(&page, ".prose a.pnum", "href"), ["#p1", "#p2", "#p3"]);
    assert_eq!(attrs(&page, ".prose h2", "id"), ["costs"]);
    assert_eq!(attrs(&page, ".prose h2", "lang"), ["en"]);
    assert_eq!(attrs(&page, ".prose img", "alt"), ["ok", "pic"]);
    assert!(attrs(&page, ".prose a", "href").contains(&"https://example.org/".to_string()));
    // A dropped link keeps its words.
    assert!(text.contains("See the plan, the map"), "{text}");
    assert_eq!(texts(&page, ".recommendations li b"), ["this"]);
    assert_eq!(texts(&page, ".decision-text em"), ["with thanks"]);
}

#[test]
fn defect_11_feeds_carry_no_script() {
    let f = site("");
    f.build_ok();
    let mut checked = 0;
    for (rel, bytes) in snapshot(&f.output()) {
        if !rel.starts_with("feeds/") {
            continue;
        }
        let xml = String::from_utf8(bytes).unwrap();
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{rel}: {e}"));
        for content in doc.descendants().filter(|n| n.has_tag_name("content")) {
            let html = Html::parse_fragment(content.text().unwrap_or(""));
            assert_eq!(script_openings(&html), Vec::<String>::new(), "{rel}");
            checked += 1;
        }
    }
    assert!(checked >= 2, "only {checked} feed entries");
}

#[test]
fn defect_11_check_warns_at_the_line_of_what_it_removes() {
    let f = site("");
    let out = f.run(&["check", "--format", "json"]);
    assert!(
        out.status.success(),
        "warnings only: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let problems: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .filter(|p: &serde_json::Value| p["code"] == "html-removed")
        .collect();
    let at = |line: u64, words: &str| {
        problems.iter().any(|p| {
            p["file"] == "content/m/b1.md"
                && p["line"] == line
                && p["severity"] == "warning"
                && p["message"].as_str().unwrap().contains(words)
        })
    };
    // The front matter is lines 1-11 (with `---`), so the text starts on line 12.
    let text = 12;
    assert!(
        at(text, "the `onclick` attribute of a heading"),
        "{problems:#?}"
    );
    assert!(at(text + 2, "`<script>` and its content"), "{problems:#?}");
    assert!(at(text + 3, "`javascript:alert(2)`"), "{problems:#?}");
    assert!(at(text + 3, "`JaVascript:alert(3)`"), "{problems:#?}");
    assert!(
        at(text + 4, "`data:image/svg+xml;base64,PHN2Zz4=` of an image"),
        "{problems:#?}"
    );
    assert!(
        at(text + 6, "the `onmouseover` attribute of `<div>`"),
        "{problems:#?}"
    );
    assert!(
        at(text + 6, "the `style` attribute of `<div>`"),
        "{problems:#?}"
    );
    assert!(
        at(text + 7, "the `onerror` attribute of `<img>`"),
        "{problems:#?}"
    );
    assert!(
        at(text + 8, "`javascript:alert(7)` of `<a>`"),
        "{problems:#?}"
    );
    assert!(
        at(text + 9, "`VBScript:msgbox(8)` of `<a>`"),
        "{problems:#?}"
    );
    assert!(at(text + 10, "`<iframe>`"), "{problems:#?}");
    assert!(at(text + 14, "`<style>` and its content"), "{problems:#?}");
    // Recommendations at their entry's line, the decision at its entry's.
    assert!(at(6, "the `onclick` attribute of `<b>`"), "{problems:#?}");
    assert!(at(7, "`javascript:alert(10)` of a link"), "{problems:#?}");
    assert!(at(9, "`<script>` and its content"), "{problems:#?}");
    // Nothing harmless is reported: abbr, sup, table, img alt, https links.
    assert!(
        !problems.iter().any(|p| {
            let m = p["message"].as_str().unwrap();
            ["abbr", "sup", "table", "https:", "<th>", "<td>", "logo.png"]
                .iter()
                .any(|w| m.contains(w))
        }),
        "{problems:#?}"
    );
}

#[test]
fn defect_11_a_site_may_opt_in_to_raw_html_but_not_to_script_links() {
    let f = site("[markdown]\nunsafe_html = true\n");
    f.build_ok();
    let page = f.page("papers/m/b1/index.html");
    let prose = clerk_text(&page);
    // Raw HTML is the site's own choice now, written as it is.
    assert_eq!(
        attrs(&prose, "div[onmouseover]", "style"),
        ["position:fixed"]
    );
    assert_eq!(attrs(&prose, "iframe", "src"), ["https://evil.example/"]);
    // Markdown links and images are still checked.
    let hrefs = attrs(&prose, "a", "href");
    assert!(
        !hrefs
            .iter()
            .any(|h| h.to_lowercase().contains("script:alert(2)")),
        "{hrefs:?}"
    );
    assert!(
        !attrs(&prose, "img", "src")
            .iter()
            .any(|s| s.starts_with("data:"))
    );
    let out = f.run(&["check", "--format", "json"]);
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        !stdout.contains("`<iframe>`"),
        "no warning for opted-in HTML: {stdout}"
    );
    assert!(
        stdout.contains("javascript:alert(2)"),
        "script links still warned: {stdout}"
    );
}

#[test]
fn defect_11_unknown_markdown_settings_are_refused() {
    let f = site("[markdown]\nunsafe_htm = true\n");
    let out = f.run(&["check"]);
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("site.toml") && stderr.contains("unsafe_htm"),
        "{stderr}"
    );
}

/// The importer kept `[x](javascript:...)` from plain text; now such a link becomes
/// its words, with a note, and the paper builds without it.
#[test]
fn defect_11_the_importer_keeps_no_script_links() {
    let f = Fixture::new();
    f.write(
        "content/2025-03-11/_meeting.md",
        "---\ndate: 2025-03-11\n---\n",
    );
    let source = f.root().join("report.txt");
    std::fs::write(
        &source,
        "To: Testshire Police and Crime Panel\n\nSubject: Parking review\n\nDate: 3 March 2025\n\nAgenda Item: B2\n\n1. See [the plan](javascript:alert(1)) and [the map](JAVASCRIPT:alert(2)), ![chart](data:image/png;base64,AAAA) and [the web page](https://example.org/parking).\n",
    )
    .unwrap();
    let reports = panelpress::clerk::import::import(f.root(), &[source], "2025-03-11", None)
        .unwrap_or_else(|e| panic!("import: {e}"));
    let written = std::fs::read_to_string(&reports[0].written).unwrap();
    let lower = written.to_lowercase();
    assert!(
        !lower.contains("javascript:") && !lower.contains("data:"),
        "{written}"
    );
    assert!(
        written.contains(
            "See the plan and the map, chart and [the web page](https://example.org/parking)."
        ),
        "{written}"
    );
    let notes: Vec<String> = reports[0].notes.iter().map(|n| n.text.clone()).collect();
    assert_eq!(
        notes
            .iter()
            .filter(|n| n.contains("(a script or data address) kept as text"))
            .count(),
        3,
        "{notes:?}"
    );
}
