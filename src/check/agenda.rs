//! Consistency checks a clerk wants before publishing, beyond what the model needs to
//! link files: agendas, minutes and dates that contradict one another. Each problem is
//! an error only if publishing it would state something wrong; otherwise a warning, so
//! that an urgent paper is never held up by it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::base::error::{Code, Diagnostic, ErrorKind, Location};
use crate::base::item;
use crate::load::{Loaded, PaperSource, Spanned, Text};
use crate::markdown::TextFacts;
use crate::model::{Meeting, PaperIdx, Site};

/// The lines of the front matter fields the checks point at, kept from loading since
/// the model holds values only.
#[derive(Debug, Default)]
pub(crate) struct SourceLines {
    papers: HashMap<String, PaperLines>,
    /// The line of each meeting file's `date:`.
    meetings: HashMap<PathBuf, usize>,
}

#[derive(Debug)]
struct PaperLines {
    date: usize,
    meeting: Option<usize>,
    minutes_of: Option<usize>,
    /// The `item:` of each decision that names one.
    decision_items: Vec<Spanned<String>>,
}

impl SourceLines {
    pub(crate) fn of(loaded: &Loaded) -> Self {
        let papers = loaded
            .papers
            .iter()
            .map(|p| {
                let lines = PaperLines {
                    date: p.date.line,
                    meeting: p.meeting.as_ref().map(|m| m.line),
                    minutes_of: p.minutes_of.as_ref().map(|m| m.line),
                    decision_items: p.decisions.iter().filter_map(|d| d.item.clone()).collect(),
                };
                (p.id.clone(), lines)
            })
            .collect();
        let meetings = loaded
            .meetings
            .iter()
            .map(|m| (m.file.clone(), m.date.line))
            .collect();
        SourceLines { papers, meetings }
    }

    fn paper(&self, site: &Site, p: PaperIdx) -> Option<&PaperLines> {
        self.papers.get(&site.papers[p].id)
    }
}

/// Every agenda, minutes and date problem in the site.
pub(crate) fn agenda(site: &Site, lines: &SourceLines) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in 0..site.papers.len() {
        let Some(l) = lines.paper(site, p) else {
            continue;
        };
        out.extend(decision_items(site, p, l));
        out.extend(minutes_of_later_meeting(site, p, l));
        out.extend(dated_after_meeting(site, p, l));
    }
    out.extend(minutes_twice(site, lines));
    out.extend(meetings_without_items(site, lines));
    out.extend(meeting_dates_alone(site, lines));
    out
}

fn at(file: &Path, line: usize, message: String) -> Diagnostic {
    Diagnostic::new(ErrorKind::Reference, Location::at(file, line), message)
}

/// Warning: a decision under an item its meeting's agenda does not have is still
/// published, under "other decisions", but is most likely a mistyped item number.
fn decision_items(site: &Site, p: PaperIdx, lines: &PaperLines) -> Vec<Diagnostic> {
    let paper = &site.papers[p];
    if paper.exempt.is_some() {
        return Vec::new();
    }
    let m = match (paper.is_minutes(), paper.minutes_of) {
        (true, Some(m)) => m,
        _ => paper.meeting,
    };
    let meeting = &site.meetings[m];
    let on_agenda = |it: &str| {
        meeting
            .agenda
            .iter()
            .any(|e| e.item.as_deref().is_some_and(|x| item::same(x, it)))
    };
    let items: Vec<String> = meeting
        .agenda
        .iter()
        .filter_map(|e| e.item.clone())
        .collect();
    lines
        .decision_items
        .iter()
        .filter(|it| !on_agenda(&it.value))
        .map(|it| {
            at(
                &paper.file,
                it.line,
                format!(
                    "decision under item `{}`, which is not on the agenda of meeting `{}`",
                    it.value, meeting.id
                ),
            )
            .code(Code::DecisionItemNotOnAgenda)
            .warning()
            .help(if items.is_empty() {
                "the meeting has no agenda items: give its papers `item:` numbers, or list them in its `agenda:`".to_string()
            } else {
                format!("the agenda has {}; the decision is listed under \"other decisions\" until its `item:` matches one", items.join(", "))
            })
        })
        .collect()
}

/// Error: minutes cannot record a meeting that comes after the one they are presented to.
fn minutes_of_later_meeting(site: &Site, p: PaperIdx, lines: &PaperLines) -> Option<Diagnostic> {
    let paper = &site.papers[p];
    let recorded = &site.meetings[paper.minutes_of?];
    let own = &site.meetings[paper.meeting];
    if recorded.date <= own.date {
        return None;
    }
    Some(
        at(
            &paper.file,
            lines.minutes_of?,
            format!(
                "`minutes_of` names meeting `{}` ({}), which is after this paper's meeting `{}` ({})",
                recorded.id, recorded.date, own.id, own.date
            ),
        )
        .code(Code::MinutesOfLaterMeeting)
        .help("minutes record an earlier meeting (or their own): check `minutes_of` and `meeting`"),
    )
}

/// Warning: a paper dated well after its meeting was probably given the wrong date or
/// the wrong meeting; the date is shown as written, so it does not hold up publication.
fn dated_after_meeting(site: &Site, p: PaperIdx, lines: &PaperLines) -> Option<Diagnostic> {
    let paper = &site.papers[p];
    let meeting = &site.meetings[paper.meeting];
    let days = (paper.date - meeting.date).num_days();
    let allowed = site.config.max_days_after_meeting;
    if days <= i64::from(allowed) {
        return None;
    }
    Some(
        at(
            &paper.file,
            lines.date,
            format!(
                "the paper is dated {}, {days} days after its meeting on {}{}",
                paper.date,
                meeting.date,
                if meeting.id == meeting.date.to_string() {
                    String::new()
                } else {
                    format!(" (`{}`)", meeting.id)
                }
            ),
        )
        .code(Code::PaperDatedAfterMeeting)
        .warning()
        .help(format!(
            "check `date` and `meeting`; the site allows {allowed} days (`max_days_after_meeting` in site.toml)"
        )),
    )
}

/// Error: two published sets of minutes for one meeting would give two records of what
/// was decided. Minutes of its exempt business, in an exempt paper, are the usual
/// exception and are not counted.
fn minutes_twice(site: &Site, lines: &SourceLines) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for meeting in &site.meetings {
        let public: Vec<PaperIdx> = meeting
            .minutes
            .iter()
            .copied()
            .filter(|&p| site.papers[p].exempt.is_none())
            .collect();
        let Some((&first, rest)) = public.split_first() else {
            continue;
        };
        for &p in rest {
            let line = lines.paper(site, p).and_then(|l| l.minutes_of).unwrap_or(1);
            out.push(
                at(
                    &site.papers[p].file,
                    line,
                    format!(
                        "the minutes of meeting `{}` are already recorded in {}",
                        meeting.id,
                        site.papers[first].file.display()
                    ),
                )
                .code(Code::MinutesRecordedTwice)
                .help("a meeting has one set of published minutes: correct `minutes_of` in one of them, or mark minutes of exempt business `exempt:`"),
            );
        }
    }
    out
}

/// Warning: a meeting whose papers have no item numbers gets an agenda in title order,
/// which is publishable but rarely what the clerk meant.
fn meetings_without_items(site: &Site, lines: &SourceLines) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for meeting in &site.meetings {
        let papers: Vec<PaperIdx> = meeting.agenda.iter().filter_map(|e| e.paper).collect();
        let Some(&first) = papers.first() else {
            continue;
        };
        if meeting.agenda.iter().any(|e| e.item.is_some()) {
            continue;
        }
        let (file, line) = match &meeting.file {
            Some(file) => (file.clone(), lines.meetings.get(file).copied().unwrap_or(1)),
            None => {
                let paper = &site.papers[first];
                let line = lines
                    .paper(site, first)
                    .and_then(|l| l.meeting)
                    .unwrap_or(1);
                (paper.file.clone(), line)
            }
        };
        let n = papers.len();
        out.push(
            at(
                &file,
                line,
                format!(
                    "meeting `{}` has {n} paper{} but no agenda item numbers",
                    meeting.id,
                    if n == 1 { "" } else { "s" }
                ),
            )
            .code(Code::MeetingWithoutItems)
            .warning()
            .help("give each paper an `item:` (e.g. B1), or list the items in the meeting's `agenda:`; until then the agenda is in title order"),
        );
    }
    out
}

/// How far, in days, a meeting made only by a paper's `meeting:` date must be from every
/// other meeting of its committee to look like a mistyped date. Committees meet every
/// few weeks; six weeks alone is rare.
pub(crate) const ALONE_AFTER_DAYS: i64 = 42;

/// Warning: a paper's `meeting:` date that matches no declared meeting makes a meeting
/// of its own; far from every other meeting of the committee, it is most likely a typo
/// (2025-03-01 for 2025-01-03), and the paper would be published under a meeting that
/// never took place.
fn meeting_dates_alone(site: &Site, lines: &SourceLines) -> Vec<Diagnostic> {
    // Each committee's meetings by date, so the nearest is a neighbour: linear in the
    // number of meetings after the sort, whatever the dates.
    let mut by_body: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, m) in site.meetings.iter().enumerate() {
        by_body.entry(m.body).or_default().push(i);
    }
    let declared: HashMap<(usize, NaiveDate), usize> = site
        .meetings
        .iter()
        .enumerate()
        .filter(|(_, m)| m.file.is_some())
        .map(|(i, m)| ((m.body, m.date), i))
        .collect();
    let mut out = Vec::new();
    for list in by_body.values_mut() {
        list.sort_by_key(|&i| (site.meetings[i].date, i));
        for (k, &i) in list.iter().enumerate() {
            let neighbours = [k.checked_sub(1), Some(k + 1)];
            let nearest = neighbours
                .into_iter()
                .flatten()
                .filter_map(|n| list.get(n))
                .map(|&j| &site.meetings[j])
                .min_by_key(|m| (m.date - site.meetings[i].date).num_days().abs());
            if let Some(d) = alone(site, lines, i, nearest, &declared) {
                out.push(d);
            }
        }
    }
    out
}

/// The warning for meeting `i` when it was made only by a paper and `nearest`, its
/// committee's nearest other meeting, is far away.
fn alone(
    site: &Site,
    lines: &SourceLines,
    i: usize,
    nearest: Option<&Meeting>,
    declared: &HashMap<(usize, NaiveDate), usize>,
) -> Option<Diagnostic> {
    let meeting = &site.meetings[i];
    let days = |m: &Meeting| (m.date - meeting.date).num_days().abs();
    let nearest = nearest.filter(|m| meeting.file.is_none() && days(m) > ALONE_AFTER_DAYS)?;
    let p = meeting.agenda.iter().find_map(|e| e.paper)?;
    let line = lines.paper(site, p).and_then(|l| l.meeting).unwrap_or(1);
    let iso = meeting.date.to_string();
    let typo = near_spellings(&iso)
        .filter_map(|date| declared.get(&(meeting.body, date)))
        .map(|&j| &site.meetings[j])
        .min_by_key(|m| (strsim::levenshtein(&iso, &m.date.to_string()), m.date));
    let help = match typo {
        Some(m) => format!(
            "did you mean `meeting: {}`? Its meeting is declared in {}",
            m.id,
            m.file.as_deref().unwrap_or(Path::new("")).display()
        ),
        None => format!(
            "check the date; the nearest meeting of {} is `{}` on {}, {} days away. A meeting needs no `_meeting.md` only if this is right",
            site.bodies[meeting.body].name,
            nearest.id,
            nearest.date,
            days(nearest)
        ),
    };
    Some(
            at(
                &site.papers[p].file,
                line,
                format!(
                    "`meeting: {}` matches no declared meeting, and is more than {ALONE_AFTER_DAYS} days from every other meeting",
                    meeting.id
                ),
            )
            .code(Code::MeetingDateAlone)
            .warning()
            .help(help),
        )
}

/// Valid dates a typist could have meant by `iso` (YYYY-MM-DD): one digit changed, two
/// neighbouring digits swapped, or day and month swapped. A fixed number of candidates,
/// so the check stays linear in the number of meetings.
fn near_spellings(iso: &str) -> impl Iterator<Item = NaiveDate> {
    let bytes = iso.as_bytes().to_vec();
    let digits: Vec<usize> = (0..bytes.len())
        .filter(|&k| bytes[k].is_ascii_digit())
        .collect();
    let mut out: Vec<Vec<u8>> = Vec::new();
    for &k in &digits {
        for d in b'0'..=b'9' {
            let mut v = bytes.clone();
            v[k] = d;
            out.push(v);
        }
    }
    for w in digits.windows(2).filter(|w| w[1] == w[0] + 1) {
        let mut v = bytes.clone();
        v.swap(w[0], w[1]);
        out.push(v);
    }
    if let [y, m, d] = iso.split('-').collect::<Vec<_>>()[..] {
        out.push(format!("{y}-{d}-{m}").into_bytes());
    }
    out.into_iter()
        .filter(move |v| *v != bytes)
        .filter_map(|v| String::from_utf8(v).ok())
        .filter_map(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

/// Warnings for what the HTML policy takes out of the short texts of every paper that
/// may be published (an exempt paper's never is): its recommendations and decisions.
/// Raw HTML elements and attributes outside the allowlist, and addresses with a refused
/// scheme. A warning, as the page is built without them; the clerk learns what readers
/// will not see. [`html_in_texts`] warns of the papers' and meetings' own texts.
pub(crate) fn html(loaded: &Loaded, raw_html: bool) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for p in loaded.papers.iter().filter(|p| p.exempt.is_none()) {
        let inline = p
            .recommendations
            .iter()
            .map(|r| (r.value.as_str(), r.line))
            .chain(p.decisions.iter().map(|d| (d.text.as_str(), d.line)));
        for (text, line) in inline {
            let found = crate::markdown::html_removed(text, true, raw_html);
            out.extend(
                found
                    .into_iter()
                    .map(|(_, what)| removed_at(&p.file, line, &what)),
            );
        }
    }
    out
}

/// As [`html`] for the texts that this build may leave out of the model (draft meetings,
/// draft and embargoed papers, papers of a draft meeting): those are never parsed into
/// documents, but their clerk still learns what the HTML policy would take out.
/// Generous: a text it warns of that is in the model is warned of twice, and the
/// duplicates are dropped when the diagnostics are sorted.
pub(crate) fn html_left_out(loaded: &Loaded, raw_html: bool, drafts: bool) -> Vec<Diagnostic> {
    let draft_meetings = !drafts && loaded.meetings.iter().any(|m| m.draft);
    let mut out = Vec::new();
    for m in loaded.meetings.iter().filter(|m| m.draft && !drafts) {
        out.extend(removed_in_text(&m.file, &m.text, raw_html));
    }
    let left_out = |p: &&PaperSource| {
        p.exempt.is_none() && ((p.draft && !drafts) || p.publish_from.is_some() || draft_meetings)
    };
    for p in loaded.papers.iter().filter(left_out) {
        out.extend(removed_in_text(&p.file, &p.text, raw_html));
    }
    out
}

/// What the HTML policy took out of the texts of the model, as their documents found.
pub(crate) fn html_in_texts(site: &Site, facts: &TextFacts) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for (m, meeting) in site.meetings.iter().enumerate() {
        if let (Some(file), Some(Some(f))) = (&meeting.file, facts.meetings.get(m)) {
            out.extend(removed_at_offsets(file, &meeting.intro, &f.removed));
        }
    }
    for (p, paper) in site.papers.iter().enumerate() {
        if let (None, Some(Some(f))) = (&paper.exempt, facts.papers.get(p)) {
            out.extend(removed_at_offsets(&paper.file, &paper.text, &f.removed));
        }
    }
    out
}

fn removed_in_text(file: &Path, body: &Text, raw_html: bool) -> Vec<Diagnostic> {
    let found = crate::markdown::html_removed(&body.markdown, false, raw_html);
    removed_at_offsets(file, body, &found)
}

fn removed_at_offsets(file: &Path, body: &Text, found: &[(usize, String)]) -> Vec<Diagnostic> {
    let text = &body.markdown;
    let mut line = body.first_line;
    let mut counted = 0;
    let mut out = Vec::new();
    for &(offset, ref what) in found {
        line += text.as_bytes()[counted..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted = offset;
        out.push(removed_at(file, line, what));
    }
    out
}

fn removed_at(file: &Path, line: usize, what: &str) -> Diagnostic {
    Diagnostic::new(
        ErrorKind::Field,
        Location::at(file, line),
        format!("{what} is removed from the published page"),
    )
    .code(Code::HtmlRemoved)
    .help("panelpress keeps only safe HTML (tables, abbr, sup, sub, br, lists, links with http, https, mailto or tel addresses ...); write it in Markdown, or set `[markdown] unsafe_html = true` in site.toml if every author is trusted")
    .warning()
}
