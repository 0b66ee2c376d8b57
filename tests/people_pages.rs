//! The archive's pages for people and the record: the people indexes, person pages with
//! their attendance, declarations and votes, the meeting roll, declarations under their
//! items, votes and decision records wherever decisions are shown, the call-in state at
//! the build's moment, and the exempt rule.

mod common;

use common::{Fixture, attrs, broken_links, resolve, sel, snapshot, texts};
use panelpress::{Moment, Options};
use scraper::Html;

const BODY_PEOPLE: &str = "bodies/testshire-panel/people/index.html";
const JUNE: &str = "meetings/2024-06-05/index.html";
const SEPTEMBER: &str = "meetings/2024-09-10/index.html";

/// Six people: a chair since May 2024 with a photograph, three members (one whose seat
/// ended in December 2024), a substitute and an officer with no seat. Two held meetings
/// with attendance, declarations, a record of decision with a named vote under
/// call-in, and exempt minutes holding a vote and a declaration of their own.
fn site() -> Fixture {
    let f = Fixture::new();
    write_people(&f);
    write_record(&f);
    f
}

fn write_people(f: &Fixture) {
    f.write(
        "people/peter-feacey.md",
        "---\nname: Councillor Peter Feacey\nparty: Independent\nimage: feacey.png\nmemberships:\n  - body: Testshire Panel\n    role: Chair\n    on_behalf_of: North Council\n    from: 2024-05-20\n---\nPeter has farmed near *Northby* for thirty years.\n",
    );
    f.write_bytes(
        "people/feacey.png",
        b"\x89PNG\r\n\x1a\nnot really a picture",
    );
    f.write(
        "people/jenny-hollingsbee.md",
        "---\nname: Jenny Hollingsbee\nparty: Green\nmemberships:\n  - body: Testshire Panel\n    on_behalf_of: South Council\n    from: 2023-05-01\n    to: 2024-12-31\n---\n",
    );
    f.write(
        "people/amir-brown.md",
        "---\nname: Amir Brown\nparty: Labour\nmemberships:\n  - body: Testshire Panel\n    from: 2023-05-01\n---\n",
    );
    f.write(
        "people/carla-ode.md",
        "---\nname: Carla Ode\nmemberships:\n  - body: Testshire Panel\n    role: Independent member\n    from: 2023-05-01\n---\n",
    );
    f.write(
        "people/john-smith.md",
        "---\nname: John Smith\nparty: Labour\n---\n",
    );
    f.write(
        "people/helen-lund.md",
        "---\nname: Helen Lund\n---\nThe panel's monitoring officer.\n",
    );
}

fn write_record(f: &Fixture) {
    f.write(
        "content/2024-06-05/_meeting.md",
        "---\ndate: 2024-06-05\nstatus: held\nattendance:\n  present:\n    - Cllr P Feacey (Chair)\n    - name: Jenny Hollingsbee\n      virtual: true\n    - Mr J Smith (Substitute for Cllr A Brown)\n  apologies:\n    - Cllr A Brown\n  in_attendance:\n    - Ms H Lund (Monitoring Officer)\n    - Mr Q Visitor\ndeclarations:\n  - name: Cllr J Hollingsbee\n    item: B1\n    interest: Owns land beside the depot\n    kind: disclosable-pecuniary\n    withdrew: true\n  - name: Cllr P Feacey\n    interest: Member of the North Council\n    kind: other-registrable\n  - name: Cllr A Brown\n    item: \"9\"\n    interest: Lives on the bus route\nagenda:\n  - item: \"1\"\n    title: Apologies\n---\n",
    );
    f.write(
        "content/2024-06-05/b1-depot.md",
        "---\ntitle: Depot lease\ndate: 2024-05-28\nitem: B1\n---\nThe depot lease is due for renewal.\n",
    );
    f.write(
        "content/2024-06-05/b2-budget.md",
        "---\ntitle: Budget monitoring\ndate: 2024-05-28\nitem: B2\n---\nThe budget is on track.\n",
    );
    f.write(
        "content/2024-06-05/b3-record.md",
        "---\ntitle: Record of decisions\ndate: 2024-06-06\nitem: B3\nkind: decision\ndecisions:\n  - ref: T/24/1\n    item: B1\n    text: The Panel approved the depot lease.\n    vote:\n      for: [Cllr P Feacey, Mr J Smith]\n      against: [Jenny Hollingsbee]\n      abstain: 0\n      result: carried\n    reasons: The lease gives the best value over ten years.\n    alternatives:\n      - Selling the depot\n      - Leaving it empty\n    conflicts: Cllr Hollingsbee declared an interest and withdrew.\n    key_decision: true\n    call_in:\n      until: 2024-06-13\n  - ref: T/24/2\n    item: B2\n    text: The Panel noted the budget.\n    vote:\n      for: 7\n      against: 2\n      abstain: 1\n      result: carried\n    call_in:\n      until: 2024-06-13\n      called_in: true\n      outcome: Referred back to the Panel\n---\nDecisions of the meeting.\n",
    );
    f.write(
        "content/2024-09-10/_meeting.md",
        "---\ndate: 2024-09-10\nstatus: held\nattendance:\n  present:\n    - Cllr P Feacey (Chair)\n    - Cllr A Brown\n  apologies:\n    - Cllr J Hollingsbee\n---\n",
    );
    f.write(
        "content/2024-09-10/03-minutes.md",
        "---\ntitle: Minutes of 5 June\ndate: 2024-09-01\nitem: \"3\"\nminutes_of: \"2024-06-05\"\ndeclarations:\n  - name: Cllr C Ode\n    item: B2\n    interest: Works for the bus company\ndecisions:\n  - item: B1\n    text: The lease was signed as approved.\n    vote:\n      for: 3\n      against: 1\n      result: carried\n---\nThe minutes.\n",
    );
    f.write(
        "content/2024-09-10/a1-exempt-minutes.md",
        "---\ntitle: Exempt minutes of 5 June\ndate: 2024-09-01\nitem: A1\nminutes_of: \"2024-06-05\"\nexempt: \"Paragraph 3: financial affairs\"\ndeclarations:\n  - name: Amir Brown\n    item: B2\n    interest: ZEBRAQUILL shareholding\ndecisions:\n  - item: B2\n    text: ZEBRAQUILL contract awarded.\n    vote:\n      for: [Carla Ode, Mr Q Zebrafinch]\n      against: [John Smith]\n---\nZEBRAQUILL text.\n",
    );
}

fn at(text: &str) -> Options {
    Options {
        now: Some(Moment::parse(text).expect("a moment")),
        ..Default::default()
    }
}

/// Builds `f` at the moment `now` (the site's day decides who sits and what is open).
fn build_at(f: &Fixture, now: &str) {
    if let Err(e) = panelpress::build_with(f.root(), None, &at(now)) {
        panic!("fixture should build, but:\n{e}");
    }
}

/// The text of every element matching `css` as a reader sees it: text nodes joined as
/// they stand, whitespace collapsed.
fn plain(html: &Html, css: &str) -> Vec<String> {
    html.select(&sel(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The text of the rows of the table under `css`, one string a row.
fn rows(html: &Html, css: &str) -> Vec<String> {
    texts(html, &format!("{css} tbody tr"))
}

/// Where the first link under `css` on page `rel` leads, as a path under the output.
fn target(f: &Fixture, rel: &str, css: &str) -> (String, Option<String>) {
    let html = f.page(rel);
    let href = attrs(&html, css, "href")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no link at {css} on {rel}"));
    let (file, fragment) = resolve(&f.output(), rel, &href);
    let file = file
        .strip_prefix(f.output())
        .unwrap()
        .to_string_lossy()
        .into_owned();
    (file, fragment)
}

#[test]
fn the_people_index_of_a_body_splits_current_from_former_members() {
    let f = site();
    build_at(&f, "2025-06-01");
    let page = f.page(BODY_PEOPLE);
    assert_eq!(
        rows(&page, "section[aria-labelledby=current-members] table"),
        [
            "Councillor Peter Feacey Chair North Council Independent since 20 May 2024",
            "Amir Brown Member – Not given Labour since 1 May 2023",
            "Carla Ode Independent member – Not given – Not given since 1 May 2023",
        ]
    );
    assert_eq!(
        rows(&page, "section[aria-labelledby=former-members] table"),
        ["Jenny Hollingsbee Member South Council Green 1 May 2023 to 31 December 2024"]
    );
    assert_eq!(
        target(
            &f,
            BODY_PEOPLE,
            "section[aria-labelledby=current-members] tbody th a"
        )
        .0,
        "people/peter-feacey/index.html"
    );
    // A year and a half earlier, the chair had not yet taken his seat and Jenny sat.
    build_at(&f, "2024-01-15");
    let page = f.page(BODY_PEOPLE);
    let current = rows(&page, "section[aria-labelledby=current-members] table");
    assert_eq!(current.len(), 3, "{current:?}");
    assert!(current.iter().any(|r| r.starts_with("Jenny Hollingsbee")));
    assert_eq!(
        rows(&page, "section[aria-labelledby=future-members] table"),
        ["Councillor Peter Feacey Chair North Council Independent since 20 May 2024"]
    );
    assert!(
        page.select(&sel("section[aria-labelledby=former-members]"))
            .next()
            .is_none()
    );
}

#[test]
fn the_site_wide_people_page_lists_everyone_and_is_in_the_navigation() {
    let f = site();
    build_at(&f, "2025-06-01");
    let page = f.page("people/index.html");
    // By surname, titles aside, the chair first.
    assert_eq!(
        texts(&page, "main table tbody th"),
        ["Councillor Peter Feacey", "Amir Brown", "Carla Ode"]
    );
    assert_eq!(
        plain(&page, "#others ~ ul li"),
        [
            "Jenny Hollingsbee (Green): Member, Testshire Panel, 1 May 2023 to 31 December 2024",
            "Helen Lund",
            "John Smith (Labour)",
        ]
    );
    let home = f.page("index.html");
    let nav = texts(&home, "#site-nav a");
    assert_eq!(nav.last().map(String::as_str), Some("People"));
    assert_eq!(
        target(&f, "index.html", "#site-nav li:last-child a").0,
        "people/index.html"
    );
    // The body's page of meetings and its year pages lead to its members.
    for page in [
        "bodies/testshire-panel/index.html",
        "bodies/testshire-panel/2024/index.html",
    ] {
        assert_eq!(target(&f, page, ".people-link a").0, BODY_PEOPLE, "{page}");
    }
}

/// The statistics of one body on a person page, by their labels.
fn stats(page: &Html) -> Vec<String> {
    texts(page, ".attendance-stats div")
}

#[test]
fn a_person_page_shows_memberships_attendance_declarations_and_votes() {
    let f = site();
    build_at(&f, "2025-06-01");
    let jenny = f.page("people/jenny-hollingsbee/index.html");
    assert_eq!(texts(&jenny, "h1"), ["Jenny Hollingsbee"]);
    assert_eq!(
        texts(&jenny, ".membership-list li"),
        ["Testshire Panel : Member, on behalf of South Council, 1 May 2023 to 31 December 2024"]
    );
    assert_eq!(
        stats(&jenny),
        [
            "Meetings expected 2",
            "Attended 1 (50% of expected)",
            "Attended as a substitute 0",
            "Apologies 1",
            "Apologies, substituted 0",
            "Absent 0",
        ]
    );
    assert_eq!(
        rows(&jenny, ".person-meetings"),
        [
            "Wednesday 5 June 2024 Attended",
            "Tuesday 10 September 2024 Apologies"
        ]
    );
    assert_eq!(
        target(
            &f,
            "people/jenny-hollingsbee/index.html",
            ".person-meetings a"
        )
        .0,
        JUNE
    );
    assert_eq!(
        rows(&jenny, ".person-declarations"),
        [
            "Testshire Panel, Wednesday 5 June 2024 B1 Disclosable pecuniary interest Owns land beside the depot Withdrew for the item."
        ]
    );
    let (file, anchor) = target(
        &f,
        "people/jenny-hollingsbee/index.html",
        ".person-declarations td a",
    );
    assert_eq!((file.as_str(), anchor.as_deref()), (JUNE, Some("item-b1")));
    assert_eq!(
        rows(&jenny, ".person-votes"),
        [
            "6 June 2024 T/24/1: The Panel approved the depot lease. Against Carried: 2 for, 1 against"
        ]
    );
    let (file, anchor) = target(
        &f,
        "people/jenny-hollingsbee/index.html",
        ".person-votes th a",
    );
    let paper = f.page(&file);
    let anchor = anchor.expect("a decision anchor");
    assert_eq!(
        texts(&paper, &format!("[id=\"{anchor}\"] .decision-text")),
        ["The Panel approved the depot lease."]
    );

    // Substituted at one meeting, present at the other.
    let amir = f.page("people/amir-brown/index.html");
    assert_eq!(
        stats(&amir),
        [
            "Meetings expected 2",
            "Attended 1 (50% of expected)",
            "Attended as a substitute 0",
            "Apologies 0",
            "Apologies, substituted 1",
            "Absent 0",
        ]
    );
    assert_eq!(
        rows(&amir, ".person-meetings"),
        [
            "Wednesday 5 June 2024 Apologies , substituted by John Smith",
            "Tuesday 10 September 2024 Attended"
        ]
    );
    // A substitute is never expected, so no percentage.
    let john = f.page("people/john-smith/index.html");
    assert_eq!(stats(&john)[0], "Meetings expected 0");
    assert_eq!(stats(&john)[1], "Attended 0");
    assert_eq!(stats(&john)[2], "Attended as a substitute 1");
    assert_eq!(
        rows(&john, ".person-meetings"),
        ["Wednesday 5 June 2024 Attended as a substitute , for Amir Brown"]
    );
    let carla = f.page("people/carla-ode/index.html");
    assert_eq!(stats(&carla)[1], "Attended 0 (0% of expected)");
    assert_eq!(stats(&carla)[5], "Absent 2");
}

#[test]
fn a_person_page_has_their_text_and_image() {
    let f = site();
    build_at(&f, "2025-06-01");
    let peter = f.page("people/peter-feacey/index.html");
    assert_eq!(texts(&peter, ".prose em"), ["Northby"]);
    assert_eq!(texts(&peter, "#person-details dd"), ["Independent"]);
    let src = attrs(&peter, "img.person-image", "src");
    let (file, _) = resolve(&f.output(), "people/peter-feacey/index.html", &src[0]);
    assert_eq!(
        std::fs::read(file).unwrap(),
        b"\x89PNG\r\n\x1a\nnot really a picture"
    );
    assert_eq!(
        attrs(&peter, "img.person-image", "alt"),
        ["Councillor Peter Feacey"]
    );
}

#[test]
fn the_meeting_page_shows_the_roll_substitutes_and_those_in_attendance() {
    let f = site();
    build_at(&f, "2025-06-01");
    let june = f.page(JUNE);
    assert_eq!(
        plain(&june, ".roll-table tbody tr"),
        [
            "Councillor Peter Feacey (Chair) Chair, North Council Present",
            "Amir Brown Member Apologies, substituted by John Smith",
            "Jenny Hollingsbee Member, South Council Present; attended remotely",
            "Carla Ode Independent member Absent",
        ]
    );
    assert_eq!(
        texts(&june, ".roll-table caption"),
        ["Members of the Testshire Panel on Wednesday 5 June 2024"]
    );
    // Matched names lead to their people; the status is in words, not colour alone.
    let hrefs = attrs(&june, ".roll-table tbody a", "href");
    let pages: Vec<String> = hrefs
        .iter()
        .map(|h| {
            let (file, _) = resolve(&f.output(), JUNE, h);
            file.strip_prefix(f.output())
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        pages,
        [
            "people/peter-feacey/index.html",
            "people/amir-brown/index.html",
            "people/john-smith/index.html",
            "people/jenny-hollingsbee/index.html",
            "people/carla-ode/index.html",
        ]
    );
    assert_eq!(
        texts(&june, ".attendance h3"),
        ["Substitutes", "In attendance"]
    );
    assert_eq!(
        plain(&june, ".attendance li"),
        [
            "John Smith (substitute for Amir Brown)",
            "Helen Lund (Monitoring Officer)",
            "Mr Q Visitor",
        ]
    );
    // An unmatched officer is shown as written, without a link.
    assert_eq!(
        texts(&june, ".attendance a"),
        ["John Smith", "Amir Brown", "Helen Lund"]
    );
    // Apologies without a substitute.
    let september = f.page(SEPTEMBER);
    assert_eq!(
        plain(&september, ".roll-table tbody tr"),
        [
            "Councillor Peter Feacey (Chair) Chair, North Council Present",
            "Amir Brown Member Present",
            "Jenny Hollingsbee Member, South Council Apologies",
            "Carla Ode Independent member Absent",
        ]
    );
}

#[test]
fn declarations_sit_under_their_item_or_under_their_own_heading() {
    let f = site();
    build_at(&f, "2025-06-01");
    let june = f.page(JUNE);
    assert_eq!(
        plain(&june, "#item-b1 .declarations li"),
        [
            "Jenny Hollingsbee: Disclosable pecuniary interest. Owns land beside the depot Withdrew for the item."
        ]
    );
    // From the minutes of the meeting, not its own file.
    assert_eq!(
        plain(&june, "#item-b2 .declarations li"),
        ["Carla Ode: Interest. Works for the bus company"]
    );
    assert_eq!(
        plain(&june, "#declarations ~ ul li"),
        [
            "Councillor Peter Feacey: Other registrable interest. Member of the North Council",
            "Amir Brown: Interest (item 9). Lives on the bus route",
        ]
    );
}

#[test]
fn votes_and_records_appear_with_their_decisions() {
    let f = site();
    build_at(&f, "2024-06-07");
    // On the meeting page, under the item decided.
    let june = f.page(JUNE);
    assert_eq!(
        texts(&june, "#item-b1 .vote-summary"),
        [
            "Vote Carried: 2 for, 1 against",
            "Vote Carried: 3 for, 1 against"
        ]
    );
    assert_eq!(
        texts(&june, "#item-b1 .vote-names div"),
        [
            "For Councillor Peter Feacey John Smith",
            "Against Jenny Hollingsbee"
        ]
    );
    assert_eq!(
        texts(&june, "#item-b2 .vote-summary"),
        ["Vote Carried: 7 for, 2 against, 1 abstention"]
    );
    assert!(texts(&june, "#item-b2 .vote-names").is_empty());
    // On the paper that records it, with the record in full.
    let (record, anchor) = target(&f, JUNE, "#item-b1 .decision-source a");
    let page = f.page(&record);
    let at = format!("[id=\"{}\"]", anchor.unwrap());
    assert_eq!(
        texts(&page, &format!("{at} .decision-record div")),
        [
            "Key decision Yes",
            "Reasons for the decision The lease gives the best value over ten years.",
            "Alternatives considered and rejected Selling the depot Leaving it empty",
            "Conflicts of interest declared Cllr Hollingsbee declared an interest and withdrew.",
        ]
    );
    assert_eq!(texts(&page, &format!("{at} .vote-names a")).len(), 3);
    // On the depot paper, as the outcome its minutes record.
    let depot = f.page(&target(&f, JUNE, "#item-b1 .item-title").0);
    assert_eq!(
        texts(&depot, ".outcome .vote-summary"),
        ["Vote Carried: 3 for, 1 against"]
    );
    // In the register, with the reasons and call-in.
    let register = f.page("decisions/index.html");
    assert_eq!(
        texts(&register, ".decisions-table .vote-summary"),
        [
            "Vote Carried: 3 for, 1 against",
            "Vote Carried: 2 for, 1 against",
            "Vote Carried: 7 for, 2 against, 1 abstention",
        ]
    );
    assert_eq!(
        texts(&register, ".register-reasons"),
        ["Reasons: The lease gives the best value over ten years."]
    );
}

#[test]
fn the_register_judges_call_in_at_the_builds_moment() {
    let f = site();
    let states = |now: &str| {
        build_at(&f, now);
        plain(&f.page("decisions/index.html"), ".decisions-table .call-in")
    };
    let called_in = "Called in: Referred back to the Panel";
    assert_eq!(
        states("2024-06-07 09:00"),
        ["Subject to call-in until 13 June 2024", called_in]
    );
    // The last day is still open, to its end on the site's clock.
    assert_eq!(
        states("2024-06-13 23:30"),
        ["Subject to call-in until 13 June 2024", called_in]
    );
    assert_eq!(
        states("2024-06-14 00:30"),
        ["Effective from 14 June 2024", called_in]
    );
}

#[test]
fn every_link_of_the_people_pages_leads_somewhere() {
    let f = site();
    build_at(&f, "2025-06-01");
    assert_eq!(broken_links(&f.output()), Vec::<String>::new());
}

#[test]
fn without_a_people_folder_there_are_no_people_pages_and_names_stay_as_written() {
    let f = Fixture::new();
    write_record(&f);
    build_at(&f, "2025-06-01");
    let out = f.output();
    assert!(!out.join("people").exists());
    assert!(!out.join(BODY_PEOPLE).exists());
    let home = f.page("index.html");
    assert!(!texts(&home, "#site-nav a").contains(&"People".to_string()));
    let june = f.page(JUNE);
    assert!(june.select(&sel(".roll-table")).next().is_none());
    assert_eq!(
        texts(&june, ".attendance > div"),
        [
            "Present Cllr P Feacey (Chair) Jenny Hollingsbee, attended remotely Mr J Smith (substitute for Cllr A Brown)",
            "Apologies Cllr A Brown",
            "In attendance Ms H Lund (Monitoring Officer) Mr Q Visitor",
        ]
    );
    assert!(texts(&june, "main a[href*=\"people\"]").is_empty());
    assert!(texts(&f.page("bodies/testshire-panel/index.html"), ".people-link").is_empty());
    assert_eq!(broken_links(&out), Vec::<String>::new());
}

#[test]
fn nothing_recorded_in_an_exempt_paper_reaches_any_output() {
    let f = site();
    build_at(&f, "2025-06-01");
    let files = snapshot(&f.output());
    assert!(files.len() > 20, "the site was built");
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        for word in ["ZEBRAQUILL", "Zebrafinch"] {
            assert!(!text.contains(word), "{word} in {path}");
        }
    }
    // Carla voted only in exempt business; Amir declared there as well as in public.
    let carla = f.page("people/carla-ode/index.html");
    assert!(carla.select(&sel("#votes")).next().is_none());
    let amir = f.page("people/amir-brown/index.html");
    assert_eq!(rows(&amir, ".person-declarations").len(), 1);
    let john = f.page("people/john-smith/index.html");
    assert_eq!(rows(&john, ".person-votes").len(), 1);
}

#[test]
fn the_sitemap_lists_the_people_pages() {
    let f = site();
    f.write(
        "site.toml",
        &format!(
            "{}base_url = \"https://example.org/panel/\"\n",
            common::SITE_TOML
        ),
    );
    build_at(&f, "2025-06-01");
    let sitemap = std::fs::read_to_string(f.output().join("sitemap.xml")).unwrap();
    for page in [
        "people/",
        "people/carla-ode/",
        "bodies/testshire-panel/people/",
    ] {
        let loc = format!("<loc>https://example.org/panel/{page}</loc>");
        assert!(sitemap.contains(&loc), "{loc} in {sitemap}");
    }
    // With a base_url, names link by their pretty address.
    let june = f.page(JUNE);
    assert!(
        attrs(&june, ".roll-table a", "href")
            .contains(&"https://example.org/panel/people/carla-ode/".to_string())
    );
}

#[test]
fn the_people_pages_are_the_same_on_every_build() {
    let f = site();
    build_at(&f, "2025-06-01");
    let first = snapshot(&f.output());
    std::fs::remove_dir_all(f.output()).unwrap();
    build_at(&f, "2025-06-01");
    assert_eq!(snapshot(&f.output()), first);
}

/// A copy of the default theme as it was before the people pages, as `themes/old/`.
fn theme_without_people_templates(f: &Fixture) {
    let theme = common::project_root().join("themes/default");
    for (rel, bytes) in snapshot(&theme) {
        let people = ["people.html", "body-people.html", "person.html"];
        if !people.iter().any(|p| rel == format!("templates/{p}")) {
            f.write_bytes(&format!("themes/old/{rel}"), &bytes);
        }
    }
    f.write(
        "site.toml",
        &format!("{}theme = \"old\"\n", common::SITE_TOML),
    );
}

#[test]
fn a_theme_without_the_people_templates_builds_a_site_without_people_only() {
    let f = Fixture::new();
    write_record(&f);
    theme_without_people_templates(&f);
    build_at(&f, "2025-06-01");
    write_people(&f);
    let err = panelpress::build_with(f.root(), None, &at("2025-06-01"))
        .expect_err("people pages need their templates")
        .to_string();
    assert!(
        err.contains("themes/old/templates/person.html")
            && err.contains("has no `person.html` template"),
        "{err}"
    );
    // The last good output stays.
    assert!(f.output().join(JUNE).is_file());
    assert!(!f.output().join("people").exists());
}

#[test]
fn a_member_who_changed_seats_is_listed_once_as_current_and_not_as_former() {
    let f = site();
    f.write(
        "people/dana-roe.md",
        "---\nname: Dana Roe\nmemberships:\n  - body: Testshire Panel\n    from: 2023-05-01\n    to: 2024-05-19\n  - body: Testshire Panel\n    from: 2023-05-01\n  - body: Testshire Panel\n    role: Vice-Chair\n    from: 2024-05-20\n---\n",
    );
    build_at(&f, "2025-06-01");
    let page = f.page(BODY_PEOPLE);
    let current = rows(&page, "section[aria-labelledby=current-members] table");
    let dana: Vec<&String> = current
        .iter()
        .filter(|r| r.starts_with("Dana Roe"))
        .collect();
    assert_eq!(
        dana,
        ["Dana Roe Vice-Chair – Not given – Not given since 20 May 2024"]
    );
    assert_eq!(
        rows(&page, "section[aria-labelledby=former-members] table"),
        ["Jenny Hollingsbee Member South Council Green 1 May 2023 to 31 December 2024"]
    );
}
