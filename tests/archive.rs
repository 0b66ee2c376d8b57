//! What the archive shows, checked on small fixture sites written for each behaviour.

mod common;

use common::{Fixture, attrs, meeting, paper, sel, texts};

fn two_meetings() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting("date: 2024-02-06\nstatus: held\nagenda:\n  - item: \"1\"\n    title: Apologies\n    section: Formal business\n  - item: \"2\"\n    title: Election of Chair\n    section: Formal business"),
    );
    f.write(
        "content/2024-02-06/b1-policing.md",
        &paper("title: Neighbourhood policing\ndate: 2024-01-26\nitem: B1\nsection: B - Reports\nrecommendations:\n  - That the Panel notes the report.", "1. First paragraph.\n2. Second."),
    );
    f.write(
        "content/2024-07-16/_meeting.md",
        &meeting("date: 2024-07-16\nstatus: held"),
    );
    f.write(
        "content/2024-07-16/06-minutes.md",
        &paper(
            "title: Minutes of 6 February\ndate: 2024-07-08\nitem: \"6\"\nkind: minutes\nminutes_of: \"2024-02-06\"\ndecisions:\n  - ref: TP/24/01\n    item: B1\n    text: The Panel noted the policing report.\n  - item: \"2\"\n    text: Cllr Ada Byron was elected Chair.",
            "## 1. Minutes (Item B1)\n\n1. The Panel discussed policing.",
        ),
    );
    f
}

#[test]
fn agenda_orders_numbers_then_letters_under_their_sections() {
    let f = Fixture::new();
    f.write(
        "content/m/_meeting.md",
        &meeting("date: 2024-03-05\nagenda:\n  - item: B10\n    title: Ten\n    section: B - Reports\n  - item: \"6\"\n    title: Six\n    section: Formal\n  - item: \"1\"\n    title: One\n    section: Formal\n  - item: \"2\"\n    title: Two\n    section: Formal"),
    );
    for (item, section) in [
        ("C1", "C - Decisions"),
        ("B2", "B - Reports"),
        ("A1", "A - Proposals"),
        ("B1", "B - Reports"),
    ] {
        let file = format!("content/m/{}.md", item.to_lowercase());
        f.write(
            &file,
            &paper(
                &format!("title: Paper {item}\ndate: 2024-02-20\nitem: {item}\nsection: {section}"),
                "Text.",
            ),
        );
    }
    f.build_ok();
    let html = f.page("meetings/m/index.html");
    assert_eq!(
        texts(&html, ".agenda-item .item-no"),
        ["1", "2", "6", "A1", "B1", "B2", "B10", "C1"]
    );
    assert_eq!(
        texts(&html, ".agenda-section"),
        ["Formal", "A - Proposals", "B - Reports", "C - Decisions"]
    );
    let paper_links = attrs(&html, ".agenda-item a.item-title", "href");
    assert_eq!(paper_links.len(), 4, "each paper is linked from its item");
    assert!(
        paper_links[0].ends_with("papers/m/a1/index.html"),
        "{paper_links:?}"
    );
}

#[test]
fn minutes_give_outcomes_to_the_papers_and_items_of_the_meeting_they_record() {
    let f = two_meetings();
    f.build_ok();
    let report = f.page("papers/2024-02-06/b1-policing/index.html");
    assert_eq!(
        texts(
            &report,
            "#outcome + p + .decision .decision-text, .outcome .decision-text"
        ),
        ["The Panel noted the policing report."]
    );
    let source = attrs(&report, ".outcome .decision-source a", "href");
    assert_eq!(
        source,
        ["../../../papers/2024-07-16/06-minutes/index.html#decision-tp-24-01"]
    );

    let meeting = f.page("meetings/2024-02-06/index.html");
    let chair = texts(&meeting, "#item-2 .decision-text");
    assert_eq!(
        chair,
        ["Cllr Ada Byron was elected Chair."],
        "an item with no paper still shows its decision"
    );
    let minutes = attrs(&meeting, ".minutes-link a", "href");
    assert!(
        minutes[0].ends_with("papers/2024-07-16/06-minutes/index.html"),
        "{minutes:?}"
    );

    let minutes_page = f.page("papers/2024-07-16/06-minutes/index.html");
    assert_eq!(
        attrs(&minutes_page, "#decision-tp-24-01", "class"),
        ["decision"]
    );
    let decides = attrs(
        &minutes_page,
        "#decision-tp-24-01 .decision-source a",
        "href",
    );
    assert!(
        decides[0].ends_with("papers/2024-02-06/b1-policing/index.html"),
        "{decides:?}"
    );
}

#[test]
fn decisions_register_lists_every_decision_with_its_links() {
    let f = two_meetings();
    f.build_ok();
    let html = f.page("decisions/index.html");
    let rows = html.select(&sel("tbody tr")).count();
    assert_eq!(rows, 2);
    // Newest first; decisions of one paper on one date keep the paper's order.
    let first = texts(&html, "tbody tr:first-child td");
    assert_eq!(
        first[..4],
        [
            "TP/24/01",
            "8 July 2024",
            "Testshire Panel",
            "The Panel noted the policing report."
        ],
        "decision-maker defaults to the body"
    );
    let second = texts(&html, "tbody tr:nth-child(2) td");
    assert_eq!(second[3], "Cllr Ada Byron was elected Chair.");
    let all = texts(&html, "tbody td");
    assert!(all.contains(&"TP/24/01".to_string()));
    let hrefs = attrs(&html, "tbody a", "href");
    assert!(
        hrefs
            .iter()
            .any(|h| h == "../papers/2024-07-16/06-minutes/index.html#decision-tp-24-01"),
        "{hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .any(|h| h == "../papers/2024-02-06/b1-policing/index.html"),
        "{hrefs:?}"
    );
    assert!(
        hrefs
            .iter()
            .any(|h| h == "../meetings/2024-02-06/index.html#item-2"),
        "{hrefs:?}"
    );
}

#[test]
fn series_are_linked_both_ways() {
    let f = Fixture::new();
    for (n, date, follows) in [
        (1, "2024-01-10", None),
        (2, "2024-05-10", Some("m1/report")),
        (3, "2024-09-10", Some("m2/report")),
    ] {
        f.write(
            &format!("content/m{n}/_meeting.md"),
            &meeting(&format!("date: {date}")),
        );
        let follows = follows
            .map(|p| format!("\nfollows: {p}"))
            .unwrap_or_default();
        f.write(
            &format!("content/m{n}/report.md"),
            &paper(
                &format!("title: Review part {n}\ndate: {date}\nitem: B1{follows}"),
                "Text.",
            ),
        );
    }
    f.build_ok();
    let middle = f.page("papers/m2/report/index.html");
    assert_eq!(
        texts(&middle, ".series-list li a"),
        ["Review part 1", "Review part 3"]
    );
    assert_eq!(
        texts(&middle, ".series-list li.current [aria-current]"),
        ["Review part 2"]
    );
    let first = f.page("papers/m1/report/index.html");
    assert_eq!(
        texts(&first, ".series-list li a"),
        ["Review part 2", "Review part 3"]
    );
    let updated_by = attrs(&first, "#series ~ p a", "href");
    assert_eq!(updated_by, ["../../../papers/m2/report/index.html"]);
    let last = f.page("papers/m3/report/index.html");
    assert_eq!(
        attrs(&last, "#series + p a", "href"),
        ["../../../papers/m2/report/index.html"]
    );
}

#[test]
fn numbered_paragraphs_carry_stable_unique_anchors() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    let body = "## Introduction\n\n1. One.\n2. Two.\n   - a sub-point\n\n## Background\n\n3. Three.\n4. Four.\n\n## Background\n\n1. Restarted one.\n2. Restarted two.\n\n## Recommendations\n\nText.";
    f.write(
        "content/m/report.md",
        &paper(
            "title: Report\ndate: 2024-03-01\nrecommendations: [Note it]",
            body,
        ),
    );
    f.build_ok();
    let html = f.page("papers/m/report/index.html");
    let ids = attrs(&html, "ol.paras > li", "id");
    assert_eq!(
        ids,
        ["p1", "p2", "p3", "p4", "background-2-p1", "background-2-p2"],
        "a restarted run is qualified throughout"
    );
    assert_eq!(
        texts(&html, "ol.paras > li > a.pnum"),
        ["1.", "2.", "3.", "4.", "1.", "2."]
    );
    assert_eq!(attrs(&html, "#p3 > a.pnum", "href"), ["#p3"]);
    let headings = attrs(&html, ".prose h2", "id");
    assert_eq!(
        headings,
        [
            "introduction",
            "background",
            "background-2",
            "recommendations-2"
        ]
    );
    let all_ids = attrs(&html, "[id]", "id");
    let mut unique = all_ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all_ids.len(), "ids repeat: {all_ids:?}");
}

#[test]
fn markdown_features_and_highlighted_data_extracts() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    let body = "Figures[^src] were ~~6.4%~~ 6.1%.\n\n| District | Crimes |\n|---|---:|\n| Northby | 120 |\n\n```csv\ndistrict,total\nNorthby,120\n```\n\n```json\n{\"total\": 120}\n```\n\n[^src]: Force data, June 2024.";
    f.write(
        "content/m/data.md",
        &paper("title: Data\ndate: 2024-03-01", body),
    );
    f.build_ok();
    let html = f.page("papers/m/data/index.html");
    assert_eq!(texts(&html, ".prose del"), ["6.4%"]);
    assert_eq!(texts(&html, ".prose table td"), ["Northby", "120"]);
    assert_eq!(attrs(&html, "pre.code", "data-lang"), ["csv", "json"]);
    assert!(
        html.select(&sel("pre[data-lang=csv] span.hl-constant"))
            .count()
            >= 1,
        "CSV numbers are classed"
    );
    assert!(
        html.select(&sel("pre[data-lang=json] span[class*=hl-]"))
            .count()
            >= 2
    );
    let note = attrs(&html, "sup.footnote-ref a", "href");
    assert_eq!(note, ["#fn-src"]);
    assert_eq!(attrs(&html, ".footnote", "id"), ["fn-src"]);
    let css = std::fs::read_to_string(f.output().join("style.css")).unwrap();
    assert!(css.contains(".hl-"), "the theme ships the highlighting CSS");
}

#[test]
fn exempt_papers_are_listed_but_never_published() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    f.write(
        "content/m/g1.md",
        &paper(
            "title: Contract award\ndate: 2024-03-01\nitem: G1\nexempt: \"Paragraph 3: financial affairs\"\ntopics: [SECRET-TOPIC-MARKER]\nrecommendations:\n  - SECRET-REC-MARKER\ndecisions:\n  - ref: SECRET-REF-MARKER\n    text: SECRET-DECISION-MARKER",
            "SECRET-BODY-MARKER\n\n1. SECRET-PARA-MARKER",
        ),
    );
    f.build_ok();
    let meeting_page = f.page("meetings/m/index.html");
    assert_eq!(
        texts(&meeting_page, "#item-g1 .item-title"),
        ["Contract award"]
    );
    assert_eq!(
        texts(&meeting_page, "#item-g1 .exempt-reason"),
        ["Withheld: Paragraph 3: financial affairs"]
    );
    assert_eq!(texts(&meeting_page, "#item-g1 .tag-exempt").len(), 1);
    for (path, bytes) in common::snapshot(&f.output()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("SECRET-"), "{path} leaks exempt content");
    }
}

#[test]
fn a_meeting_named_by_date_exists_without_a_meeting_file() {
    let f = Fixture::new();
    f.write(
        "content/papers/a.md",
        &paper(
            "title: Extra\ndate: 2025-10-01\nmeeting: \"2025-10-14\"\nitem: A1",
            "Text.",
        ),
    );
    f.build_ok();
    let html = f.page("meetings/2025-10-14/index.html");
    assert_eq!(
        texts(&html, "h1"),
        ["Testshire Panel, Tuesday 14 October 2025"]
    );
    assert_eq!(texts(&html, ".agenda-item .item-title"), ["Extra"]);
}

#[test]
fn meetings_are_grouped_by_body_and_year_with_neighbours() {
    let f = Fixture::new();
    f.write(
        "content/a/_meeting.md",
        &meeting("date: 2024-03-05\nstatus: held"),
    );
    f.write(
        "content/b/_meeting.md",
        &meeting("date: 2025-03-05\nstatus: held"),
    );
    f.write(
        "content/c/_meeting.md",
        &meeting("date: 2025-06-05\nstatus: scheduled"),
    );
    f.write(
        "content/sub/_meeting.md",
        &meeting("date: 2025-04-01\nbody: Testshire Sub-Committee"),
    );
    f.build_ok();
    let list = f.page("meetings/index.html");
    assert_eq!(
        texts(&list, "main h2"),
        ["Testshire Panel", "Testshire Sub-Committee"]
    );
    assert_eq!(texts(&list, "main h3"), ["2025", "2024", "2025"]);
    let b = f.page("meetings/b/index.html");
    assert_eq!(
        attrs(&b, "#meeting-nav a[rel=prev]", "href"),
        ["../../meetings/a/index.html"]
    );
    assert_eq!(
        attrs(&b, "#meeting-nav a[rel=next]", "href"),
        ["../../meetings/c/index.html"],
        "the sub-committee is not a neighbour"
    );
    let home = f.page("index.html");
    let latest: Vec<String> = texts(&home, ".latest-meetings .card");
    assert!(
        latest[0].contains("5 March 2025"),
        "latest held meeting: {latest:?}"
    );
    let next: Vec<String> = texts(&home, ".next-meeting");
    assert!(
        next[0].contains("5 June 2025"),
        "next scheduled meeting: {next:?}"
    );
}

#[test]
fn papers_link_to_their_agenda_neighbours_and_topics() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    for item in ["B2", "B1", "C1"] {
        let t = format!(
            "title: Paper {item}\ndate: 2024-03-01\nitem: {item}\ntopics: [Budget and precept]"
        );
        f.write(&format!("content/m/{item}.md"), &paper(&t, "Text."));
    }
    f.build_ok();
    let b2 = f.page("papers/m/b2/index.html");
    assert_eq!(
        attrs(&b2, "#paper-nav a[rel=prev]", "href"),
        ["../../../papers/m/b1/index.html"]
    );
    assert_eq!(
        attrs(&b2, "#paper-nav a[rel=next]", "href"),
        ["../../../papers/m/c1/index.html"]
    );
    let topic = f.page("topics/budget-and-precept/index.html");
    assert_eq!(topic.select(&sel(".paper-list > li")).count(), 3);
    let items = f.page("items/index.html");
    assert_eq!(texts(&items, "tbody td:nth-child(3)"), ["B1", "B2", "C1"]);
}

#[test]
fn links_are_relative_without_base_url_and_absolute_with_it() {
    let f = two_meetings();
    f.build_ok();
    let html = f.page("papers/2024-02-06/b1-policing/index.html");
    let hrefs = attrs(&html, "a[href], link[href]", "href");
    assert!(
        hrefs
            .iter()
            .all(|h| !h.starts_with('/') && !h.contains("://")),
        "{hrefs:?}"
    );
    let broken = common::broken_links(&f.output());
    assert!(broken.is_empty(), "{broken:?}");

    f.write(
        "site.toml",
        &format!(
            "{}base_url = \"https://papers.example.org/panel\"\n",
            common::SITE_TOML
        ),
    );
    f.build_ok();
    let html = f.page("papers/2024-02-06/b1-policing/index.html");
    assert_eq!(
        attrs(&html, "link[rel=canonical]", "href"),
        ["https://papers.example.org/panel/papers/2024-02-06/b1-policing/"]
    );
    let meeting = attrs(&html, "#paper-details a", "href");
    assert_eq!(
        meeting,
        ["https://papers.example.org/panel/meetings/2024-02-06/"]
    );
}

#[test]
fn site_templates_override_the_theme_by_file_name() {
    let f = two_meetings();
    f.write("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1>Lost in the archive</h1>{% endblock content %}");
    f.build_ok();
    assert_eq!(texts(&f.page("404.html"), "h1"), ["Lost in the archive"]);
}

#[test]
fn two_builds_are_byte_identical() {
    let f = two_meetings();
    f.build_ok();
    let first = common::snapshot(&f.output());
    let other = f.root().join("again");
    panelpress::build(f.root(), Some(&other)).unwrap();
    assert_eq!(first, common::snapshot(&other));
}

#[test]
fn check_validates_and_writes_nothing() {
    let f = two_meetings();
    let out = f.run(&["check"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!f.output().exists());
    f.write(
        "content/bad.md",
        "---\ntitle: No date\nmeeting: \"2024-02-06\"\n---\n",
    );
    let out = f.run(&["check"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("content/bad.md:1"));
}

#[test]
fn build_prints_one_summary_line_unless_quiet() {
    let f = two_meetings();
    let out = f.run(&["build"]);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(
        stdout.starts_with("Built 2 meetings, 2 papers, 2 decisions"),
        "{stdout}"
    );
    let out = f.run(&["build", "--quiet"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
}

#[test]
fn init_starts_a_site_that_builds() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("new-site");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        !site.join("themes").exists(),
        "the site uses the built-in theme, and gets its fixes"
    );
    panelpress::build(&site, None).unwrap();
    let html = common::page(
        &site.join("public"),
        "papers/2025/2025-01-14/b1-example-report/index.html",
    );
    assert_eq!(attrs(&html, "ol.paras > li", "id"), ["p1", "p2", "p3"]);
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert!(
        !again.status.success(),
        "init refuses a folder that is not empty"
    );
}

#[test]
fn sections_stay_together_and_items_without_one_are_not_filed_under_another() {
    let f = Fixture::new();
    let agenda = [
        ("1", Some("Opening")),
        ("2", Some("Opening")),
        ("3", None),
        ("4", Some("Opening")),
        ("4.1", None),
        ("4.10", None),
        ("4.2", None),
    ]
    .iter()
    .map(|(item, section)| {
        let section = section
            .map(|s| format!("\n    section: {s}"))
            .unwrap_or_default();
        format!("  - item: {item}\n    title: Item {item}{section}")
    })
    .collect::<Vec<_>>()
    .join("\n");
    f.write(
        "content/m/_meeting.md",
        &meeting(&format!("date: 2024-03-05\nagenda:\n{agenda}")),
    );
    f.write(
        "content/m/b1.md",
        &paper(
            "title: Report\ndate: 2024-03-01\nitem: B1\nsection: B - Reports",
            "Text.",
        ),
    );
    f.build_ok();
    let html = f.page("meetings/m/index.html");
    assert_eq!(
        texts(&html, ".agenda-section"),
        ["Opening", "Other items", "B - Reports"]
    );
    assert_eq!(
        texts(&html, ".agenda-item .item-no"),
        ["1", "2", "4", "3", "4.1", "4.2", "4.10", "B1"]
    );
}

#[test]
fn a_date_names_the_meeting_declared_on_it() {
    let f = Fixture::new();
    f.write(
        "content/audit/_meeting.md",
        &meeting("date: 2026-09-10\nid: audit-2026-09\ntitle: Ordinary meeting"),
    );
    f.write(
        "content/elsewhere/report.md",
        &paper(
            "title: Late report\ndate: 2026-09-01\nmeeting: 2026-09-10\nitem: C1",
            "Text.",
        ),
    );
    f.build_ok();
    let list = f.page("meetings/index.html");
    assert_eq!(
        list.select(&sel(".meeting-list li")).count(),
        1,
        "no second meeting on the same date"
    );
    let html = f.page("meetings/audit-2026-09/index.html");
    assert_eq!(texts(&html, ".agenda-item .item-title"), ["Late report"]);
    assert_eq!(
        texts(&html, "h1"),
        ["Ordinary meeting, Thursday 10 September 2026"]
    );
}

#[test]
fn a_record_of_decision_shows_under_its_item_and_in_the_register() {
    let f = Fixture::new();
    f.write("content/m/_meeting.md", &meeting("date: 2024-03-05"));
    f.write(
        "content/m/c1.md",
        &paper("title: Record of decision\ndate: 2024-02-20\nitem: C1\nkind: decision\ndecisions:\n  - ref: D/24/01\n    by: Commissioner\n    text: The contract is awarded.", "Text."),
    );
    f.build_ok();
    let meeting = f.page("meetings/m/index.html");
    assert_eq!(
        texts(&meeting, "#item-c1 .decision-text"),
        ["The contract is awarded."]
    );
    let register = f.page("decisions/index.html");
    assert_eq!(
        attrs(&register, "td[data-label='Item decided'] a", "href"),
        ["../papers/m/c1/index.html"]
    );
    let paper_page = f.page("papers/m/c1/index.html");
    assert_eq!(
        texts(&paper_page, "#decision-d-24-01 .decision-meta"),
        ["D/24/01 · 20 February 2024 · Commissioner · Item C1"]
    );
    assert!(
        paper_page.select(&sel(".outcome")).next().is_none(),
        "only minutes give outcomes"
    );
}
