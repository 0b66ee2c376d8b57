//! The OParl 1.1 export: every file under oparl/ checked against what OParl 1.1's
//! schemas (OParl/spec, schema/*.json) require of its type, the export closed (every
//! URL under oparl/ it names is a file of it), and nothing of an exempt paper in it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::{Fixture, meeting, paper, snapshot};
use serde_json::Value;

const BASE: &str = "https://example.org/panel/";
const MARKER: &str = "Quetzal-Marmot-5182";
const BUDGET_CSV: &[u8] = b"line,amount\nfuel,10\n";

/// What a property must hold, as OParl 1.1's schemas state it.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Str,
    Bool,
    Int,
    /// A full `http(s)` URL.
    Url,
    /// RFC 3339 date and time.
    DateTime,
    /// `YYYY-MM-DD`.
    Date,
    Strs,
    Urls,
    /// An object of the type, output inside its parent.
    Object(&'static str),
    Objects(&'static str),
    /// Any JSON object (a GeoJSON value).
    AnyObject,
}

use Kind::*;

/// The properties every OParl 1.1 object type may carry besides its own.
const COMMON: &[(&str, Kind)] = &[
    ("id", Url),
    ("type", Str),
    ("license", Str),
    ("keyword", Strs),
    ("created", DateTime),
    ("modified", DateTime),
    ("web", Url),
    ("deleted", Bool),
];

/// Required properties and the types of the others, per type, from schema/*.json of
/// OParl 1.1 (written out here from reading them, not copied).
fn rules(kind: &str) -> (&'static [&'static str], &'static [(&'static str, Kind)]) {
    match kind {
        "System" => (
            &["id", "type", "oparlVersion", "body"],
            &[
                ("oparlVersion", Str),
                ("otherOparlVersions", Urls),
                ("license", Url),
                ("body", Url),
                ("name", Str),
                ("contactEmail", Str),
                ("contactName", Str),
                ("website", Url),
                ("vendor", Url),
                ("product", Url),
            ],
        ),
        "Body" => (
            &[
                "id",
                "type",
                "name",
                "organization",
                "person",
                "meeting",
                "paper",
                "legislativeTerm",
            ],
            &[
                ("system", Url),
                ("shortName", Str),
                ("name", Str),
                ("website", Url),
                ("license", Url),
                ("licenseValidSince", DateTime),
                ("oparlSince", DateTime),
                ("ags", Str),
                ("rgs", Str),
                ("equivalent", Urls),
                ("contactEmail", Str),
                ("contactName", Str),
                ("organization", Url),
                ("person", Url),
                ("meeting", Url),
                ("paper", Url),
                ("legislativeTerm", Objects("LegislativeTerm")),
                ("agendaItem", Url),
                ("consultation", Url),
                ("file", Url),
                ("locationList", Url),
                ("legislativeTermList", Url),
                ("membership", Url),
                ("classification", Str),
                ("location", Object("Location")),
                ("mainOrganization", Url),
            ],
        ),
        "Organization" => (
            &["id", "type"],
            &[
                ("body", Url),
                ("name", Str),
                ("membership", Urls),
                ("meeting", Url),
                ("consultation", Url),
                ("shortName", Str),
                ("post", Strs),
                ("subOrganizationOf", Url),
                ("organizationType", Str),
                ("classification", Str),
                ("startDate", Date),
                ("endDate", Date),
                ("website", Url),
                ("location", Object("Location")),
                ("externalBody", Url),
                ("memberCount", Int),
                ("votingMemberCount", Int),
            ],
        ),
        "Person" => (
            &["id", "type"],
            &[
                ("body", Url),
                ("name", Str),
                ("familyName", Str),
                ("givenName", Str),
                ("formOfAddress", Str),
                ("affix", Str),
                ("title", Strs),
                ("gender", Str),
                ("phone", Strs),
                ("email", Strs),
                ("location", Url),
                ("locationObject", Object("Location")),
                ("status", Strs),
                ("membership", Objects("Membership")),
                ("image", Object("File")),
                ("life", Str),
                ("lifeSource", Str),
            ],
        ),
        "Membership" => (
            &["id", "type"],
            &[
                ("person", Url),
                ("organization", Url),
                ("role", Str),
                ("votingRight", Bool),
                ("startDate", Date),
                ("endDate", Date),
                ("onBehalfOf", Url),
            ],
        ),
        "Meeting" => (
            &["id", "type"],
            &[
                ("name", Str),
                ("meetingState", Str),
                ("cancelled", Bool),
                ("start", DateTime),
                ("end", DateTime),
                ("location", Object("Location")),
                ("organization", Urls),
                ("participant", Urls),
                ("invitation", Object("File")),
                ("resultsProtocol", Object("File")),
                ("verbatimProtocol", Object("File")),
                ("auxiliaryFile", Objects("File")),
                ("agendaItem", Objects("AgendaItem")),
            ],
        ),
        "AgendaItem" => (
            &["id", "type", "order"],
            &[
                ("meeting", Url),
                ("number", Str),
                ("order", Int),
                ("name", Str),
                ("public", Bool),
                ("consultation", Url),
                ("result", Str),
                ("resolutionText", Str),
                ("resolutionFile", Object("File")),
                ("auxiliaryFile", Objects("File")),
                ("start", DateTime),
                ("end", DateTime),
            ],
        ),
        "Paper" => (
            &["id", "type"],
            &[
                ("body", Url),
                ("name", Str),
                ("reference", Str),
                ("date", Date),
                ("paperType", Str),
                ("relatedPaper", Urls),
                ("superordinatedPaper", Urls),
                ("subordinatedPaper", Urls),
                ("mainFile", Object("File")),
                ("auxiliaryFile", Objects("File")),
                ("location", Objects("Location")),
                ("originatorPerson", Urls),
                ("underDirectionOf", Urls),
                ("originatorOrganization", Urls),
                ("consultation", Objects("Consultation")),
            ],
        ),
        "File" => (
            &["id", "type", "accessUrl"],
            &[
                ("name", Str),
                ("fileName", Str),
                ("mimeType", Str),
                ("date", Date),
                ("size", Int),
                ("sha1Checksum", Str),
                ("sha512Checksum", Str),
                ("text", Str),
                ("accessUrl", Url),
                ("downloadUrl", Url),
                ("externalServiceUrl", Url),
                ("masterFile", Url),
                ("derivativeFile", Urls),
                ("fileLicense", Url),
                ("meeting", Urls),
                ("agendaItem", Urls),
                ("person", Url),
                ("paper", Urls),
            ],
        ),
        "Location" => (
            &["id", "type"],
            &[
                ("description", Str),
                ("geojson", AnyObject),
                ("streetAddress", Str),
                ("room", Str),
                ("postalCode", Str),
                ("subLocality", Str),
                ("locality", Str),
                ("bodies", Urls),
                ("organizations", Urls),
                ("persons", Urls),
                ("meetings", Urls),
                ("papers", Urls),
            ],
        ),
        "LegislativeTerm" => (
            &["id", "type"],
            &[
                ("body", Url),
                ("name", Str),
                ("startDate", Date),
                ("endDate", Date),
            ],
        ),
        other => panic!("no rules for OParl type {other}"),
    }
}

fn is_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && !s.contains(char::is_whitespace)
        && s.split_once("://")
            .is_some_and(|(_, rest)| !rest.is_empty())
}

fn check_value(at: &str, key: &str, kind: Kind, v: &Value, problems: &mut Vec<String>) {
    let ok = match kind {
        Str => v.is_string(),
        Bool => v.is_boolean(),
        Int => v.is_u64() || v.is_i64(),
        Url => v.as_str().is_some_and(is_url),
        DateTime => v
            .as_str()
            .is_some_and(|s| chrono::DateTime::parse_from_rfc3339(s).is_ok()),
        Date => v
            .as_str()
            .is_some_and(|s| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()),
        Strs => v.as_array().is_some_and(|a| a.iter().all(Value::is_string)),
        Urls => v
            .as_array()
            .is_some_and(|a| a.iter().all(|u| u.as_str().is_some_and(is_url))),
        AnyObject => v.is_object(),
        Object(t) => {
            check_object(&format!("{at}.{key}"), t, v, problems);
            true
        }
        Objects(t) => match v.as_array() {
            Some(list) => {
                for (i, o) in list.iter().enumerate() {
                    check_object(&format!("{at}.{key}[{i}]"), t, o, problems);
                }
                true
            }
            None => false,
        },
    };
    if !ok {
        problems.push(format!("{at}.{key}: {v} is not {kind:?}"));
    }
}

/// Checks `v` as an OParl object of type `kind`; an object given inside another may
/// leave out its back reference, but nothing else the schema requires.
fn check_object(at: &str, kind: &str, v: &Value, problems: &mut Vec<String>) {
    let Some(map) = v.as_object() else {
        return problems.push(format!("{at}: not an object"));
    };
    let (required, properties) = rules(kind);
    for r in required {
        if !map.contains_key(*r) {
            problems.push(format!("{at}: {kind} lacks required `{r}`"));
        }
    }
    let expected_type = format!("https://schema.oparl.org/1.1/{kind}");
    if map.get("type").and_then(Value::as_str) != Some(expected_type.as_str()) {
        problems.push(format!(
            "{at}: type is {:?}, not {expected_type}",
            map.get("type")
        ));
    }
    for (key, value) in map {
        let rule = properties
            .iter()
            .chain(COMMON)
            .find(|(k, _)| k == key)
            .map(|&(_, kind)| kind);
        match rule {
            Some(kind) => check_value(at, key, kind, value, problems),
            // OParl allows a server's own properties only with a prefix (`vendor:name`).
            None if key.contains(':') => {}
            None => problems.push(format!("{at}: `{key}` is no property of {kind}")),
        }
    }
}

/// The shape OParl 1.1 gives every page of an external list.
fn check_list_page(at: &str, v: &Value, problems: &mut Vec<String>) {
    for key in ["data", "pagination", "links"] {
        if v.get(key).is_none() {
            problems.push(format!("{at}: list page lacks `{key}`"));
        }
    }
    if !v["data"].is_array() {
        problems.push(format!("{at}: data is not an array"));
    }
    for key in [
        "totalElements",
        "elementsPerPage",
        "currentPage",
        "totalPages",
    ] {
        if let Some(n) = v["pagination"].get(key)
            && !n.is_u64()
        {
            problems.push(format!("{at}: pagination.{key} is not a count"));
        }
    }
    if let Some(links) = v["links"].as_object() {
        for (key, url) in links {
            if !["first", "prev", "self", "next", "last", "web"].contains(&key.as_str()) {
                problems.push(format!("{at}: links.{key} is no list link"));
            }
            if !url.as_str().is_some_and(is_url) {
                problems.push(format!("{at}: links.{key} is not a URL"));
            }
        }
        let current = v["pagination"]["currentPage"].as_u64();
        let pages = v["pagination"]["totalPages"].as_u64();
        if current < pages && !links.contains_key("next") {
            problems.push(format!("{at}: a page before the last must link `next`"));
        }
    }
}

/// The file under the output folder an OParl URL names, if it is one of the export's.
fn file_of(url: &str) -> Option<String> {
    let path = url.strip_prefix(BASE)?.strip_prefix("oparl/")?;
    let decoded = percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()?;
    Some(format!("oparl/{decoded}"))
}

/// Every string in `v` that is a URL under `{BASE}oparl/`.
fn oparl_urls(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if s.starts_with(&format!("{BASE}oparl/")) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| oparl_urls(x, out)),
        Value::Object(m) => m.values().for_each(|x| oparl_urls(x, out)),
        _ => {}
    }
}

/// Two committees, three people (one sitting for a district council, one whose seat
/// ends, one with a picture), a held meeting with attendance, minutes with a decision,
/// a report with an attachment, and an exempt paper whose every field carries MARKER.
fn panel(settings: &str) -> Fixture {
    let f = Fixture::new();
    f.write("site.toml", &format!("{}{settings}", common::SITE_TOML));
    f.write(
        "people/ann-hale.md",
        "---\nname: Councillor Ann Hale\nparty: Independent\nimage: ann-hale.png\nmemberships:\n  - body: Testshire Panel\n    role: Chair\n    on_behalf_of: Northby District Council\n    from: 2023-05-01\n  - body: Testshire Audit Committee\n    from: 2024-01-01\n---\nAnn chairs the panel.\n",
    );
    f.write_bytes(
        "people/ann-hale.png",
        b"\x89PNG\r\n\x1a\nnot really a picture",
    );
    f.write(
        "people/bill-okafor.md",
        "---\nname: Councillor Bill Okafor\naliases: [Mr W Okafor]\nmemberships:\n  - body: Testshire Panel\n    from: 2023-05-01\n    to: 2024-05-19\n---\n",
    );
    f.write(
        "people/cara-lind.md",
        "---\nname: Cara Lind\nmemberships:\n  - body: Testshire Panel\n    role: Independent member\n    voting: false\n---\n",
    );
    f.write(
        "content/2024-02-06/_meeting.md",
        &meeting(
            "date: 2024-02-06\ntime: \"10:00-12:30\"\nvenue: Council Chamber, Shire Hall\nstatus: held\nattendance:\n  present: [\"Cllr A Hale (Chair)\", \"Cara Lind\"]\n  apologies: [\"Mr W Okafor\"]\n  in_attendance: [\"Ms D Price (Clerk)\"]\nagenda:\n  - item: \"1\"\n    title: Apologies",
        ),
    );
    f.write_bytes(
        "content/2024-02-06/budget-tables.csv",
        b"line,amount\nfuel,10\n",
    );
    f.write(
        "content/2024-02-06/b1-budget.md",
        &paper(
            "title: Budget monitoring\ndate: 2024-01-26\nitem: B1\ntopics: [Finance]\nattachments:\n  - file: budget-tables.csv\n    title: Budget tables",
            "1. The budget is on track.",
        ),
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
        &meeting("date: 2024-07-16\ntime: 2pm\nstatus: held"),
    );
    f.write(
        "content/2024-07-16/06-minutes.md",
        &paper(
            "title: Minutes of 6 February\ndate: 2024-07-08\nitem: \"6\"\nkind: minutes\nminutes_of: \"2024-02-06\"\ndecisions:\n  - ref: TP/24/01\n    item: B1\n    text: The Panel noted the budget report.",
            "1. The Panel discussed the budget.",
        ),
    );
    f.write(
        "content/audit/_meeting.md",
        &meeting("date: 2024-03-12\nbody: Testshire Audit Committee\nstatus: scheduled"),
    );
    f.write(
        "content/audit/a1-plan.md",
        &paper("title: Audit plan\ndate: 2024-03-01\nitem: A1", "Text."),
    );
    f
}

fn oparl_files(out: &Path) -> BTreeMap<String, Value> {
    snapshot(out)
        .into_iter()
        .filter(|(k, _)| k.starts_with("oparl/"))
        .map(|(k, bytes)| {
            let v = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{k}: {e}"));
            (k, v)
        })
        .collect()
}

fn built(settings: &str) -> (Fixture, BTreeMap<String, Value>) {
    let f = panel(settings);
    f.build_ok();
    let files = oparl_files(&f.output());
    (f, files)
}

fn with_base() -> (Fixture, BTreeMap<String, Value>) {
    built(&format!("base_url = \"{BASE}\"\n"))
}

/// The OParl type of an object, without the schema's prefix.
fn type_of(v: &Value) -> Option<&str> {
    v["type"]
        .as_str()?
        .strip_prefix("https://schema.oparl.org/1.1/")
}

/// Everything in the export that OParl 1.1 does not allow, by file; and the types seen.
fn conformance(files: &BTreeMap<String, Value>) -> (Vec<String>, BTreeSet<String>) {
    let mut problems = Vec::new();
    let mut types = BTreeSet::new();
    for (path, v) in files {
        if path.starts_with("oparl/list/") {
            check_list_page(path, v, &mut problems);
            for (i, o) in v["data"].as_array().into_iter().flatten().enumerate() {
                let kind = type_of(o).unwrap_or("?");
                check_object(&format!("{path}.data[{i}]"), kind, o, &mut problems);
            }
            continue;
        }
        let Some(kind) = type_of(v) else {
            problems.push(format!("{path}: no OParl 1.1 type: {}", v["type"]));
            continue;
        };
        types.insert(kind.to_string());
        check_object(path, kind, v, &mut problems);
        // Every object is served at its own id.
        if file_of(v["id"].as_str().unwrap_or_default()).as_deref() != Some(path.as_str()) {
            problems.push(format!("{path}: served away from its id {}", v["id"]));
        }
    }
    (problems, types)
}

/// Every URL under `{BASE}oparl/` that names no file of the export, as "file: url".
fn dangling(files: &BTreeMap<String, Value>) -> Vec<String> {
    let mut missing = Vec::new();
    for (path, v) in files {
        let mut urls = Vec::new();
        oparl_urls(v, &mut urls);
        for url in urls {
            match file_of(&url) {
                Some(file) if files.contains_key(&file) => {}
                _ => missing.push(format!("{path}: {url}")),
            }
        }
    }
    missing
}

#[test]
fn every_file_of_the_export_is_what_oparl_1_1_requires_of_its_type() {
    let (_f, files) = with_base();
    assert!(
        files.contains_key("oparl/system.json"),
        "{:?}",
        files.keys()
    );
    let (problems, types) = conformance(&files);
    assert_eq!(problems, Vec::<String>::new());
    let expected = [
        "AgendaItem",
        "Body",
        "File",
        "Location",
        "Meeting",
        "Membership",
        "Organization",
        "Paper",
        "Person",
        "System",
    ];
    assert_eq!(types, BTreeSet::from(expected.map(String::from)));
    let system = &files["oparl/system.json"];
    assert_eq!(system["oparlVersion"], "https://schema.oparl.org/1.1/");
    assert_eq!(system["id"], format!("{BASE}oparl/system.json"));
}

#[test]
fn the_export_is_closed_and_its_lists_hold_every_object_of_their_type() {
    let (_f, files) = with_base();
    assert_eq!(dangling(&files), Vec::<String>::new());

    // Each list of the Body, paged through `next`, holds exactly the objects of its type.
    let body = &files["oparl/body/1.json"];
    for (property, kind) in [
        ("organization", "Organization"),
        ("person", "Person"),
        ("meeting", "Meeting"),
        ("paper", "Paper"),
        ("membership", "Membership"),
        ("agendaItem", "AgendaItem"),
        ("file", "File"),
        ("locationList", "Location"),
    ] {
        let listed = walk_list(&files, body[property].as_str().unwrap());
        let ids: BTreeSet<&str> = listed.iter().map(|o| o["id"].as_str().unwrap()).collect();
        let served: BTreeSet<String> = files
            .iter()
            .filter(|(p, v)| !p.starts_with("oparl/list/") && type_of(v) == Some(kind))
            .map(|(_, v)| v["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(
            ids,
            served.iter().map(String::as_str).collect(),
            "{property}"
        );
        assert_eq!(ids.len(), listed.len(), "{property} lists each once");
    }
    let system = &files["oparl/system.json"];
    let bodies = walk_list(&files, system["body"].as_str().unwrap());
    assert_eq!(bodies.len(), 1);
    assert_eq!(bodies[0]["id"], body["id"]);
    assert_eq!(body["legislativeTerm"], Value::Array(Vec::new()));
}

/// Every object of the list at `url`, page after page.
fn walk_list<'a>(files: &'a BTreeMap<String, Value>, url: &str) -> Vec<&'a Value> {
    let mut out = Vec::new();
    let mut next = Some(url.to_string());
    let mut seen = BTreeSet::new();
    while let Some(url) = next {
        assert!(seen.insert(url.clone()), "{url} loops");
        let page = &files[&file_of(&url).unwrap()];
        out.extend(page["data"].as_array().unwrap());
        next = page["links"]["next"].as_str().map(str::to_string);
    }
    out
}

#[test]
fn people_memberships_and_meetings_carry_the_record() {
    let (_f, files) = with_base();
    let person = &files["oparl/person/ann-hale.json"];
    assert_eq!(person["name"], "Councillor Ann Hale");
    assert_eq!(person["web"], format!("{BASE}people/ann-hale/"));
    assert_eq!(person["panelpress:party"], "Independent");
    let seats = person["membership"].as_array().unwrap();
    assert_eq!(seats.len(), 2);
    let chair = seats.iter().find(|m| m["role"] == "Chair").unwrap();
    assert_eq!(chair["startDate"], "2023-05-01");
    assert_eq!(
        chair["organization"],
        format!("{BASE}oparl/organization/testshire-panel.json")
    );
    let nominator = &files[&file_of(chair["onBehalfOf"].as_str().unwrap()).unwrap()];
    assert_eq!(nominator["name"], "Northby District Council");
    let image = &person["image"];
    assert_eq!(
        image["accessUrl"],
        format!("{BASE}people/ann-hale/ann-hale.png")
    );
    assert_eq!(image["mimeType"], "image/png");

    let cara = &files["oparl/person/cara-lind.json"]["membership"][0];
    assert_eq!(cara["votingRight"], false);
    let bill = &files["oparl/person/bill-okafor.json"]["membership"][0];
    assert_eq!(bill["endDate"], "2024-05-19");

    let meeting = &files["oparl/meeting/2024-02-06.json"];
    assert_eq!(meeting["start"], "2024-02-06T10:00:00+00:00");
    assert_eq!(meeting["end"], "2024-02-06T12:30:00+00:00");
    assert_eq!(meeting["cancelled"], false);
    assert_eq!(
        meeting["location"]["description"],
        "Council Chamber, Shire Hall"
    );
    let participants: BTreeSet<&str> = meeting["participant"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap())
        .collect();
    assert_eq!(
        participants,
        BTreeSet::from([
            format!("{BASE}oparl/person/ann-hale.json").as_str(),
            format!("{BASE}oparl/person/cara-lind.json").as_str(),
        ]),
        "present members only, not apologies"
    );
    let minutes = &meeting["resultsProtocol"];
    assert_eq!(
        minutes["accessUrl"],
        format!("{BASE}papers/2024-07-16/06-minutes/")
    );
    let items = meeting["agendaItem"].as_array().unwrap();
    let numbers: Vec<&str> = items
        .iter()
        .map(|i| i["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers, ["1", "B1", "C1"]);
    let orders: Vec<u64> = items.iter().map(|i| i["order"].as_u64().unwrap()).collect();
    assert_eq!(orders, [1, 2, 3]);
    assert_eq!(
        items[1]["resolutionText"],
        "The Panel noted the budget report."
    );
    let budget_files: Vec<&str> = items[1]["auxiliaryFile"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["accessUrl"].as_str().unwrap())
        .collect();
    assert_eq!(
        budget_files,
        [
            format!("{BASE}papers/2024-02-06/b1-budget/"),
            format!("{BASE}papers/2024-02-06/b1-budget/budget-tables.csv"),
        ]
    );

    let paper = &files["oparl/paper/2024-02-06/b1-budget.json"];
    assert_eq!(paper["mainFile"]["mimeType"], "text/html");
    let attachment = &paper["auxiliaryFile"][0];
    assert_eq!(attachment["fileName"], "budget-tables.csv");
    assert_eq!(attachment["mimeType"], "text/csv");
    assert_eq!(attachment["size"], BUDGET_CSV.len());
    assert_eq!(paper["keyword"], serde_json::json!(["Finance"]));
    assert_eq!(paper["created"], "2024-01-26T00:00:00+00:00");
}

#[test]
fn the_links_to_pages_and_files_reach_what_the_archive_publishes() {
    let (f, files) = with_base();
    let out = f.output();
    assert!(
        out.join("people/ann-hale/ann-hale.png").is_file(),
        "the person's picture is published beside their page"
    );
    let mut checked = 0;
    for (path, v) in &files {
        let mut urls = Vec::new();
        archive_urls(v, &mut urls);
        for url in urls {
            let rel = url.strip_prefix(BASE).unwrap();
            let rel = rel.split('#').next().unwrap();
            let file = if rel.is_empty() || rel.ends_with('/') {
                format!("{rel}index.html")
            } else {
                rel.to_string()
            };
            assert!(out.join(&file).is_file(), "{path}: {url}");
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
}

/// Every `web`, `accessUrl`, `downloadUrl` and `website` in `v`, however deep.
fn archive_urls(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x.as_str()) {
                    ("web" | "accessUrl" | "downloadUrl" | "website", Some(s)) => {
                        out.push(s.to_string())
                    }
                    _ => archive_urls(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| archive_urls(x, out)),
        _ => {}
    }
}

#[test]
fn an_exempt_paper_is_its_title_only() {
    let (_f, files) = with_base();
    for (path, v) in &files {
        assert!(!v.to_string().contains(MARKER), "{path} holds exempt text");
    }
    let exempt_url = format!("{BASE}oparl/paper/2024-02-06/c1-contract.json");
    let paper = &files["oparl/paper/2024-02-06/c1-contract.json"];
    assert_eq!(paper["name"], "Contract award");
    for key in ["mainFile", "auxiliaryFile", "keyword", "paperType"] {
        assert!(paper.get(key).is_none(), "exempt paper has {key}");
    }
    // No File anywhere is of the exempt paper.
    for (path, v) in files.iter().filter(|(_, v)| type_of(v) == Some("File")) {
        let papers = v["paper"].as_array().cloned().unwrap_or_default();
        assert!(
            !papers.contains(&Value::String(exempt_url.clone())),
            "{path}"
        );
    }
    let meeting = &files["oparl/meeting/2024-02-06.json"];
    let item = &meeting["agendaItem"][2];
    assert_eq!(item["name"], "Contract award");
    assert_eq!(item["public"], false);
    assert_eq!(item["auxiliaryFile"], Value::Array(Vec::new()));
    assert!(item.get("resolutionText").is_none());
}

#[test]
fn no_export_without_an_absolute_base_url() {
    for settings in ["", "base_url = \"/panel/\"\n"] {
        let (f, files) = built(settings);
        assert!(files.is_empty(), "{settings}: {:?}", files.keys());
        assert!(!f.output().join("oparl").exists());
        assert!(common::attrs(&f.page("data/index.html"), "#oparl-system", "href").is_empty());
    }
}

#[test]
fn the_open_data_page_gives_the_entry_point() {
    let (f, _files) = with_base();
    let links = common::attrs(&f.page("data/index.html"), "main a#oparl-system", "href");
    assert_eq!(links, [format!("{BASE}oparl/system.json")]);
}

#[test]
fn long_lists_are_paged_by_a_hundred_with_next_and_prev() {
    let f = Fixture::new();
    f.write(
        "site.toml",
        &format!("{}base_url = \"{BASE}\"\n", common::SITE_TOML),
    );
    f.write("content/m/_meeting.md", &meeting("date: 2024-02-06"));
    for i in 0..150 {
        f.write(
            &format!("content/m/p{i:03}.md"),
            &paper(
                &format!("title: Paper {i}\ndate: 2024-01-26\nitem: \"{i}\""),
                "Text.",
            ),
        );
    }
    f.build_ok();
    let files = oparl_files(&f.output());
    let first = &files["oparl/list/paper/1.json"];
    assert_eq!(first["data"].as_array().unwrap().len(), 100);
    assert_eq!(first["pagination"]["totalElements"], 150);
    assert_eq!(first["pagination"]["totalPages"], 2);
    assert!(first["links"].get("prev").is_none());
    let second = &files[&file_of(first["links"]["next"].as_str().unwrap()).unwrap()];
    assert_eq!(second["data"].as_array().unwrap().len(), 50);
    assert!(second["links"].get("next").is_none());
    assert_eq!(second["links"]["prev"], first["links"]["self"]);
    let all = walk_list(&files, first["links"]["self"].as_str().unwrap());
    let names: BTreeSet<&str> = all.iter().map(|p| p["name"].as_str().unwrap()).collect();
    assert_eq!(names.len(), 150);
}

#[test]
fn the_export_is_the_same_for_the_same_content() {
    let (f, first) = with_base();
    f.build_ok();
    assert_eq!(first, oparl_files(&f.output()));
}

#[test]
fn the_sample_archive_exports_valid_closed_oparl() {
    let dir = common::sample_copy();
    let toml = std::fs::read_to_string(dir.path().join("site.toml")).unwrap();
    std::fs::write(
        dir.path().join("site.toml"),
        format!("base_url = \"{BASE}\"\n{toml}"),
    )
    .unwrap();
    panelpress::build(dir.path(), None).unwrap_or_else(|e| panic!("{e}"));
    let files = oparl_files(&dir.path().join("public"));
    let (problems, types) = conformance(&files);
    assert_eq!(problems, Vec::<String>::new());
    assert_eq!(dangling(&files), Vec::<String>::new());
    for kind in [
        "System",
        "Body",
        "Organization",
        "Meeting",
        "AgendaItem",
        "Paper",
        "File",
    ] {
        assert!(types.contains(kind), "{kind}: {types:?}");
    }
    let papers = walk_list(
        &files,
        files["oparl/body/1.json"]["paper"].as_str().unwrap(),
    );
    assert!(papers.len() > 10, "{}", papers.len());
}
