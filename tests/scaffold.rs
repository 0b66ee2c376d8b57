//! `panelpress new meeting` and `panelpress new paper`: the files they write load and
//! build, carry what was given, and nothing is overwritten or double-booked.

mod common;

use common::{Fixture, build_drafts, front_matter, texts};
use panelpress::clerk::new::{self, NewMeeting, NewPaper};
use serde_yaml::Value;

fn get<'v>(v: &'v Value, key: &str) -> &'v str {
    v.get(key)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no text `{key}` in {v:?}"))
}

fn meeting(date: &str) -> NewMeeting {
    NewMeeting {
        date: date.into(),
        ..NewMeeting::default()
    }
}

fn paper(meeting: &str, item: &str, title: &str) -> NewPaper {
    NewPaper {
        meeting: meeting.into(),
        item: item.into(),
        title: title.into(),
        ..NewPaper::default()
    }
}

/// A site with one meeting holding paper B2 and agenda item 6.
fn site() -> Fixture {
    let f = Fixture::new();
    f.write(
        "content/2025/2025-03-04/_meeting.md",
        "---\ndate: 2025-03-04\nagenda:\n  - item: \"6\"\n    title: Minutes\n---\n",
    );
    f.write(
        "content/2025/2025-03-04/b2-update.md",
        "---\ntitle: Update\ndate: 2025-02-20\nitem: B2\n---\nText.\n",
    );
    f
}

#[test]
fn a_new_meeting_carries_its_options_and_builds() {
    let f = Fixture::new();
    let m = NewMeeting {
        date: "2025-03-04".into(),
        body: Some("Testshire Audit Committee".into()),
        time: Some("10:00".into()),
        venue: Some("Room 2: Shire Hall".into()),
        ..NewMeeting::default()
    };
    let path = new::new_meeting(f.root(), &m).unwrap();
    assert_eq!(path, f.root().join("content/2025/2025-03-04/_meeting.md"));
    let fm = front_matter(&path);
    assert_eq!(get(&fm, "body"), "Testshire Audit Committee");
    assert_eq!(get(&fm, "time"), "10:00");
    assert_eq!(get(&fm, "venue"), "Room 2: Shire Hall");
    assert_eq!(get(&fm, "status"), "scheduled");
    assert!(
        fm.get("title").is_none(),
        "options not given stay commented out"
    );
    f.build_ok();
    let page = f.page("meetings/2025-03-04/index.html");
    assert!(
        texts(&page, "main")
            .join(" ")
            .contains("Room 2: Shire Hall")
    );
}

#[test]
fn a_new_meeting_shows_the_fields_a_clerk_fills_later_as_comments() {
    let f = Fixture::new();
    let path = new::new_meeting(f.root(), &meeting("2025-03-04")).unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    for field in [
        "# title:",
        "# venue:",
        "# attendance:",
        "#   present:",
        "# agenda:",
    ] {
        assert!(text.contains(field), "{field} missing from\n{text}");
    }
}

#[test]
fn a_new_meeting_never_replaces_one() {
    let f = site();
    let path = f.root().join("content/2025/2025-03-04/_meeting.md");
    let before = std::fs::read(&path).unwrap();
    let err = new::new_meeting(f.root(), &meeting("2025-03-04")).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap(), before);
    let other = NewMeeting {
        id: Some("2025-03-04-extra".into()),
        ..meeting("2025-03-04")
    };
    let second = new::new_meeting(f.root(), &other).unwrap();
    assert!(second.ends_with("2025/2025-03-04-extra/_meeting.md"));
    f.build_ok();
}

#[test]
fn a_bad_date_is_refused() {
    let f = Fixture::new();
    let err = new::new_meeting(f.root(), &meeting("4 March 2025")).unwrap_err();
    assert!(err.to_string().contains("YYYY-MM-DD"), "{err}");
    assert!(!f.root().join("content/2025").exists());
}

#[test]
fn a_new_paper_lands_in_its_meeting_and_builds() {
    let f = site();
    let path = new::new_paper(
        f.root(),
        &NewPaper {
            kind: Some("decision".into()),
            ..paper("2025-03-04", "C1", "Decision: fleet \"telematics\"")
        },
    )
    .unwrap();
    assert_eq!(
        path,
        f.root()
            .join("content/2025/2025-03-04/c1-decision-fleet-telematics.md")
    );
    let fm = front_matter(&path);
    assert_eq!(get(&fm, "title"), "Decision: fleet \"telematics\"");
    assert_eq!(get(&fm, "item"), "C1");
    assert_eq!(get(&fm, "kind"), "decision");
    assert_eq!(get(&fm, "to"), "Testshire Panel");
    assert_eq!(fm.get("draft"), Some(&Value::Bool(true)));
    f.build_ok();
    let public = f
        .output()
        .join("papers/2025/2025-03-04/c1-decision-fleet-telematics");
    assert!(
        !public.exists(),
        "a new paper is a draft until the clerk says otherwise"
    );
    build_drafts(&f);
    let page = f.page("papers/2025/2025-03-04/c1-decision-fleet-telematics/index.html");
    assert_eq!(texts(&page, "h1"), ["Decision: fleet \"telematics\""]);
    assert_eq!(common::attrs(&page, "ol.paras > li", "id"), ["p1", "p2"]);
}

#[test]
fn a_new_paper_for_a_meeting_named_only_by_date_says_which_meeting() {
    let f = site();
    f.write(
        "content/misc/note.md",
        "---\ntitle: Note\ndate: 2025-05-01\nmeeting: 2025-05-13\n---\nText.\n",
    );
    let path = new::new_paper(f.root(), &paper("2025-05-13", "1", "Apologies")).unwrap();
    assert_eq!(get(&front_matter(&path), "meeting"), "2025-05-13");
    f.build_ok();
}

#[test]
fn an_item_taken_by_a_paper_or_the_agenda_is_refused_in_any_spelling() {
    let f = site();
    let before = common::snapshot(&f.root().join("content"));
    for (item, holder) in [("b 2", "b2-update.md"), ("06", "by the meeting's agenda")] {
        let err = new::new_paper(f.root(), &paper("2025-03-04", item, "Another")).unwrap_err();
        let shown = err.to_string();
        assert!(
            shown.contains("already taken") && shown.contains(holder),
            "{shown}"
        );
    }
    assert_eq!(common::snapshot(&f.root().join("content")), before);
}

#[test]
fn a_new_paper_never_replaces_one() {
    let f = site();
    let first = new::new_paper(f.root(), &paper("2025-03-04", "B3", "Update")).unwrap();
    std::fs::remove_file(f.root().join("content/2025/2025-03-04/b2-update.md")).unwrap();
    // B3 is still taken by the file just written.
    let err = new::new_paper(f.root(), &paper("2025-03-04", "B3", "Update")).unwrap_err();
    assert!(err.to_string().contains("already taken"), "{err}");
    std::fs::write(
        &first,
        "---\ntitle: Moved\ndate: 2025-02-20\nitem: B4\n---\n",
    )
    .unwrap();
    let err = new::new_paper(f.root(), &paper("2025-03-04", "B3", "Update")).unwrap_err();
    assert!(err.to_string().contains("already exists"), "{err}");
    assert!(std::fs::read_to_string(&first).unwrap().contains("Moved"));
}

#[test]
fn an_unknown_meeting_gets_a_suggestion() {
    let f = site();
    // A date a day away is another meeting: the hint is to create this one.
    let err = new::new_paper(f.root(), &paper("2025-03-05", "B3", "Update")).unwrap_err();
    let shown = err.to_string();
    assert!(
        shown.contains("no meeting has the id `2025-03-05`"),
        "{shown}"
    );
    assert!(
        shown.contains("panelpress new meeting --date 2025-03-05"),
        "{shown}"
    );
    assert!(!shown.contains("2025-03-04"), "{shown}");
    // A mistyped id is offered the id it is close to.
    let err = new::new_paper(f.root(), &paper("2025-03-04x", "B3", "Update")).unwrap_err();
    assert!(
        err.to_string().contains("did you mean `2025-03-04`"),
        "{err}"
    );
}

#[test]
fn an_unknown_kind_is_refused_with_the_known_ones() {
    let f = site();
    let err = new::new_paper(
        f.root(),
        &NewPaper {
            kind: Some("minute".into()),
            ..paper("2025-03-04", "B3", "Update")
        },
    )
    .unwrap_err();
    assert!(err.to_string().contains("minutes"), "{err}");
}

#[test]
fn the_commands_write_and_refuse_with_exit_codes() {
    let f = Fixture::new();
    let ok = f.run(&[
        "new",
        "meeting",
        "--date",
        "2025-03-04",
        "--venue",
        "Shire Hall",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let ok = f.run(&[
        "new",
        "paper",
        "--meeting",
        "2025-03-04",
        "--item",
        "B1",
        "--title",
        "Budget",
    ]);
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    assert!(String::from_utf8_lossy(&ok.stdout).contains("It is a draft"));
    let taken = f.run(&[
        "new",
        "paper",
        "--meeting",
        "2025-03-04",
        "--item",
        "b1",
        "--title",
        "Other",
    ]);
    assert_eq!(taken.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&taken.stderr).contains("already taken"));
    let built = f.run(&["build", "--drafts"]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(
        f.output()
            .join("papers/2025/2025-03-04/b1-budget/index.html")
            .is_file()
    );
}

#[test]
fn new_minutes_record_the_meeting_before() {
    let f = site();
    new::new_meeting(f.root(), &meeting("2025-04-15")).unwrap();
    let path = new::new_paper(
        f.root(),
        &NewPaper {
            kind: Some("minutes".into()),
            ..paper("2025-04-15", "4", "Minutes of the last meeting")
        },
    )
    .unwrap();
    assert_eq!(get(&front_matter(&path), "minutes_of"), "2025-03-04");
    build_drafts(&f);
    let recorded = f.page("meetings/2025-03-04/index.html");
    let links = common::attrs(&recorded, "main a", "href");
    assert!(
        links
            .iter()
            .any(|h| h.contains("4-minutes-of-the-last-meeting")),
        "{links:?}"
    );
}

#[test]
fn draft_and_embargoed_papers_hold_their_items_and_draft_meetings_take_papers() {
    let f = site();
    f.write(
        "content/2025/2025-03-04/b3-draft.md",
        "---\ntitle: Draft\ndate: 2025-02-20\nitem: B3\ndraft: true\n---\nText.\n",
    );
    f.write(
        "content/2025/2025-03-04/b4-later.md",
        "---\ntitle: Later\ndate: 2025-02-20\nitem: B4\npublish_from: 2999-01-01\n---\nText.\n",
    );
    for item in ["B3", "B4"] {
        let err = new::new_paper(f.root(), &paper("2025-03-04", item, "Other")).unwrap_err();
        assert!(err.to_string().contains("already taken"), "{item}: {err}");
    }
    f.write(
        "content/2025/2025-06-01/_meeting.md",
        "---\ndate: 2025-06-01\ndraft: true\n---\n",
    );
    let path = new::new_paper(f.root(), &paper("2025-06-01", "1", "Planning")).unwrap();
    assert!(path.starts_with(f.root().join("content/2025/2025-06-01")));
}
