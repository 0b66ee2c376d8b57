//! People and the formal record in open data: persons.json and memberships.json,
//! attendance, the roll and declarations in meetings.json, votes, decision records and
//! the call-in state in decisions.json; each checked against its published schema, and
//! nothing of an exempt paper in any of them.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{Fixture, meeting, paper};
use serde_json::Value;

const MARKER: &str = "Okapi-Lantern-9034";

/// Two members of the panel (one whose seat ends in May 2024, then a new one), a
/// co-opted member, a held meeting with a substitute, an apology and an absence,
/// declarations in the meeting's file and in the minutes, a named vote, a decision under
/// call-in until 2099 and one whose period has passed; and an exempt paper with a
/// decision, a vote and a declaration, all carrying MARKER.
fn record_site(settings: &str) -> Fixture {
    let f = Fixture::new();
    f.write("site.toml", &format!("{}{settings}", common::SITE_TOML));
    f.write(
        "people/peter-feacey.md",
        "---\nname: Councillor Peter Feacey\nparty: Green\nmemberships:\n  - body: Testshire Panel\n    role: Chair\n    on_behalf_of: Northby District Council\n    from: 2023-05-22\n---\n",
    );
    f.write(
        "people/jenny-hollingsbee.md",
        "---\nname: Mrs Jenny Hollingsbee\naliases: [Mrs J Hollings-Bee]\nmemberships:\n  - body: Testshire Panel\n    from: 2023-05-22\n    to: 2024-05-19\n---\n",
    );
    f.write(
        "people/tristan-osborne.md",
        "---\nname: Tristan Osborne\nmemberships:\n  - body: Testshire Panel\n    role: Co-opted member\n    voting: false\n---\n",
    );
    f.write(
        "people/sam-meade.md",
        "---\nname: Mr Sam Meade\nmemberships:\n  - body: Testshire Panel\n    from: 2024-05-20\n---\n",
    );
    f.write(
        "people/asha-kerr.md",
        "---\nname: Councillor Asha Kerr\n---\n",
    );
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting(
            "date: 2024-02-06\nstatus: held\nattendance:\n  present:\n    - \"Cllr P Feacey (Chair)\"\n    - \"Cllr A Kerr (Substitute for Mrs J Hollingsbee)\"\n    - name: Tristan Osborne\n      virtual: true\n  in_attendance: [\"Ms D Price (Clerk)\"]\ndeclarations:\n  - name: Cllr P Feacey\n    item: B1\n    interest: Member of the fleet users' group\n    kind: other-registrable\nagenda:\n  - item: \"1\"\n    title: Apologies",
        ),
    );
    f.write(
        "content/2024-02-06/b1-fleet.md",
        &paper(
            "title: Fleet plan\ndate: 2024-01-26\nitem: B1",
            "1. The plan.",
        ),
    );
    f.write(
        "content/2024-02-06/c1-contract.md",
        &paper(
            &format!("title: Contract award\ndate: 2024-01-26\nitem: C1\nexempt: \"Paragraph 3: commercial\"\ndeclarations:\n  - name: Cllr P Feacey\n    interest: {MARKER} interest\ndecisions:\n  - ref: X/1\n    text: {MARKER} decision\n    reasons: {MARKER} reason\n    vote:\n      for: [Cllr P Feacey]\n      against: 0\n      abstain: 0"),
            &format!("{MARKER} in the body."),
        ),
    );
    f.write(
        "content/2024-07-16/_meeting.md",
        &meeting("date: 2024-07-16\nstatus: held\nattendance:\n  present: [\"Cllr Feacey\", \"Mr Meade\"]\n  apologies: [\"Tristan Osborne\"]"),
    );
    f.write(
        "content/2024-07-16/06-minutes.md",
        &paper(
            "title: Minutes of 6 February\ndate: 2024-07-08\nitem: \"6\"\nkind: minutes\nminutes_of: \"2024-02-06\"\ndeclarations:\n  - name: Mrs J Hollingsbee\n    item: B1\n    interest: Spouse employed by the fleet contractor\n    kind: disclosable-pecuniary\n    withdrew: true\ndecisions:\n  - ref: TP/24/01\n    item: B1\n    text: The Panel endorsed the fleet plan.\n    vote:\n      for: [Cllr P Feacey, Cllr A Kerr]\n      against: 1\n      abstain: 0\n      result: carried\n    reasons: [The plan cuts running costs., It meets the emissions target.]\n    alternatives: Keeping the current fleet\n    key_decision: true\n    call_in:\n      until: 2099-07-12\n  - ref: TP/24/02\n    item: B1\n    text: The Panel asked for a progress report.\n    call_in:\n      until: 2024-02-13",
            "1. The Panel discussed the fleet.",
        ),
    );
    f
}

fn json(out: &Path, rel: &str) -> Value {
    let text = std::fs::read_to_string(out.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn by_id<'a>(list: &'a Value, key: &str) -> BTreeMap<String, &'a Value> {
    list[key]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| (v["id"].as_str().unwrap().to_string(), v))
        .collect()
}

#[test]
fn record_data_is_valid_against_its_schemas() {
    for settings in ["", "base_url = \"https://papers.example.org/panel/\"\n"] {
        let f = record_site(settings);
        f.build_ok();
        let out = f.output();
        for name in ["meetings", "papers", "decisions", "persons", "memberships"] {
            common::assert_data_matches_its_schema(&out, name);
        }
    }
}

#[test]
fn persons_and_memberships_list_everyone_with_their_attendance() {
    let f = record_site("");
    f.build_ok();
    let out = f.output();
    let persons = json(&out, "data/persons.json");
    let persons = by_id(&persons, "persons");
    assert_eq!(
        persons.keys().map(String::as_str).collect::<Vec<_>>(),
        [
            "asha-kerr",
            "jenny-hollingsbee",
            "peter-feacey",
            "sam-meade",
            "tristan-osborne"
        ]
    );
    let jenny = persons["jenny-hollingsbee"];
    assert_eq!(jenny["aliases"], serde_json::json!(["Mrs J Hollings-Bee"]));
    assert_eq!(
        jenny["memberships"],
        serde_json::json!(["jenny-hollingsbee-1"])
    );
    let (target, _) = common::resolve(&out, "data/persons.json", jenny["url"].as_str().unwrap());
    assert_eq!(target, out.join("people/jenny-hollingsbee/index.html"));

    let record = |id: &str| -> Value { persons[id]["attendance"][0].clone() };
    // 6 February: Feacey present; Kerr present for Hollingsbee; Osborne present online.
    // 16 July: Feacey and Meade present; Osborne sent apologies; Hollingsbee's seat ended.
    let counts = |v: &Value| {
        [
            "expected",
            "attended",
            "as_substitute",
            "apologies",
            "substituted",
            "absent",
        ]
        .map(|k| v[k].as_u64().unwrap())
    };
    assert_eq!(counts(&record("peter-feacey")), [2, 2, 0, 0, 0, 0]);
    assert_eq!(counts(&record("jenny-hollingsbee")), [1, 0, 0, 0, 1, 0]);
    assert_eq!(counts(&record("tristan-osborne")), [2, 1, 0, 1, 0, 0]);
    assert_eq!(counts(&record("sam-meade")), [1, 1, 0, 0, 0, 0]);
    assert_eq!(counts(&record("asha-kerr")), [0, 0, 1, 0, 0, 0]);
    assert_eq!(record("peter-feacey")["body"]["slug"], "testshire-panel");

    let memberships = json(&out, "data/memberships.json");
    let memberships = by_id(&memberships, "memberships");
    let chair = memberships["peter-feacey-1"];
    assert_eq!(chair["person"], "peter-feacey");
    assert_eq!(chair["role"], "Chair");
    assert_eq!(chair["on_behalf_of"], "Northby District Council");
    assert_eq!(chair["from"], "2023-05-22");
    assert_eq!(chair["to"], Value::Null);
    assert_eq!(chair["body"]["name"], "Testshire Panel");
    assert_eq!(memberships["tristan-osborne-1"]["voting"], false);
    assert_eq!(memberships["jenny-hollingsbee-1"]["to"], "2024-05-19");
    // Every membership a person lists is in memberships.json, and no other.
    let listed: Vec<&str> = persons
        .values()
        .flat_map(|p| p["memberships"].as_array().unwrap())
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(listed.len(), memberships.len());
    assert!(listed.iter().all(|m| memberships.contains_key(*m)));
}

#[test]
fn meetings_carry_attendance_roll_and_declarations() {
    let f = record_site("");
    f.build_ok();
    let meetings = json(&f.output(), "data/meetings.json");
    let meetings = by_id(&meetings, "meetings");
    let winter = meetings["2024-02-06"];
    let present = winter["attendance"]["present"].as_array().unwrap();
    assert_eq!(present[0]["name"], "Cllr P Feacey");
    assert_eq!(present[0]["person"], "peter-feacey");
    assert_eq!(present[0]["role"], "Chair");
    assert_eq!(present[1]["person"], "asha-kerr");
    assert_eq!(present[1]["substitute_for"]["name"], "Mrs J Hollingsbee");
    assert_eq!(present[1]["substitute_for"]["person"], "jenny-hollingsbee");
    assert_eq!(present[2]["virtual"], true);
    let clerk = &winter["attendance"]["in_attendance"][0];
    assert_eq!(clerk["name"], "Ms D Price");
    assert_eq!(clerk["person"], Value::Null);

    let roll: BTreeMap<&str, &Value> = winter["roll"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["person"].as_str().unwrap(), r))
        .collect();
    assert_eq!(
        roll.keys().copied().collect::<Vec<_>>(),
        ["jenny-hollingsbee", "peter-feacey", "tristan-osborne"]
    );
    assert_eq!(roll["peter-feacey"]["status"], "attended");
    assert_eq!(roll["peter-feacey"]["membership"], "peter-feacey-1");
    assert_eq!(roll["jenny-hollingsbee"]["status"], "substituted");
    assert_eq!(
        roll["jenny-hollingsbee"]["substituted_by"]["person"],
        "asha-kerr"
    );
    let summer = meetings["2024-07-16"];
    let statuses: BTreeMap<&str, &str> = summer["roll"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["person"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        statuses,
        BTreeMap::from([
            ("peter-feacey", "attended"),
            ("sam-meade", "attended"),
            ("tristan-osborne", "apologies"),
        ])
    );

    let declarations = winter["declarations"].as_array().unwrap();
    assert_eq!(declarations.len(), 2, "{declarations:#?}");
    let own = declarations
        .iter()
        .find(|d| d["recorded_in"].is_null())
        .unwrap();
    assert_eq!(own["person"], "peter-feacey");
    assert_eq!(own["item"], "B1");
    assert_eq!(own["kind"], "other-registrable");
    assert_eq!(own["withdrew"], false);
    let minuted = declarations
        .iter()
        .find(|d| !d["recorded_in"].is_null())
        .unwrap();
    assert_eq!(minuted["recorded_in"], "2024-07-16/06-minutes");
    assert_eq!(minuted["person"], "jenny-hollingsbee");
    assert_eq!(minuted["kind"], "disclosable-pecuniary");
    assert_eq!(minuted["withdrew"], true);
}

#[test]
fn decisions_carry_votes_records_and_the_call_in_state() {
    let f = record_site("");
    f.build_ok();
    let data = json(&f.output(), "data/decisions.json");
    let decisions: BTreeMap<&str, &Value> = data["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["reference"].as_str().unwrap(), d))
        .collect();
    assert_eq!(
        decisions.len(),
        2,
        "the exempt paper's decision is not here"
    );
    let endorsed = decisions["TP/24/01"];
    let vote = &endorsed["vote"];
    assert_eq!(vote["for"]["count"], 2);
    let names: Vec<(&str, &str)> = vote["for"]["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["name"].as_str().unwrap(), n["person"].as_str().unwrap()))
        .collect();
    assert_eq!(
        names,
        [
            ("Cllr P Feacey", "peter-feacey"),
            ("Cllr A Kerr", "asha-kerr")
        ]
    );
    assert_eq!(vote["against"]["count"], 1);
    assert_eq!(vote["against"]["names"], Value::Array(Vec::new()));
    assert_eq!(vote["result"], "carried");
    assert_eq!(endorsed["reasons"].as_array().unwrap().len(), 2);
    assert_eq!(
        endorsed["alternatives"],
        serde_json::json!(["Keeping the current fleet"])
    );
    assert_eq!(endorsed["key_decision"], true);
    assert_eq!(endorsed["call_in"]["until"], "2099-07-12");
    assert_eq!(endorsed["call_in"]["called_in"], false);
    assert_eq!(
        endorsed["state"],
        serde_json::json!({"status": "open", "until": "2099-07-12"})
    );
    let progress = decisions["TP/24/02"];
    assert_eq!(progress["vote"], Value::Null);
    assert_eq!(
        progress["state"],
        serde_json::json!({"status": "effective", "from": "2024-02-14"})
    );
    // One decision is still open, so the day it was judged on is given.
    let day = data["state_on"].as_str().unwrap();
    assert!(
        chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").is_ok(),
        "{day}"
    );
}

#[test]
fn the_call_in_state_is_judged_on_the_build_s_day() {
    let f = record_site("");
    let options = |now: &str| panelpress::Options {
        now: Some(panelpress::Moment::parse(now).unwrap()),
        ..Default::default()
    };
    for (now, state) in [
        (
            "2099-07-12",
            serde_json::json!({"status": "open", "until": "2099-07-12"}),
        ),
        (
            "2099-07-13",
            serde_json::json!({"status": "effective", "from": "2099-07-13"}),
        ),
    ] {
        panelpress::build_with(f.root(), None, &options(now)).unwrap_or_else(|e| panic!("{e}"));
        let data = json(&f.output(), "data/decisions.json");
        let endorsed = data["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["reference"] == "TP/24/01")
            .unwrap();
        assert_eq!(endorsed["state"], state, "on {now}");
        let open = state["status"] == "open";
        assert_eq!(
            data["state_on"].is_string(),
            open,
            "on {now}: {}",
            data["state_on"]
        );
    }
}

#[test]
fn nothing_of_an_exempt_paper_reaches_the_data() {
    for settings in ["", "base_url = \"https://papers.example.org/panel/\"\n"] {
        let f = record_site(settings);
        f.build_ok();
        for (path, bytes) in common::snapshot(&f.output()) {
            if path.ends_with(".json") || path.ends_with(".xml") || path.ends_with(".ics") {
                let text = String::from_utf8_lossy(&bytes);
                assert!(!text.contains(MARKER), "{path} holds exempt text");
            }
        }
    }
}

#[test]
fn without_people_there_are_no_person_files_and_names_stay_as_written() {
    let f = Fixture::new();
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting("date: 2024-02-06\nstatus: held\nattendance:\n  present: [\"Cllr P Feacey (Chair)\"]\n  apologies: [\"Mrs J Hollingsbee\"]"),
    );
    f.build_ok();
    let out = f.output();
    for name in ["persons", "memberships"] {
        assert!(
            !out.join(format!("data/{name}.json")).exists(),
            "{name}.json"
        );
        assert!(!out.join(format!("data/schema/{name}.schema.json")).exists());
    }
    let listed = common::attrs(
        &f.page("data/index.html"),
        "main a[type='application/json']",
        "href",
    );
    assert_eq!(listed.len(), 3, "{listed:?}");
    let meetings = json(&out, "data/meetings.json");
    let m = &meetings["meetings"][0];
    assert_eq!(m["attendance"]["present"][0]["name"], "Cllr P Feacey");
    assert_eq!(m["attendance"]["present"][0]["role"], "Chair");
    assert_eq!(m["attendance"]["present"][0]["person"], Value::Null);
    assert_eq!(m["attendance"]["apologies"][0]["name"], "Mrs J Hollingsbee");
    assert_eq!(m["roll"], Value::Array(Vec::new()));
}

#[test]
fn the_data_page_lists_the_people_files() {
    let f = record_site("");
    f.build_ok();
    let out = f.output();
    let page = "data/index.html";
    let listed: Vec<_> = common::attrs(&f.page(page), "main a[type='application/json']", "href")
        .iter()
        .map(|h| common::resolve(&out, page, h).0)
        .collect();
    for name in ["persons", "memberships"] {
        assert!(
            listed.contains(&out.join(format!("data/{name}.json"))),
            "{listed:?}"
        );
    }
}
