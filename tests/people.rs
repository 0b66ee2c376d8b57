//! People and the formal record: people files, names in the record matched to them by
//! every rule, the warnings for names that match no one or several, rolls and each
//! person's statistics, declarations, votes and decision records, and nothing of an
//! exempt paper in the model. Sites are real folders; the model is read through
//! `panelpress::internals`, warnings through the build's summary.

mod common;

use common::Fixture;
use panelpress::internals::{
    Config, InterestKind, Limits, Presence, Site, VoteResult, VoteSide, build_model, load_content,
};
use panelpress::{Code, Diagnostic};

fn model(f: &Fixture) -> Site {
    let config = Config::load(f.root()).expect("site.toml");
    let loaded = load_content(f.root(), Limits::of(&config));
    build_model(config, loaded).unwrap_or_else(|e| panic!("model: {e:#?}"))
}

fn warnings(f: &Fixture) -> Vec<Diagnostic> {
    match f.build() {
        Ok(summary) => summary.warnings,
        Err(e) => panic!("fixture should build, but:\n{e}"),
    }
}

fn errors(f: &Fixture) -> Vec<Diagnostic> {
    match f.build() {
        Ok(_) => panic!("the build should fail"),
        Err(e) => e.0.into_iter().filter(|d| d.is_error()).collect(),
    }
}

fn person(text_name: &str, memberships: &str) -> String {
    format!("---\nname: {text_name}\nmemberships:\n{memberships}---\n")
}

fn member(body: &str, from: &str, to: &str, role: &str) -> String {
    let mut s = format!("  - body: {body}\n");
    if !role.is_empty() {
        s += &format!("    role: {role}\n");
    }
    if !from.is_empty() {
        s += &format!("    from: {from}\n");
    }
    if !to.is_empty() {
        s += &format!("    to: {to}\n");
    }
    s
}

const PANEL: &str = "Testshire Panel";
const SCRUTINY: &str = "Eastbridge Scrutiny";
const YEAR_1: (&str, &str) = ("2024-05-20", "2025-05-18");
const YEAR_2: &str = "2025-05-19";

/// People of two bodies over two municipal years.
fn people(f: &Fixture) {
    let both_years = member(PANEL, "", "", "");
    f.write(
        "people/peter-feacey.md",
        &person(
            "Councillor Peter Feacey",
            &(member(PANEL, YEAR_1.0, YEAR_1.1, "Chair") + &member(PANEL, YEAR_2, "", "")),
        ),
    );
    f.write(
        "people/paul-feacey.md",
        &person("Paul Feacey", &member(SCRUTINY, "", "", "")),
    );
    // Vice-Chair from the second year, with an ordinary seat that overlaps it.
    f.write(
        "people/jenny-hollingsbee.md",
        &person(
            "Mrs Jenny Hollingsbee",
            &(member(PANEL, YEAR_1.0, "", "") + &member(PANEL, YEAR_2, "", "Vice-Chair")),
        ),
    );
    f.write(
        "people/peter-hill.md",
        "---\nname: Peter Michael Hill\naliases: [Cllr Mike Hill]\nparty: Independent\nmemberships:\n  - body: eastbridge  scrutiny\n---\nSits for Eastbridge.\n",
    );
    f.write(
        "people/mary-oneill.md",
        &person("Cllr Mary O'Neill", &both_years),
    );
    f.write(
        "people/sam-smith-jones.md",
        &person("Sam Smith-Jones", &both_years),
    );
    f.write(
        "people/ann-meade.md",
        &person("Ann Meade", &member(PANEL, YEAR_1.0, YEAR_1.1, "")),
    );
    f.write(
        "people/bob-meade.md",
        &person("Bob Meade", &member(PANEL, YEAR_2, "", "")),
    );
    f.write(
        "people/robert-jones.md",
        &person("Sir Robert Jones", &both_years),
    );
    f.write("people/alan-brown.md", &person("Alan Brown", &both_years));
    f.write("people/alice-brown.md", &person("Alice Brown", &both_years));
    f.write(
        "people/tristan-osborne.md",
        &person("Tristan Osborne", &member(SCRUTINY, "", "", "")),
    );
}

fn meeting(f: &Fixture, folder: &str, front: &str) {
    f.write(
        &format!("content/{folder}/_meeting.md"),
        &format!("---\n{front}---\n"),
    );
}

/// Seven meetings of the panel and one of the scrutiny committee.
fn meetings(f: &Fixture) {
    meeting(
        f,
        "2024-06-10",
        "date: 2024-06-10\nstatus: held\nattendance:\n  present:\n    - Cllr P Feacey (Chair)\n    - Mrs J Hollingsbee\n    - Cllr M O’Neill\n    - Mr Meade\n    - Sir Robert Jones, OBE, JP\n    - Cllr P M Hill (Substitute for Cllr Smith-Jones)\n  apologies:\n    - Cllr Smith-Jones\n  in_attendance:\n    - Mr X Officer, Chief Executive\n    - Cllr P M Hill\nagenda:\n  - item: 1\n    title: Apologies\n  - item: 5\n    title: Budget\n",
    );
    meeting(
        f,
        "2024-07-01",
        "date: 2024-07-01\nbody: Eastbridge Scrutiny\nattendance:\n  present:\n    - Cllr P Feacey\n    - Cllr Mike Hill\n    - name: Mrs J Hollingsbee\n      substitute_for: Cllr T Osborne\n      virtual: true\n      note: arrived at 10.15\n",
    );
    meeting(
        f,
        "2024-09-09",
        "date: 2024-09-09\nstatus: scheduled\nattendance:\n  present: [Mrs J Hollingsbee]\n",
    );
    meeting(
        f,
        "2024-11-11",
        "date: 2024-11-11\nstatus: cancelled\nattendance:\n  apologies: [Mrs J Hollingsbee]\n",
    );
    meeting(
        f,
        "2025-03-10",
        "date: 2025-03-10\nattendance:\n  present:\n    - Cllr P Feacey (Chairman)\n    - Cllr P Hill (Substitute for Mrs Hollingsbee)\n  apologies:\n    - Mrs Hollingsbee\n",
    );
    meeting(
        f,
        "2025-06-16",
        "date: 2025-06-16\nstatus: held\nattendance:\n  present:\n    - Councillor Peter Feacey\n    - Mr Meade\n    - Cllr A Brown\n    - Cllr T Osbourne\n  apologies:\n    - Mrs J Hollingsbee\n",
    );
    meeting(
        f,
        "2025-09-15",
        "date: 2025-09-15\nstatus: held\nattendance:\n  present:\n    - Cllr P Feacey\n",
    );
    meeting(f, "2025-10-20", "date: 2025-10-20\n");
}

fn site() -> Fixture {
    let f = Fixture::new();
    people(&f);
    meetings(&f);
    f
}

fn id_of(site: &Site, p: Option<usize>) -> Option<&str> {
    p.map(|p| site.people[p].id.as_str())
}

/// The index of the meeting with this id.
fn at(site: &Site, id: &str) -> usize {
    site.meetings
        .iter()
        .position(|m| m.id == id)
        .unwrap_or_else(|| panic!("no meeting {id}"))
}

fn who(site: &Site, id: &str) -> usize {
    site.people
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("no person {id}"))
}

#[test]
fn names_match_people_by_every_rule() {
    let f = site();
    let site = model(&f);
    assert!(site.has_people);
    let m = &site.meetings[at(&site, "2024-06-10")];
    let present: Vec<(&str, Option<&str>)> = m
        .attendance
        .present
        .iter()
        .map(|a| (a.name.written.as_str(), id_of(&site, a.name.person)))
        .collect();
    assert_eq!(
        present,
        [
            // Initials, with the role from the parenthesis taken off the name.
            ("Cllr P Feacey", Some("peter-feacey")),
            ("Mrs J Hollingsbee", Some("jenny-hollingsbee")),
            // A curly apostrophe in the minutes, a straight one in the file.
            ("Cllr M O’Neill", Some("mary-oneill")),
            // A surname alone: the one Meade on the panel in 2024.
            ("Mr Meade", Some("ann-meade")),
            // Post-nominals after a comma.
            ("Sir Robert Jones, OBE, JP", Some("robert-jones")),
            // Two initials, and not a member of this body: still the only match.
            ("Cllr P M Hill", Some("peter-hill")),
        ]
    );
    assert_eq!(m.attendance.present[0].role.as_deref(), Some("Chair"));
    let sub = m.attendance.present[5].substitute_for.as_ref().unwrap();
    // A hyphenated surname alone, in the `(Substitute for …)` note.
    assert_eq!(sub.written, "Cllr Smith-Jones");
    assert_eq!(id_of(&site, sub.person), Some("sam-smith-jones"));
    assert_eq!(
        id_of(&site, m.attendance.apologies[0].name.person),
        Some("sam-smith-jones")
    );
    let officers: Vec<Option<&str>> = m
        .attendance
        .in_attendance
        .iter()
        .map(|a| id_of(&site, a.name.person))
        .collect();
    assert_eq!(officers, [None, Some("peter-hill")]);

    // The scrutiny committee's P Feacey is its member Paul, not the panel's Peter;
    // an alias matches; a map entry keeps its flags.
    let s = &site.meetings[at(&site, "2024-07-01")];
    let ids: Vec<Option<&str>> = s
        .attendance
        .present
        .iter()
        .map(|a| id_of(&site, a.name.person))
        .collect();
    assert_eq!(
        ids,
        [
            Some("paul-feacey"),
            Some("peter-hill"),
            Some("jenny-hollingsbee")
        ]
    );
    let jenny = &s.attendance.present[2];
    assert!(jenny.remote);
    assert_eq!(jenny.note.as_deref(), Some("arrived at 10.15"));
    assert_eq!(
        id_of(&site, jenny.substitute_for.as_ref().unwrap().person),
        Some("tristan-osborne")
    );

    // A year later the panel's Meade is Bob; the full name as the file gives it.
    let later = &site.meetings[at(&site, "2025-06-16")];
    assert_eq!(
        id_of(&site, later.attendance.present[1].name.person),
        Some("bob-meade")
    );
    assert_eq!(
        id_of(&site, later.attendance.present[0].name.person),
        Some("peter-feacey")
    );
    // Several candidates, or none: shown as written.
    assert_eq!(later.attendance.present[2].name.person, None);
    assert_eq!(later.attendance.present[3].name.person, None);
}

#[test]
fn unmatched_names_warn_at_their_line_with_the_nearest_names() {
    let f = site();
    let found: Vec<Diagnostic> = warnings(&f)
        .into_iter()
        .filter(|d| matches!(d.code, Code::AmbiguousPerson | Code::UnknownPerson))
        .collect();
    let file = std::path::Path::new("content/2025-06-16/_meeting.md");
    assert_eq!(found.len(), 2, "{found:#?}");
    let ambiguous = &found[0];
    assert_eq!(ambiguous.code, Code::AmbiguousPerson);
    assert_eq!(
        (ambiguous.location.file.as_path(), ambiguous.location.line),
        (file, Some(8))
    );
    assert!(
        ambiguous.message.contains("Alan Brown or Alice Brown"),
        "{}",
        ambiguous.message
    );
    let unknown = &found[1];
    assert_eq!(unknown.code, Code::UnknownPerson);
    assert_eq!(unknown.location.line, Some(9));
    assert!(!unknown.is_error());
    let help = unknown.help.as_deref().unwrap();
    assert!(help.starts_with("did you mean Tristan Osborne?"), "{help}");
    // `check` reports them too.
    let checked = panelpress::check(f.root()).expect("check");
    let codes: Vec<Code> = checked.warnings.iter().map(|d| d.code).collect();
    assert!(codes.contains(&Code::UnknownPerson) && codes.contains(&Code::AmbiguousPerson));
}

#[test]
fn without_a_people_folder_names_stay_as_written_and_nothing_warns() {
    let f = Fixture::new();
    meetings(&f);
    let warned: Vec<Diagnostic> = warnings(&f)
        .into_iter()
        .filter(|d| matches!(d.code, Code::AmbiguousPerson | Code::UnknownPerson))
        .collect();
    assert!(warned.is_empty(), "{warned:#?}");
    let site = model(&f);
    assert!(!site.has_people && site.people.is_empty() && site.memberships.is_empty());
    let m = &site.meetings[at(&site, "2024-06-10")];
    assert!(m.roll.is_empty());
    assert!(m.attendance.present.iter().all(|a| a.name.person.is_none()));
    // The notes in parentheses are still read.
    assert_eq!(m.attendance.present[0].name.written, "Cllr P Feacey");
    assert_eq!(m.attendance.present[0].role.as_deref(), Some("Chair"));
}

#[test]
fn an_empty_people_folder_is_people_none_of_whom_match() {
    let f = Fixture::new();
    meetings(&f);
    std::fs::create_dir_all(f.root().join("people")).unwrap();
    let site = model(&f);
    assert!(site.has_people && site.people.is_empty());
    let unknown = warnings(&f)
        .iter()
        .filter(|d| d.code == Code::UnknownPerson)
        .count();
    // Every name but those in_attendance, substitutes' too: 8 + 4 + 1 + 1 + 4 + 5 + 1.
    assert_eq!(unknown, 24);
}

#[test]
fn rolls_list_every_member_on_the_date_chair_first() {
    let f = site();
    let site = model(&f);
    let m = &site.meetings[at(&site, "2024-06-10")];
    let roll: Vec<(&str, Presence)> = m
        .roll
        .iter()
        .map(|r| {
            let p = site.memberships[r.membership].person;
            (site.people[p].id.as_str(), r.presence)
        })
        .collect();
    assert_eq!(
        roll,
        [
            ("peter-feacey", Presence::Attended),
            ("alan-brown", Presence::Absent),
            ("alice-brown", Presence::Absent),
            ("jenny-hollingsbee", Presence::Attended),
            ("robert-jones", Presence::Attended),
            ("ann-meade", Presence::Attended),
            ("mary-oneill", Presence::Attended),
            ("sam-smith-jones", Presence::Substituted { by: 5 }),
        ]
    );
    // Two overlapping seats make one entry: the latest appointment, Vice-Chair.
    let later = &site.meetings[at(&site, "2025-06-16")];
    let first = &site.memberships[later.roll[0].membership];
    assert_eq!(
        (site.people[first.person].id.as_str(), first.role.as_str()),
        ("jenny-hollingsbee", "Vice-Chair")
    );
    let jennys = later
        .roll
        .iter()
        .filter(|r| site.memberships[r.membership].person == who(&site, "jenny-hollingsbee"))
        .count();
    assert_eq!(jennys, 1);
    // Scheduled, cancelled and unrecorded meetings have no roll.
    for id in ["2024-09-09", "2024-11-11", "2025-10-20"] {
        assert!(site.meetings[at(&site, id)].roll.is_empty(), "{id}");
    }
}

#[test]
fn statistics_across_two_years_and_a_change_of_seat() {
    let f = site();
    let site = model(&f);
    let jenny = &site.people[who(&site, "jenny-hollingsbee")];
    assert_eq!(jenny.memberships.len(), 2);
    let body = |name: &str| site.bodies.iter().position(|b| b.name == name).unwrap();
    let panel = jenny.record.iter().find(|r| r.body == body(PANEL)).unwrap();
    let counts = (
        panel.counts.expected,
        panel.counts.attended,
        panel.counts.as_substitute,
        panel.counts.apologies,
        panel.counts.substituted,
        panel.counts.absent,
    );
    assert_eq!(counts, (4, 1, 0, 1, 1, 1));
    let dates: Vec<(String, Presence)> = panel
        .meetings
        .iter()
        .map(|&(m, p)| (site.meetings[m].date.to_string(), p))
        .collect();
    assert_eq!(
        dates,
        [
            ("2024-06-10".to_string(), Presence::Attended),
            ("2025-03-10".to_string(), Presence::Substituted { by: 1 }),
            ("2025-06-16".to_string(), Presence::Apologies),
            ("2025-09-15".to_string(), Presence::Absent),
        ]
    );
    let scrutiny = jenny
        .record
        .iter()
        .find(|r| r.body == body(SCRUTINY))
        .unwrap();
    assert_eq!(
        (scrutiny.counts.expected, scrutiny.counts.as_substitute),
        (0, 1)
    );
    assert_eq!(scrutiny.meetings[0].1, Presence::AsSubstitute { entry: 2 });

    // Chair in the first year, member in the second: one record across both.
    let peter = &site.people[who(&site, "peter-feacey")];
    let r = &peter.record[0];
    assert_eq!(
        (peter.record.len(), r.counts.expected, r.counts.attended),
        (1, 4, 4)
    );
    // Ann sat only in the first year: the meetings after it do not expect her.
    let ann = &site.people[who(&site, "ann-meade")];
    let r = &ann.record[0];
    assert_eq!(
        (r.counts.expected, r.counts.attended, r.counts.absent),
        (2, 1, 1)
    );
    // A substitute on the panel, a member of the scrutiny committee.
    let hill = &site.people[who(&site, "peter-hill")];
    let hill_panel = hill.record.iter().find(|r| r.body == body(PANEL)).unwrap();
    assert_eq!(
        (hill_panel.counts.expected, hill_panel.counts.as_substitute),
        (0, 2)
    );
    let tristan = &site.people[who(&site, "tristan-osborne")];
    assert_eq!(tristan.record[0].counts.substituted, 1);
}

fn minutes(f: &Fixture, name: &str, front: &str) {
    f.write(
        &format!("content/2024-06-10/{name}.md"),
        &format!("---\ntitle: Minutes\ndate: 2024-06-20\nminutes_of: 2024-06-10\n{front}---\nThe minutes.\n"),
    );
}

#[test]
fn declarations_come_from_the_meeting_file_and_its_public_minutes_only() {
    let f = site();
    let front = std::fs::read_to_string(f.root().join("content/2024-06-10/_meeting.md")).unwrap();
    let front = front.replacen(
        "agenda:",
        "declarations:\n  - name: Cllr M O'Neill\n    item: 5\n    interest: Owns a shop on the high street\n    kind: disclosable-pecuniary\n    withdrew: true\nagenda:",
        1,
    );
    f.write("content/2024-06-10/_meeting.md", &front);
    minutes(
        &f,
        "minutes",
        "declarations:\n  - name: Mr Meade\n    interest: Member of the parish council\n    kind: Other Registrable\n  - name: Cllr P Feacey\n    item: 12\n    interest: Governor of a school\n",
    );
    minutes(
        &f,
        "exempt-minutes",
        "exempt: Paragraph 3\ndeclarations:\n  - name: Mrs J Hollingsbee\n    interest: A confidential contract\n",
    );
    let site = model(&f);
    let m = at(&site, "2024-06-10");
    let declared: Vec<(&str, Option<&str>, InterestKind, bool)> = site.meetings[m]
        .declarations
        .iter()
        .map(|d| {
            (
                d.interest.as_str(),
                d.item_anchor.as_deref(),
                d.kind,
                d.withdrew,
            )
        })
        .collect();
    assert_eq!(
        declared,
        [
            (
                "Owns a shop on the high street",
                Some("item-5"),
                InterestKind::DisclosablePecuniary,
                true
            ),
            (
                "Member of the parish council",
                None,
                InterestKind::OtherRegistrable,
                false
            ),
            ("Governor of a school", None, InterestKind::Other, false),
        ]
    );
    let d = &site.meetings[m].declarations;
    assert_eq!(d[0].recorded_in, None);
    let minutes_paper = d[1].recorded_in.map(|p| site.papers[p].id.as_str());
    assert_eq!(minutes_paper, Some("2024-06-10/minutes"));
    assert_eq!(d[2].item.as_deref(), Some("12"));
    // Each person's declarations point back at the meeting.
    let mary = &site.people[who(&site, "mary-oneill")];
    assert_eq!(mary.declarations.len(), 1);
    assert_eq!(
        (mary.declarations[0].meeting, mary.declarations[0].index),
        (m, 0)
    );
    // Nothing of the exempt minutes: no declaration of Jenny's anywhere.
    let jenny = &site.people[who(&site, "jenny-hollingsbee")];
    assert!(jenny.declarations.is_empty());
    assert!(
        site.meetings
            .iter()
            .flat_map(|m| &m.declarations)
            .all(|d| !d.interest.contains("confidential"))
    );
    // An item not on the agenda is a warning at the item's line, not an error.
    let off_agenda: Vec<Diagnostic> = warnings(&f)
        .into_iter()
        .filter(|d| d.code == Code::DeclarationItemNotOnAgenda)
        .collect();
    assert_eq!(off_agenda.len(), 1, "{off_agenda:#?}");
    assert_eq!(
        off_agenda[0].location.file,
        std::path::Path::new("content/2024-06-10/minutes.md")
    );
    assert_eq!(off_agenda[0].location.line, Some(10));
}

#[test]
fn votes_and_decision_records_are_read_and_named_votes_matched() {
    let f = site();
    minutes(
        &f,
        "minutes",
        "decisions:\n  - ref: D1\n    item: 5\n    text: The budget was approved.\n    vote:\n      for:\n        - Cllr P Feacey\n        - Mrs J Hollingsbee\n        - Cllr Q Nobody\n      against: [Cllr Smith-Jones]\n      abstain: 2\n      result: carried\n    reasons: The plan is affordable.\n    alternatives:\n      - Delay a year\n      - Cut the service\n    conflicts: None declared\n    key_decision: true\n    call_in:\n      until: 2024-06-27\n      called_in: true\n      outcome: Referred back to the panel\n    effective: 2024-07-15\n  - ref: D2\n    text: A tie, lost.\n    vote:\n      for: 3\n      against: 5\n      result: carried\n",
    );
    minutes(
        &f,
        "exempt-minutes",
        "exempt: Paragraph 3\ndecisions:\n  - ref: X1\n    text: The contract was let.\n    vote:\n      for: [Mrs J Hollingsbee]\n",
    );
    let site = model(&f);
    assert_eq!(site.decisions.len(), 2);
    let d = &site.decisions[0];
    let vote = d.vote.as_ref().unwrap();
    assert_eq!(
        (vote.for_.count, vote.against.count, vote.abstain.count),
        (3, 1, 2)
    );
    assert_eq!(vote.result, Some(VoteResult::Carried));
    let for_ids: Vec<Option<&str>> = vote
        .for_
        .names
        .iter()
        .map(|n| id_of(&site, n.person))
        .collect();
    assert_eq!(
        for_ids,
        [Some("peter-feacey"), Some("jenny-hollingsbee"), None]
    );
    let record = &d.record;
    assert_eq!(record.reasons, ["The plan is affordable."]);
    assert_eq!(record.alternatives, ["Delay a year", "Cut the service"]);
    assert_eq!(record.conflicts, ["None declared"]);
    assert!(record.key_decision);
    let call_in = record.call_in.as_ref().unwrap();
    assert!(call_in.called_in);
    assert_eq!(
        call_in.outcome.as_deref(),
        Some("Referred back to the panel")
    );
    assert_eq!(
        call_in.until.map(|d| d.to_string()).as_deref(),
        Some("2024-06-27")
    );
    assert_eq!(
        record.effective.map(|d| d.to_string()).as_deref(),
        Some("2024-07-15")
    );
    // Each person's named votes; nothing from the exempt minutes.
    let jenny = &site.people[who(&site, "jenny-hollingsbee")];
    assert_eq!(jenny.votes.len(), 1);
    assert_eq!(jenny.votes[0].side, VoteSide::For);
    assert_eq!(
        site.decisions[jenny.votes[0].decision].reference.as_deref(),
        Some("D1")
    );
    let sam = &site.people[who(&site, "sam-smith-jones")];
    assert_eq!(sam.votes[0].side, VoteSide::Against);
    assert!(
        site.decisions
            .iter()
            .all(|d| d.reference.as_deref() != Some("X1"))
    );

    let found = warnings(&f);
    let unknown: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.code == Code::UnknownPerson && d.location.file.ends_with("minutes.md"))
        .collect();
    // The name's own line in the list.
    assert_eq!(unknown.len(), 1);
    assert_eq!(unknown[0].location.line, Some(13));
    let contradicted: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.code == Code::VoteResultContradicted)
        .collect();
    assert_eq!(contradicted.len(), 1);
    assert_eq!(contradicted[0].location.line, Some(33));
    assert!(!contradicted[0].is_error());
}

fn assert_error(d: &Diagnostic, file: &str, line: usize, message: &str, help: &str) {
    assert_eq!(d.location.file, std::path::Path::new(file), "{d}");
    assert_eq!(d.location.line, Some(line), "{d}");
    assert!(d.message.contains(message), "{d}");
    assert!(d.help.as_deref().unwrap_or("").contains(help), "{d}");
}

#[test]
fn bad_people_files_are_errors_at_their_line() {
    let f = Fixture::new();
    meeting(&f, "2024-06-10", "date: 2024-06-10\n");
    f.write(
        "people/ann.md",
        "---\nname: Ann\npartie: Green\nmemberships:\n  - body: Testshire Panel\n    from: 2025-01-01\n    to: 2024-01-01\n  - bdy: x\n---\n",
    );
    f.write(
        "people/bea.md",
        "---\nname: Bea\nmemberships:\n  - body: Testshire Panel\n  - body: Testshire Pannel\n    role: Chair\n---\n",
    );
    f.write("people/pcc/bea.md", "---\nname: Another Bea\n---\n");
    f.write("people/nameless.md", "---\nparty: Green\n---\n");
    f.write("people/Bad Name.md", "---\nname: Bad\n---\n");
    f.write(
        "people/pic.md",
        "---\nname: Pic\nimage: ../content/secret.jpg\n---\n",
    );
    let found = errors(&f);
    let find = |file: &str, line: Option<usize>| {
        found
            .iter()
            .find(|d| d.location.file == std::path::Path::new(file) && d.location.line == line)
            .unwrap_or_else(|| panic!("no error at {file}:{line:?} in {found:#?}"))
    };
    let d = find("people/ann.md", Some(3));
    assert!(d.message.contains("unknown field `partie`"));
    assert_eq!(d.help.as_deref(), Some("did you mean `party`?"));
    assert_error(
        find("people/ann.md", Some(7)),
        "people/ann.md",
        7,
        "ends",
        "`from` is the first day",
    );
    assert!(
        find("people/ann.md", Some(8))
            .message
            .contains("unknown field `bdy`")
    );
    // A person's file that loads, naming a body no meeting has.
    assert_error(
        find("people/bea.md", Some(5)),
        "people/bea.md",
        5,
        "unknown body `Testshire Pannel`",
        "did you mean `Testshire Panel`?",
    );
    assert!(
        find("people/nameless.md", Some(1))
            .message
            .contains("missing required field `name`")
    );
    let bad = find("people/Bad Name.md", None);
    assert_eq!(bad.help.as_deref(), Some("rename the file `bad-name.md`"));
    assert!(
        find("people/pcc/bea.md", None)
            .message
            .contains("already used by people/bea.md")
    );
    assert!(
        find("people/pic.md", Some(3))
            .message
            .contains("image `../content/secret.jpg` is outside people/")
    );
}

#[test]
fn bad_record_fields_are_errors_at_their_line() {
    let f = Fixture::new();
    meeting(
        &f,
        "2024-06-10",
        "date: 2024-06-10\nattendance:\n  present:\n    - Cllr A\n    - name: Cllr B\n      virtul: true\n    - substitute_for: Cllr C\n    - [nested]\ndeclarations:\n  - name: Cllr A\n    kind: pecuniary\n  - interest: No name\n",
    );
    f.write(
        "content/2024-06-10/minutes.md",
        "---\ntitle: Minutes\ndate: 2024-06-20\nminutes_of: 2024-06-10\ndecisions:\n  - text: Agreed\n    vote:\n      for: -2\n      against: 2.5\n      result: passed\n    key_decision: yes\n    call_in:\n      until: next week\n    effective: soon\n    reason: Because\n---\n",
    );
    let found = errors(&f);
    let at = |file: &str, line: usize| -> Vec<&Diagnostic> {
        found
            .iter()
            .filter(|d| d.location.file.ends_with(file) && d.location.line == Some(line))
            .collect()
    };
    let one = |file: &str, line: usize, text: &str| {
        let here = at(file, line);
        assert!(
            here.iter().any(|d| d.message.contains(text)),
            "no error containing {text:?} at {file}:{line} in {found:#?}"
        );
    };
    one("_meeting.md", 7, "unknown field `virtul`");
    one("_meeting.md", 8, "missing required field `name`");
    one("_meeting.md", 9, "an attendance entry must be a name");
    one("_meeting.md", 12, "unknown kind of interest `pecuniary`");
    one("_meeting.md", 13, "missing required field `name`");
    let kind = at("_meeting.md", 12)[0];
    assert!(
        kind.help
            .as_deref()
            .unwrap()
            .contains("disclosable-pecuniary, other-registrable, non-registrable, other")
    );
    one(
        "minutes.md",
        8,
        "`for` must be a number of votes or a list of names, not `-2`",
    );
    one(
        "minutes.md",
        9,
        "`against` must be a number of votes or a list of names",
    );
    one("minutes.md", 10, "unknown result `passed`");
    one("minutes.md", 11, "`key_decision` must be true or false");
    one("minutes.md", 13, "`until` is not a valid date");
    one("minutes.md", 14, "`effective` is not a valid date");
    one("minutes.md", 15, "unknown field `reason`");
}

#[test]
fn a_person_s_image_and_text_are_read() {
    let f = site();
    f.write_bytes("people/photos/Ann Meade.JPG", b"\xff\xd8 a picture");
    f.write(
        "people/ann-meade.md",
        "---\nname: Ann Meade\nimage: photos/Ann Meade.JPG\nparty: Green\n---\nAnn farms near Eastbridge.\n",
    );
    let site = model(&f);
    let ann = &site.people[who(&site, "ann-meade")];
    let image = ann.image.as_ref().unwrap();
    assert_eq!(image.name, "ann-meade.jpg");
    assert_eq!(image.bytes.as_slice(), b"\xff\xd8 a picture");
    assert_eq!(ann.path, "people/ann-meade");
    assert_eq!(ann.party.as_deref(), Some("Green"));
    assert!(ann.text.markdown.contains("farms near Eastbridge"));
    // Sorted by id; memberships by person, then start.
    let ids: Vec<&str> = site.people.iter().map(|p| p.id.as_str()).collect();
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    assert!(
        site.memberships
            .windows(2)
            .all(|w| (w[0].person, w[0].from) <= (w[1].person, w[1].from))
    );
}

#[test]
fn a_change_under_people_is_rebuilt_by_serve() {
    let f = site();
    let (mut session, first) = panelpress::serve::session::Session::new(f.root());
    assert!(first.errors.is_none(), "{first}");
    let path = f.root().join("people/ann-meade.md");
    std::fs::write(&path, "---\nnam: Ann Meade\n---\n").unwrap();
    let path = std::fs::canonicalize(&path).unwrap();
    let report = session
        .update(std::slice::from_ref(&path))
        .expect("a change");
    let errs = report.errors.expect("the broken person file is an error");
    assert!(
        errs.0
            .iter()
            .any(|d| d.location.file.ends_with("people/ann-meade.md"))
    );
    std::fs::write(&path, "---\nname: Ann Meade\n---\n").unwrap();
    let report = session.update(&[path]).expect("a change");
    assert!(report.errors.is_none(), "{report}");
}

/// Thousands of names: each problem is found at its own line (lines are indexed once per
/// list, not searched for each entry), and every unmatched name is warned about once.
#[test]
fn every_entry_of_a_long_attendance_is_reported_at_its_line() {
    let n = 3_000;
    let f = Fixture::new();
    f.write(
        "people/ann-meade.md",
        &person("Ann Meade", &member(PANEL, "", "", "")),
    );
    let mut front = String::from("date: 2024-06-10\nattendance:\n  present:\n");
    for i in 0..n {
        front += &format!("    - name: Cllr X Person{i}\n      virtul: true\n");
    }
    meeting(&f, "2024-06-10", &front);
    let errors = panelpress::check(f.root()).expect_err("unknown fields");
    // Entry i starts on line 5 + 2i: `- name:`, then `virtul:`.
    for i in [0, 1, n / 2, n - 1] {
        let line = 5 + 2 * i + 1;
        assert!(
            errors
                .0
                .iter()
                .any(|d| d.location.line == Some(line)
                    && d.message.contains("unknown field `virtul`")),
            "entry {i}"
        );
    }
    assert_eq!(errors.0.iter().filter(|d| d.is_error()).count(), n);

    let mut front = String::from("date: 2024-06-10\nattendance:\n  present:\n");
    for i in 0..n {
        front += &format!("    - Cllr X Person{i} (Substitute for Ms Meade)\n");
    }
    meeting(&f, "2024-06-10", &front);
    let found = warnings(&f);
    let unknown: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.code == Code::UnknownPerson)
        .collect();
    assert_eq!(unknown.len(), n);
    assert_eq!(unknown[n - 1].location.line, Some(5 + n - 1));
    let site = model(&f);
    let ann = &site.people[0];
    // Substituted once, by the first of the many who stood in for her.
    assert_eq!(
        site.meetings[0].roll[0].presence,
        Presence::Substituted { by: 0 }
    );
    assert_eq!(ann.record[0].counts.substituted, 1);
}

/// Names as messy as converted minutes make them, and values of every wrong shape.
fn messy_name() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    prop_oneof![
        Just("Cllr P Feacey (Chair)".to_string()),
        Just("Mr P M Hill, OBE (Chairman)".to_string()),
        Just("(Substitute for (Cllr".to_string()),
        Just("Cllr ((((((((x".to_string()),
        Just("))))(((( ".to_string()),
        Just(", , ,".to_string()),
        Just("Cllr Mrs".to_string()),
        Just("’’’--''".to_string()),
        Just(format!("Cllr {}", "A ".repeat(2_000))),
        Just("{name: x, virtual: maybe}".to_string()),
        Just("[a, [b]]".to_string()),
        Just("7".to_string()),
        "[ -~]{0,30}",
        "\\PC{0,15}",
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, failure_persistence: None, ..Default::default() })]

    /// The model is built, or every problem names its file and line; never a panic; and
    /// the same files give the same warnings.
    #[test]
    fn messy_names_never_panic(names in proptest::collection::vec(messy_name(), 1..8)) {
        let f = Fixture::new();
        let list: String = names.iter().map(|n| format!("    - {n}\n")).collect();
        f.write("people/a.md", &format!("---\nname: {}\naliases:\n{list}memberships:\n  - body: {PANEL}\n---\n", names[0]));
        meeting(&f, "2024-06-10", &format!(
            "date: 2024-06-10\nattendance:\n  present:\n{list}  apologies:\n{list}declarations:\n  - name: {}\n    item: {}\n",
            names[0],
            names.last().unwrap(),
        ));
        f.write("content/2024-06-10/minutes.md", &format!(
            "---\ntitle: Minutes\ndate: 2024-06-10\nminutes_of: 2024-06-10\ndecisions:\n  - text: Agreed\n    vote:\n      for:\n{list}      against: {}\n---\n",
            names[0],
        ));
        let first = panelpress::check(f.root());
        match &first {
            Ok(summary) => {
                for d in &summary.warnings {
                    proptest::prop_assert!(d.location.line.is_some(), "no line: {d}");
                }
            }
            Err(errors) => {
                for d in &errors.0 {
                    proptest::prop_assert!(d.location.line.is_some() || d.location.file.starts_with("people"), "no line: {d}");
                }
            }
        }
        let again = panelpress::check(f.root());
        let problems = |r: &Result<panelpress::Summary, panelpress::Errors>| match r {
            Ok(s) => s.warnings.clone(),
            Err(e) => e.0.clone(),
        };
        proptest::prop_assert_eq!(problems(&first), problems(&again));
    }
}

#[test]
fn drafts_left_out_count_for_nothing() {
    let f = site();
    meeting(
        &f,
        "2025-01-13",
        "date: 2025-01-13\ndraft: true\nstatus: held\nattendance:\n  present: [Mrs J Hollingsbee]\ndeclarations:\n  - name: Mrs J Hollingsbee\n    interest: A draft interest\n",
    );
    minutes(
        &f,
        "minutes",
        "draft: true\ndeclarations:\n  - name: Mrs J Hollingsbee\n    interest: Another draft interest\ndecisions:\n  - text: Agreed\n    vote:\n      for: [Mrs J Hollingsbee]\n",
    );
    let site = model(&f);
    let jenny = &site.people[who(&site, "jenny-hollingsbee")];
    assert_eq!(jenny.record[0].counts.expected, 4);
    assert!(jenny.declarations.is_empty() && jenny.votes.is_empty());
    // With drafts, the same files count.
    let mut config = Config::load(f.root()).unwrap();
    config.publication.drafts = true;
    let loaded = load_content(f.root(), Limits::of(&config));
    let preview = build_model(config, loaded).expect("model with drafts");
    let jenny = &preview.people[who(&preview, "jenny-hollingsbee")];
    assert_eq!(jenny.record[0].counts.expected, 5);
    assert_eq!((jenny.declarations.len(), jenny.votes.len()), (2, 1));
}

#[test]
fn a_line_copied_whole_from_the_minutes_is_several_names() {
    let f = site();
    meeting(
        &f,
        "2024-06-10",
        "date: 2024-06-10\nattendance:\n  present: Cllr P Feacey (Chairman), Mrs J Hollingsbee, Sir Robert Jones, OBE, Cllr P M Hill (Substitute for Cllr Smith-Jones) and Mr Meade\n",
    );
    let site = model(&f);
    let m = &site.meetings[at(&site, "2024-06-10")];
    let ids: Vec<Option<&str>> = m
        .attendance
        .present
        .iter()
        .map(|a| id_of(&site, a.name.person))
        .collect();
    assert_eq!(
        ids,
        [
            Some("peter-feacey"),
            Some("jenny-hollingsbee"),
            Some("robert-jones"),
            Some("peter-hill"),
            Some("ann-meade")
        ]
    );
    let smith_jones = m
        .roll
        .iter()
        .find(|r| site.memberships[r.membership].person == who(&site, "sam-smith-jones"))
        .unwrap();
    assert_eq!(smith_jones.presence, Presence::Substituted { by: 3 });
}

#[test]
fn a_broken_person_file_brings_no_warnings_about_their_name() {
    let f = site();
    f.write("people/ann-meade.md", "---\nnam: Ann Meade\n---\n");
    let errs = match f.build() {
        Ok(_) => panic!("should fail"),
        Err(e) => e.0,
    };
    assert!(
        errs.iter()
            .any(|d| d.is_error() && d.location.file.ends_with("people/ann-meade.md"))
    );
    assert!(
        errs.iter()
            .all(|d| d.code != Code::UnknownPerson && d.code != Code::AmbiguousPerson),
        "{errs:#?}"
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_in_people_is_not_followed() {
    let f = site();
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(
        outside.path().join("x.md"),
        "---\nname: Someone Else\n---\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(outside.path().join("x.md"), f.root().join("people/x.md")).unwrap();
    let found = warnings(&f);
    let link = found
        .iter()
        .find(|d| d.code == Code::SymlinkNotFollowed)
        .expect("a warning for the link");
    assert_eq!(link.location.file, std::path::Path::new("people/x.md"));
    assert!(link.help.as_deref().unwrap().contains("into people/"));
    assert!(model(&f).people.iter().all(|p| p.id != "x"));
}

#[test]
fn links_in_a_person_s_text_are_checked_and_resolved_from_content() {
    let f = Fixture::new();
    f.write("site.toml", common::SITE_TOML);
    meeting(&f, "2024-06-10", "date: 2024-06-10\n");
    f.write(
        "content/2024-06-10/b1-budget.md",
        &common::paper(
            "title: Budget\ndate: 2024-06-01\nitem: B1",
            "1. First.\n2. Second.",
        ),
    );
    let good =
        "See [the budget](@/2024-06-10/b1-budget#p2) and [its page](2024-06-10/b1-budget.md).\n";
    f.write(
        "people/ann-lee.md",
        &format!("---\nname: Ann Lee\n---\n{good}"),
    );
    f.build_ok();
    let page = f.page("people/ann-lee/index.html");
    let hrefs = common::attrs(&page, "main a[href*='b1-budget']", "href");
    assert_eq!(
        hrefs,
        [
            "../../papers/2024-06-10/b1-budget/index.html#p2",
            "../../papers/2024-06-10/b1-budget/index.html"
        ]
    );
    assert!(common::broken_links(&f.output()).is_empty());

    f.write(
        "people/ann-lee.md",
        "---\nname: Ann Lee\n---\nIntro.\n\nSee [a report](@/2024-06-10/b9-nothing), [a paragraph](@/2024-06-10/b1-budget#p7)\nand [the budget](../content/2024-06-10/b1-budget.md).\n",
    );
    for run in [
        f.build().map(|_| ()),
        panelpress::check(f.root()).map(|_| ()),
    ] {
        let errors = run.expect_err("broken links are errors").0;
        let errors: Vec<&Diagnostic> = errors.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert_error(errors[0], "people/ann-lee.md", 6, "unknown paper", "");
        assert_eq!(errors[0].code, Code::LinkUnknownPaper);
        assert_error(errors[1], "people/ann-lee.md", 6, "#p7", "");
        assert_error(
            errors[2],
            "people/ann-lee.md",
            7,
            "unknown paper",
            "content/",
        );
    }
}
