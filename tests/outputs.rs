//! Feeds, calendars, open data and the sitemap, read back with parsers made for each
//! format (atom_syndication, ical, serde_json + jsonschema, roxmltree).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::io::BufReader;
use std::path::{Path, PathBuf};

use atom_syndication::Feed;
use common::{Fixture, attrs, meeting, paper, resolve, snapshot};
use ical::parser::ical::component::{IcalCalendar, IcalTimeZoneTransitionType};
use ical::property::Property;
use serde_json::Value;

const MARKER: &str = "Zanzibar-Quokka-4471";
const BASE: &str = "https://papers.example.org/panel/";

/// Two bodies; a winter, a summer, a cancelled and an untimed meeting; a public report
/// with a topic and recommendations, minutes with decisions, and an exempt paper whose
/// every field carries MARKER.
fn panel(extra_settings: &str) -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.toml",
        &format!("{}{extra_settings}", common::SITE_TOML),
    );
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting("date: 2024-02-06\ntime: \"10:00\"\nvenue: \"Council Chamber, Shire Hall; Northby\"\nstatus: held\nagenda:\n  - item: \"1\"\n    title: Apologies"),
    );
    f.write(
        "content/2024-02-06/b1-policing.md",
        &paper("title: Neighbourhood policing\ndate: 2024-01-26\nitem: B1\ntopics: [Neighbourhood policing]\nrecommendations:\n  - That the Panel notes the **report**.", "1. First paragraph."),
    );
    f.write(
        "content/2024-02-06/c1-contract.md",
        &paper(
            &format!("title: Contract award\ndate: 2024-01-26\nitem: C1\nexempt: \"Paragraph 3: commercial\"\nfrom: {MARKER} from\ntopics: [{MARKER} topic]\nrecommendations:\n  - {MARKER} recommendation\ndecisions:\n  - ref: X/{MARKER}\n    text: {MARKER} decision"),
            &format!("{MARKER} in the body."),
        ),
    );
    f.write(
        "content/2024-07-16/_meeting.md",
        &meeting("date: 2024-07-16\ntime: 2pm\nvenue: Committee Room 1\nstatus: held"),
    );
    f.write(
        "content/2024-07-16/06-minutes.md",
        &paper(
            "title: Minutes of 6 February\ndate: 2024-07-08\nitem: \"6\"\nkind: minutes\nminutes_of: \"2024-02-06\"\ndecisions:\n  - ref: TP/24/01\n    item: B1\n    text: The Panel noted the policing report.",
            "1. The Panel discussed policing.",
        ),
    );
    f.write(
        "content/2024-09-10/_meeting.md",
        &meeting("date: 2024-09-10\ntime: \"10:00\"\nvenue: Council Chamber\nstatus: cancelled"),
    );
    f.write(
        "content/complaints/_meeting.md",
        &meeting("date: 2024-12-03\nbody: Testshire Complaints Sub-Committee\nstatus: scheduled"),
    );
    f.write(
        "content/complaints/a1-protocol.md",
        &paper(
            "title: Complaints protocol\ndate: 2024-11-20\nitem: A1",
            "Text.",
        ),
    );
    f
}

fn read(output: &Path, rel: &str) -> String {
    std::fs::read_to_string(output.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn feed(output: &Path, rel: &str) -> Feed {
    read(output, rel)
        .parse::<Feed>()
        .unwrap_or_else(|e| panic!("{rel} is not Atom: {e}"))
}

fn calendar(output: &Path, rel: &str) -> IcalCalendar {
    let bytes = std::fs::read(output.join(rel)).unwrap();
    let mut parser = ical::IcalParser::new(BufReader::new(bytes.as_slice()));
    let cal = parser
        .next()
        .expect("one calendar")
        .unwrap_or_else(|e| panic!("{rel} is not iCalendar: {e}"));
    assert!(parser.next().is_none(), "{rel}: one VCALENDAR only");
    cal
}

fn prop<'a>(props: &'a [Property], name: &str) -> Option<&'a Property> {
    props.iter().find(|p| p.name == name)
}

fn value(props: &[Property], name: &str) -> String {
    prop(props, name)
        .and_then(|p| p.value.clone())
        .unwrap_or_else(|| panic!("no {name} in {props:?}"))
}

fn param(p: &Property, name: &str) -> Option<String> {
    p.params
        .as_ref()?
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.join(","))
}

/// RFC 5545 TEXT unescaping.
fn unescape(text: &str) -> String {
    text.replace("\\n", "\n")
        .replace("\\,", ",")
        .replace("\\;", ";")
        .replace("\\\\", "\\")
}

#[test]
fn atom_feeds_parse_and_their_links_reach_real_pages() {
    let f = panel("");
    f.build_ok();
    let out = f.output();
    let papers = feed(&out, "feeds/papers.xml");
    let titles: BTreeSet<String> = papers
        .entries
        .iter()
        .map(|e| e.title.value.clone())
        .collect();
    assert_eq!(
        titles,
        BTreeSet::from(
            [
                "Neighbourhood policing",
                "Contract award",
                "Minutes of 6 February",
                "Complaints protocol"
            ]
            .map(String::from)
        )
    );
    assert!(papers.id.starts_with("urn:uuid:"));
    let newest = papers.entries.iter().map(|e| e.updated).max().unwrap();
    assert_eq!(papers.updated, newest, "updated is the newest entry's date");
    assert_eq!(newest.date_naive().to_string(), "2024-11-20");
    let ids: BTreeSet<&str> = papers.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids.len(), papers.entries.len(), "entry ids are unique");
    for entry in &papers.entries {
        let href = &entry.links[0].href;
        let (target, _) = resolve(&out, "feeds/papers.xml", href);
        assert!(target.is_file(), "{href} from the feed is no file");
    }
    let report = papers
        .entries
        .iter()
        .find(|e| e.title.value == "Neighbourhood policing")
        .unwrap();
    let content = report
        .content
        .as_ref()
        .and_then(|c| c.value.clone())
        .unwrap();
    let html = scraper::Html::parse_fragment(&content);
    let recs = common::texts(&html, "ol li");
    assert_eq!(recs, ["That the Panel notes the report ."]);
    assert!(
        common::texts(&html, "ul li")[0].contains("The Panel noted the policing report"),
        "the outcome from the minutes is in the summary: {content}"
    );

    let decisions = feed(&out, "feeds/decisions.xml");
    assert_eq!(
        decisions.entries.len(),
        1,
        "the exempt paper's decision is left out"
    );
    let link = &decisions.entries[0].links[0].href;
    let (target, fragment) = resolve(&out, "feeds/decisions.xml", link);
    let page = common::page(&out, target.strip_prefix(&out).unwrap().to_str().unwrap());
    assert_eq!(
        attrs(&page, &format!("[id='{}']", fragment.unwrap()), "id").len(),
        1
    );

    let body = feed(&out, "feeds/bodies/testshire-complaints-sub-committee.xml");
    let body_titles: Vec<&str> = body
        .entries
        .iter()
        .map(|e| e.title.value.as_str())
        .collect();
    assert_eq!(body_titles, ["Complaints protocol"]);
    let topic = feed(&out, "feeds/topics/neighbourhood-policing.xml");
    let topic_titles: Vec<&str> = topic
        .entries
        .iter()
        .map(|e| e.title.value.as_str())
        .collect();
    assert_eq!(topic_titles, ["Neighbourhood policing"]);
}

#[test]
fn pages_link_their_feeds_and_calendars() {
    let f = panel("");
    f.build_ok();
    let out = f.output();
    let alternate = "link[rel=alternate][type='application/atom+xml']";
    for page in [
        "index.html",
        "meetings/2024-02-06/index.html",
        "decisions/index.html",
    ] {
        let links = attrs(&f.page(page), alternate, "href");
        let targets: Vec<_> = links.iter().map(|h| resolve(&out, page, h).0).collect();
        assert!(
            targets.contains(&out.join("feeds/papers.xml")),
            "{page}: {links:?}"
        );
        assert!(
            targets.contains(&out.join("feeds/decisions.xml")),
            "{page}: {links:?}"
        );
    }
    let topic = "topics/neighbourhood-policing/index.html";
    let visible = attrs(
        &f.page(topic),
        "main a[type='application/atom+xml']",
        "href",
    );
    assert_eq!(visible.len(), 1);
    let (target, _) = resolve(&out, topic, &visible[0]);
    assert_eq!(target, out.join("feeds/topics/neighbourhood-policing.xml"));
    assert!(attrs(&f.page(topic), alternate, "href").contains(&visible[0]));

    let meetings = f.page("meetings/index.html");
    let calendars = attrs(&meetings, "main a[type='text/calendar']", "href");
    assert_eq!(calendars.len(), 2, "one calendar per body: {calendars:?}");
    for href in &calendars {
        let (target, _) = resolve(&out, "meetings/index.html", href);
        calendar(&out, target.strip_prefix(&out).unwrap().to_str().unwrap());
    }
    let meeting = "meetings/2024-09-10/index.html";
    let add = attrs(&f.page(meeting), "main a[type='text/calendar']", "href");
    assert_eq!(
        resolve(&out, meeting, &add[0]).0,
        out.join("meetings/2024-09-10/meeting.ics")
    );
    let data_page = attrs(&f.page("index.html"), "footer a", "href");
    assert!(
        data_page
            .iter()
            .any(|h| resolve(&out, "index.html", h).0 == out.join("data/index.html"))
    );
    assert_eq!(common::broken_links(&out), Vec::<String>::new());
}

#[test]
fn calendars_hold_every_meeting_with_zone_status_and_place() {
    let f = panel("");
    f.build_ok();
    let out = f.output();
    let cal = calendar(&out, "calendars/testshire-panel.ics");
    assert_eq!(cal.events.len(), 3);
    let by_date: BTreeMap<String, &Vec<Property>> = cal
        .events
        .iter()
        .map(|e| {
            (
                value(&e.properties, "DTSTART")[..8].to_string(),
                &e.properties,
            )
        })
        .collect();
    let winter = by_date["20240206"];
    let start = prop(winter, "DTSTART").unwrap();
    assert_eq!(param(start, "TZID").as_deref(), Some("Europe/London"));
    assert_eq!(start.value.as_deref(), Some("20240206T100000"));
    assert_eq!(value(winter, "DTEND"), "20240206T120000");
    assert_eq!(
        unescape(&value(winter, "LOCATION")),
        "Council Chamber, Shire Hall; Northby"
    );
    assert_eq!(value(winter, "STATUS"), "CONFIRMED");
    assert!(prop(winter, "URL").is_none(), "no URL without base_url");
    assert_eq!(value(by_date["20240716"], "DTSTART"), "20240716T140000");
    assert_eq!(value(by_date["20240910"], "STATUS"), "CANCELLED");

    // The zone's observances put the winter meeting at +0000 and the summer one at +0100.
    assert_eq!(offset_at(&cal, "20240206T100000"), "+0000");
    assert_eq!(offset_at(&cal, "20240716T140000"), "+0100");

    // The per-meeting file has the same event, by UID.
    let single = calendar(&out, "meetings/2024-09-10/meeting.ics");
    assert_eq!(single.events.len(), 1);
    assert_eq!(
        value(&single.events[0].properties, "UID"),
        value(by_date["20240910"], "UID")
    );
    assert_eq!(value(&single.events[0].properties, "STATUS"), "CANCELLED");

    // An untimed meeting is an all-day event.
    let other = calendar(&out, "calendars/testshire-complaints-sub-committee.ics");
    let day = prop(&other.events[0].properties, "DTSTART").unwrap();
    assert_eq!(param(day, "VALUE").as_deref(), Some("DATE"));
    assert_eq!(day.value.as_deref(), Some("20241203"));
    assert_eq!(value(&other.events[0].properties, "STATUS"), "CONFIRMED");
}

/// TZOFFSETTO of the observance in force at a local time: the one with the latest
/// DTSTART not after it.
fn offset_at(cal: &IcalCalendar, local: &str) -> String {
    assert_eq!(cal.timezones.len(), 1);
    let zone = &cal.timezones[0];
    let mut best: Option<(String, String)> = None;
    for t in &zone.transitions {
        let start = value(&t.properties, "DTSTART");
        let to = value(&t.properties, "TZOFFSETTO");
        if matches!(t.transition, IcalTimeZoneTransitionType::DAYLIGHT) {
            assert_ne!(to, value(&t.properties, "TZOFFSETFROM"), "{start}");
        }
        if start.as_str() <= local && best.as_ref().is_none_or(|(s, _)| *s < start) {
            best = Some((start, to));
        }
    }
    best.unwrap_or_else(|| panic!("no observance covers {local}"))
        .1
}

#[test]
fn vtimezone_follows_the_configured_zone() {
    let f = panel("timezone = \"America/New_York\"\n");
    f.build_ok();
    let cal = calendar(&f.output(), "calendars/testshire-panel.ics");
    let zone_id = value(&cal.timezones[0].properties, "TZID");
    assert_eq!(zone_id, "America/New_York");
    assert_eq!(offset_at(&cal, "20240206T100000"), "-0500");
    assert_eq!(offset_at(&cal, "20240716T140000"), "-0400");
    let start = prop(&cal.events[0].properties, "DTSTART").unwrap();
    assert_eq!(param(start, "TZID").as_deref(), Some("America/New_York"));

    let f = panel("timezone = \"Asia/Kolkata\"\n");
    f.build_ok();
    let cal = calendar(&f.output(), "calendars/testshire-panel.ics");
    assert_eq!(offset_at(&cal, "20240206T100000"), "+0530");
    assert_eq!(offset_at(&cal, "20240716T140000"), "+0530");
}

#[test]
fn calendar_files_are_crlf_and_folded_at_75_octets() {
    let f = panel("");
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting("date: 2024-02-06\ntime: \"10:00\"\nvenue: \"Salle du Conseil, Hôtel de Ville, Place de la Libération, Saint-Étienne-du-Rouvray, Seine-Maritime\"\nstatus: held"),
    );
    f.build_ok();
    let bytes = std::fs::read(f.output().join("calendars/testshire-panel.ics")).unwrap();
    let text = String::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with("\r\n"));
    for line in text.split("\r\n") {
        assert!(!line.contains('\n'), "bare LF in {line:?}");
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    let cal = calendar(&f.output(), "calendars/testshire-panel.ics");
    let winter = cal
        .events
        .iter()
        .find(|e| value(&e.properties, "DTSTART").starts_with("20240206"))
        .unwrap();
    assert_eq!(
        unescape(&value(&winter.properties, "LOCATION")),
        "Salle du Conseil, Hôtel de Ville, Place de la Libération, Saint-Étienne-du-Rouvray, Seine-Maritime"
    );
}

#[test]
fn ids_and_uids_stay_the_same_when_a_base_url_is_added() {
    let plain = panel("");
    plain.build_ok();
    let based = panel(&format!("base_url = \"{BASE}\"\n"));
    based.build_ok();
    let entry_ids = |f: &Fixture| -> Vec<String> {
        let feed = feed(&f.output(), "feeds/papers.xml");
        let mut ids = vec![feed.id];
        ids.extend(feed.entries.into_iter().map(|e| e.id));
        ids
    };
    assert_eq!(entry_ids(&plain), entry_ids(&based));
    let uids = |f: &Fixture| -> Vec<String> {
        calendar(&f.output(), "calendars/testshire-panel.ics")
            .events
            .iter()
            .map(|e| value(&e.properties, "UID"))
            .collect()
    };
    assert_eq!(uids(&plain), uids(&based));
    assert_eq!(uids(&plain).iter().collect::<BTreeSet<_>>().len(), 3);

    // With a base_url, links are absolute and events carry their page's address.
    let feed = feed(&based.output(), "feeds/papers.xml");
    for entry in &feed.entries {
        assert!(
            entry.links[0].href.starts_with(BASE),
            "{}",
            entry.links[0].href
        );
    }
    let self_link = feed.links.iter().find(|l| l.rel == "self").unwrap();
    assert_eq!(self_link.href, format!("{BASE}feeds/papers.xml"));
    let cal = calendar(&based.output(), "meetings/2024-02-06/meeting.ics");
    assert_eq!(
        value(&cal.events[0].properties, "URL"),
        format!("{BASE}meetings/2024-02-06/")
    );
}

fn json(output: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(output, rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn every_data_file_is_valid_against_its_published_schema() {
    for settings in ["", "base_url = \"https://papers.example.org/panel/\"\n"] {
        let f = panel(settings);
        f.build_ok();
        let out = f.output();
        for name in ["meetings", "papers", "decisions"] {
            common::assert_data_matches_its_schema(&out, name);
        }
    }
}

#[test]
fn the_schemas_reject_what_they_should() {
    let f = panel("");
    f.build_ok();
    let out = f.output();
    let mut papers = json(&out, "data/papers.json");
    let schema = json(&out, "data/schema/papers.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    let exempt = papers["papers"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["exempt"] == true)
        .unwrap();
    exempt["recommendations"] = serde_json::json!(["leaked"]);
    assert!(
        !validator.is_valid(&papers),
        "an exempt placeholder holds nothing more"
    );
    let mut meetings = json(&out, "data/meetings.json");
    let schema = json(&out, "data/schema/meetings.schema.json");
    let validator = jsonschema::validator_for(&schema).unwrap();
    meetings["meetings"][0]["agenda"][0]["order"] = serde_json::json!(0);
    assert!(!validator.is_valid(&meetings), "order counts from 1");
}

#[test]
fn data_files_cross_reference_one_another() {
    let f = panel("");
    f.build_ok();
    let out = f.output();
    let meetings = json(&out, "data/meetings.json");
    let papers = json(&out, "data/papers.json");
    let decisions = json(&out, "data/decisions.json");
    let paper_ids: BTreeSet<&str> = papers["papers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let meeting_list = meetings["meetings"].as_array().unwrap();
    assert_eq!(meeting_list.len(), 4);
    let winter = meeting_list
        .iter()
        .find(|m| m["id"] == "2024-02-06")
        .unwrap();
    assert_eq!(winter["start_time"], "2024-02-06T10:00:00+00:00");
    assert_eq!(
        winter["location"]["name"],
        "Council Chamber, Shire Hall; Northby"
    );
    let agenda = winter["agenda"].as_array().unwrap();
    let orders: Vec<u64> = agenda
        .iter()
        .map(|a| a["order"].as_u64().unwrap())
        .collect();
    assert_eq!(orders, (1..=agenda.len() as u64).collect::<Vec<_>>());
    let items: Vec<&str> = agenda.iter().map(|a| a["item"].as_str().unwrap()).collect();
    assert_eq!(items, ["1", "B1", "C1"]);
    for a in agenda.iter().filter(|a| !a["paper"].is_null()) {
        assert!(paper_ids.contains(a["paper"]["id"].as_str().unwrap()));
        let (target, _) = resolve(
            &out,
            "data/meetings.json",
            a["paper"]["url"].as_str().unwrap(),
        );
        assert!(target.is_file());
    }
    assert_eq!(agenda[2]["paper"]["exempt"], true);
    let exempt = papers["papers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["exempt"] == true)
        .unwrap();
    let keys: BTreeSet<&str> = exempt
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        BTreeSet::from(["id", "name", "exempt", "exempt_reason"])
    );
    assert_eq!(exempt["exempt_reason"], "Paragraph 3: commercial");

    let list = decisions["decisions"].as_array().unwrap();
    assert_eq!(list.len(), 1);
    let d = &list[0];
    assert_eq!(d["reference"], "TP/24/01");
    assert_eq!(d["meeting"], "2024-02-06");
    assert_eq!(d["paper"], "2024-02-06/b1-policing");
    assert!(paper_ids.contains(d["recorded_in"].as_str().unwrap()));
    assert_eq!(agenda[1]["decisions"][0]["id"], d["id"]);
}

#[test]
fn exempt_text_reaches_no_feed_calendar_or_data_file() {
    for settings in ["", "base_url = \"https://papers.example.org/panel/\"\n"] {
        let f = panel(settings);
        f.build_ok();
        let files = snapshot(&f.output());
        let checked: Vec<&String> = files
            .keys()
            .filter(|k| {
                k.ends_with(".xml")
                    || k.ends_with(".ics")
                    || k.ends_with(".json")
                    || k.ends_with(".txt")
            })
            .collect();
        assert!(checked.len() > 10, "{checked:?}");
        for (path, bytes) in &files {
            let text = String::from_utf8_lossy(bytes);
            assert!(!text.contains(MARKER), "{path} holds exempt text");
        }
        // The title and the reason are public.
        let feed = String::from_utf8_lossy(&files["feeds/papers.xml"]).into_owned();
        assert!(feed.contains("Contract award") && feed.contains("Paragraph 3: commercial"));
    }
}

#[test]
fn sitemap_and_robots_only_with_an_absolute_base_url() {
    let plain = panel("");
    plain.build_ok();
    assert!(!plain.output().join("sitemap.xml").exists());
    assert!(!plain.output().join("robots.txt").exists());

    let f = panel(&format!("base_url = \"{BASE}\"\n"));
    f.build_ok();
    let out = f.output();
    let xml = read(&out, "sitemap.xml");
    let doc = roxmltree::Document::parse(&xml).expect("sitemap is XML");
    let ns = "http://www.sitemaps.org/schemas/sitemap/0.9";
    assert_eq!(doc.root_element().tag_name().namespace(), Some(ns));
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "loc")))
        .filter_map(|n| n.text())
        .collect();
    let pages: BTreeSet<String> = snapshot(&out)
        .into_keys()
        .filter(|k| k.ends_with(".html") && k != "404.html")
        .collect();
    let mapped: BTreeSet<String> = locs
        .iter()
        .map(|l| {
            let path = l
                .strip_prefix(BASE)
                .unwrap_or_else(|| panic!("{l} is not under {BASE}"));
            if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            }
        })
        .collect();
    assert_eq!(mapped, pages);
    assert_eq!(locs.len(), pages.len());
    let robots = read(&out, "robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == format!("Sitemap: {BASE}sitemap.xml"))
    );
}

#[test]
fn an_unknown_timezone_is_an_error_naming_site_toml_and_its_line() {
    let f = panel("timezone = \"Europe/Lundun\"\n");
    let run = f.run(&["build"]);
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("site.toml:3"), "{stderr}");
    assert!(stderr.contains("Europe/Lundun"), "{stderr}");
    assert!(!f.output().exists(), "nothing is written");
}

#[test]
fn the_same_content_builds_the_same_feeds_calendars_and_data() {
    let f = panel("");
    f.build_ok();
    let first = snapshot(&f.output());
    f.build_ok();
    assert_eq!(first, snapshot(&f.output()));
}

#[test]
fn the_sample_archive_feeds_calendars_and_data_all_parse_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    panelpress::build(&common::project_root(), Some(&out)).unwrap_or_else(|e| panic!("{e}"));
    let files = snapshot(&out);
    let (mut feeds, mut calendars) = (0, 0);
    for path in files.keys() {
        if path.starts_with("feeds/") {
            let parsed = feed(&out, path);
            assert!(!parsed.entries.is_empty(), "{path} has entries");
            for entry in &parsed.entries {
                let (target, _) = resolve(&out, path, &entry.links[0].href);
                assert!(target.is_file(), "{path}: {}", entry.links[0].href);
            }
            feeds += 1;
        } else if path.ends_with(".ics") {
            let cal = calendar(&out, path);
            assert!(!cal.events.is_empty(), "{path} has events");
            calendars += 1;
        }
    }
    let meetings = json(&out, "data/meetings.json");
    let meetings = meetings["meetings"].as_array().unwrap();
    let bodies: BTreeSet<&str> = meetings
        .iter()
        .map(|m| m["body"].as_str().unwrap())
        .collect();
    assert_eq!(
        calendars,
        meetings.len() + bodies.len(),
        "a calendar per meeting and per body"
    );
    assert!(feeds > 4, "{feeds} feeds");
    let statuses: BTreeSet<String> = json(&out, "data/meetings.json")["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["status"].to_string())
        .collect();
    assert!(
        statuses.contains("null") && statuses.contains("\"cancelled\""),
        "{statuses:?}"
    );
    let data_files: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("data/") && k.ends_with(".json") && !k.contains("/schema/"))
        .collect();
    assert!(data_files.len() >= 3, "{data_files:?}");
    for path in data_files {
        let name = path.trim_start_matches("data/").trim_end_matches(".json");
        common::assert_data_matches_its_schema(&out, name);
    }
}

#[test]
fn observances_start_at_the_local_time_of_each_change() {
    let f = panel("");
    f.build_ok();
    let cal = calendar(&f.output(), "calendars/testshire-panel.ics");
    let starts: BTreeSet<(bool, String)> = cal.timezones[0]
        .transitions
        .iter()
        .map(|t| {
            let daylight = matches!(t.transition, IcalTimeZoneTransitionType::DAYLIGHT);
            (daylight, value(&t.properties, "DTSTART"))
        })
        .collect();
    // UK clocks change at 01:00 GMT on the last Sunday of March and 02:00 BST on the
    // last Sunday of October; DTSTART is in the time that was in force before the change.
    assert!(
        starts.contains(&(true, "20240331T010000".to_string())),
        "{starts:?}"
    );
    assert!(
        starts.contains(&(false, "20241027T020000".to_string())),
        "{starts:?}"
    );
}

/// Two threads of `follows`: a three-step review whose last step is exempt, and a
/// two-step one; plus a paper in no thread.
fn threads(extra_settings: &str) -> Fixture {
    let f = Fixture::new();
    f.write(
        "site.toml",
        &format!("{}{extra_settings}", common::SITE_TOML),
    );
    for date in ["2024-02-06", "2024-07-16", "2024-11-05"] {
        f.write(
            &format!("content/{date}/_meeting.md"),
            &meeting(&format!("date: {date}\nstatus: held")),
        );
    }
    let papers = [
        ("2024-02-06/b1-review", "Estates review", "", ""),
        (
            "2024-07-16/b1-review",
            "Estates review: update",
            "2024-02-06/b1-review",
            "",
        ),
        (
            "2024-11-05/c1-review",
            "Estates review: sites for sale",
            "2024-07-16/b1-review",
            "\nexempt: \"Paragraph 3: commercial\"",
        ),
        ("2024-02-06/b2-fleet", "Fleet plan", "", ""),
        (
            "2024-11-05/b2-fleet",
            "Fleet plan: progress",
            "2024-02-06/b2-fleet",
            "",
        ),
        ("2024-07-16/b3-budget", "Budget monitoring", "", ""),
    ];
    for (id, title, follows, extra) in papers {
        let date = &id[..10];
        let item = id[11..13].to_uppercase();
        let follows = if follows.is_empty() {
            String::new()
        } else {
            format!("\nfollows: {follows}")
        };
        f.write(
            &format!("content/{id}.md"),
            &paper(
                &format!("title: \"{title}\"\ndate: {date}\nitem: {item}{follows}{extra}"),
                &format!("{MARKER} in {title}."),
            ),
        );
    }
    f
}

fn entry_titles(feed: &Feed) -> Vec<&str> {
    feed.entries
        .iter()
        .map(|e| e.title.value.as_str())
        .collect()
}

#[test]
fn each_series_has_a_feed_of_exactly_its_papers_newest_first() {
    let f = threads("");
    f.build_ok();
    let out = f.output();
    let feeds: BTreeSet<String> = snapshot(&out)
        .into_keys()
        .filter(|k| k.starts_with("feeds/series/"))
        .collect();
    assert_eq!(
        feeds,
        BTreeSet::from(
            [
                "feeds/series/estates-review.xml",
                "feeds/series/fleet-plan.xml"
            ]
            .map(String::from)
        )
    );
    let review = feed(&out, "feeds/series/estates-review.xml");
    assert_eq!(
        entry_titles(&review),
        [
            "Estates review: sites for sale",
            "Estates review: update",
            "Estates review"
        ]
    );
    let fleet = feed(&out, "feeds/series/fleet-plan.xml");
    assert_eq!(entry_titles(&fleet), ["Fleet plan: progress", "Fleet plan"]);
    for (file, parsed) in [
        ("feeds/series/estates-review.xml", &review),
        ("feeds/series/fleet-plan.xml", &fleet),
    ] {
        for entry in &parsed.entries {
            let (target, _) = resolve(&out, file, &entry.links[0].href);
            assert!(target.is_file(), "{file}: {}", entry.links[0].href);
        }
        let alternate = parsed.links.iter().find(|l| l.rel == "alternate").unwrap();
        let (page, _) = resolve(&out, file, &alternate.href);
        assert!(
            page.starts_with(out.join("series")) && page.is_file(),
            "{file}: {}",
            alternate.href
        );
    }

    // The exempt step is there by title and reason, and nothing of its text.
    let exempt = &review.entries[0];
    let content = exempt
        .content
        .as_ref()
        .and_then(|c| c.value.clone())
        .unwrap();
    assert!(content.contains("Paragraph 3: commercial"), "{content}");
    assert!(exempt.categories.is_empty());
    let xml = read(&out, "feeds/series/estates-review.xml");
    assert!(!xml.contains(MARKER));
}

#[test]
fn series_pages_and_the_data_page_link_their_feeds() {
    let f = threads("");
    f.build_ok();
    let out = f.output();
    let page = "series/estates-review/index.html";
    let html = f.page(page);
    let visible = attrs(&html, "main a[type='application/atom+xml']", "href");
    assert_eq!(visible.len(), 1, "{visible:?}");
    assert_eq!(
        resolve(&out, page, &visible[0]).0,
        out.join("feeds/series/estates-review.xml")
    );
    let alternate = attrs(
        &html,
        "link[rel=alternate][type='application/atom+xml']",
        "href",
    );
    assert!(alternate.contains(&visible[0]), "{alternate:?}");

    let data = f.page("data/index.html");
    let listed: BTreeSet<PathBuf> = attrs(&data, "main a[type='application/atom+xml']", "href")
        .iter()
        .map(|h| resolve(&out, "data/index.html", h).0)
        .collect();
    for series in ["estates-review", "fleet-plan"] {
        assert!(listed.contains(&out.join(format!("feeds/series/{series}.xml"))));
    }
    assert_eq!(common::broken_links(&out), Vec::<String>::new());
}

#[test]
fn series_feeds_link_absolutely_with_a_base_url() {
    let f = threads(&format!("base_url = \"{BASE}\"\n"));
    f.build_ok();
    let review = feed(&f.output(), "feeds/series/estates-review.xml");
    for link in review
        .entries
        .iter()
        .flat_map(|e| &e.links)
        .chain(&review.links)
    {
        assert!(link.href.starts_with(BASE), "{}", link.href);
    }
    let self_link = review.links.iter().find(|l| l.rel == "self").unwrap();
    assert_eq!(
        self_link.href,
        format!("{BASE}feeds/series/estates-review.xml")
    );
}
