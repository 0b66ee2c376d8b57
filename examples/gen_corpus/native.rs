//! Writes the corpus as a panelpress site: `site.toml` and `content/<body>/<date>/`, and
//! with `--people`, `people/` and the record in the meetings and decisions.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use super::corpus::{BODIES, Corpus, Decision, Meeting, Paper};
use super::people::{self, Record};

pub fn write(corpus: &Corpus, record: Option<&Record>, out: &Path) -> io::Result<()> {
    fs::create_dir_all(out)?;
    fs::write(
        out.join("site.toml"),
        format!(
            "title = \"Westmarch committee papers\"\ndefault_body = \"{}\"\n",
            BODIES[0].name
        ),
    )?;
    for (m, meeting) in corpus.meetings.iter().enumerate() {
        let dir = out
            .join("content")
            .join(corpus.body_of(m).slug)
            .join(&meeting.id);
        fs::create_dir_all(&dir)?;
        let held = record.map(|r| r.meetings[m].as_ref());
        fs::write(
            dir.join("_meeting.md"),
            meeting_file(corpus, m, meeting, held),
        )?;
        for &p in &meeting.papers {
            let paper = &corpus.papers[p];
            let decided = record.map(|r| r.decisions[p].as_slice());
            fs::write(
                dir.join(format!("{}.md", paper.stem)),
                paper_file(corpus, paper, decided),
            )?;
        }
    }
    if let Some(record) = record {
        for person in &record.people {
            let dir = out.join("people").join(person.folder());
            fs::create_dir_all(&dir)?;
            fs::write(dir.join(format!("{}.md", person.id)), person_file(person))?;
        }
    }
    Ok(())
}

/// YAML's double-quoted form, which takes any text once `\` and `"` are escaped.
/// Writes `key:` and a YAML list of the quoted items.
pub fn list<T: AsRef<str>>(s: &mut String, key: &str, items: &[T]) {
    let _ = writeln!(s, "{key}:");
    for item in items {
        let _ = writeln!(s, "  - {}", quote(item.as_ref()));
    }
}

pub fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `held` is `None` without `--people`, and `Some(None)` for a meeting not held.
fn meeting_file(
    corpus: &Corpus,
    m: usize,
    meeting: &Meeting,
    held: Option<Option<&people::MeetingRecord>>,
) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "date: {}", meeting.date);
    if let Some(title) = &meeting.title {
        let _ = writeln!(s, "title: {}", quote(title));
    }
    if meeting.body != 0 {
        let _ = writeln!(s, "body: {}", quote(corpus.body_of(m).name));
    }
    s.push_str("time: \"10:00\"\nvenue: \"Council Chamber, County Hall, Westmarch\"\n");
    let status = if meeting.held { "held" } else { "scheduled" };
    let _ = writeln!(s, "status: {status}");
    match held {
        None => attendance(&mut s, &meeting.present, &meeting.apologies),
        Some(None) => {}
        Some(Some(record)) => recorded(&mut s, record),
    }
    s.push_str("agenda:\n");
    for entry in &meeting.agenda {
        let _ = writeln!(
            s,
            "  - item: {}\n    title: {}\n    section: {}",
            quote(&entry.item),
            quote(&entry.title),
            quote(entry.section)
        );
    }
    s.push_str("---\n\n");
    s.push_str(&meeting.intro);
    s
}

fn attendance(s: &mut String, present: &[String], apologies: &[String]) {
    s.push_str("attendance:\n");
    list_in(s, "present", present);
    if !apologies.is_empty() {
        list_in(s, "apologies", apologies);
    }
}

/// `key:` and a list, inside a map at the first level.
fn list_in<T: AsRef<str>>(s: &mut String, key: &str, items: &[T]) {
    let _ = writeln!(s, "  {key}:");
    for item in items {
        let _ = writeln!(s, "    - {}", quote(item.as_ref()));
    }
}

fn recorded(s: &mut String, record: &people::MeetingRecord) {
    s.push_str("attendance:\n  present:\n");
    for entry in &record.present {
        if entry.virtual_map {
            let _ = writeln!(s, "    - name: {}\n      virtual: true", quote(&entry.text));
        } else {
            let _ = writeln!(s, "    - {}", quote(&entry.text));
        }
    }
    if !record.apologies.is_empty() {
        list_in(s, "apologies", &record.apologies);
    }
    if !record.in_attendance.is_empty() {
        list_in(s, "in_attendance", &record.in_attendance);
    }
    if record.declarations.is_empty() {
        return;
    }
    s.push_str("declarations:\n");
    for d in &record.declarations {
        let _ = writeln!(s, "  - name: {}", quote(&d.name));
        if let Some(item) = &d.item {
            let _ = writeln!(s, "    item: {}", quote(item));
        }
        let _ = writeln!(
            s,
            "    interest: {}\n    kind: {}",
            quote(d.interest),
            d.kind
        );
        if d.withdrew {
            s.push_str("    withdrew: true\n");
        }
    }
}

fn paper_file(
    corpus: &Corpus,
    paper: &Paper,
    decided: Option<&[people::DecisionRecord]>,
) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}", quote(&paper.title));
    let _ = writeln!(s, "date: {}", paper.date);
    let _ = writeln!(s, "item: {}", quote(&paper.item));
    let _ = writeln!(s, "section: {}", quote(&paper.section));
    let _ = writeln!(s, "kind: {}", paper.kind);
    let _ = writeln!(s, "from: {}", quote(paper.from));
    if let Some(reason) = paper.exempt {
        let _ = writeln!(s, "exempt: {}", quote(reason));
    }
    if let Some(of) = paper.minutes_of {
        let _ = writeln!(s, "minutes_of: {}", quote(&corpus.meetings[of].id));
    }
    if let Some(f) = paper.follows {
        let _ = writeln!(s, "follows: {}", corpus.paper_id(f));
    }
    list(&mut s, "topics", &paper.topics);
    list(&mut s, "recommendations", &paper.recommendations);
    if !paper.decisions.is_empty() {
        s.push_str("decisions:\n");
        for (n, d) in paper.decisions.iter().enumerate() {
            decision(&mut s, d);
            if let Some(record) = decided.and_then(|r| r.get(n)) {
                decision_record(&mut s, record);
            }
        }
    }
    s.push_str("---\n\n");
    s.push_str(&paper.body);
    s
}

fn decision(s: &mut String, d: &Decision) {
    let _ = writeln!(s, "  - ref: {}", quote(&d.reference));
    if let Some(item) = &d.item {
        let _ = writeln!(s, "    item: {}", quote(item));
    }
    let _ = writeln!(s, "    date: {}\n    text: {}", d.date, quote(&d.text));
}

fn decision_record(s: &mut String, d: &people::DecisionRecord) {
    if let Some(vote) = &d.vote {
        s.push_str("    vote:\n");
        for (key, side) in [
            ("for", &vote.for_),
            ("against", &vote.against),
            ("abstain", &vote.abstain),
        ] {
            match side {
                people::Side::Count(n) => {
                    let _ = writeln!(s, "      {key}: {n}");
                }
                people::Side::Names(names) if names.is_empty() => {
                    let _ = writeln!(s, "      {key}: 0");
                }
                people::Side::Names(names) => {
                    let _ = writeln!(s, "      {key}:");
                    for name in names {
                        let _ = writeln!(s, "        - {}", quote(name));
                    }
                }
            }
        }
        let _ = writeln!(s, "      result: {}", vote.result);
    }
    match d.reasons.as_slice() {
        [] => {}
        [one] => {
            let _ = writeln!(s, "    reasons: {}", quote(one));
        }
        many => {
            s.push_str("    reasons:\n");
            for reason in many {
                let _ = writeln!(s, "      - {}", quote(reason));
            }
        }
    }
    if d.key_decision {
        s.push_str("    key_decision: true\n");
    }
    if let Some((until, outcome)) = &d.call_in {
        let _ = writeln!(s, "    call_in:\n      until: {until}");
        if let Some(outcome) = outcome {
            let _ = writeln!(
                s,
                "      called_in: true\n      outcome: {}",
                quote(outcome)
            );
        }
    }
}

fn person_file(person: &people::Person) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "name: {}", quote(&person.name()));
    if let Some(alias) = &person.alias {
        list(&mut s, "aliases", &[alias]);
    }
    if let Some(party) = person.party {
        let _ = writeln!(s, "party: {}", quote(party));
    }
    if !person.seats.is_empty() {
        s.push_str("memberships:\n");
    }
    for seat in &person.seats {
        let _ = writeln!(s, "  - body: {}", quote(BODIES[seat.body].name));
        let _ = writeln!(s, "    role: {}", quote(seat.role));
        if let Some(council) = seat.on_behalf_of {
            let _ = writeln!(s, "    on_behalf_of: {}", quote(council));
        }
        if let Some(from) = seat.from {
            let _ = writeln!(s, "    from: {from}");
        }
        if let Some(to) = seat.to {
            let _ = writeln!(s, "    to: {to}");
        }
        if !seat.voting {
            s.push_str("    voting: false\n");
        }
    }
    s.push_str("---\n");
    if let Some(post) = person.post {
        let _ = writeln!(s, "{} is the {post}.", person.name());
    }
    let mut bodies: Vec<usize> = person.seats.iter().map(|seat| seat.body).collect();
    bodies.dedup();
    for body in bodies {
        let seat = person.seats.iter().find(|seat| seat.body == body);
        let on = seat
            .and_then(|seat| seat.on_behalf_of)
            .map_or(String::new(), |c| format!(" for {c}"));
        let verb = if person
            .seats
            .iter()
            .any(|x| x.body == body && x.to.is_none())
        {
            "sits"
        } else {
            "sat"
        };
        let _ = writeln!(
            s,
            "{} {verb} on the {}{on}.",
            person.name(),
            BODIES[body].name
        );
    }
    s
}
