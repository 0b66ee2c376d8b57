//! An agenda pack as one text: its front sheet (the notice, the membership, the agenda)
//! and the papers after it, cut where real packs start a paper.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::lines::{self, Src};

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("pack patterns are valid")
}

/// `- B1 Neighbourhood review - update (Pages 7 - 10)`: an item, its title, its pages.
static AGENDA_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\s*(?:[-•*]\s*)?(?:item\s+)?([A-Z]{0,2}\d{1,3}[a-z]?)[.)]?\s+(\S.*?)\s*(?:\(?\s*\b(?i:pages?)\s+(\d{1,4})(?:\s*[-–]\s*(\d{1,4}))?\s*\)?)?\s*$",
    )
});
/// "... will be held in the Council Chamber, County Hall on Tuesday, 16th July, 2024, at
/// 10.00 am ...": the venue, the date and the time of the meeting.
static NOTICE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)\bheld\s+(?:in|at)\s+(?:the\s+)?(.+?),?\s+on\s+(.+?\d{4})\b(?:,?\s+(?:at|commencing at|starting at)\s+(\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.|noon)?))?",
    )
});
/// `Time: 10.00 am`, `Venue: Council Chamber`: a front sheet laid out as fields.
static FRONT_FIELD: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^(date|time|venue|place|location)\s*:\s*(\S.*?)\s*$"));

/// Why a paper starts where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cut {
    Header,
    Minutes,
    Decision,
    Notes,
    ReportOf,
    BlankPage,
    /// The page the agenda gives a paper, where nothing else marked its start.
    Pages,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) struct AgendaItem {
    pub item: String,
    pub title: String,
    pub section: Option<String>,
    /// The pages of the pack its paper takes, as the agenda gives them.
    pub pages: Option<(u32, u32)>,
    pub has_pages: bool,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct FrontSheet {
    pub committee: Option<String>,
    pub date: Option<NaiveDate>,
    pub time: Option<String>,
    pub venue: Option<String>,
    /// Paragraphs of the notice, as written.
    pub notice: Vec<String>,
    /// The membership list: each row's source line and cells (name, council or role).
    pub members: Vec<(usize, Vec<String>)>,
    pub agenda: Vec<AgendaItem>,
}

#[derive(Debug, Clone)]
pub(super) struct Pack {
    pub front: Option<FrontSheet>,
    /// Each paper's lines, as a range of the source's.
    pub papers: Vec<(Range<usize>, Cut)>,
}

/// The pack's parts, or `None` for a text that is one paper.
pub(super) fn split(src: &[Src]) -> Option<Pack> {
    let mut cuts = cuts(src);
    let first = cuts.first().map_or(src.len(), |c| c.0);
    let front = front_sheet(&src[..first]);
    if let Some(f) = &front {
        page_cuts(src, f, &mut cuts);
    }
    // A blank page inside one report starts nothing: only a front sheet or the
    // title blocks of two papers make a pack.
    let titled = cuts.iter().filter(|c| c.1 != Cut::BlankPage).count();
    if titled < 2 && front.is_none() {
        return None;
    }
    let papers = cuts
        .iter()
        .enumerate()
        .map(|(k, &(start, cut))| {
            let end = cuts.get(k + 1).map_or(src.len(), |c| c.0);
            (start..end, cut)
        })
        .filter(|(r, _)| src[r.clone()].iter().any(|(_, l)| is_text(l)))
        .collect();
    Some(Pack { front, papers })
}

/// A paper starts on the page the agenda gives it (a "Page N" footer ends each page of
/// the pack): where no title block did, the page after page N - 1 starts one.
fn page_cuts(src: &[Src], front: &FrontSheet, cuts: &mut Vec<(usize, Cut)>) {
    // The break that ends each numbered page (the first, if a number repeats).
    let mut ends: HashMap<u32, usize> = HashMap::new();
    for (i, (_, l)) in src.iter().enumerate() {
        if let Some(n) = lines::page_number(l) {
            ends.entry(n).or_insert(i);
        }
    }
    let known = cuts.clone();
    let mut firsts: Vec<u32> = front
        .agenda
        .iter()
        .filter_map(|a| a.pages.map(|p| p.0))
        .collect();
    firsts.sort_unstable();
    firsts.dedup();
    for first in firsts {
        // Only where a paper starts matters: a title block may begin its first page.
        let Some(&before) = first.checked_sub(1).and_then(|n| ends.get(&n)) else {
            continue;
        };
        let Some(start) = (before + 1..src.len()).find(|&i| is_text(&src[i].1)) else {
            continue;
        };
        let end = (start..src.len())
            .find(|&i| lines::is_page_break(&src[i].1))
            .unwrap_or(src.len());
        // A paper already starts there if one starts before the page's next break, or,
        // where the text has no more breaks, within its first lines.
        let next = known
            .get(known.partition_point(|c| c.0 < before))
            .map(|c| c.0);
        let started = next.is_some_and(|c| {
            (c <= end && end < src.len())
                || src[start..c.max(start)]
                    .iter()
                    .filter(|(_, l)| is_text(l))
                    .take(4)
                    .count()
                    <= 3
        });
        if !started {
            cuts.push((start, Cut::Pages));
        }
    }
    cuts.sort_by_key(|c| c.0);
}

fn is_text(line: &str) -> bool {
    !line.trim().is_empty() && !lines::is_page_break(line) && !lines::is_blank_page(line)
}

/// Where each paper starts. A cut needs text between it and the one before (a title
/// block's `Date:` under `Record of Decision` starts nothing).
fn cuts(src: &[Src]) -> Vec<(usize, Cut)> {
    let mut out: Vec<(usize, Cut)> = Vec::new();
    let mut body_since = true;
    let mut after_blank_page = false;
    for i in 0..src.len() {
        let line = src[i].1.trim();
        if !is_text(line) {
            after_blank_page |= lines::is_blank_page(line);
            continue;
        }
        let found = starts_paper(src, i);
        let cut = match found {
            Some(c) if body_since || out.is_empty() => Some(c),
            None if after_blank_page && !continues(line) => Some(Cut::BlankPage),
            _ => None,
        };
        after_blank_page = false;
        if let Some(c) = cut {
            let start = if c == Cut::BlankPage {
                i
            } else {
                title_block_start(src, i, out.last().map_or(0, |l| l.0))
            };
            out.push((start, c));
            body_since = false;
        } else if is_body(line) {
            body_since = true;
        }
    }
    out
}

/// Text after a blank-page notice that carries on the paper before: a lower-case
/// start, a numbered paragraph or a sub-item (a paper starts with its title).
fn continues(line: &str) -> bool {
    line.chars().next().is_some_and(char::is_lowercase)
        || lines::numbered(line).is_some()
        || lines::sub_item(line).is_some()
}

fn is_body(line: &str) -> bool {
    lines::numbered(line).is_some() || line.chars().count() > 100 || line.ends_with('.')
}

fn starts_paper(src: &[Src], i: usize) -> Option<Cut> {
    let plain = src[i].1.replace("**", "");
    let plain = plain.trim();
    if lines::minutes_date(plain).is_some() {
        return Some(Cut::Minutes);
    }
    if plain.eq_ignore_ascii_case("record of decision") {
        return Some(Cut::Decision);
    }
    if lines::is_meeting_notes(plain) {
        return Some(Cut::Notes);
    }
    if lines::report_of(plain).is_some() && plain.chars().count() <= 120 && !plain.ends_with('.') {
        return Some(Cut::ReportOf);
    }
    header_run(src, i).then_some(Cut::Header)
}

/// The first line of a `To:`/`Subject:`/`Date:` (or `By:`/`To:`/`Subject:`) block:
/// two or more header fields, one of them the subject.
fn header_run(src: &[Src], i: usize) -> bool {
    let is_field = |l: &str| lines::field(l.trim()).is_some_and(|(n, _)| n != "item");
    if !is_field(&src[i].1) {
        return false;
    }
    let previous = src[..i]
        .iter()
        .rev()
        .take_while(|(_, l)| !lines::is_page_break(l))
        .find(|(_, l)| is_text(l));
    if previous.is_some_and(|(_, l)| is_field(l)) {
        return false;
    }
    // A run of fields ends at a page break: the next page's header is another paper's.
    let run: Vec<String> = src[i..]
        .iter()
        .take_while(|(_, l)| !lines::is_page_break(l))
        .filter(|(_, l)| is_text(l))
        .take_while(|(_, l)| is_field(l))
        .filter_map(|(_, l)| lines::field(l.trim()).map(|(n, _)| n))
        .collect();
    run.len() >= 2 && run.iter().any(|n| n == "subject" || n == "title")
}

/// A paper's title block reaches back over the lines above its first recognised line:
/// to the page break it starts after, or over the committee's name, a letterhead's
/// contact lines and address.
fn title_block_start(src: &[Src], i: usize, floor: usize) -> usize {
    let mut start = i;
    let mut j = i;
    let mut blocks = 0;
    while j > floor {
        j -= 1;
        let line = src[j].1.trim();
        if lines::is_page_break(&src[j].1) {
            return j + 1;
        }
        if lines::is_blank_page(line) {
            return start;
        }
        if line.is_empty() {
            continue;
        }
        if !letterhead(line) || blocks > 16 {
            break;
        }
        blocks += 1;
        start = j;
    }
    // A page break a little above: the paper's first page starts there.
    src[floor..start]
        .iter()
        .rposition(|(_, l)| lines::is_page_break(l))
        .map(|p| floor + p + 1)
        .filter(|&p| src[p..start].iter().filter(|(_, l)| is_text(l)).count() <= 12)
        .filter(|&p| !src[p..start].iter().any(|(_, l)| is_body(l.trim())))
        .unwrap_or(start)
}

/// A line of a letterhead or title block: a name in capitals, the committee, contact
/// lines, an address.
fn letterhead(line: &str) -> bool {
    let short = line.chars().count() <= 60 && !line.ends_with('.');
    lines::capitals_heading(line).is_some()
        || lines::is_committee_name(line)
        || lines::is_contact(line)
        || lines::is_postcode(line)
        || (short && line.split_whitespace().count() <= 6 && lines::numbered(line).is_none())
}

/// Reads a front sheet; `None` if the text has no agenda list.
fn front_sheet(src: &[Src]) -> Option<FrontSheet> {
    let mut f = FrontSheet::default();
    let mut section: Option<String> = None;
    let mut pending: Option<String> = None;
    let mut in_members = false;
    let mut gap = false;
    // An agenda heading, a notice of the meeting or page references: a list of
    // numbered lines alone is a paper's paragraphs.
    let mut signalled = false;
    for (n, raw) in src {
        let line = raw.replace("**", "");
        let line = line.trim();
        if !is_text(line) {
            gap = true;
            continue;
        }
        signalled |= line.eq_ignore_ascii_case("agenda") || NOTICE.is_match(line);
        let heading = line.trim_end_matches(':');
        if heading.eq_ignore_ascii_case("membership") || heading.eq_ignore_ascii_case("members") {
            in_members = true;
            continue;
        }
        // Members are rows of cells (name, council), blank lines or not between them;
        // a list of names alone ends at a blank line.
        let row = lines::table_row(raw);
        let ends = row.is_none() && gap && !f.members.is_empty();
        gap = false;
        if in_members && !ends {
            match row {
                Some(Some(cells)) => f
                    .members
                    .push((*n, cells.into_iter().filter(|c| !c.is_empty()).collect())),
                Some(None) => {}
                None => f.members.push((*n, vec![line.to_string()])),
            }
            continue;
        }
        in_members = false;
        if let Some(c) = AGENDA_LINE.captures(line)
            && !c[2].ends_with('.')
            && (!f.agenda.is_empty()
                || pending.is_some()
                || c.get(3).is_some()
                || line.starts_with(['-', '•', '*']))
        {
            if let Some(p) = pending.take() {
                section = Some(p);
            }
            f.agenda.push(AgendaItem {
                item: c[1].to_string(),
                title: c[2].trim().to_string(),
                section: section.clone(),
                pages: c.get(3).and_then(|a| {
                    let a: u32 = a.as_str().parse().ok()?;
                    let b = c.get(4).and_then(|b| b.as_str().parse().ok()).unwrap_or(a);
                    Some((a, b))
                }),
                has_pages: c.get(3).is_some(),
            });
            continue;
        }
        front_line(&mut f, line, &mut pending);
    }
    signalled |= f.agenda.iter().any(|a| a.has_pages);
    (signalled && f.agenda.len() >= 2).then_some(f)
}

/// A line of a front sheet that is no agenda item: the committee, the notice, a field,
/// or a section heading of the agenda (`pending` until an item follows it).
fn front_line(f: &mut FrontSheet, line: &str, pending: &mut Option<String>) {
    if let Some(c) = FRONT_FIELD.captures(line) {
        let value = c[2].to_string();
        match c[1].to_lowercase().as_str() {
            "date" => f.date = f.date.or(lines::parse_date(&value)),
            "time" => f.time = Some(value),
            _ => f.venue = Some(value),
        }
        return;
    }
    if let Some(c) = NOTICE.captures(line) {
        f.venue = f.venue.take().or(Some(c[1].trim().to_string()));
        f.date = f.date.or(lines::parse_date(&c[2]));
        f.time = f
            .time
            .take()
            .or(c.get(3).map(|t| t.as_str().trim().to_string()));
        f.notice.push(line.to_string());
        return;
    }
    if f.committee.is_none()
        && f.agenda.is_empty()
        && lines::capitals_heading(line).is_some()
        && lines::names_committee(line)
    {
        f.committee = Some(lines::title_case(line));
        return;
    }
    if line.starts_with('(') || line.eq_ignore_ascii_case("agenda") || lines::is_salutation(line) {
        return;
    }
    let sentence = line.ends_with('.')
        || line.chars().count() > 120
        || (f.agenda.is_empty() && line.split_whitespace().count() >= 12);
    if f.agenda.is_empty() && !f.notice.is_empty() && sentence {
        f.notice.push(line.to_string());
    } else if !sentence && line.chars().count() <= 120 {
        *pending = Some(lines::sentence_case(line));
    }
}

/// How well a paper's title matches an agenda item's: the share of the paper's words
/// the item has (1.0: all of them).
pub(super) fn title_score(paper: &str, agenda: &str) -> f64 {
    let words = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 2 && !STOP.contains(&w.to_lowercase().as_str()))
            .map(str::to_lowercase)
            .collect()
    };
    let p = words(paper);
    let a = words(agenda);
    if p.is_empty() {
        return 0.0;
    }
    let shared = p.iter().filter(|w| a.contains(w)).count();
    shared as f64 / p.len() as f64
}

const STOP: &[&str] = &[
    "the", "and", "for", "of", "report", "update", "from", "with",
];

/// `OPCC.D.035.24` and `OPCC D.035.24` alike.
pub(super) fn squash(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What matching needs to know of a paper cut from a pack.
#[derive(Debug, Clone)]
pub(super) struct PaperKey {
    pub title: String,
    pub minutes_of: Option<NaiveDate>,
    pub reference: Option<String>,
}

/// The agenda item of each paper: by title (or the minutes' date, or the decision's
/// reference), then, for papers no title matched, by order among the items with pages
/// left between the matched ones. `true` marks a match by order.
pub(super) fn match_items(
    papers: &[PaperKey],
    agenda: &[AgendaItem],
) -> Vec<Option<(usize, bool)>> {
    let mut scored: Vec<(f64, usize, usize)> = Vec::new();
    for (p, key) in papers.iter().enumerate() {
        for (a, item) in agenda.iter().enumerate() {
            let score = score(key, item);
            if score >= 0.6 {
                scored.push((score, p, a));
            }
        }
    }
    // Best matches first; ties go to the earlier paper and item.
    scored.sort_by(|x, y| y.0.total_cmp(&x.0).then((x.1, x.2).cmp(&(y.1, y.2))));
    let mut out: Vec<Option<(usize, bool)>> = vec![None; papers.len()];
    let mut used = vec![false; agenda.len()];
    for (_, p, a) in scored {
        if out[p].is_none() && !used[a] {
            out[p] = Some((a, false));
            used[a] = true;
        }
    }
    by_order(&mut out, &mut used, agenda);
    out
}

fn by_order(out: &mut [Option<(usize, bool)>], used: &mut [bool], agenda: &[AgendaItem]) {
    for p in 0..out.len() {
        if out[p].is_some() {
            continue;
        }
        let after = out[..p]
            .iter()
            .rev()
            .find_map(|m| m.map(|(a, _)| a + 1))
            .unwrap_or(0);
        let before = out[p..]
            .iter()
            .find_map(|m| m.map(|(a, _)| a))
            .unwrap_or(agenda.len());
        let free = (after..before.max(after)).find(|&a| !used[a] && agenda[a].has_pages);
        if let Some(a) = free {
            out[p] = Some((a, true));
            used[a] = true;
        }
    }
}

fn score(key: &PaperKey, item: &AgendaItem) -> f64 {
    let title = item.title.to_lowercase();
    if let Some(d) = key.minutes_of {
        let dated = title.contains(&crate::base::dates::medium(d).to_lowercase());
        return if title.contains("minutes") && dated {
            1.5
        } else {
            0.0
        };
    }
    if let Some(r) = &key.reference
        && squash(&item.title).contains(&squash(r))
    {
        return 1.4;
    }
    title_score(&key.title, &item.title).max(title_score(&item.title, &key.title) * 0.9)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_notice_in_one_sentence() {
        let src = lines::source_lines(
            "AGENDA\n\nNORTHSHIRE POLICE AND CRIME PANEL\n\nNotice is given that a meeting will be held in the **Guild Room, Town Hall** on **Tuesday, 3rd June, 2025, at 2.30 pm** when this business is done\n\nFORMAL ITEMS\n\n- 1 Apologies\n- 2 Minutes (Pages 1 - 4)\n",
        );
        let f = front_sheet(&src).unwrap();
        assert_eq!(f.venue.as_deref(), Some("Guild Room, Town Hall"));
        assert_eq!(f.date, NaiveDate::from_ymd_opt(2025, 6, 3));
        assert_eq!(f.time.as_deref(), Some("2.30 pm"));
        assert_eq!(f.agenda[1].section.as_deref(), Some("Formal items"));
        assert!(f.agenda[1].has_pages && !f.agenda[0].has_pages);
    }

    #[test]
    fn scores_titles_by_the_papers_words() {
        assert!(
            title_score(
                "Fleet telematics",
                "Decision X/1 - Fleet telematics contract"
            ) > 0.99
        );
        assert!(title_score("Fleet telematics", "Work programme") < 0.01);
    }
}
