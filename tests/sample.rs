//! The sample archive in `content/`: it builds, every link and anchor in it resolves, the
//! exempt paper stays out, and it shows each feature the archive offers.

mod common;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use common::{attrs, page, project_root, sel, snapshot, texts};
use tempfile::TempDir;

/// The sample, built once for all tests here into a temp folder.
fn built() -> &'static Path {
    static OUT: OnceLock<(TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        panelpress::build(&project_root(), Some(&site)).unwrap_or_else(|e| panic!("{e}"));
        (dir, site)
    })
    .1
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let broken = common::broken_links(built());
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn the_exempt_paper_reaches_no_output_file() {
    let source = std::fs::read_to_string(
        project_root().join("content/2024/2024-11-19/g1-victim-care-hub-contract-award.md"),
    )
    .unwrap();
    assert!(
        source.contains("EXEMPT-SAMPLE-MARKER"),
        "the sample's exempt paper carries the marker"
    );
    for (path, bytes) in snapshot(built()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("EXEMPT-SAMPLE-MARKER"),
            "{path} leaks the exempt paper"
        );
    }
    let meeting = page(built(), "meetings/2024-11-19/index.html");
    assert_eq!(texts(&meeting, ".agenda-item.is-exempt .item-no"), ["G1"]);
}

#[test]
fn the_sample_shows_every_feature() {
    let out = built();
    let meetings = page(out, "meetings/index.html");
    let bodies = texts(&meetings, "main h2");
    assert_eq!(bodies.len(), 2, "two bodies: {bodies:?}");
    assert!(meetings.select(&sel("main li a")).count() >= 4);
    let years = texts(&meetings, "main h3");
    assert!(years.contains(&"2024".to_string()) && years.contains(&"2025".to_string()));

    let implicit = page(out, "meetings/2025-10-14/index.html");
    assert!(
        implicit.select(&sel(".agenda-item a.item-title")).count() >= 2,
        "a meeting known only by its date"
    );

    let series = page(
        out,
        "papers/2024/2024-07-16/b1-neighbourhood-policing-update/index.html",
    );
    assert_eq!(series.select(&sel(".series-list li")).count(), 3);

    let papers_with_outcome = snapshot(out)
        .keys()
        .filter(|p| p.starts_with("papers/"))
        .filter(|p| {
            page(out, p)
                .select(&sel(".outcome .outcome-decision"))
                .next()
                .is_some()
        })
        .count();
    assert!(
        papers_with_outcome >= 5,
        "minutes give outcomes to earlier papers: {papers_with_outcome}"
    );

    let decision = page(
        out,
        "papers/2024/2024-07-16/c1-decision-victim-care-hub-procurement/index.html",
    );
    assert_eq!(
        texts(&decision, "#decisions ~ .decision .ref"),
        ["NPCC/D/021/24"]
    );

    let programme = page(
        out,
        "papers/2024/2024-07-16/e2-work-programme-2024-25/index.html",
    );
    assert!(programme.select(&sel(".prose table tbody tr")).count() >= 3);

    let csv = page(
        out,
        "papers/2024/2024-07-16/b2-performance-quarter-4/index.html",
    );
    assert!(
        csv.select(&sel("pre.code[data-lang=csv] .hl-constant"))
            .count()
            > 5
    );

    let register = page(out, "decisions/index.html");
    assert!(register.select(&sel("tbody tr")).count() >= 20);
    let home = page(out, "index.html");
    let next = texts(&home, ".next-meeting");
    assert!(
        next.iter().any(|c| c.contains("8 December 2026")),
        "next meeting: {next:?}"
    );
}

#[test]
fn paragraph_links_in_minutes_stay_unique() {
    let out = built();
    for (path, _) in snapshot(out).iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = page(out, path);
        let mut ids = attrs(&html, "[id]", "id");
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{path} repeats an id");
    }
    let minutes = page(
        out,
        "papers/2024/2024-11-19/04-minutes-2024-07-16/index.html",
    );
    let ids = attrs(&minutes, "ol.paras > li", "id");
    assert!(ids.contains(&"p1".to_string()));
    assert!(
        ids.iter().filter(|id| id.ends_with("-p1")).count() >= 2,
        "restarted numbering is qualified: {ids:?}"
    );
}

#[test]
fn sample_builds_are_byte_identical() {
    let dir = tempfile::tempdir().unwrap();
    panelpress::build(&project_root(), Some(&dir.path().join("again"))).unwrap();
    assert_eq!(snapshot(built()), snapshot(&dir.path().join("again")));
}

/// The sample's model, with its people: what the pages and data are made from.
fn model() -> &'static panelpress::internals::Site {
    use panelpress::internals::{Config, Limits, build_model, load_content};
    static SITE: OnceLock<panelpress::internals::Site> = OnceLock::new();
    SITE.get_or_init(|| {
        let root = project_root();
        let config = Config::load(&root).unwrap();
        let loaded = load_content(&root, Limits::of(&config));
        build_model(config, loaded).unwrap_or_else(|e| panic!("{e:?}"))
    })
}

fn person(id: &str) -> usize {
    let site = model();
    site.people
        .iter()
        .position(|p| p.id == id)
        .unwrap_or_else(|| panic!("no person `{id}`"))
}

fn meeting_on(date: &str) -> usize {
    let site = model();
    site.meetings
        .iter()
        .position(|m| m.date.to_string() == date && site.bodies[m.body].name.ends_with("Panel"))
        .unwrap_or_else(|| panic!("no Panel meeting on {date}"))
}

#[test]
fn every_name_in_the_samples_record_is_matched_to_a_person() {
    let site = model();
    assert!(site.has_people);
    let mut names = 0;
    for m in &site.meetings {
        let a = &m.attendance;
        for entry in a.present.iter().chain(&a.apologies).chain(&a.in_attendance) {
            assert!(
                entry.name.person.is_some(),
                "{} unmatched",
                entry.name.written
            );
            names += 1;
        }
        for d in &m.declarations {
            assert!(d.name.person.is_some(), "{} unmatched", d.name.written);
        }
    }
    assert!(names > 60, "{names} names");
    for d in &site.decisions {
        if let Some(v) = &d.vote {
            for n in v.for_.names.iter().chain(&v.against.names) {
                assert!(n.person.is_some(), "{} unmatched", n.written);
            }
        }
    }
}

#[test]
fn the_samples_memberships_change_between_municipal_years() {
    let site = model();
    // On the roll: the members whose seats cover the meeting's date.
    let roll = |date: &str| -> Vec<String> {
        let m = &site.meetings[meeting_on(date)];
        m.roll
            .iter()
            .map(|r| {
                site.people[site.memberships[r.membership].person]
                    .id
                    .clone()
            })
            .collect()
    };
    let before = roll("2025-02-04");
    let after = roll("2025-06-24");
    for left in ["maureen-tillotson", "gareth-lumsden"] {
        assert!(before.contains(&left.to_string()) && !after.contains(&left.to_string()));
    }
    for joined in ["henry-castellan", "olwen-bracegirdle"] {
        assert!(!before.contains(&joined.to_string()) && after.contains(&joined.to_string()));
    }
    // A substitute holds no seat: he is never expected, only present for someone.
    assert!(!roll("2024-02-06").contains(&"peter-wragby".to_string()));
    assert_eq!(before.len(), after.len(), "{before:?} {after:?}");
    // The Vice-Chair changed in June 2025, and a co-opted member's council in May 2025.
    let roles = |id: &str| -> Vec<(String, Option<String>)> {
        site.people[person(id)]
            .memberships
            .iter()
            .map(|&k| {
                let m = &site.memberships[k];
                (m.role.clone(), m.on_behalf_of.clone())
            })
            .collect()
    };
    assert!(
        roles("desmond-okafor")
            .iter()
            .any(|(r, _)| r == "Vice-Chair")
    );
    assert!(
        roles("lorna-whitcombe")
            .iter()
            .any(|(r, _)| r == "Vice-Chair")
    );
    let councils: Vec<Option<String>> = roles("sian-ferriday").into_iter().map(|r| r.1).collect();
    assert_eq!(councils.len(), 2);
    assert_ne!(councils[0], councils[1]);
}

#[test]
fn the_samples_attendance_counts_each_kind_of_presence() {
    let site = model();
    let panel = |id: &str| {
        let p = &site.people[person(id)];
        p.record
            .iter()
            .find(|r| site.bodies[r.body].name == "Northshire Police and Crime Panel")
            .unwrap_or_else(|| panic!("{id} has no Panel record"))
            .clone()
    };
    // Five held Panel meetings have attendance: the cancelled, scheduled and
    // unrecorded ones do not count.
    let chair = panel("asha-kerrigan");
    assert_eq!((chair.counts.expected, chair.counts.attended), (5, 5));
    // Co-opted from July 2024: four meetings, two with apologies.
    let coopted = panel("sian-ferriday");
    assert_eq!(
        (
            coopted.counts.expected,
            coopted.counts.attended,
            coopted.counts.apologies
        ),
        (4, 2, 2)
    );
    // Attended remotely once (still attended), apologies once.
    let remote = panel("rhys-pendleford");
    assert_eq!(
        (
            remote.counts.expected,
            remote.counts.attended,
            remote.counts.apologies
        ),
        (5, 4, 1)
    );
    let m = meeting_on("2024-11-19");
    let entry = site.meetings[m]
        .attendance
        .present
        .iter()
        .find(|a| a.name.written == "Cllr R Pendleford")
        .unwrap();
    assert!(entry.remote);
    // The substitute and the member he stood in for.
    let sub = panel("peter-wragby");
    assert_eq!((sub.counts.expected, sub.counts.as_substitute), (0, 1));
    let stood_in_for = panel("imran-chaudry");
    assert_eq!(stood_in_for.counts.substituted, 1);
    let first = meeting_on("2024-02-06");
    assert!(
        stood_in_for
            .meetings
            .iter()
            .any(|&(mm, p)| mm == first && format!("{p:?}").starts_with("Substituted"))
    );
    // Who left in May 2025 is expected at the meetings before only.
    assert_eq!(panel("maureen-tillotson").counts.expected, 4);
    assert_eq!(panel("henry-castellan").counts.expected, 1);
}

#[test]
fn the_samples_declarations_votes_and_decision_records_are_in_the_model() {
    // Kinds, results and sides as the open data writes them; call-in states as debugged.
    let json = |v: serde_json::Value| v.as_str().unwrap_or_default().to_string();
    let site = model();
    let declared: Vec<(String, Option<String>, bool, bool)> = site
        .meetings
        .iter()
        .flat_map(|m| m.declarations.iter())
        .map(|d| {
            let who = site.people[d.name.person.unwrap()].id.clone();
            (who, d.item.clone(), d.withdrew, d.recorded_in.is_some())
        })
        .collect();
    assert_eq!(declared.len(), 4, "{declared:?}");
    // In the meeting's own file, under an item, leaving the room for it.
    assert!(declared.contains(&("lorna-whitcombe".into(), Some("C1".into()), true, false)));
    // In minutes, by surname alone ("Cllr Pendleford"), under an item.
    assert!(declared.contains(&("rhys-pendleford".into(), Some("F1".into()), false, true)));
    assert!(declared.contains(&("yvonne-achterberg".into(), None, false, true)));
    let okafor = &site.meetings[meeting_on("2025-02-04")].declarations[0];
    assert_eq!(json(serde_json::json!(okafor.kind)), "non-registrable");
    assert!(okafor.item_anchor.is_some());

    let by_ref = |r: &str| {
        site.decisions
            .iter()
            .position(|d| d.reference.as_deref() == Some(r))
            .unwrap_or_else(|| panic!("no decision {r}"))
    };
    let named = site.decisions[by_ref("NPCP/2025/01")]
        .vote
        .as_ref()
        .unwrap();
    assert_eq!(
        (named.for_.count, named.against.count, named.abstain.count),
        (8, 2, 0)
    );
    assert_eq!(json(serde_json::json!(named.result)), "carried");
    let counted = site.decisions[by_ref("NPCP/2024/01")]
        .vote
        .as_ref()
        .unwrap();
    assert_eq!((counted.for_.count, counted.against.count), (9, 1));
    assert!(counted.for_.names.is_empty());
    let chaudry = &site.people[person("imran-chaudry")];
    assert!(
        chaudry
            .votes
            .iter()
            .any(|v| v.decision == by_ref("NPCP/2025/01")
                && json(serde_json::json!(v.side)) == "against")
    );

    let day = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    let state =
        |r: &str, on: &str| format!("{:?}", site.decisions[by_ref(r)].record.state_on(day(on)));
    let hub = &site.decisions[by_ref("NPCC/D/021/24")].record;
    assert!(hub.key_decision && !hub.reasons.is_empty() && !hub.alternatives.is_empty());
    let called = state("NPCC/D/021/24", "2024-07-01");
    assert!(
        called.starts_with("Some(CalledIn { outcome: Some("),
        "{called}"
    );
    // Open on the day of the sample's next meeting, effective once the period ends.
    assert_eq!(
        state("NPCC/D/031/26", "2026-12-08"),
        "Some(Open { until: 2026-12-15 })"
    );
    assert_eq!(
        state("NPCC/D/031/26", "2026-12-16"),
        "Some(Effective { from: 2026-12-16 })"
    );
    assert_eq!(
        state("NPCP/2025/01", "2025-06-01"),
        "Some(Effective { from: 2025-02-05 })"
    );
}
