//! Stable links: `aliases:` on papers and meetings leave a redirect page at each old
//! address, which leads to the page where the paper or meeting now is.

mod common;

use common::{Fixture, attrs, broken_links, meeting, paper, resolve, snapshot, texts};

/// A site whose budget report moved from `2024/budget` into its meeting's folder.
fn moved_site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/2024-03-05/_meeting.md",
        &meeting("date: 2024-03-05\nstatus: held\naliases: [old-march-meeting]"),
    );
    f.write(
        "content/2024-03-05/b1-budget.md",
        &paper(
            "title: Budget and precept\ndate: 2024-02-26\nitem: B1\naliases:\n  - 2024/budget\n  - /papers/2023/budget-draft/",
            "1. The precept rises by two per cent.\n\n2. Reserves stay level.",
        ),
    );
    f
}

/// The `content` of the page's refresh, its `url=` part, its canonical link and the
/// href of its visible link.
fn redirect_targets(f: &Fixture, rel: &str) -> (String, String, String) {
    let page = f.page(rel);
    let refresh = attrs(&page, r#"meta[http-equiv="refresh"]"#, "content");
    assert_eq!(refresh.len(), 1, "{rel} has one refresh");
    let url = refresh[0]
        .strip_prefix("0; url=")
        .unwrap_or_else(|| panic!("refresh at once: {}", refresh[0]))
        .to_string();
    let canonical = attrs(&page, r#"link[rel="canonical"]"#, "href");
    let visible = attrs(&page, "main a[href]", "href");
    assert_eq!((canonical.len(), visible.len()), (1, 1), "{rel}");
    (url, canonical[0].clone(), visible[0].clone())
}

#[test]
fn an_old_paper_address_redirects_to_the_new_page() {
    let f = moved_site();
    f.build_ok();
    let out = f.output();
    for old in [
        "papers/2024/budget/index.html",
        "papers/2023/budget-draft/index.html",
    ] {
        let (url, canonical, visible) = redirect_targets(&f, old);
        assert_eq!(url, canonical);
        assert_eq!(url, visible);
        let (target, _) = resolve(&out, old, &url);
        assert_eq!(
            target,
            out.join("papers/2024-03-05/b1-budget/index.html"),
            "{old}"
        );
        let page = f.page(old);
        assert_eq!(
            attrs(&page, r#"meta[name="robots"]"#, "content"),
            ["noindex"]
        );
        assert_eq!(attrs(&page, "html", "lang"), ["en-GB"]);
        let title = texts(&page, "title").join("");
        assert!(title.contains("Budget and precept"), "{title}");
        assert!(title.contains("Testshire Panel papers"), "{title}");
        let moved = texts(&page, "main p").join(" ");
        assert!(
            moved.starts_with("This page has moved to Budget and precept"),
            "{moved}"
        );
    }
    assert!(broken_links(&out).is_empty(), "{:?}", broken_links(&out));
}

#[test]
fn an_old_meeting_address_redirects_to_the_meeting() {
    let f = moved_site();
    f.build_ok();
    let out = f.output();
    let old = "meetings/old-march-meeting/index.html";
    let (url, _, _) = redirect_targets(&f, old);
    assert_eq!(url, "../../meetings/2024-03-05/index.html");
    let (target, _) = resolve(&out, old, &url);
    assert!(target.is_file());
    assert_eq!(target, out.join("meetings/2024-03-05/index.html"));
}

#[test]
fn with_a_base_url_redirects_are_absolute_and_stay_out_of_the_sitemap() {
    let f = moved_site();
    f.write(
        "site.toml",
        &format!(
            "{}base_url = \"https://papers.example.org/panel/\"\n",
            common::SITE_TOML
        ),
    );
    f.build_ok();
    let (url, canonical, _) = redirect_targets(&f, "papers/2024/budget/index.html");
    assert_eq!(
        url,
        "https://papers.example.org/panel/papers/2024-03-05/b1-budget/"
    );
    assert_eq!(canonical, url);
    let sitemap = std::fs::read_to_string(f.output().join("sitemap.xml")).unwrap();
    assert!(sitemap.contains("/papers/2024-03-05/b1-budget/</loc>"));
    assert!(!sitemap.contains("papers/2024/budget"), "{sitemap}");
    assert!(!sitemap.contains("old-march-meeting"), "{sitemap}");
}

#[test]
fn redirects_are_not_in_the_search_index() {
    let f = moved_site();
    f.build_ok();
    let files = snapshot(&f.output());
    let index: Vec<&String> = files.keys().filter(|k| k.starts_with("search")).collect();
    assert!(!index.is_empty());
    for (path, bytes) in &files {
        if path.ends_with(".js") || path.ends_with(".json") {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains("2024/budget"), "{path}");
        }
    }
}

#[test]
fn a_link_to_the_old_id_leads_to_the_new_page() {
    let f = moved_site();
    f.write(
        "content/2024-03-05/b2-reserves.md",
        &paper(
            "title: Reserves\ndate: 2024-02-26\nitem: B2",
            "1. See [the budget](@/2024/budget#p2).",
        ),
    );
    f.build_ok();
    let page = f.page("papers/2024-03-05/b2-reserves/index.html");
    let link = page
        .select(&common::sel("main a[href]"))
        .find(|a| a.text().collect::<String>() == "the budget")
        .expect("the link in the text");
    assert_eq!(
        link.value().attr("href"),
        Some("../../../papers/2024-03-05/b1-budget/index.html#p2")
    );
}

#[test]
fn a_theme_without_the_template_still_gets_redirects() {
    let f = moved_site();
    common::copy_dir(
        &common::project_root().join("themes/default"),
        &f.root().join("themes/plain"),
    );
    std::fs::remove_file(f.root().join("themes/plain/templates/redirect.html")).unwrap();
    f.write(
        "site.toml",
        &format!("{}theme = \"plain\"\n", common::SITE_TOML),
    );
    f.build_ok();
    let (url, _, _) = redirect_targets(&f, "papers/2024/budget/index.html");
    assert_eq!(url, "../../../papers/2024-03-05/b1-budget/index.html");
}

#[test]
fn an_exempt_paper_redirects_to_its_title_only_page() {
    let f = moved_site();
    f.write(
        "content/2024-03-05/c1-estates.md",
        &paper(
            "title: Estates disposal\ndate: 2024-02-26\nitem: C1\nexempt: Paragraph 3\naliases: [2024/estates]",
            "1. CONFIDENTIAL-TEXT.",
        ),
    );
    f.build_ok();
    let (url, _, _) = redirect_targets(&f, "papers/2024/estates/index.html");
    assert_eq!(url, "../../../papers/2024-03-05/c1-estates/index.html");
    let page = std::fs::read_to_string(f.output().join("papers/2024/estates/index.html")).unwrap();
    assert!(!page.contains("CONFIDENTIAL-TEXT"));
}

#[test]
fn a_withheld_paper_gets_no_redirect_until_it_is_published() {
    let f = moved_site();
    f.write(
        "content/2024-03-05/b3-draft.md",
        &paper(
            "title: Draft plan\ndate: 2024-02-26\nitem: B3\ndraft: true\naliases: [2024/plan]",
            "1. Text.",
        ),
    );
    f.write(
        "content/2024-03-05/b4-embargoed.md",
        &paper(
            "title: Embargoed review\ndate: 2024-02-26\nitem: B4\npublish_from: 2999-01-01 09:00\naliases: [2024/review]",
            "1. Text.",
        ),
    );
    f.build_ok();
    let files = snapshot(&f.output());
    for old in [
        "papers/2024/plan/index.html",
        "papers/2024/review/index.html",
    ] {
        assert!(!files.contains_key(old), "{old} would leak the new address");
    }
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains("b3-draft"), "{path}");
        assert!(!text.contains("b4-embargoed"), "{path}");
    }
    common::build_drafts(&f);
    let (url, _, _) = redirect_targets(&f, "papers/2024/plan/index.html");
    assert_eq!(url, "../../../papers/2024-03-05/b3-draft/index.html");
}

/// The build fails with an error at `location` whose message holds `words` and which
/// has a help line; the previous output stays as it was.
fn assert_refused(f: &Fixture, location: &str, words: &str) {
    let before = snapshot(&f.output());
    let errors = f.build().expect_err("the build should fail").0;
    let found = errors
        .iter()
        .find(|d| d.location.to_string() == location)
        .unwrap_or_else(|| {
            let all: Vec<String> = errors
                .iter()
                .map(|d| format!("{}: {}", d.location, d.message))
                .collect();
            panic!("no error at {location}: {all:#?}")
        });
    assert!(found.message.contains(words), "{}", found.message);
    assert!(found.help.is_some(), "{} has no help", found.message);
    assert_eq!(before, snapshot(&f.output()));
}

const BUDGET: &str = "content/2024-03-05/b1-budget.md";

fn budget_with(aliases: &str) -> String {
    paper(
        &format!("title: Budget and precept\ndate: 2024-02-26\nitem: B1\n{aliases}"),
        "1. Text.",
    )
}

#[test]
fn an_alias_that_would_leave_the_output_is_refused() {
    for (alias, words) in [
        ("../../etc", "not a plain path"),
        ("2024/../../x", "not a plain path"),
        ("a\\\\b", "backslash"),
        ("https://example.org/papers/x/", "web address"),
        ("C:/temp/x", "web address or drive path"),
        ("x#p3", "`#`"),
        ("'***'", "no letter or digit"),
    ] {
        let f = moved_site();
        f.build_ok();
        f.write(
            BUDGET,
            &budget_with(&format!("aliases:\n  - ok/one\n  - \"{alias}\"")),
        );
        assert_refused(&f, &format!("{BUDGET}:7"), words);
    }
}

#[test]
fn an_unsafe_alias_names_its_problem() {
    let f = moved_site();
    f.build_ok();
    f.write(BUDGET, &budget_with("aliases:\n  - ../../etc"));
    assert_refused(&f, &format!("{BUDGET}:6"), "not a plain path");
    f.write(BUDGET, &budget_with("aliases: 'a\\b'"));
    assert_refused(&f, &format!("{BUDGET}:5"), "backslash");
    f.write(BUDGET, &budget_with("aliases: [https://example.org/x]"));
    assert_refused(&f, &format!("{BUDGET}:5"), "web address");
}

#[test]
fn an_alias_of_a_live_page_is_refused() {
    let f = moved_site();
    f.write(
        "content/2024-03-05/b2-reserves.md",
        &paper("title: Reserves\ndate: 2024-02-26\nitem: B2", "1. Text."),
    );
    f.build_ok();
    f.write(
        BUDGET,
        &budget_with("aliases:\n  - 2024/budget\n  - papers/2024-03-05/b2-reserves/"),
    );
    assert_refused(
        &f,
        &format!("{BUDGET}:7"),
        "the address of the published paper `2024-03-05/b2-reserves`",
    );
    f.write(BUDGET, &budget_with("aliases: [2024-03-05/b1-budget]"));
    assert_refused(&f, &format!("{BUDGET}:5"), "own address");
    f.write(
        "content/2024-06-11/_meeting.md",
        &meeting("date: 2024-06-11\naliases:\n  - meetings/2024-03-05"),
    );
    f.write(BUDGET, &budget_with(""));
    assert_refused(
        &f,
        "content/2024-06-11/_meeting.md:4",
        "the address of the published meeting `2024-03-05`",
    );
}

#[test]
fn an_alias_on_two_files_is_refused() {
    let f = moved_site();
    f.build_ok();
    f.write(
        "content/2024-03-05/b2-reserves.md",
        &paper(
            "title: Reserves\ndate: 2024-02-26\nitem: B2\naliases: [/papers/2024/budget/]",
            "1. Text.",
        ),
    );
    assert_refused(
        &f,
        "content/2024-03-05/b2-reserves.md:5",
        "already given at content/2024-03-05/b1-budget.md:6",
    );
}

#[test]
fn an_alias_of_a_draft_is_refused_in_every_build() {
    let f = moved_site();
    f.write(
        "content/2024-03-05/b3-draft.md",
        &paper(
            "title: Draft plan\ndate: 2024-02-26\nitem: B3\ndraft: true",
            "1. Text.",
        ),
    );
    f.build_ok();
    f.write(BUDGET, &budget_with("aliases: [2024-03-05/b3-draft]"));
    assert_refused(&f, &format!("{BUDGET}:5"), "not published yet");
}

#[test]
fn an_alias_inside_an_attachment_is_refused() {
    let f = moved_site();
    // A file name without an extension is published as it is, a folder's name.
    f.write_bytes("content/2024-03-05/annex", b"annex");
    f.write(
        "content/2024-03-05/b2-reserves.md",
        &paper(
            "title: Reserves\ndate: 2024-02-26\nitem: B2\nattachments: [annex]",
            "1. Text.",
        ),
    );
    f.build_ok();
    f.write(
        BUDGET,
        &budget_with("aliases: [2024-03-05/b2-reserves/annex/old]"),
    );
    assert_refused(&f, &format!("{BUDGET}:5"), "attachment");
}

#[test]
fn serve_serves_the_redirects_a_build_writes_and_drops_them_with_the_alias() {
    let f = moved_site();
    f.build_ok();
    let (mut session, report) = panelpress::serve::session::Session::new(f.root());
    assert!(report.errors.is_none(), "{report}");
    let old = "papers/2024/budget/index.html";
    let built = std::fs::read(f.output().join(old)).unwrap();
    assert_eq!(session.outputs().get(old).map(|b| b.to_vec()), Some(built));
    let budget = session.root().join(BUDGET);
    std::fs::write(&budget, budget_with("aliases: [2023/budget-draft]")).unwrap();
    let report = session.update(&[budget]).expect("a rebuild");
    assert!(report.errors.is_none(), "{report}");
    assert!(
        report.removed.iter().any(|r| r == old),
        "{:?}",
        report.removed
    );
    assert!(
        session
            .outputs()
            .contains_key("papers/2023/budget-draft/index.html")
    );
}

#[test]
fn a_draft_meetings_alias_redirects_only_in_a_preview() {
    let f = moved_site();
    f.write(
        "content/2024-06-11/_meeting.md",
        &meeting("date: 2024-06-11\ndraft: true\naliases: [june-meeting]"),
    );
    f.build_ok();
    assert!(!f.output().join("meetings/june-meeting/index.html").exists());
    common::build_drafts(&f);
    let (url, _, _) = redirect_targets(&f, "meetings/june-meeting/index.html");
    assert_eq!(url, "../../meetings/2024-06-11/index.html");
}

#[test]
fn a_fragment_is_carried_across_only_where_the_site_allows_script() {
    let f = moved_site();
    f.build_ok();
    let old = "papers/2024/budget/index.html";
    assert!(
        texts(&f.page(old), "script").is_empty(),
        "no script by default"
    );
    f.write(
        "site.toml",
        &format!("{}[markdown]\nunsafe_html = true\n", common::SITE_TOML),
    );
    f.build_ok();
    let (url, _, _) = redirect_targets(&f, old);
    let page = f.page(old);
    let script = texts(&page, "head script");
    assert_eq!(script.len(), 1);
    // The new address as a string literal, the fragment appended (checked in Chromium:
    // a refresh alone drops it).
    let literal = serde_json::Value::from(url.as_str()).to_string();
    let carried = format!("location.replace({literal} + location.hash)");
    assert!(script[0].contains(&carried), "{}", script[0]);
}
