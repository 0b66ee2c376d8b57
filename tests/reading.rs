//! Reading across meetings and on paper: meeting packs, body and year pages, series
//! pages, later updates on a paper, and the accessibility statement.

mod common;

use std::collections::BTreeSet;

use common::{Fixture, attrs, meeting, paper, resolve, sel, texts};

/// A meeting whose papers sit in files named out of item order, with the same headings,
/// numbered paragraphs and footnotes in two papers, and one exempt paper.
fn pack_fixture() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2024-02-06\ntime: \"10:00\"\nstatus: held\nagenda:\n  - item: \"1\"\n    title: Apologies"),
    );
    let body = "## Background\n\n1. First point.[^a]\n2. Second point, see [paragraph 1](#p1).\n\n## Background\n\nMore, and [the other report](../b1-first/index.html#p2).\n\n[^a]: A note.";
    f.write(
        "content/m/z-second.md",
        &paper(
            "title: Second report\ndate: 2024-01-20\nitem: B2\nrecommendations:\n  - That the Panel notes it.",
            body,
        ),
    );
    f.write(
        "content/m/b1-first.md",
        &paper(
            "title: First report\ndate: 2024-01-20\nitem: B1\nfrom: The Clerk\ndecisions:\n  - ref: T/1\n    text: Agreed.",
            body,
        ),
    );
    f.write(
        "content/m/a1-secret.md",
        &paper(
            "title: Contract award\ndate: 2024-01-20\nitem: A1\nfrom: SECRET-FROM-MARKER\nexempt: \"Paragraph 3: financial affairs\"\nrecommendations:\n  - SECRET-REC-MARKER",
            "SECRET-BODY-MARKER\n\n1. SECRET-PARA-MARKER",
        ),
    );
    f.build_ok();
    f
}

const PACK: &str = "meetings/m/pack/index.html";

#[test]
fn the_meeting_page_links_to_its_pack() {
    let f = pack_fixture();
    let meeting = f.page("meetings/m/index.html");
    let hrefs = attrs(&meeting, ".pack-link a", "href");
    assert_eq!(hrefs.len(), 1);
    let (target, _) = resolve(&f.output(), "meetings/m/index.html", &hrefs[0]);
    assert_eq!(target, f.output().join(PACK));
}

#[test]
fn a_pack_holds_the_agenda_then_every_paper_in_item_order() {
    let f = pack_fixture();
    let pack = f.page(PACK);
    assert_eq!(
        texts(&pack, ".pack-toc .toc-item .item-no"),
        ["1", "A1", "B1", "B2"]
    );
    assert_eq!(
        texts(&pack, ".pack-paper > h2"),
        ["Contract award", "First report", "Second report"]
    );
    // The agenda comes before the first paper.
    let html = pack.html();
    let agenda = html.find("id=\"agenda\"").unwrap();
    let first = html.find("class=\"pack-paper").unwrap();
    assert!(agenda < first);
    // The papers' own headings sit below their title, one level down.
    assert_eq!(
        texts(&pack, ".pack-paper .prose h3"),
        ["Background", "Background", "Background", "Background"]
    );
}

#[test]
fn ids_are_unique_across_the_whole_pack_and_in_paper_links_follow_them() {
    let f = pack_fixture();
    let pack = f.page(PACK);
    let ids = attrs(&pack, "[id]", "id");
    let unique: BTreeSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids in {ids:?}");
    // Each published paper's ids carry its prefix.
    for prefix in ["b1", "b2"] {
        let section = sel(&format!(".pack-paper:has(> h2#{prefix}) .prose [id]"));
        let inner: Vec<&str> = pack
            .select(&section)
            .filter_map(|e| e.value().attr("id"))
            .collect();
        assert!(inner.len() >= 5, "{prefix}: {inner:?}");
        assert!(inner.iter().all(|id| id.starts_with(&format!("{prefix}-"))));
        assert!(inner.contains(&format!("{prefix}-p1").as_str()));
    }
    // Every link within the page, the contents and in-paper links, finds its target.
    for href in attrs(&pack, "a[href^='#']", "href") {
        assert!(ids.contains(&href[1..].to_string()), "{href} has no target");
    }
    let in_paper = attrs(
        &pack,
        ".pack-paper:has(> h2#b2) .prose li a:not(.pnum)",
        "href",
    );
    assert!(in_paper.contains(&"#b2-p1".to_string()), "{in_paper:?}");
}

#[test]
fn the_contents_link_to_each_published_paper() {
    let f = pack_fixture();
    let pack = f.page(PACK);
    assert_eq!(
        attrs(&pack, ".pack-toc a", "href"),
        ["#b1", "#b2"],
        "the exempt paper and the item with no paper have no link"
    );
    assert_eq!(texts(&pack, ".pack-toc .tag-exempt").len(), 1);
}

#[test]
fn relative_links_in_a_paper_still_lead_to_the_same_place_from_the_pack() {
    let f = pack_fixture();
    let out = f.output();
    let paper_page = "papers/m/z-second/index.html";
    let on_page = attrs(&f.page(paper_page), ".prose p a[href*='b1-first']", "href");
    let in_pack = attrs(
        &f.page(PACK),
        ".pack-paper:has(> h2#b2) .prose p a[href*='b1-first']",
        "href",
    );
    assert_eq!((on_page.len(), in_pack.len()), (1, 1));
    let from_page = resolve(&out, paper_page, &on_page[0]);
    let from_pack = resolve(&out, PACK, &in_pack[0]);
    assert!(from_page.0.is_file());
    assert_eq!(from_page, from_pack);
    assert!(common::broken_links(&out).is_empty());
}

#[test]
fn an_exempt_paper_shows_only_its_title_and_reason_in_the_pack() {
    let f = pack_fixture();
    let pack = f.page(PACK);
    let section = sel(".pack-paper.is-exempt");
    let exempt: Vec<String> = pack
        .select(&section)
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(exempt.len(), 1);
    assert!(exempt[0].contains("Contract award"));
    assert!(exempt[0].contains("Paragraph 3: financial affairs"));
    assert!(!pack.html().contains("SECRET-"));
}

#[test]
fn a_meeting_without_an_agenda_has_no_pack() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-02-06"));
    f.build_ok();
    assert!(!f.output().join("meetings/m/pack").exists());
    assert!(attrs(&f.page("meetings/m/index.html"), ".pack-link a", "href").is_empty());
}

fn two_bodies() -> Fixture {
    let f = Fixture::new();
    for (id, date, body) in [
        ("p1", "2024-02-06", None),
        ("p2", "2024-07-16", None),
        ("p3", "2025-02-04", None),
        ("c1", "2024-03-18", Some("Complaints Sub-Committee")),
    ] {
        let body = body.map(|b| format!("\nbody: {b}")).unwrap_or_default();
        f.write(
            &format!("content/{id}/_meeting.md"),
            &meeting(&format!(
                "date: {date}{body}\nagenda:\n  - item: \"1\"\n    title: Business of {id}"
            )),
        );
    }
    f.build_ok();
    f
}

#[test]
fn a_body_page_lists_its_own_meetings_by_year() {
    let f = two_bodies();
    let page = f.page("bodies/testshire-panel/index.html");
    assert_eq!(texts(&page, "main h2"), ["2025", "2024"]);
    assert_eq!(
        attrs(&page, ".meeting-list time", "datetime"),
        ["2025-02-04", "2024-02-06", "2024-07-16"]
    );
    let other = f.page("bodies/complaints-sub-committee/index.html");
    assert_eq!(
        attrs(&other, ".meeting-list time", "datetime"),
        ["2024-03-18"]
    );
}

#[test]
fn a_year_page_lists_that_years_meetings_of_that_body_with_their_business() {
    let f = two_bodies();
    let page = f.page("bodies/testshire-panel/2024/index.html");
    assert_eq!(
        texts(&page, ".year-meeting .agenda-summary li"),
        ["1 Business of p1", "1 Business of p2"]
    );
    let next = attrs(&page, ".pager-next", "href");
    let (target, _) = resolve(
        &f.output(),
        "bodies/testshire-panel/2024/index.html",
        &next[0],
    );
    assert_eq!(
        target,
        f.output().join("bodies/testshire-panel/2025/index.html")
    );
    assert!(common::broken_links(&f.output()).is_empty());
}

#[test]
fn meetings_page_and_breadcrumbs_lead_to_body_and_year_pages() {
    let f = two_bodies();
    let out = f.output();
    let meetings = f.page("meetings/index.html");
    let targets: Vec<_> = attrs(&meetings, "main h3 a", "href")
        .iter()
        .map(|h| resolve(&out, "meetings/index.html", h).0)
        .collect();
    assert!(targets.contains(&out.join("bodies/testshire-panel/2024/index.html")));
    assert!(targets.contains(&out.join("bodies/complaints-sub-committee/2024/index.html")));
    let crumbs = attrs(&f.page("meetings/p2/index.html"), ".breadcrumbs a", "href");
    let crumbs: Vec<_> = crumbs
        .iter()
        .map(|h| resolve(&out, "meetings/p2/index.html", h).0)
        .collect();
    assert!(crumbs.contains(&out.join("bodies/testshire-panel/index.html")));
    assert!(crumbs.contains(&out.join("bodies/testshire-panel/2024/index.html")));
}

/// Three papers over three meetings, each following the one before; the minutes of each
/// meeting record its outcome. The middle one is exempt.
fn series_fixture() -> Fixture {
    let f = Fixture::new();
    let dates = ["2024-02-06", "2024-07-16", "2024-11-19", "2025-02-04"];
    for d in dates {
        f.write(
            &format!("content/{d}/_meeting.md"),
            &meeting(&format!("date: {d}")),
        );
    }
    let papers = [
        ("review", "Policing review", None, ""),
        (
            "update",
            "Policing update",
            Some("2024-02-06/review"),
            "\nexempt: \"Paragraph 1: an individual\"",
        ),
        (
            "final",
            "Policing final update",
            Some("2024-07-16/update"),
            "",
        ),
    ];
    for (i, (slug, title, follows, extra)) in papers.iter().enumerate() {
        let follows = follows
            .map(|p| format!("\nfollows: {p}"))
            .unwrap_or_default();
        f.write(
            &format!("content/{}/{slug}.md", dates[i]),
            &paper(
                &format!("title: {title}\ndate: {}\nitem: B1{follows}{extra}\nrecommendations:\n  - REC-{slug}", dates[i]),
                "1. Text.",
            ),
        );
        f.write(
            &format!("content/{}/minutes.md", dates[i + 1]),
            &paper(
                &format!("title: Minutes\ndate: {}\nitem: \"3\"\nminutes_of: \"{}\"\ndecisions:\n  - item: B1\n    text: OUTCOME-{slug}", dates[i + 1], dates[i]),
                "1. Minutes.",
            ),
        );
    }
    f.build_ok();
    f
}

const SERIES: &str = "series/policing-review/index.html";

#[test]
fn a_series_page_shows_the_thread_with_meetings_and_outcomes() {
    let f = series_fixture();
    let page = f.page(SERIES);
    assert_eq!(
        texts(&page, ".series-step > h2"),
        [
            "Policing review",
            "Policing update",
            "Policing final update"
        ]
    );
    assert_eq!(
        attrs(&page, ".series-step > p.muted time", "datetime"),
        ["2024-02-06", "2024-07-16", "2024-11-19"]
    );
    assert_eq!(
        texts(&page, ".series-step .decision-text"),
        ["OUTCOME-review", "OUTCOME-update", "OUTCOME-final"]
    );
    // The exempt paper: title and reason, no link to its page, no recommendations.
    assert_eq!(texts(&page, ".series-step .notice-exempt").len(), 1);
    assert_eq!(attrs(&page, ".series-step > h2 a", "href").len(), 2);
    assert!(!page.html().contains("REC-update"));
    assert!(page.html().contains("REC-final"));
}

#[test]
fn every_paper_in_a_series_links_to_its_page() {
    let f = series_fixture();
    let out = f.output();
    for p in ["2024-02-06/review", "2024-07-16/update", "2024-11-19/final"] {
        let rel = format!("papers/{p}/index.html");
        let hrefs = attrs(&f.page(&rel), ".series a[href*='series/']", "href");
        assert_eq!(hrefs.len(), 1, "{p}");
        assert_eq!(resolve(&out, &rel, &hrefs[0]).0, out.join(SERIES));
    }
}

#[test]
fn a_paper_shows_the_later_paper_that_updates_it_and_its_outcome() {
    let f = series_fixture();
    let out = f.output();
    let rel = "papers/2024-07-16/update/index.html";
    let page = f.page(rel);
    let notice = texts(&page, "#later-update");
    assert!(
        notice.len() == 1 && notice[0].starts_with("Updated:"),
        "{notice:?}"
    );
    let links = attrs(&page, ".notice-update p a", "href");
    let targets: Vec<_> = links.iter().map(|h| resolve(&out, rel, h).0).collect();
    assert!(targets.contains(&out.join("papers/2024-11-19/final/index.html")));
    assert!(
        texts(&page, ".notice-update")
            .join(" ")
            .contains("OUTCOME-final")
    );
    // The last paper has no later update.
    let last = f.page("papers/2024-11-19/final/index.html");
    assert!(texts(&last, "#later-update").is_empty());
    // An exempt update is named, but not linked.
    let first = f.page("papers/2024-02-06/review/index.html");
    let text = texts(&first, ".notice-update").join(" ");
    assert!(text.contains("Policing update") && text.contains("Paragraph 1: an individual"));
    assert!(attrs(&first, ".notice-update a[href*='update/']", "href").is_empty());
}

#[test]
fn the_accessibility_statement_is_linked_from_every_page() {
    let f = series_fixture();
    let out = f.output();
    let statement = out.join("accessibility/index.html");
    let mut pages = 0;
    for rel in common::snapshot(&out)
        .keys()
        .filter(|r| r.ends_with(".html"))
    {
        let hrefs = attrs(&f.page(rel), ".site-footer a", "href");
        let found = hrefs.iter().any(|h| resolve(&out, rel, h).0 == statement);
        assert!(found, "{rel} has no link to the accessibility statement");
        pages += 1;
    }
    assert!(pages > 10);
}

#[test]
fn the_statement_names_the_contact_from_site_toml_or_a_general_one() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-02-06"));
    f.build_ok();
    let page = f.page("accessibility/index.html");
    assert_eq!(texts(&page, "h1"), ["Accessibility statement"]);
    assert!(texts(&page, "#report + p")[0].contains("clerk to the Testshire Panel"));
    assert!(
        texts(&page, "main")
            .join(" ")
            .contains("WCAG) version 2.2 at level AA")
    );

    f.write(
        "site.toml",
        &format!(
            "{}[accessibility]\ncontact = \"access@example.org\"\n",
            common::SITE_TOML
        ),
    );
    f.build_ok();
    let page = f.page("accessibility/index.html");
    assert_eq!(
        attrs(&page, "#report + p a", "href"),
        ["mailto:access@example.org"]
    );
}

#[test]
fn a_misspelt_accessibility_setting_is_an_error_naming_it() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-02-06"));
    f.write(
        "site.toml",
        &format!("{}[accessibility]\ncontatc = \"x\"\n", common::SITE_TOML),
    );
    let err = f.build().unwrap_err().to_string();
    assert!(
        err.contains("site.toml") && err.contains("contatc"),
        "{err}"
    );
}

#[test]
fn the_sample_has_a_pack_per_meeting_with_an_agenda_and_no_id_twice_on_any_page() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    panelpress::build(&common::project_root(), Some(&out)).unwrap_or_else(|e| panic!("{e}"));
    let files = common::snapshot(&out);
    let packs: Vec<&String> = files
        .keys()
        .filter(|r| r.ends_with("/pack/index.html"))
        .collect();
    assert!(packs.len() >= 5, "{packs:?}");
    for rel in files.keys().filter(|r| r.ends_with(".html")) {
        let ids = attrs(&common::page(&out, rel), "[id]", "id");
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len(), "{rel} repeats an id");
    }
    let pack = common::page(&out, "meetings/2024-02-06/pack/index.html");
    assert!(texts(&pack, ".pack-paper > h2").len() >= 3);
    assert!(files.contains_key("series/neighbourhood-policing-review/index.html"));
    let statement = common::page(&out, "accessibility/index.html");
    assert_eq!(
        attrs(&statement, "#report + p a", "href"),
        ["mailto:committees@northshire.example"]
    );
}

#[test]
fn the_series_index_lists_each_series_once_and_links_to_it() {
    let f = series_fixture();
    let out = f.output();
    let rel = "series/index.html";
    let index = f.page(rel);
    let hrefs = attrs(&index, ".paper-list > li > a", "href");
    assert_eq!(hrefs.len(), 1);
    assert_eq!(resolve(&out, rel, &hrefs[0]).0, out.join(SERIES));
    assert!(texts(&index, ".paper-list .muted")[0].starts_with("3 papers"));
    let crumbs = attrs(&f.page(SERIES), ".breadcrumbs a", "href");
    assert!(
        crumbs
            .iter()
            .any(|h| resolve(&out, SERIES, h).0 == out.join(rel))
    );
}

/// A report with recommendations, taken up again at the next meeting, whose minutes
/// record two decisions on it.
fn updated_report() -> Fixture {
    let f = Fixture::new();
    for d in ["2024-02-06", "2024-07-16"] {
        f.write(
            &format!("content/{d}/_meeting.md"),
            &meeting(&format!("date: {d}")),
        );
    }
    f.write(
        "content/2024-02-06/b1-review.md",
        &paper(
            "title: Review\ndate: 2024-01-26\nitem: B1\nrecommendations:\n  - That the Panel notes the review.",
            "## Introduction\n\n1. FIRST-PARAGRAPH of the review.",
        ),
    );
    f.write(
        "content/2024-07-16/b1-update.md",
        &paper(
            "title: Review update\ndate: 2024-07-01\nitem: B1\nfollows: 2024-02-06/b1-review",
            "1. Update.",
        ),
    );
    f.write(
        "content/2024-07-16/03-minutes.md",
        &paper(
            "title: Minutes of 6 February\ndate: 2024-07-16\nitem: \"3\"\nminutes_of: \"2024-02-06\"\ndecisions:\n  - item: B1\n    ref: T/24/1\n    text: The Panel noted the review.\n  - item: B1\n    text: The Panel asked for an update.",
            "1. Minutes.",
        ),
    );
    f.build_ok();
    f
}

#[test]
fn a_paper_leads_with_a_slim_update_line_its_recommendations_and_one_outcome_panel() {
    let f = updated_report();
    let page = f.page("papers/2024-02-06/b1-review/index.html");
    // The later paper is one line with a link, not a panel with its own heading.
    let notice = texts(&page, "#later-update");
    assert_eq!(notice.len(), 1);
    assert!(notice[0].starts_with("Updated:") && notice[0].contains("Review update"));
    assert!(texts(&page, "#later-update h2, #later-update h3").is_empty());
    // One outcome panel, its decisions a list inside it, not boxes within the box.
    assert_eq!(page.select(&sel("section.outcome")).count(), 1);
    assert_eq!(
        texts(&page, ".outcome .outcome-decision .decision-text"),
        [
            "The Panel noted the review.",
            "The Panel asked for an update."
        ]
    );
    assert_eq!(page.select(&sel(".outcome .decision")).count(), 0);
    assert_eq!(texts(&page, ".outcome .ref"), ["T/24/1"]);
    // Before the text: the update line, then the recommendations, then the outcome.
    let order: Vec<String> = page
        .select(&sel(
            "#later-update, section.recommendations, section.outcome, .prose",
        ))
        .map(|e| {
            let v = e.value();
            v.id()
                .map(str::to_string)
                .or_else(|| v.classes().next().map(str::to_string))
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        order,
        ["later-update", "recommendations", "outcome", "prose"]
    );
    assert_eq!(
        texts(&page, ".recommendations li"),
        ["That the Panel notes the review."]
    );
    assert!(texts(&page, ".prose").join(" ").contains("FIRST-PARAGRAPH"));
}

/// Decisions of two committees over two years: the Panel in 2024 (two, one without a
/// reference) and 2025 (one), its Sub-Committee in 2025 (one).
fn register_fixture() -> Fixture {
    let f = Fixture::new();
    let meetings = [
        ("2024-02-06", "", "A/24/1", "PANEL-2024-A"),
        ("2024-07-16", "", "", "PANEL-2024-B"),
        ("2025-02-04", "", "A/25/1", "PANEL-2025"),
        (
            "2025-03-18",
            "\nbody: Testshire Sub-Committee",
            "S/25/1",
            "SUB-2025",
        ),
    ];
    for (date, body, reference, text) in meetings {
        f.write(
            &format!("content/{date}/_meeting.md"),
            &meeting(&format!("date: {date}{body}")),
        );
        let reference = if reference.is_empty() {
            String::new()
        } else {
            format!("\n    ref: {reference}")
        };
        f.write(
            &format!("content/{date}/b1-report.md"),
            &paper(
                &format!("title: Report of {date}\ndate: {date}\nitem: B1\nkind: decision\ndecisions:\n  - item: B1{reference}\n    text: {text}"),
                "1. Text.",
            ),
        );
    }
    f.build_ok();
    f
}

/// The filter links of a register page by label ("All years (4)"), each with the page
/// it leads to and whether it is the current one.
fn filter_links(f: &Fixture, rel: &str, which: &str) -> Vec<(String, std::path::PathBuf, bool)> {
    let page = f.page(rel);
    let css = format!(".register-filter ul[aria-labelledby={which}] a");
    page.select(&sel(&css))
        .map(|a| {
            let label = a
                .text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            let href = a.value().attr("href").unwrap_or_default();
            let current = a.value().attr("aria-current") == Some("page");
            (label, resolve(&f.output(), rel, href).0, current)
        })
        .collect()
}

#[test]
fn the_register_counts_its_decisions_and_has_a_static_page_per_committee_and_year() {
    let f = register_fixture();
    let out = f.output();
    let all = f.page("decisions/index.html");
    assert!(texts(&all, "#register-count")[0].starts_with("4 decisions"));
    assert_eq!(all.select(&sel(".decisions-table tbody tr")).count(), 4);

    let panel = "decisions/committees/testshire-panel/index.html";
    let years = filter_links(&f, "decisions/index.html", "filter-year");
    assert_eq!(
        years,
        [
            (
                "All years (4)".to_string(),
                out.join("decisions/index.html"),
                true
            ),
            (
                "2025 (2)".to_string(),
                out.join("decisions/years/2025/index.html"),
                false
            ),
            (
                "2024 (2)".to_string(),
                out.join("decisions/years/2024/index.html"),
                false
            ),
        ]
    );
    let committees = filter_links(&f, "decisions/index.html", "filter-committee");
    assert_eq!(
        committees.iter().map(|c| c.0.as_str()).collect::<Vec<_>>(),
        [
            "All committees (4)",
            "Testshire Panel (3)",
            "Testshire Sub-Committee (1)"
        ]
    );
    assert_eq!(committees[1].1, out.join(panel));

    // A committee's page keeps the committee when choosing a year, and offers only the
    // years it has decisions in.
    let years = filter_links(&f, panel, "filter-year");
    assert_eq!(
        years
            .iter()
            .map(|y| (y.0.as_str(), y.2))
            .collect::<Vec<_>>(),
        [
            ("All years (3)", true),
            ("2025 (1)", false),
            ("2024 (2)", false)
        ]
    );
    let panel_2024 = "decisions/committees/testshire-panel/2024/index.html";
    assert_eq!(years[2].1, out.join(panel_2024));
    let page = f.page(panel_2024);
    assert!(texts(&page, "#register-count")[0].starts_with("2 decisions"));
    assert_eq!(
        texts(&page, ".decisions-table tbody td[data-label=Decision]"),
        ["PANEL-2024-B", "PANEL-2024-A"]
    );
    assert_eq!(
        texts(&page, "h1"),
        ["Decisions register: Testshire Panel, 2024"]
    );
    // The Sub-Committee met in 2025 only: from its page, 2024 is not offered.
    let sub = filter_links(
        &f,
        "decisions/committees/testshire-sub-committee/index.html",
        "filter-year",
    );
    assert_eq!(
        sub.iter().map(|y| y.0.as_str()).collect::<Vec<_>>(),
        ["All years (1)", "2025 (1)"]
    );
    // Every filter link leads to a page that exists.
    for rel in [panel, panel_2024, "decisions/years/2025/index.html"] {
        for (label, target, _) in filter_links(&f, rel, "filter-year")
            .into_iter()
            .chain(filter_links(&f, rel, "filter-committee"))
        {
            assert!(
                target.is_file(),
                "{rel}: {label} leads to {}",
                target.display()
            );
        }
    }
}

#[test]
fn a_register_row_without_a_reference_says_so_quietly_and_refs_stay_whole() {
    let f = register_fixture();
    let page = f.page("decisions/years/2024/index.html");
    let refs = texts(&page, ".decisions-table tbody td[data-label=Ref]");
    // Newest first: the July decision has no reference.
    assert_eq!(refs, ["– No reference", "A/24/1"]);
    assert_eq!(texts(&page, "td.no-ref [aria-hidden=true]"), ["–"]);
    assert_eq!(texts(&page, "td.no-ref .visually-hidden"), ["No reference"]);
    assert_eq!(texts(&page, "td.ref"), ["A/24/1"]);
    assert!(
        !texts(&page, "main").join(" ").contains("No ref "),
        "no 'No ref' noise"
    );
    let css = std::fs::read_to_string(f.output().join("style.css")).unwrap();
    let rule = &css[css.find(".decisions-table .ref {").expect("ref rule")..];
    let rule = &rule[..rule.find('}').unwrap()];
    assert!(rule.contains("white-space: nowrap"), "{rule}");
    // The record link is short: its kind, not the paper's whole title again.
    assert_eq!(
        texts(&page, ".decisions-table td[data-label='Recorded in'] a"),
        ["Record of decision", "Record of decision"]
    );
}

/// A held meeting and a scheduled one, both with time and venue, and `[participation]`.
fn home_fixture(participation: &str) -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/2025-03-04/_meeting.md",
        &meeting("date: 2025-03-04\ntime: \"14:00\"\nvenue: Committee Room 2\nstatus: held"),
    );
    f.write(
        "content/2025-06-10/_meeting.md",
        &meeting("date: 2025-06-10\ntime: \"10:30\"\nvenue: Council Chamber, Town Hall\nstatus: scheduled"),
    );
    f.write(
        "site.toml",
        &format!("{}{participation}", common::SITE_TOML),
    );
    f
}

const PARTICIPATION: &str = "[participation]\nattend = \"ATTEND-TEXT\"\nquestions = \"QUESTIONS-TEXT\"\nclerk = \"Ada Clerk\"\nemail = \"clerk@testshire.example\"\nphone = \"+44 1632 960000\"\n";

#[test]
fn the_home_page_leads_with_the_next_meeting_its_time_and_venue_and_how_to_take_part() {
    let f = home_fixture(PARTICIPATION);
    f.build_ok();
    let home = f.page("index.html");
    // The heading says what the page holds; the header already names the site.
    let h1 = texts(&home, "h1");
    assert_eq!(h1.len(), 1);
    assert_ne!(h1[0], texts(&home, ".site-title")[0]);
    assert_ne!(h1[0], "Testshire Panel");
    // The next meeting comes first in the main body, with its time and venue.
    let sections: Vec<String> = home
        .select(&sel("main > section"))
        .filter_map(|s| s.value().attr("class").map(str::to_string))
        .collect();
    assert_eq!(
        sections[..3],
        ["next-meetings", "take-part", "latest-meetings"]
    );
    assert_eq!(
        texts(&home, ".next-meeting .when-where"),
        ["At 10:30, Council Chamber, Town Hall"]
    );
    assert!(texts(&home, ".next-meeting .next-title")[0].contains("10 June 2025"));
    let calendar = attrs(&home, ".next-meeting a[type='text/calendar']", "href");
    assert_eq!(calendar.len(), 1);
    assert!(resolve(&f.output(), "index.html", &calendar[0]).0.is_file());
    // The latest meeting shows its time and venue too.
    assert_eq!(
        texts(&home, ".latest-meetings .card .when-where"),
        ["At 14:00, Committee Room 2"]
    );
    // How to take part, from site.toml, with working contact links.
    assert_eq!(texts(&home, "#attend p"), ["ATTEND-TEXT"]);
    assert_eq!(texts(&home, "#questions p"), ["QUESTIONS-TEXT"]);
    assert_eq!(
        attrs(&home, "#contact a", "href"),
        ["mailto:clerk@testshire.example", "tel:+441632960000"]
    );
    assert!(texts(&home, "#contact").join(" ").contains("Ada Clerk"));
}

#[test]
fn without_participation_settings_the_home_page_has_no_empty_take_part_panel() {
    let f = home_fixture("");
    f.build_ok();
    let home = f.page("index.html");
    assert!(home.select(&sel(".take-part")).next().is_none());
    assert_eq!(home.select(&sel(".next-meeting")).count(), 1);
    // Only what is set is shown.
    let f = home_fixture("[participation]\nemail = \"clerk@testshire.example\"\n");
    f.build_ok();
    let home = f.page("index.html");
    assert_eq!(texts(&home, ".take-part h3"), ["Contact the clerk"]);
}

#[test]
fn a_participation_email_that_is_not_an_address_is_an_error_naming_the_line() {
    let f = home_fixture("[participation]\nclerk = \"Ada\"\nemail = \"write to the clerk\"\n");
    let err = f.build().unwrap_err().to_string();
    assert!(
        err.contains("site.toml:5") && err.contains("participation.email") && err.contains("help"),
        "{err}"
    );
    assert!(!f.output().exists(), "nothing is written");
    let f = home_fixture("[participation]\nemial = \"a@b.example\"\n");
    let err = f.build().unwrap_err().to_string();
    assert!(err.contains("emial"), "{err}");
}

#[test]
fn a_pack_has_a_print_button_that_its_script_shows() {
    let f = pack_fixture();
    let out = f.output();
    let rel = "meetings/m/pack/index.html";
    let pack = f.page(rel);
    // In the page but hidden: only the script, which can print, shows it.
    let button = pack
        .select(&sel("button#print-pack"))
        .next()
        .expect("a Print button");
    assert_eq!(button.value().attr("type"), Some("button"));
    assert!(button.value().attr("hidden").is_some());
    assert_eq!(texts(&pack, "button#print-pack"), ["Print this pack"]);
    let scripts = attrs(&pack, "script[src]", "src");
    let script = scripts
        .iter()
        .map(|s| resolve(&out, rel, s).0)
        .find(|p| p.ends_with("print.js"))
        .expect("the pack loads print.js");
    let js = std::fs::read_to_string(script).unwrap();
    assert!(js.contains("window.print()") && js.contains("print-pack"));
    // Only the pack has it.
    let meeting_page = f.page("meetings/m/index.html");
    assert!(meeting_page.select(&sel("#print-pack")).next().is_none());
}

/// Papers as they come from Word or PDF: a bare `[text](#)` ("this document"), links to
/// their own paragraphs and headings, a link into another paper of the same meeting, and
/// footnotes.
fn converted_papers() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2024-03-05\nstatus: held"),
    );
    f.write(
        "content/m/b1-budget.md",
        &paper(
            "title: Budget monitoring\ndate: 2024-02-20\nitem: B1",
            "As set out in [this report](#), the forecast is on budget.[^src]\n\n## Capital\n\n1. Spend is [below plan](#capital).\n2. See [paragraph 1](#p1) and the [estates paper](b2-estates.md#p2).\n\n[^src]: Finance system, month 9.",
        ),
    );
    f.write(
        "content/m/b2-estates.md",
        &paper(
            "title: Estates strategy\ndate: 2024-02-20\nitem: B2",
            "Return to the [top](#).\n\n1. The strategy.[^a]\n2. Disposals, as the [budget paper](@/m/b1-budget#capital) says.\n\n[^a]: Approved in 2023; questions to <clerk@example.org>.",
        ),
    );
    f.build_ok();
    f
}

#[test]
fn every_internal_link_of_converted_papers_resolves_on_their_pages_and_in_the_pack() {
    let f = converted_papers();
    let out = f.output();
    let pages = [
        "papers/m/b1-budget/index.html",
        "papers/m/b2-estates/index.html",
        PACK,
    ];
    assert_eq!(common::broken_links_in(&out, &pages), Vec::<String>::new());
    // Every kind of link is there to be checked: in-text fragments, footnotes both
    // ways, and the links to the other paper.
    let pack = f.page(PACK);
    let in_b1 = attrs(&pack, ".pack-paper:has(> h2#b1) .prose a", "href");
    for want in [
        "#b1",
        "#b1-capital",
        "#b1-p1",
        "#b1-fn-src",
        "#b1-fnref-src",
    ] {
        assert!(in_b1.contains(&want.to_string()), "{want} not in {in_b1:?}");
    }
    assert!(
        in_b1
            .iter()
            .any(|h| h.ends_with("b2-estates/index.html#p2")),
        "{in_b1:?}"
    );
}

#[test]
fn a_bare_hash_leads_to_the_paper_itself_in_the_pack_and_stays_on_its_page() {
    let f = converted_papers();
    let pack = f.page(PACK);
    let this = sel(".pack-paper:has(> h2#b1) .prose a");
    let bare: Vec<&str> = pack
        .select(&this)
        .filter(|a| a.text().collect::<String>() == "this report")
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(bare, ["#b1"], "the paper's own section of the pack");
    // The section holds the paper's title and text, so the link lands on it.
    assert_eq!(texts(&pack, "#b1"), ["Budget monitoring"]);
    let top = attrs(
        &pack,
        ".pack-paper:has(> h2#b2) .prose p:first-child a",
        "href",
    );
    assert_eq!(top, ["#b2"]);
    let page = f.page("papers/m/b1-budget/index.html");
    let on_page: Vec<&str> = page
        .select(&sel(".prose a"))
        .filter(|a| a.text().collect::<String>() == "this report")
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        on_page,
        ["#"],
        "on its own page the link is the top of the page"
    );
}

#[test]
fn an_email_address_is_the_same_in_the_pack_as_on_its_page() {
    let f = converted_papers();
    let mail = |page: &scraper::Html| attrs(page, ".prose a[href^='mailto:']", "href");
    let on_page = mail(&f.page("papers/m/b2-estates/index.html"));
    assert_eq!(on_page, ["mailto:clerk@example.org"]);
    // Converted papers often give a contact; in the pack it must not be rebased as if
    // it were an address relative to the paper's page.
    assert_eq!(mail(&f.page(PACK)), on_page);
}

#[test]
fn a_link_to_an_anchor_the_paper_lacks_is_an_error_at_its_line() {
    let f = converted_papers();
    f.write(
        "content/m/b2-estates.md",
        &paper(
            "title: Estates strategy\ndate: 2024-02-20\nitem: B2",
            "Return to the [top](#).\n\nSee [the annex](#annex-a).\n\n1. One.\n2. Two.",
        ),
    );
    let errors = f
        .build()
        .expect_err("a link to no anchor fails the build")
        .0;
    let missing: Vec<_> = errors
        .iter()
        .filter(|d| d.code == panelpress::Code::LinkUnknownAnchor)
        .collect();
    assert_eq!(missing.len(), 1, "{errors:?}");
    let d = missing[0];
    assert!(d.message.contains("`#annex-a`"), "{}", d.message);
    assert_eq!(
        d.location.file,
        std::path::Path::new("content/m/b2-estates.md")
    );
    // The front matter takes lines 1 to 5; the link is on the text's third line.
    // (The other paper's link to `#p2` still finds its paragraph.)
    assert_eq!((d.location.line, d.location.column), (Some(8), Some(5)));
    // The bare `#` beside it is no error: it is the paper itself.
    assert!(
        errors.iter().all(|d| !d.message.contains("`#`")),
        "{errors:?}"
    );
    // The output of the last good build is untouched.
    assert!(f.output().join(PACK).is_file());
}
