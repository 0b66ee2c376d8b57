//! People and the record (`--people`): the members and officers of the corpus's bodies
//! and, for each held meeting, attendance and declarations as minutes write them, and
//! votes and decision records on some decisions. Drawn from a PRNG of its own, so the
//! papers and meetings are the same bytes with the flag and without it.

use chrono::{Datelike, Duration, NaiveDate};
use fastrand::Rng;

use super::corpus::{BODIES, Corpus};

pub struct Seat {
    pub body: usize,
    pub role: &'static str,
    pub on_behalf_of: Option<&'static str>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub voting: bool,
}

pub struct Person {
    pub id: String,
    /// `Councillor` for council seats; `Mr`, `Ms`, `Dr`… otherwise.
    pub title: &'static str,
    pub given: Vec<&'static str>,
    pub surname: String,
    pub party: Option<&'static str>,
    /// A spelling the minutes use that the rules would not match, kept in `aliases:`.
    pub alias: Option<String>,
    pub honour: Option<&'static str>,
    /// An officer's post, written as a note after their name.
    pub post: Option<&'static str>,
    pub seats: Vec<Seat>,
}

impl Person {
    pub fn name(&self) -> String {
        format!("{} {} {}", self.title, self.given.join(" "), self.surname)
    }

    pub fn folder(&self) -> &'static str {
        match self.seats.first() {
            None => "officers",
            Some(seat) => BODIES[seat.body].slug,
        }
    }

    fn councillor(&self) -> bool {
        self.title == "Councillor"
    }
}

/// One entry of an attendance list.
pub struct Entry {
    pub text: String,
    /// Written as a map with `virtual: true` rather than as text.
    pub virtual_map: bool,
}

pub struct Declaration {
    pub name: String,
    pub item: Option<String>,
    pub interest: &'static str,
    pub kind: &'static str,
    pub withdrew: bool,
}

#[derive(Default)]
pub struct MeetingRecord {
    pub present: Vec<Entry>,
    pub apologies: Vec<String>,
    pub in_attendance: Vec<String>,
    pub declarations: Vec<Declaration>,
    /// Who could vote (voting members present and substitutes), as written.
    voters: Vec<String>,
}

pub enum Side {
    Names(Vec<String>),
    Count(usize),
}

pub struct Vote {
    pub for_: Side,
    pub against: Side,
    pub abstain: Side,
    pub result: &'static str,
}

#[derive(Default)]
pub struct DecisionRecord {
    pub vote: Option<Vote>,
    pub reasons: Vec<String>,
    pub key_decision: bool,
    pub call_in: Option<(NaiveDate, Option<&'static str>)>,
}

pub struct Record {
    pub people: Vec<Person>,
    /// By meeting; `None` for meetings not held.
    pub meetings: Vec<Option<MeetingRecord>>,
    /// By paper, then decision.
    pub decisions: Vec<Vec<DecisionRecord>>,
}

const SEATS: usize = 15;
/// Seats 0..COUNCIL_SEATS are councils'; then independent members; the last is co-opted.
const COUNCIL_SEATS: usize = 12;
/// Seats that change hands at each annual meeting, per body.
const CHANGES: usize = 2;

const COUNCILS: &[&str] = &[
    "Westmarch County Council",
    "Northvale Borough Council",
    "Eastbridge District Council",
    "Harrowdene City Council",
    "Southmere District Council",
    "Kelby Borough Council",
    "Ravensholt District Council",
    "Upper Tarn District Council",
];

const PARTIES: &[&str] = &[
    "Conservative",
    "Labour",
    "Liberal Democrat",
    "Green",
    "Independent",
];

/// Given names, with the short form some minutes use (kept as an alias), and whether
/// `Mrs` and `Ms` (rather than `Mr`) go with them.
const GIVEN: &[(&str, Option<&str>, bool)] = &[
    ("Peter", Some("Pete"), false),
    ("Margaret", Some("Maggie"), true),
    ("William", Some("Bill"), false),
    ("Robert", Some("Bob"), false),
    ("Elizabeth", Some("Liz"), true),
    ("Michael", Some("Mike"), false),
    ("Susan", Some("Sue"), true),
    ("Anthony", Some("Tony"), false),
    ("Zoë", None, true),
    ("Chloë", None, true),
    ("Aisha", None, true),
    ("Gareth", None, false),
    ("Helen", None, true),
    ("Rajinder", None, false),
    ("Niamh", None, true),
    ("Oluwaseun", None, false),
    ("Tomasz", None, false),
    ("Fiona", None, true),
    ("Graham", None, false),
    ("Priya", None, true),
    ("Declan", None, false),
    ("Joan", None, true),
    ("Kwame", None, false),
    ("Lorna", None, true),
    ("Stuart", None, false),
    ("Yvonne", None, true),
    ("Ian", None, false),
    ("Beatrice", None, true),
];

const SURNAME_STARTS: &[&str] = &[
    "Ash", "Brad", "Cal", "Dun", "Elm", "Fen", "Gar", "Hart", "Kings", "Lang", "Mar", "Nor", "Pen",
    "Ros", "Stan", "Thorn", "Wal", "Whit", "Black", "Red",
];
const SURNAME_ENDS: &[&str] = &[
    "ley", "ford", "wood", "field", "ton", "worth", "by", "more", "ham", "well",
];
/// Surnames as converted minutes mangle them: apostrophes and accents.
const SURNAMES_MESSY: &[&str] = &["O'Rourke", "D'Arcy", "Brontë", "Lloyd-Jones"];

const HONOURS: &[&str] = &["OBE", "MBE", "JP", "DL", "QPM"];

const OFFICERS: &[(&str, &str)] = &[
    ("Mr", "Police and Crime Commissioner"),
    ("Ms", "Clerk to the Panel"),
    ("Mrs", "Chief Finance Officer"),
    ("Mr", "Chief Constable"),
    ("Dr", "Head of Democratic Services"),
];

const INTERESTS: &[(&str, &str)] = &[
    ("Trustee of a victims' support charity", "other-registrable"),
    ("Spouse employed by the force", "disclosable-pecuniary"),
    ("Member of a neighbourhood watch group", "non-registrable"),
    (
        "Owns a business in the area the report covers",
        "disclosable-pecuniary",
    ),
    (
        "Governor of a school named in the report",
        "other-registrable",
    ),
    ("Knows one of the complainants", "other"),
];

const REASONS: &[&str] = &[
    "The proposal keeps neighbourhood teams at their present strength.",
    "The Commissioner's plan requires the change within the financial year.",
    "Members were satisfied that the risks had been weighed.",
    "The option chosen gives the best value of those appraised.",
    "The inspection report asked for action before the next review.",
];

const CALL_IN_OUTCOMES: &[&str] = &[
    "The Panel upheld the decision.",
    "Referred back to the Commissioner, who confirmed it.",
];

/// The day of the body's annual meeting in `year`, which starts the municipal year.
fn annual(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 5, 14 + (year.rem_euclid(7)) as u32).expect("a May date")
}

fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        let c = fold(c);
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}

/// The letter an accented one loses in text converted from PDF.
fn fold(c: char) -> char {
    match c {
        'ë' | 'é' => 'e',
        other => other,
    }
}

struct Names {
    surnames: Vec<String>,
    next: usize,
}

impl Names {
    fn new(rng: &mut Rng) -> Self {
        let mut surnames: Vec<String> = SURNAME_STARTS
            .iter()
            .flat_map(|a| SURNAME_ENDS.iter().map(move |b| format!("{a}{b}")))
            .chain(SURNAMES_MESSY.iter().map(|s| s.to_string()))
            .collect();
        rng.shuffle(&mut surnames);
        Names { surnames, next: 0 }
    }

    /// A surname no one else has, so that initials and a surname name one person.
    fn surname(&mut self) -> String {
        let n = self.surnames.len();
        let i = self.next;
        self.next += 1;
        if i < n {
            self.surnames[i].clone()
        } else {
            format!("{}-{}", self.surnames[i % n], self.surnames[(i / n) % n])
        }
    }
}

fn new_person(rng: &mut Rng, names: &mut Names, title: &'static str) -> Person {
    let count = if rng.u8(..3) == 0 { 2 } else { 1 };
    // A councillor's or doctor's title says nothing of it; the others' do.
    let female = match title {
        "Mr" => false,
        "Mrs" | "Ms" => true,
        _ => rng.bool(),
    };
    let mut given: Vec<(&str, Option<&str>)> = Vec::new();
    while given.len() < count {
        let (name, short, f) = GIVEN[rng.usize(..GIVEN.len())];
        if f == female && given.iter().all(|h| h.0 != name) {
            given.push((name, short));
        }
    }
    let surname = names.surname();
    let alias = given[0].1.map(|short| {
        let short_title = if title == "Councillor" { "Cllr" } else { title };
        format!("{short_title} {short} {surname}")
    });
    let given: Vec<&'static str> = given.iter().map(|g| g.0).collect();
    Person {
        id: slug(&format!("{} {surname}", given.join(" "))),
        title,
        given,
        surname,
        party: None,
        alias,
        honour: None,
        post: None,
        seats: Vec::new(),
    }
}

fn member_title(rng: &mut Rng, seat: usize) -> &'static str {
    if seat < COUNCIL_SEATS {
        "Councillor"
    } else {
        ["Mr", "Mrs", "Ms", "Dr"][rng.usize(..4)]
    }
}

fn seat_role(seat: usize) -> &'static str {
    match seat {
        s if s < COUNCIL_SEATS => "Member",
        s if s + 1 < SEATS => "Independent member",
        _ => "Co-opted member",
    }
}

/// Who holds each seat of each body, from when: `holders[body][seat]`.
type Holders = Vec<Vec<Vec<(usize, NaiveDate)>>>;

pub fn generate(corpus: &Corpus, seed: u64) -> Record {
    let mut rng = Rng::with_seed(seed ^ 0x5eed_0f9e_091e);
    let mut names = Names::new(&mut rng);
    let mut people = Vec::new();
    let (Some(start), Some(end)) = (corpus.meetings.first(), corpus.meetings.last()) else {
        return Record {
            people,
            meetings: Vec::new(),
            decisions: Vec::new(),
        };
    };
    let (first, last) = (start.date.year(), end.date.year());
    let holders = seats(&mut rng, &mut names, &mut people, first, end.date);
    chairs(&mut rng, &mut people, &holders, first, last);
    officers(&mut rng, &mut names, &mut people);
    let mut record = Record {
        people,
        meetings: Vec::new(),
        decisions: Vec::new(),
    };
    for (m, meeting) in corpus.meetings.iter().enumerate() {
        let held = meeting
            .held
            .then(|| attendance(&mut rng, &record, &holders, corpus, m));
        record.meetings.push(held);
    }
    record.decisions = corpus
        .papers
        .iter()
        .map(|paper| {
            let of = paper.minutes_of.unwrap_or(paper.meeting);
            let minutes = paper.minutes_of.is_some();
            paper
                .decisions
                .iter()
                .map(|d| decision(&mut rng, record.meetings[of].as_ref(), minutes, d.date))
                .collect()
        })
        .collect();
    record
}

/// Members of each body, and the seats that change hands at each annual meeting.
fn seats(
    rng: &mut Rng,
    names: &mut Names,
    people: &mut Vec<Person>,
    first: i32,
    end: NaiveDate,
) -> Holders {
    let mut holders: Holders = vec![vec![Vec::new(); SEATS]; BODIES.len()];
    for b in 0..BODIES.len() {
        for s in 0..SEATS {
            // They sat before the archive begins.
            let from = annual(first - rng.i32(2..9));
            appoint(rng, names, people, &mut holders, (b, s), from);
        }
    }
    // Annual meetings after the archive's last meeting have not happened yet.
    for day in (first..=end.year()).map(annual).filter(|&day| day <= end) {
        for b in 0..BODIES.len() {
            let mut changing: Vec<usize> = (0..SEATS).filter(|&s| !shared(b, s)).collect();
            rng.shuffle(&mut changing);
            for &s in changing.iter().take(CHANGES) {
                let (leaving, _) = *holders[b][s].last().expect("every seat has a holder");
                // Leaving the panel ends a seat on its sub-committee too.
                for seat in &mut people[leaving].seats {
                    seat.to = Some(day - Duration::days(1));
                }
                appoint(rng, names, people, &mut holders, (b, s), day);
            }
        }
    }
    holders
}

/// The sub-committee's first seats are held by the panel's members in the same seats.
const SHARED: usize = 3;

fn shared(body: usize, seat: usize) -> bool {
    body == 1 && seat < SHARED
}

/// Seats `seat` of `body` from `from`: a new person, with the sub-committee's seat too
/// for a panel seat that carries one.
fn appoint(
    rng: &mut Rng,
    names: &mut Names,
    people: &mut Vec<Person>,
    holders: &mut Holders,
    (body, seat): (usize, usize),
    from: NaiveDate,
) {
    if shared(body, seat) {
        return;
    }
    let p = people.len();
    people.push(seated(rng, names, body, seat, from));
    holders[body][seat].push((p, from));
    if shared(1, seat) && body == 0 {
        let on_panel = people[p].seats[0].on_behalf_of;
        people[p].seats.push(Seat {
            on_behalf_of: on_panel,
            ..new_seat(1, seat, from)
        });
        holders[1][seat].push((p, from));
    }
}

fn seated(rng: &mut Rng, names: &mut Names, body: usize, seat: usize, from: NaiveDate) -> Person {
    let title = member_title(rng, seat);
    let mut person = new_person(rng, names, title);
    if person.councillor() {
        person.party = Some(PARTIES[rng.usize(..PARTIES.len())]);
    } else if rng.u8(..3) == 0 {
        person.honour = Some(HONOURS[rng.usize(..HONOURS.len())]);
    }
    person.seats.push(new_seat(body, seat, from));
    person
}

fn new_seat(body: usize, seat: usize, from: NaiveDate) -> Seat {
    Seat {
        body,
        role: seat_role(seat),
        on_behalf_of: (seat < COUNCIL_SEATS).then(|| COUNCILS[(seat + body) % COUNCILS.len()]),
        from: Some(from),
        to: None,
        voting: seat + 1 < SEATS,
    }
}

/// The holder of seat `seat` of `body` on `date`.
fn holder(holders: &Holders, body: usize, seat: usize, date: NaiveDate) -> (usize, NaiveDate) {
    let list = &holders[body][seat];
    list.iter()
        .rev()
        .find(|(_, from)| *from <= date)
        .copied()
        .unwrap_or(list[0])
}

/// A Chair and a Vice-Chair for each municipal year, from members who sat before it
/// began: an appointment of its own beside their seat, as the register records it.
fn chairs(rng: &mut Rng, people: &mut [Person], holders: &Holders, first: i32, last: i32) {
    for b in 0..BODIES.len() {
        let mut chair: Option<usize> = None;
        for year in (first - 1)..=last {
            let (from, to) = (annual(year), annual(year + 1) - Duration::days(1));
            let eligible: Vec<usize> = (0..SEATS - 1)
                .map(|s| holder(holders, b, s, from))
                .filter(|&(_, since)| since < from)
                .map(|(p, _)| p)
                .collect();
            if eligible.len() < 2 {
                continue;
            }
            // Chairs are often re-elected.
            let new_chair = match chair {
                Some(c) if eligible.contains(&c) && rng.bool() => c,
                _ => eligible[rng.usize(..eligible.len())],
            };
            let vice = loop {
                let v = eligible[rng.usize(..eligible.len())];
                if v != new_chair {
                    break v;
                }
            };
            let to = (year < last).then_some(to);
            for (p, role) in [(new_chair, "Chair"), (vice, "Vice-Chair")] {
                let base = people[p]
                    .seats
                    .iter()
                    .find(|seat| seat.body == b)
                    .expect("a member of the body");
                let on_behalf_of = base.on_behalf_of;
                people[p].seats.push(Seat {
                    body: b,
                    role,
                    on_behalf_of,
                    from: Some(from),
                    to: match (to, base.to) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    },
                    voting: true,
                });
            }
            chair = Some(new_chair);
        }
    }
}

fn officers(rng: &mut Rng, names: &mut Names, people: &mut Vec<Person>) {
    for &(title, post) in OFFICERS {
        let mut person = new_person(rng, names, title);
        person.post = Some(post);
        person.alias = None;
        people.push(person);
    }
}

/// A person's name as one clerk or another writes it in the minutes.
fn written(rng: &mut Rng, p: &Person) -> String {
    let title = if p.councillor() {
        ["Cllr", "Cllr", "Cllr", "Councillor"][rng.usize(..4)]
    } else {
        p.title
    };
    let style = rng.u8(..10);
    let mut name = match (style, &p.alias) {
        (9, Some(alias)) => alias.clone(),
        (7..=9, _) => format!("{title} {} {}", p.given[0], p.surname),
        (0..=1, _) if p.given.len() > 1 => {
            let run: String = p.given.iter().filter_map(|g| g.chars().next()).collect();
            format!("{title} {run} {}", p.surname)
        }
        _ => {
            let initials: Vec<String> = p
                .given
                .iter()
                .filter_map(|g| g.chars().next())
                .map(String::from)
                .collect();
            format!("{title} {} {}", initials.join(" "), p.surname)
        }
    };
    if rng.u8(..3) == 0 {
        name = name.chars().map(fold).collect();
    }
    if rng.bool() {
        name = name.replace('\'', "\u{2019}");
    }
    if let Some(honour) = p.honour {
        match rng.u8(..3) {
            0 => name = format!("{name}, {honour}"),
            1 => name = format!("{name} {honour}"),
            _ => {}
        }
    }
    name
}

fn attendance(
    rng: &mut Rng,
    record: &Record,
    holders: &Holders,
    corpus: &Corpus,
    m: usize,
) -> MeetingRecord {
    let meeting = &corpus.meetings[m];
    let (b, date) = (meeting.body, meeting.date);
    let people = &record.people;
    let mut out = MeetingRecord::default();
    let mut present_members = Vec::new();
    let mut sent_apologies = Vec::new();
    for s in 0..SEATS {
        let (p, _) = holder(holders, b, s, date);
        // The latest appointment on this body covering the date, as panelpress reads it.
        let seat = people[p]
            .seats
            .iter()
            .rev()
            .filter(|seat| seat.body == b)
            .find(|seat| seat.from.is_none_or(|f| f <= date) && seat.to.is_none_or(|t| date <= t))
            .expect("the holder of a seat has a membership covering the date");
        match rng.u8(..20) {
            0..=1 => sent_apologies.push(p),
            2 => {}
            _ => present_members.push((p, seat.role, seat.voting)),
        }
    }
    // The chair's name is written first, as minutes open with whoever chaired.
    present_members.sort_by_key(|&(_, role, _)| match role {
        "Chair" => 0,
        "Vice-Chair" => 1,
        _ => 2,
    });
    // Without the Chair, the Vice-Chair takes the chair, and the minutes say so.
    let chaired = present_members.iter().any(|&(_, role, _)| role == "Chair");
    for &(p, role, voting) in &present_members {
        let mut text = written(rng, &people[p]);
        match role {
            "Vice-Chair" if !chaired => text.push_str(" (In the Chair)"),
            "Chair" => {
                text.push_str([" (Chair)", " (Chairman)", " (In the Chair)"][rng.usize(..3)])
            }
            "Vice-Chair" => text.push_str([" (Vice-Chair)", " (Vice Chairman)"][rng.usize(..2)]),
            _ => {}
        }
        let virtual_map = rng.u8(..30) == 0;
        if !virtual_map && rng.u8(..40) == 0 {
            text.push_str(" (remote)");
        }
        if voting {
            out.voters.push(written(rng, &people[p]));
        }
        out.present.push(Entry { text, virtual_map });
    }
    substitutes(rng, people, holders, m, corpus, &sent_apologies, &mut out);
    let apologies: Vec<String> = sent_apologies
        .iter()
        .map(|&p| written(rng, &people[p]))
        .collect();
    // Now and then the clerk pastes the line from the minutes as it stands.
    out.apologies =
        if apologies.len() > 1 && rng.bool() && apologies.iter().all(|a| !a.contains(", ")) {
            let (last, rest) = apologies.split_last().expect("more than one");
            vec![format!("{} and {last}", rest.join(", "))]
        } else {
            apologies
        };
    out.in_attendance = in_attendance(rng, people, b);
    out.declarations = declarations(rng, people, &present_members, corpus, m);
    out
}

/// One or two members who sent apologies send a member of another body in their place.
fn substitutes(
    rng: &mut Rng,
    people: &[Person],
    holders: &Holders,
    m: usize,
    corpus: &Corpus,
    away: &[usize],
    out: &mut MeetingRecord,
) {
    let meeting = &corpus.meetings[m];
    let councillors: Vec<usize> = away
        .iter()
        .copied()
        .filter(|&p| people[p].councillor())
        .collect();
    let mut sent = Vec::new();
    for &p in councillors.iter().take(rng.usize(0..3)) {
        let other = (meeting.body + 1 + rng.usize(..BODIES.len() - 1)) % BODIES.len();
        let (sub, _) = holder(holders, other, rng.usize(..COUNCIL_SEATS), meeting.date);
        // Not a member of this body too, nor sent twice.
        if sent.contains(&sub) || people[sub].seats.iter().any(|s| s.body == meeting.body) {
            continue;
        }
        sent.push(sub);
        let (who, whom) = (written(rng, &people[sub]), written(rng, &people[p]));
        let phrase = ["Substitute for", "substituting for", "in place of"][rng.usize(..3)];
        out.voters.push(who.clone());
        out.present.push(Entry {
            text: format!("{who} ({phrase} {whom})"),
            virtual_map: false,
        });
    }
}

fn in_attendance(rng: &mut Rng, people: &[Person], body: usize) -> Vec<String> {
    let officers: Vec<&Person> = people.iter().filter(|p| p.post.is_some()).collect();
    let mut out = Vec::new();
    for (i, officer) in officers.iter().enumerate() {
        // The clerk is at every meeting, the commissioner at most of the panel's.
        let here = match i {
            1 => true,
            0 => body == 0 && rng.u8(..5) != 0,
            _ => rng.u8(..3) == 0,
        };
        if here {
            let post = officer.post.unwrap_or_default();
            out.push(format!("{} ({post})", written(rng, officer)));
        }
    }
    out
}

fn declarations(
    rng: &mut Rng,
    people: &[Person],
    present: &[(usize, &str, bool)],
    corpus: &Corpus,
    m: usize,
) -> Vec<Declaration> {
    if present.is_empty() || rng.u8(..4) != 0 {
        return Vec::new();
    }
    let items: Vec<&str> = corpus.meetings[m]
        .papers
        .iter()
        .map(|&p| corpus.papers[p].item.as_str())
        .collect();
    (0..rng.usize(1..3))
        .map(|_| {
            let (p, _, _) = present[rng.usize(..present.len())];
            let (interest, kind) = INTERESTS[rng.usize(..INTERESTS.len())];
            let item = (!items.is_empty() && rng.u8(..3) != 0)
                .then(|| items[rng.usize(..items.len())].to_string());
            Declaration {
                name: written(rng, &people[p]),
                withdrew: kind == "disclosable-pecuniary" && item.is_some(),
                item,
                interest,
                kind,
            }
        })
        .collect()
}

/// A vote on a sixth of the minutes' decisions, named on half of those; reasons on
/// some; and a call-in period on the commissioner's decisions.
fn decision(
    rng: &mut Rng,
    meeting: Option<&MeetingRecord>,
    minutes: bool,
    date: NaiveDate,
) -> DecisionRecord {
    let mut out = DecisionRecord::default();
    if minutes && let Some(meeting) = meeting.filter(|r| r.voters.len() > 2 && rng.u8(..6) == 0) {
        out.vote = Some(vote(rng, meeting));
    }
    if rng.u8(..3) == 0 {
        out.reasons = (0..rng.usize(1..3))
            .map(|_| REASONS[rng.usize(..REASONS.len())].to_string())
            .collect();
    }
    if !minutes {
        out.key_decision = rng.u8(..4) == 0;
        let called_in = (rng.u8(..8) == 0).then(|| CALL_IN_OUTCOMES[rng.usize(..2)]);
        out.call_in = Some((date + Duration::days(7), called_in));
    }
    out
}

fn vote(rng: &mut Rng, meeting: &MeetingRecord) -> Vote {
    let mut voters = meeting.voters.clone();
    rng.shuffle(&mut voters);
    let against = rng.usize(..=voters.len() / 2);
    let abstain = rng.usize(..=(voters.len() - against).min(2));
    let for_ = voters.len() - against - abstain;
    let result = match for_.cmp(&against) {
        std::cmp::Ordering::Greater => "carried",
        std::cmp::Ordering::Less => "lost",
        std::cmp::Ordering::Equal => "tied",
    };
    if rng.bool() {
        let abstaining = voters.split_off(for_ + against);
        let against_names = voters.split_off(for_);
        Vote {
            for_: Side::Names(voters),
            against: Side::Names(against_names),
            abstain: Side::Names(abstaining),
            result,
        }
    } else {
        Vote {
            for_: Side::Count(for_),
            against: Side::Count(against),
            abstain: Side::Count(abstain),
            result,
        }
    }
}
