//! The generated corpus, independent of the format it is written in: meetings, papers
//! and their Markdown bodies, drawn from a seeded PRNG so that one seed gives one corpus.

use chrono::{Duration, NaiveDate};
use fastrand::Rng;

pub struct Body {
    pub name: &'static str,
    pub slug: &'static str,
    pub code: &'static str,
}

pub const BODIES: [Body; 3] = [
    Body {
        name: "Westmarch Police and Crime Panel",
        slug: "panel",
        code: "WPCP",
    },
    Body {
        name: "Westmarch Complaints Sub-Committee",
        slug: "complaints",
        code: "WCSC",
    },
    Body {
        name: "Westmarch Budget Scrutiny Board",
        slug: "budget",
        code: "WBSB",
    },
];

pub struct AgendaEntry {
    pub item: String,
    pub title: String,
    pub section: &'static str,
}

pub struct Meeting {
    /// Also its folder name: the date, as every meeting has a date of its own.
    pub id: String,
    pub date: NaiveDate,
    pub body: usize,
    pub title: Option<String>,
    pub held: bool,
    pub present: Vec<String>,
    pub apologies: Vec<String>,
    pub agenda: Vec<AgendaEntry>,
    pub intro: String,
    /// Indexes into `Corpus::papers`, in agenda order.
    pub papers: Vec<usize>,
}

pub struct Decision {
    pub reference: String,
    pub item: Option<String>,
    pub date: NaiveDate,
    pub text: String,
}

pub struct Paper {
    pub meeting: usize,
    /// File stem, unique within its meeting's folder.
    pub stem: String,
    pub title: String,
    pub date: NaiveDate,
    pub item: String,
    pub section: String,
    pub kind: &'static str,
    pub from: &'static str,
    pub exempt: Option<&'static str>,
    pub minutes_of: Option<usize>,
    pub recommendations: Vec<String>,
    pub decisions: Vec<Decision>,
    pub follows: Option<usize>,
    pub topics: Vec<&'static str>,
    pub body: String,
}

pub struct Corpus {
    pub meetings: Vec<Meeting>,
    pub papers: Vec<Paper>,
}

impl Corpus {
    pub fn body_of(&self, m: usize) -> &'static Body {
        &BODIES[self.meetings[m].body]
    }

    /// The paper's id in panelpress: its path under `content/` without `.md`.
    pub fn paper_id(&self, p: usize) -> String {
        let paper = &self.papers[p];
        let meeting = &self.meetings[paper.meeting];
        format!(
            "{}/{}/{}",
            self.body_of(paper.meeting).slug,
            meeting.id,
            paper.stem
        )
    }
}

const TOPICS: &[&str] = &[
    "Neighbourhood policing",
    "Rural crime",
    "Road safety",
    "Victims",
    "Commissioning",
    "Budget and precept",
    "Estates",
    "Complaints",
    "Domestic abuse",
    "Youth justice",
    "Serious violence",
    "Cybercrime",
    "Custody",
    "Workforce",
    "Wellbeing",
    "Fleet",
    "Call handling",
    "Partnerships",
    "Anti-social behaviour",
    "Drugs and alcohol",
    "Fraud",
    "Reoffending",
    "Community safety",
    "Hate crime",
    "Panel business",
];

const SECTIONS: &[&str] = &[
    "A - Statutory business",
    "B - Commissioner's reports",
    "C - Commissioner's decisions",
    "D - Scrutiny reviews",
    "E - Panel business",
];

const REPORT_KINDS: &[&str] = &[
    "quarterly update",
    "annual review",
    "performance report",
    "scrutiny findings",
    "progress report",
    "options appraisal",
    "briefing",
];

const ADJECTIVES: &[&str] = &[
    "local",
    "overall",
    "recent",
    "proposed",
    "current",
    "independent",
    "joint",
    "annual",
    "additional",
    "revised",
    "regional",
    "operational",
    "early",
    "sustained",
    "targeted",
    "planned",
    "measurable",
    "reduced",
    "increased",
    "public",
];

const NOUNS: &[&str] = &[
    "budget",
    "force",
    "panel",
    "commissioner",
    "officer",
    "team",
    "service",
    "report",
    "partnership",
    "review",
    "strategy",
    "plan",
    "council",
    "survey",
    "programme",
    "contract",
    "reserve",
    "precept",
    "audit",
    "workforce",
    "board",
    "scheme",
    "pilot",
    "district",
    "response",
    "estate",
    "station",
    "provider",
    "inspection",
    "target",
];

const VERBS: &[&str] = &[
    "reviewed",
    "noted",
    "supported",
    "proposed",
    "delivered",
    "reduced",
    "increased",
    "considered",
    "agreed",
    "examined",
    "funded",
    "extended",
    "measured",
    "published",
    "commissioned",
    "completed",
    "improved",
    "questioned",
    "recommended",
    "monitored",
];

const ADVERBS: &[&str] = &[
    "closely",
    "quickly",
    "jointly",
    "formally",
    "broadly",
    "steadily",
    "carefully",
    "publicly",
    "partly",
    "fully",
];

const CONNECTIVES: &[&str] = &[
    "In addition,",
    "As a result,",
    "Over the year,",
    "By the end of March,",
    "Since the last report,",
    "In the same period,",
    "For comparison,",
    "At the request of members,",
];

const NAMES: &[&str] = &[
    "Aldous",
    "Brennan",
    "Carrow",
    "Delacey",
    "Ekwueme",
    "Fairlie",
    "Gossard",
    "Halloran",
    "Ingleby",
    "Jurado",
    "Kellaway",
    "Lindqvist",
    "Marchbank",
    "Nwosu",
    "Orpington",
    "Pemberton",
    "Quayle",
    "Rushworth",
    "Sandoval",
    "Tregear",
];

const AGENDA_OPENING: &[&str] = &[
    "Apologies and substitutes",
    "Declarations of interests",
    "Public questions",
];

fn pick<T: Copy>(rng: &mut Rng, list: &[T]) -> T {
    list[rng.usize(..list.len())]
}

fn sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.u8(..4) == 0 {
        s.push_str(pick(rng, CONNECTIVES));
        s.push_str(" the ");
    } else {
        s.push_str("The ");
    }
    let words = [
        pick(rng, ADJECTIVES),
        pick(rng, NOUNS),
        pick(rng, ADVERBS),
        pick(rng, VERBS),
        "the",
        pick(rng, ADJECTIVES),
        pick(rng, NOUNS),
    ];
    s.push_str(&words.join(" "));
    match rng.u8(..5) {
        0 => s.push_str(&format!(" by {}%", rng.u8(1..60))),
        1 => s.push_str(&format!(
            " at a cost of £{},{:03}",
            rng.u16(1..999),
            rng.u16(..1000)
        )),
        2 => s.push_str(&format!(
            " with the {} {} and the {}",
            pick(rng, ADJECTIVES),
            pick(rng, NOUNS),
            pick(rng, NOUNS)
        )),
        3 => s.push_str(&format!(
            " in {} of the {} districts",
            rng.u8(2..12),
            rng.u8(12..20)
        )),
        _ => {}
    }
    if rng.u8(..12) == 0 {
        s.push_str(&format!(
            " (see **{} {}**)",
            pick(rng, ADJECTIVES),
            pick(rng, NOUNS)
        ));
    }
    s.push('.');
    s
}

/// One numbered paragraph: several sentences, wrapped as a clerk's editor would.
fn paragraph(rng: &mut Rng, number: usize) -> String {
    let count = rng.usize(4..8);
    let text: Vec<String> = (0..count).map(|_| sentence(rng)).collect();
    let mut out = format!("{number}. ");
    let mut width = out.len();
    for word in text.join(" ").split(' ') {
        if width + word.len() > 90 {
            out.push_str("\n   ");
            width = 3;
        }
        out.push_str(word);
        out.push(' ');
        width += word.len() + 1;
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    if rng.u8(..5) == 0 {
        for _ in 0..rng.usize(2..5) {
            out.push_str(&format!(
                "    - {} {}: {} of {};\n",
                pick(rng, ADJECTIVES),
                pick(rng, NOUNS),
                rng.u16(1..300),
                rng.u16(300..400)
            ));
        }
    }
    out
}

fn table(rng: &mut Rng) -> String {
    let mut t =
        String::from("\n| Measure | Last year | This year | Change |\n|---|---:|---:|---:|\n");
    for _ in 0..rng.usize(4..9) {
        let (a, b) = (rng.u32(100..5000), rng.u32(100..5000));
        t.push_str(&format!(
            "| {} {} | {a} | {b} | {:+} |\n",
            pick(rng, ADJECTIVES),
            pick(rng, NOUNS),
            i64::from(b) - i64::from(a)
        ));
    }
    t.push('\n');
    t
}

fn code(rng: &mut Rng) -> String {
    let mut c = String::from("\n```csv\ndistrict,incidents,response_minutes\n");
    for _ in 0..rng.usize(5..12) {
        c.push_str(&format!(
            "{},{},{}.{}\n",
            pick(rng, NAMES),
            rng.u16(10..900),
            rng.u8(5..40),
            rng.u8(..10)
        ));
    }
    c.push_str("```\n\n");
    c
}

/// About 1,900 words: numbered paragraphs that run on across headings, sub-lists,
/// sometimes a table or a fenced data extract.
fn body(rng: &mut Rng) -> String {
    let mut out = String::new();
    let with_table = rng.u8(..10) < 3;
    let with_code = rng.u8(..20) == 0;
    let sections = rng.usize(6..9);
    let mut number = 1;
    for s in 0..sections {
        out.push_str(&format!(
            "## {} {}\n\n",
            capitalise(pick(rng, ADJECTIVES)),
            pick(rng, NOUNS)
        ));
        for _ in 0..rng.usize(3..5) {
            out.push_str(&paragraph(rng, number));
            number += 1;
        }
        if with_table && s == 1 {
            out.push_str(&table(rng));
        }
        if with_code && s == 2 {
            out.push_str(&code(rng));
        }
        out.push('\n');
    }
    out
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

fn person(rng: &mut Rng) -> String {
    format!(
        "Cllr {}. {}",
        (b'A' + rng.u8(..26)) as char,
        pick(rng, NAMES)
    )
}

pub fn generate(papers: usize, meetings: usize, seed: u64) -> Corpus {
    let mut rng = Rng::with_seed(seed);
    let start = NaiveDate::from_ymd_opt(2008, 1, 8).expect("a valid date");
    // About fifteen years of meetings, one date each.
    let step = (5475 / meetings as i64).clamp(1, 28);
    let mut corpus = Corpus {
        meetings: Vec::with_capacity(meetings),
        papers: Vec::with_capacity(papers),
    };
    for m in 0..meetings {
        let date = start + Duration::days(step * m as i64);
        let body = [0, 0, 0, 1, 2][m % 5];
        corpus.meetings.push(Meeting {
            id: date.format("%Y-%m-%d").to_string(),
            date,
            body,
            title: (rng.u8(..6) == 0)
                .then(|| format!("{} meeting", capitalise(pick(&mut rng, REPORT_KINDS)))),
            held: m + 5 < meetings,
            present: (0..rng.usize(5..10)).map(|_| person(&mut rng)).collect(),
            apologies: (0..rng.usize(0..3)).map(|_| person(&mut rng)).collect(),
            agenda: AGENDA_OPENING
                .iter()
                .enumerate()
                .map(|(i, t)| AgendaEntry {
                    item: (i + 1).to_string(),
                    title: t.to_string(),
                    section: "Formal business",
                })
                .collect(),
            intro: format!("{}\n\n{}\n", sentence(&mut rng), sentence(&mut rng)),
            papers: Vec::new(),
        });
    }
    let mut last_of_body: [Option<usize>; 3] = [None; 3];
    let mut references = 0usize;
    for m in 0..meetings {
        let count = papers * (m + 1) / meetings - papers * m / meetings;
        let body = corpus.meetings[m].body;
        let previous = last_of_body[body];
        for slot in 0..count {
            let p = corpus.papers.len();
            let paper = if slot == 0 && previous.is_some() {
                minutes(&mut rng, &corpus, m, previous.unwrap_or(0), &mut references)
            } else {
                report(&mut rng, &corpus, m, slot, previous, &mut references)
            };
            corpus.papers.push(paper);
            corpus.meetings[m].papers.push(p);
        }
        last_of_body[body] = Some(m);
    }
    corpus
}

fn item_of(slot: usize) -> (String, &'static str) {
    let section = (slot / 4).min(SECTIONS.len() - 1);
    let letter = (b'A' + section as u8) as char;
    (
        format!("{letter}{}", slot - section * 4 + 1),
        SECTIONS[section],
    )
}

fn reference(body: &Body, date: NaiveDate, counter: &mut usize) -> String {
    *counter += 1;
    format!("{}/{}/{:05}", body.code, date.format("%Y"), counter)
}

fn minutes(rng: &mut Rng, corpus: &Corpus, m: usize, of: usize, refs: &mut usize) -> Paper {
    let recorded = &corpus.meetings[of];
    let body = corpus.body_of(of);
    let mut decisions: Vec<Decision> = recorded
        .agenda
        .iter()
        .take(1)
        .map(|e| (Some(e.item.clone()), e.title.as_str()))
        .chain(recorded.papers.iter().map(|&p| {
            let paper = &corpus.papers[p];
            (Some(paper.item.clone()), paper.title.as_str())
        }))
        .map(|(item, title)| Decision {
            reference: reference(body, recorded.date, refs),
            item,
            date: recorded.date,
            text: format!(
                "The Panel {} the item on {}. {}",
                pick(rng, VERBS),
                title,
                sentence(rng)
            ),
        })
        .collect();
    decisions.truncate(12);
    Paper {
        meeting: m,
        stem: format!("04-minutes-{}", recorded.id),
        title: format!(
            "Minutes of the meeting held on {}",
            recorded.date.format("%-d %B %Y")
        ),
        date: corpus.meetings[m].date - Duration::days(7),
        item: "4".into(),
        section: "Formal business".into(),
        kind: "minutes",
        from: "Clerk to the Panel",
        exempt: None,
        minutes_of: Some(of),
        recommendations: vec!["That the minutes are agreed as a correct record.".into()],
        decisions,
        follows: None,
        topics: vec!["Panel business"],
        body: body_minutes(rng),
    }
}

fn body_minutes(rng: &mut Rng) -> String {
    let mut out = String::new();
    for minute in 0..rng.usize(4..8) {
        out.push_str(&format!(
            "## {} {}\n\n",
            minute + 1,
            capitalise(pick(rng, NOUNS))
        ));
        // Minutes number each minute's paragraphs from 1.
        for n in 1..rng.usize(3..6) {
            out.push_str(&paragraph(rng, n));
        }
        out.push('\n');
    }
    out
}

fn report(
    rng: &mut Rng,
    corpus: &Corpus,
    m: usize,
    slot: usize,
    previous: Option<usize>,
    refs: &mut usize,
) -> Paper {
    let meeting = &corpus.meetings[m];
    let (item, section) = item_of(slot);
    let topic = pick(rng, TOPICS);
    let mut topics = vec![topic];
    if rng.bool() {
        let other = pick(rng, TOPICS);
        if other != topic {
            topics.push(other);
        }
    }
    let kind = if section.starts_with('C') {
        "decision"
    } else {
        "report"
    };
    let title = format!("{topic}: {}", pick(rng, REPORT_KINDS));
    // A paper in the same place at the body's previous meeting is an earlier paper in
    // the same series, a fifth of the time.
    let follows = previous
        .and_then(|pm| corpus.meetings[pm].papers.get(slot).copied())
        .filter(|&p| corpus.papers[p].kind == "report" && corpus.papers[p].exempt.is_none())
        .filter(|_| rng.u8(..5) == 0);
    let decisions = if kind == "decision" {
        vec![Decision {
            reference: reference(corpus.body_of(m), meeting.date, refs),
            item: None,
            date: meeting.date - Duration::days(10),
            text: format!(
                "To approve the {} {}. {}",
                pick(rng, ADJECTIVES),
                pick(rng, NOUNS),
                sentence(rng)
            ),
        }]
    } else {
        Vec::new()
    };
    Paper {
        meeting: m,
        stem: format!("{}-{}", item.to_lowercase(), slug(&title)),
        title,
        date: meeting.date - Duration::days(rng.i64(7..15)),
        item,
        section: section.to_string(),
        kind,
        from: "Police and Crime Commissioner",
        exempt: (rng.u8(..50) == 0).then_some("Paragraph 3 of Schedule 12A: financial affairs"),
        minutes_of: None,
        recommendations: (0..rng.usize(1..4))
            .map(|_| {
                format!(
                    "That the Panel notes the {} {}.",
                    pick(rng, ADJECTIVES),
                    pick(rng, NOUNS)
                )
            })
            .collect(),
        decisions,
        follows,
        topics,
        body: body(rng),
    }
}

fn slug(text: &str) -> String {
    let mut s = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            s.push(c.to_ascii_lowercase());
        } else if !s.ends_with('-') {
            s.push('-');
        }
    }
    s.trim_matches('-').to_string()
}
