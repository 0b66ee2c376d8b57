//! One pass over a plain-text paper: the title block becomes front matter, the rest
//! becomes blocks, and whatever fits nowhere is noted for the clerk.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::blocks::{Block, Sub, Table};
use super::lines::{self, Src, Style};
use super::{Context, Converted, DecisionOut, Front, Minuted, Note, NoteKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Report,
    Minutes,
    Decision,
    Notes,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Section {
    Other,
    Recommendations,
    Decision,
}

/// Labels that start a line of text in mixed case (`Comments: ...`); labels in capitals
/// (`PRESENT: ...`) are recognised without a list.
const LABELS: &[&str] = &[
    "comments",
    "date",
    "note",
    "post meeting note",
    "present",
    "also present",
    "apologies",
    "in attendance",
    "reason",
];

struct State<'a> {
    ctx: &'a Context,
    /// The source's lines; `i` everywhere is an index into them.
    src: &'a [Src],
    title: Option<String>,
    title_guess: Option<(usize, String)>,
    date: Option<NaiveDate>,
    /// Set by a `To:`/`Subject:` header: a bare date below it is a listed date, not the
    /// paper's (a work programme's meetings).
    header_seen: bool,
    to: Option<String>,
    to_guess: Option<String>,
    from: Option<String>,
    item: Option<String>,
    classification: Option<String>,
    exempt: Option<(usize, String)>,
    reference: Option<String>,
    kind: Kind,
    report_of_seen: bool,
    minutes_date: Option<NaiveDate>,
    recommendations: Vec<String>,
    decision_texts: Vec<String>,
    resolutions: Vec<(Option<String>, String)>,
    /// `Date:` lines in the text, each with the heading it came under: a record of
    /// decision's signatures, the last of which is the decision-maker's.
    body_dates: Vec<(NaiveDate, Option<String>)>,
    blocks: Vec<Block>,
    /// The source line of each block, for notes about it.
    block_lines: Vec<usize>,
    table: Vec<Vec<String>>,
    table_header: bool,
    in_body: bool,
    in_item: bool,
    after_blank: bool,
    page_break: bool,
    section: Section,
    current_item: Option<String>,
    last_heading: Option<String>,
    /// Label styles of the open sub-lists, outermost first, and the last letter used.
    styles: Vec<Style>,
    last_letter: Option<char>,
    /// Numbered lines that are sub-steps of the paragraph above them.
    substeps: BTreeSet<usize>,
    /// Minutes: `PRESENT:`, `IN ATTENDANCE:`, `APOLOGIES:` as written, and each minute's
    /// item and title.
    attendance: Vec<(String, String)>,
    minute_items: Vec<(String, String)>,
    /// Each minute's number and item, for a declaration that names the minute.
    minute_numbers: Vec<(u64, String)>,
    /// Minutes: the blocks of each "Declarations of interest" minute, and where the one
    /// being read starts.
    declaration_blocks: Vec<std::ops::Range<usize>>,
    declarations_from: Option<usize>,
    notes: Vec<Note>,
}

/// Converts the text of one paper.
pub(super) fn convert(text: &str, ctx: &Context) -> Converted {
    convert_lines(&lines::source_lines(text), ctx)
}

/// Converts the lines of one paper (a whole file, or one paper cut from a pack).
pub(super) fn convert_lines(src: &[Src], ctx: &Context) -> Converted {
    let mut s = State::new(ctx, src);
    let dropped = s.drop_address_blocks();
    s.substeps = substeps(src);
    let mut skip = BTreeSet::new();
    for (i, (_, raw)) in src.iter().enumerate() {
        if dropped.contains(&i) || skip.contains(&i) {
            continue;
        }
        if lines::is_page_break(raw) {
            s.flush_table();
            s.page_break = true;
            continue;
        }
        let line = raw.trim_end();
        if line.trim().is_empty() {
            s.flush_table();
            s.after_blank = true;
            continue;
        }
        if let Some(next) = s.line(i, line) {
            skip.insert(next);
        }
        s.after_blank = false;
        s.page_break = false;
    }
    s.flush_table();
    s.finish()
}

/// Runs of lines numbered from 1 between paragraph N and paragraph N + 1, with no
/// heading between: steps inside paragraph N, not paragraphs of their own.
fn substeps(src: &[Src]) -> BTreeSet<usize> {
    let minute = |i: usize| {
        let next = src[i + 1..].iter().find(|(_, l)| !l.trim().is_empty());
        lines::item_ref(&src[i].1).is_some()
            || next
                .is_some_and(|(_, l)| lines::item_ref(l.trim()).is_some_and(|(b, _)| b.is_empty()))
    };
    let numbered: Vec<(usize, u64)> = src
        .iter()
        .enumerate()
        .filter(|(i, _)| !minute(*i))
        .filter_map(|(i, (_, l))| lines::numbered(l).map(|(n, _)| (i, n)))
        .collect();
    let mut out = BTreeSet::new();
    let mut k = 0;
    while k + 1 < numbered.len() {
        let (start, top) = numbered[k];
        let run = numbered[k + 1..]
            .iter()
            .zip(1u64..)
            .take_while(|((_, n), want)| n == want)
            .count();
        let after = numbered.get(k + 1 + run);
        let resumes = after.is_some_and(|&(_, n)| n == top + 1);
        if run > 0 && resumes && !heading_between(src, start, after.map_or(0, |a| a.0)) {
            out.extend(numbered[k + 1..=k + run].iter().map(|(i, _)| *i));
            k += run;
        }
        k += 1;
    }
    out
}

fn heading_between(src: &[Src], from: usize, to: usize) -> bool {
    src[from + 1..to].iter().any(|(_, l)| {
        let l = l.trim();
        lines::markdown_heading(l).is_some()
            || lines::item_ref(l).is_some()
            || (lines::numbered(l).is_none()
                && (lines::colon_heading(l).is_some() || lines::capitals_heading(l).is_some()))
    })
}

impl<'a> State<'a> {
    fn new(ctx: &'a Context, src: &'a [Src]) -> Self {
        State {
            ctx,
            src,
            title: None,
            title_guess: None,
            date: None,
            header_seen: false,
            to: None,
            to_guess: None,
            from: None,
            item: None,
            classification: None,
            exempt: None,
            reference: None,
            kind: Kind::Report,
            report_of_seen: false,
            minutes_date: None,
            recommendations: Vec::new(),
            decision_texts: Vec::new(),
            resolutions: Vec::new(),
            body_dates: Vec::new(),
            blocks: Vec::new(),
            block_lines: Vec::new(),
            table: Vec::new(),
            table_header: false,
            in_body: false,
            in_item: false,
            after_blank: false,
            page_break: false,
            section: Section::Other,
            current_item: None,
            last_heading: None,
            styles: Vec::new(),
            last_letter: None,
            substeps: BTreeSet::new(),
            attendance: Vec::new(),
            minute_items: Vec::new(),
            minute_numbers: Vec::new(),
            declaration_blocks: Vec::new(),
            declarations_from: None,
            notes: Vec::new(),
        }
    }

    fn line_no(&self, i: usize) -> usize {
        self.src.get(i).map_or(i + 1, |(n, _)| *n)
    }

    fn push(&mut self, i: usize, block: Block) {
        self.blocks.push(block);
        self.block_lines.push(self.line_no(i));
    }

    fn note(&mut self, i: usize, kind: NoteKind, text: impl Into<String>) {
        self.notes.push(Note {
            line: Some(self.line_no(i)),
            kind,
            text: text.into(),
        });
    }

    /// Blocks of short lines with a postcode (an address), or made only of telephone,
    /// email and web lines (contact details): the archive needs neither.
    fn drop_address_blocks(&mut self) -> BTreeSet<usize> {
        let src = self.src;
        let lines: Vec<&str> = src
            .iter()
            .map(|(_, l)| {
                if lines::is_page_break(l) {
                    ""
                } else {
                    l.as_str()
                }
            })
            .collect();
        let mut dropped = BTreeSet::new();
        let mut start = 0;
        while start < lines.len() {
            if lines[start].trim().is_empty() {
                start += 1;
                continue;
            }
            let end = (start..lines.len())
                .find(|&j| lines[j].trim().is_empty())
                .unwrap_or(lines.len());
            let block = &lines[start..end];
            let short = block
                .iter()
                .all(|l| l.trim().chars().count() <= 60 && !l.trim().ends_with('.'));
            let address = short && block.iter().any(|l| lines::is_postcode(l));
            let contact = block.iter().all(|l| lines::is_contact(l));
            if address || contact {
                let what = if address {
                    "address block"
                } else {
                    "contact details"
                };
                let text: Vec<&str> = block.iter().map(|l| l.trim()).collect();
                self.note(
                    start,
                    NoteKind::Dropped,
                    format!("{what}: {}", text.join(", ")),
                );
                dropped.extend(start..end);
            }
            start = end;
        }
        dropped
    }

    /// Handles one non-blank line; returns a later line it consumed, if any.
    fn line(&mut self, i: usize, line: &str) -> Option<usize> {
        if self.left_out(i, line) {
            return None;
        }
        let line = normalise(line);
        if !self.in_body && self.preamble(i, &line) {
            return None;
        }
        if !self.in_body {
            self.in_body = true;
            self.promote_title_guess();
        }
        self.body(i, &line)
    }

    /// Lines that are no part of the paper's text, each noted where the clerk may care:
    /// blank-page notices, rules, form controls, empty signature lines, and a
    /// not-for-publication marking (which sets `exempt`).
    fn left_out(&mut self, i: usize, line: &str) -> bool {
        if lines::is_blank_page(line) {
            self.note(i, NoteKind::Dropped, line.trim());
            return true;
        }
        // In the text, minutes may mention Schedule 12A in passing; only the title block,
        // or a line in capitals, marks the paper itself.
        let marks_paper = !self.in_body || !line.chars().any(char::is_lowercase);
        if let Some(reason) = lines::exempt_marker(line).filter(|_| marks_paper) {
            self.mark_exempt(i, reason);
        }
        if line.contains("<input") {
            let text = format!("form controls: {}", line.trim());
            self.note(i, NoteKind::NotMapped, text);
            return true;
        }
        if line.trim() == "Signature:" {
            self.note(i, NoteKind::Dropped, "empty signature line");
            return true;
        }
        lines::is_rule(line) || self.exempt.as_ref().is_some_and(|(j, _)| *j == i)
    }

    /// A paper marked not for publication is imported withheld: a clerk must decide to
    /// publish it, never find it published.
    fn mark_exempt(&mut self, i: usize, reason: String) {
        if self.exempt.is_none() {
            self.note(
                i,
                NoteKind::Missing,
                format!(
                    "marked not for publication, so `exempt:` is set: check its reason: {reason}"
                ),
            );
            self.exempt = Some((i, reason));
        }
    }

    fn promote_title_guess(&mut self) {
        if self.title.is_none() {
            self.title = self.title_guess.take().map(|(_, t)| t);
        }
    }

    /// The title block: true if the line was taken as part of it.
    fn preamble(&mut self, i: usize, line: &str) -> bool {
        if let Some(cells) = lines::fields_in_cells(line) {
            for (name, value) in cells {
                self.field(i, &name, &value);
            }
            return true;
        }
        if line.contains('\t') {
            return false;
        }
        if let Some((name, value)) = lines::field(line) {
            self.field(i, &name, &value);
            return true;
        }
        let plain = line.replace("**", "");
        let plain = plain.trim();
        if plain.eq_ignore_ascii_case("record of decision") {
            self.kind = Kind::Decision;
            return true;
        }
        if lines::is_meeting_notes(plain) {
            self.kind = Kind::Notes;
            return true;
        }
        if lines::is_salutation(plain) {
            self.note(i, NoteKind::Dropped, format!("salutation: {plain}"));
            return true;
        }
        if let Some(date) = lines::minutes_date(plain) {
            self.minutes(i, date);
            return true;
        }
        if let Some(who) = lines::report_of(plain) {
            self.report_of(&who);
            return true;
        }
        // Under a To/Subject header a bare date is one the paper lists (a work
        // programme's meetings), not its own.
        if let Some(date) = lines::parse_date(plain)
            && self.date.is_none()
            && !self.header_seen
        {
            self.date = Some(date);
            return true;
        }
        if self.title.is_some() {
            return false;
        }
        self.title_line(i, plain)
    }

    fn title_line(&mut self, i: usize, plain: &str) -> bool {
        if let Some(heading) = lines::markdown_heading(plain) {
            if let Some((j, guess)) = self.title_guess.take() {
                self.note(j, NoteKind::NotMapped, guess);
            }
            self.title = Some(heading);
            return true;
        }
        // `Present: ...` opens the text of notes and minutes.
        let labelled = lines::label(plain).is_some_and(|(l, _)| {
            lines::attendance_label(&l).is_some() || LABELS.contains(&l.to_lowercase().as_str())
        });
        let heading_like = labelled
            || lines::numbered(plain).is_some()
            || lines::colon_heading(plain).is_some()
            || (lines::capitals_heading(plain).is_some() && self.title_guess.is_some());
        if heading_like {
            return false;
        }
        let capitals = lines::capitals_heading(plain).is_some();
        let committee = if capitals {
            lines::names_committee(plain)
        } else {
            lines::is_committee_name(plain)
        };
        if committee && !self.report_of_seen {
            self.to_guess = Some(lines::title_case(plain));
            return true;
        }
        if capitals && !self.report_of_seen {
            self.note(i, NoteKind::NotMapped, plain);
            return true;
        }
        if plain.chars().count() > 120 {
            return false;
        }
        if let Some((j, old)) = self.title_guess.replace((i, lines::sentence_case(plain))) {
            self.note(j, NoteKind::NotMapped, old);
        }
        true
    }

    fn field(&mut self, i: usize, name: &str, value: &str) {
        let value = value.replace("**", "").trim().to_string();
        if value.is_empty() {
            return;
        }
        match name {
            "to" => {
                self.header_seen = true;
                let (to, date) = lines::split_trailing_date(&value);
                if self.date.is_none() {
                    self.date = date;
                }
                self.to = Some(to);
            }
            "subject" | "title" => {
                self.header_seen |= name == "subject";
                self.title = Some(lines::sentence_case(&value));
            }
            "date" => match lines::parse_date(&value) {
                Some(d) => self.date = Some(d),
                None => self.note(
                    i,
                    NoteKind::NotMapped,
                    format!("date not understood: {value}"),
                ),
            },
            "from" | "by" | "originator" => self.from = Some(value),
            "reference" => self.reference = Some(value),
            "classification" | "security classification" => self.classification = Some(value),
            _ => self.item = Some(value),
        }
    }

    fn minutes(&mut self, i: usize, date: Option<NaiveDate>) {
        self.kind = Kind::Minutes;
        self.minutes_date = date;
        self.in_body = true;
        match date {
            Some(d) => {
                self.title = Some(format!(
                    "Minutes of the meeting held on {}",
                    crate::base::dates::medium(d)
                ))
            }
            None => self.note(i, NoteKind::NotMapped, "the date of the minuted meeting"),
        }
    }

    fn report_of(&mut self, who: &str) {
        self.report_of_seen = true;
        let (from, to) = match who.split_once(" to ") {
            Some((f, t)) => (f, Some(t)),
            None => (who, None),
        };
        let strip = |s: &str| {
            let s = s.trim();
            s.strip_prefix("the ").unwrap_or(s).to_string()
        };
        self.from = Some(strip(from));
        if let Some(t) = to {
            self.to = Some(strip(t));
        }
    }

    fn body(&mut self, i: usize, line: &str) -> Option<usize> {
        if let Some(cells) = lines::table_row(line) {
            match cells {
                Some(cells) => {
                    let row = cells.iter().map(|c| self.clean(i, c)).collect();
                    self.table.push(row);
                }
                // A pipe table's rule under its first row: that row is its header.
                None => self.table_header = self.table.len() == 1,
            }
            return None;
        }
        self.flush_table();
        // A title block can come after a line that opened the body (the committee's
        // name); "Report of the Chief Constable" still says who it is from.
        if let Some(who) = lines::report_of(&line.replace("**", ""))
            && self.from.is_none()
            && !self
                .blocks
                .iter()
                .any(|b| matches!(b, Block::Numbered { .. }))
        {
            self.report_of(&who);
            return None;
        }
        if let Some(h) = lines::markdown_heading(line) {
            self.heading(i, &h);
            return None;
        }
        // The notes of a further meeting, in notes of several.
        if lines::is_meeting_notes(line) {
            self.heading(i, line.trim().trim_end_matches(':'));
            return None;
        }
        if self.kind != Kind::Minutes && lines::minutes_date(line).is_some() {
            // An agenda pack: the minutes inside it are a paper of their own.
            let what =
                "minutes start here, inside another paper: import them as a file of their own";
            self.note(i, NoteKind::NotMapped, what);
        }
        if let Some(found) = self.minute_heading(i, line) {
            let (n, title, item, consumed) = found;
            self.minute_items
                .push((item.clone(), title.trim().to_string()));
            self.minute_numbers.push((n, item.clone()));
            self.push(i, Block::Heading(format!("{n}. {title}")));
            self.section_of_declarations(&title);
            self.current_item = Some(item);
            self.section = Section::Other;
            self.in_item = false;
            return consumed;
        }
        if let Some((before, item)) = lines::item_ref(line)
            && before.is_empty()
        {
            self.current_item = Some(item);
            return None;
        }
        if let Some(rest) = lines::resolved(line) {
            self.resolution(i, &rest);
            return None;
        }
        if let Some(h) = lines::colon_heading(line) {
            self.heading(i, &h);
            return None;
        }
        if let Some(h) = lines::capitals_heading(line) {
            let what = format!("heading inferred from capitals: {h}");
            self.note(i, NoteKind::Guess, what);
            self.heading(i, &h);
            return None;
        }
        if let Some((n, text)) = lines::numbered(line) {
            if self.substeps.contains(&i) && self.in_item {
                self.sub_item(i, Some(format!("{n}.")), &text);
            } else {
                self.numbered(i, n, &text);
            }
            return None;
        }
        if let Some((label, text)) = lines::sub_item(line) {
            self.sub_item(i, label, &text);
            return None;
        }
        if let Some((label, text)) = lines::label(line)
            && label.to_lowercase().starts_with("recommendation")
        {
            // "Recommendation: The Panel is asked to note ...": a section in one line.
            self.heading(i, &label);
            self.text(i, &text);
            return None;
        }
        if let Some((label, text)) = lines::label(line) {
            let known = LABELS.contains(&label.to_lowercase().as_str());
            if known || !label.chars().any(char::is_lowercase) {
                self.labelled(i, &label, &text);
                return None;
            }
        }
        self.text(i, line.trim());
        None
    }

    /// `112. Draft plan` followed by `(Item A1)`, on that line or the next; the index of
    /// the next line, if it was used.
    fn minute_heading(&self, i: usize, line: &str) -> Option<(u64, String, String, Option<usize>)> {
        let (n, text) = lines::numbered(line)?;
        if let Some((title, item)) = lines::item_ref(&text)
            && !title.is_empty()
        {
            return Some((n, title.replace("**", ""), item, None));
        }
        let k = (i + 1..self.src.len()).find(|&k| {
            let l = &self.src[k].1;
            !l.trim().is_empty() && !lines::is_page_break(l)
        })?;
        match lines::item_ref(self.src[k].1.trim()) {
            Some((before, item)) if before.is_empty() => {
                Some((n, text.replace("**", ""), item, Some(k)))
            }
            _ => None,
        }
    }

    fn heading(&mut self, i: usize, text: &str) {
        let text = lines::title_case(text.trim()).replace('<', "&lt;");
        let lower = text.to_lowercase();
        self.section = if lower.starts_with("recommendation") {
            Section::Recommendations
        } else if lower == "decision" || lower == "decisions" {
            Section::Decision
        } else {
            Section::Other
        };
        self.in_item = false;
        self.last_heading = Some(text.clone());
        let plain = text.clone();
        self.push(i, Block::Heading(text));
        self.section_of_declarations(&plain);
    }

    /// A heading ends the declarations minute being read, and may start one.
    fn section_of_declarations(&mut self, heading: &str) {
        if let Some(from) = self.declarations_from.take() {
            self.declaration_blocks.push(from..self.blocks.len() - 1);
        }
        if self.kind == Kind::Minutes && super::declared::is_heading(heading) {
            self.declarations_from = Some(self.blocks.len());
        }
    }

    /// What the declarations minutes record, as `declarations:` entries, each noted for
    /// the clerk at its line. The minutes' text keeps them as written.
    fn declarations(&mut self) -> Vec<super::DeclarationOut> {
        if let Some(from) = self.declarations_from.take() {
            self.declaration_blocks.push(from..self.blocks.len());
        }
        let mut out = Vec::new();
        let ranges = std::mem::take(&mut self.declaration_blocks);
        for k in ranges.into_iter().flatten() {
            let texts: Vec<String> = match &self.blocks[k] {
                Block::Para(p) => vec![p.clone()],
                Block::Numbered { paras, .. } => vec![paras.join(" ")],
                Block::Bullets(items) => items.iter().map(|s| s.text.clone()).collect(),
                _ => Vec::new(),
            };
            for text in texts {
                for (found, stray) in self.declared_in(&text) {
                    out.extend(self.note_declaration(self.block_lines[k], found, stray));
                }
            }
        }
        out
    }

    /// The declarations one paragraph records, its items as these minutes number them.
    fn declared_in(&self, text: &str) -> Vec<(super::declared::Read, Option<String>)> {
        let item_of_minute = |n: u64| {
            let found = self.minute_numbers.iter().find(|(m, _)| *m == n);
            found.map(|(_, item)| item.clone())
        };
        let known_item = |named: &str| {
            let found = self
                .minute_items
                .iter()
                .find(|(item, _)| crate::base::item::same(item, named));
            found.map(|(item, _)| item.clone())
        };
        super::declared::read(text, item_of_minute, known_item)
    }

    fn note_declaration(
        &mut self,
        line: usize,
        found: super::declared::Read,
        stray: Option<String>,
    ) -> Option<super::DeclarationOut> {
        use super::declared::Read;
        let mut note = |kind, text: String| {
            self.notes.push(Note {
                line: Some(line),
                kind,
                text,
            })
        };
        match found {
            Read::None => None,
            Read::Unread => {
                let what = "a paragraph of the declarations minute that names no member: add it to `declarations:` by hand if it records one";
                note(NoteKind::NotMapped, what.into());
                None
            }
            Read::Declared(d) => {
                note(NoteKind::Guess, declared_note(&d));
                if let Some(item) = stray {
                    let what = format!(
                        "the declaration names item {item}, which these minutes do not record: add its `item:` by hand"
                    );
                    note(NoteKind::Missing, what);
                }
                Some(d)
            }
        }
    }

    fn resolution(&mut self, i: usize, rest: &str) {
        let rest = self.clean(i, rest);
        let mut chars = rest.chars();
        let text: String = chars
            .next()
            .map(|c| c.to_uppercase().chain(chars).collect())
            .unwrap_or_default();
        if text.is_empty() {
            self.note(i, NoteKind::NotMapped, "RESOLVED with no text");
            return;
        }
        self.resolutions.push((self.current_item.clone(), text));
        self.push(i, Block::Para(format!("**RESOLVED** {rest}")));
        self.in_item = false;
    }

    fn numbered(&mut self, i: usize, n: u64, text: &str) {
        let text = self.clean(i, text);
        self.collect(&text);
        self.push(
            i,
            Block::Numbered {
                n,
                paras: vec![text],
                subs: Vec::new(),
            },
        );
        self.styles.clear();
        self.in_item = true;
    }

    fn sub_item(&mut self, i: usize, label: Option<String>, text: &str) {
        let text = self.clean(i, text);
        let level = self.sub_level(label.as_deref());
        let text = match label {
            Some(l) => format!("{l} {text}"),
            None => text,
        };
        self.collect(&text);
        let sub = Sub { level, text };
        if self.in_item
            && let Some(Block::Numbered { subs, .. }) = self.blocks.last_mut()
        {
            subs.push(sub);
            return;
        }
        if let Some(Block::Bullets(items)) = self.blocks.last_mut() {
            items.push(sub);
        } else {
            self.styles = vec![self.styles.last().copied().unwrap_or(Style::Bullet)];
            self.push(i, Block::Bullets(vec![Sub { level: 0, ..sub }]));
        }
    }

    /// A label styled as an open list's goes back to that list; a new style opens a
    /// list inside the last item.
    fn sub_level(&mut self, label: Option<&str>) -> usize {
        let style = lines::style_of(label, self.last_letter);
        if style == Style::Letter {
            self.last_letter = label
                .and_then(|l| l.chars().find(|c| c.is_alphabetic()))
                .map(|c| c.to_ascii_lowercase());
        }
        if !matches!(self.blocks.last(), Some(Block::Numbered { subs, .. }) if !subs.is_empty())
            && !matches!(self.blocks.last(), Some(Block::Bullets(_)))
        {
            self.styles.clear();
        }
        match self.styles.iter().position(|s| *s == style) {
            Some(level) => {
                self.styles.truncate(level + 1);
                level
            }
            None => {
                self.styles.push(style);
                self.styles.len() - 1
            }
        }
    }

    fn labelled(&mut self, i: usize, label: &str, text: &str) {
        if label.eq_ignore_ascii_case("date")
            && let Some(d) = lines::parse_date(text)
        {
            self.body_dates.push((d, self.last_heading.clone()));
        }
        if lines::ends_section(label) {
            self.section = Section::Other;
        }
        if self.kind == Kind::Minutes && lines::attendance_label(label).is_some() {
            self.attendance.push((label.to_string(), text.to_string()));
        }
        let text = self.clean(i, text);
        self.collect(&text);
        let label = lines::sentence_case(label);
        self.push(i, Block::Para(format!("**{label}:** {text}")));
        self.in_item = false;
    }

    /// Text with no marker: a wrapped or page-broken line joins what it continues, a
    /// line straight under a numbered paragraph belongs to it, anything else stands alone.
    fn text(&mut self, i: usize, line: &str) {
        let text = self.clean(i, line);
        if self.kind == Kind::Minutes
            && let Some(names) = lines::apologies_sentence(&text)
        {
            self.attendance.push(("Apologies".into(), names));
        }
        let lower_start = text.chars().next().is_some_and(char::is_lowercase);
        // A page break in mid-sentence: the paragraph goes on on the next page.
        let unfinished = self.page_break && !self.last_text().is_some_and(ends_sentence);
        let joins = lower_start || !self.after_blank || unfinished;
        let new_sentence = !lower_start && self.last_text().is_none_or(ends_sentence);
        if (!joins || new_sentence) && self.ends_recommendations(line) {
            self.section = Section::Other;
            self.push(i, Block::Para(text));
            self.in_item = false;
            return;
        }
        match self.blocks.last_mut() {
            // A wrapped sub-item goes on under its bullet.
            Some(Block::Numbered { subs, .. }) if self.in_item && !subs.is_empty() && joins => {
                join(subs.last_mut().map(|s| &mut s.text), &text);
                self.extend_collected(&text);
                return;
            }
            Some(Block::Numbered { paras, subs, .. }) if self.in_item && subs.is_empty() => {
                if lower_start || unfinished {
                    join(paras.last_mut(), &text);
                    self.extend_collected(&text);
                    return;
                }
                if !self.after_blank {
                    paras.push(text.clone());
                    self.collect(&text);
                    return;
                }
            }
            Some(Block::Bullets(items)) if joins => {
                join(items.last_mut().map(|s| &mut s.text), &text);
                self.extend_collected(&text);
                return;
            }
            Some(Block::Para(p)) if joins => {
                join(Some(p), &text);
                self.extend_collected(&text);
                return;
            }
            _ => {}
        }
        self.collect(&text);
        self.push(i, Block::Para(text));
        self.in_item = false;
    }

    /// The text the last block ends with.
    fn last_text(&self) -> Option<&str> {
        match self.blocks.last()? {
            Block::Numbered { paras, subs, .. } => subs
                .last()
                .map(|s| s.text.as_str())
                .or(paras.last().map(String::as_str)),
            Block::Bullets(items) => items.last().map(|s| s.text.as_str()),
            Block::Para(p) => Some(p),
            _ => None,
        }
    }

    /// Recommendations stop at a signature (a short line that is no sentence: "A Name",
    /// "Chief Constable") or an appendix, once at least one was read.
    fn ends_recommendations(&self, line: &str) -> bool {
        if self.section != Section::Recommendations || self.recommendations.is_empty() {
            return false;
        }
        let t = line.trim();
        let words = t.split_whitespace().count();
        let signature = words <= 8
            && t.chars().count() <= 60
            && !t.ends_with(['.', ':', ';', ','])
            && t.chars().next().is_some_and(char::is_uppercase);
        signature || lines::ends_section(t)
    }

    /// What a Recommendation or Decision section says goes into the front matter too.
    fn collect(&mut self, text: &str) {
        match self.section {
            Section::Recommendations => self.recommendations.push(text.to_string()),
            Section::Decision => self.decision_texts.push(text.to_string()),
            Section::Other => {}
        }
    }

    fn extend_collected(&mut self, text: &str) {
        let last = match self.section {
            Section::Recommendations => self.recommendations.last_mut(),
            Section::Decision => self.decision_texts.last_mut(),
            Section::Other => None,
        };
        join(last, text);
    }

    fn clean(&mut self, i: usize, text: &str) -> String {
        let (text, unlinked) = lines::unlink_empty(text);
        for t in unlinked {
            self.note(i, NoteKind::NotMapped, format!("link with no address: {t}"));
        }
        let (text, unsafe_links) = lines::unlink_unsafe(&text);
        for url in unsafe_links {
            let url = crate::base::html::shorten(&url);
            self.note(
                i,
                NoteKind::Dropped,
                format!("link to `{url}` (a script or data address) kept as text"),
            );
        }
        // Raw HTML in plain text is an accident of export; an unclosed `<!--` would
        // swallow the rest of the page.
        lines::autolink(&text).replace('<', "&lt;")
    }

    fn flush_table(&mut self) {
        if self.table.is_empty() {
            return;
        }
        if !self.in_body {
            self.in_body = true;
            self.promote_title_guess();
        }
        let mut rows = std::mem::take(&mut self.table);
        let marked = std::mem::take(&mut self.table_header);
        // A caption in the first row alone, or in a short "Table 2: ..." line above.
        let caption = if rows.len() > 2
            && rows[0].iter().filter(|c| !c.is_empty()).count() == 1
            && rows[1].len() > 1
        {
            rows.remove(0).into_iter().find(|c| !c.is_empty())
        } else {
            self.caption_above()
        };
        let header = marked || lines::names_columns(&rows);
        self.blocks.push(Block::Table(Table {
            rows,
            header,
            caption,
        }));
        self.block_lines
            .push(self.block_lines.last().copied().unwrap_or(1));
        self.in_item = false;
    }

    fn caption_above(&mut self) -> Option<String> {
        let Some(Block::Para(p)) = self.blocks.last() else {
            return None;
        };
        let caption = lines::is_caption(p).then(|| p.clone())?;
        self.blocks.pop();
        self.block_lines.pop();
        Some(caption)
    }

    fn finish(mut self) -> Converted {
        self.promote_title_guess();
        self.notes_title();
        self.announced_figures();
        if let Some((j, unused)) = self.title_guess.take() {
            self.note(j, NoteKind::NotMapped, unused);
        }
        let title = self.title.clone().unwrap_or_else(|| {
            self.missing("no title found: the file name stands in; set `title:`");
            self.ctx.source_name.clone()
        });
        let date = self.paper_date();
        let minutes_of = self.minutes_of();
        let decisions = self.decisions();
        let declarations = self.declarations();
        if self.item.is_none() {
            self.missing("no agenda item number: add `item:` if the paper has one");
        }
        let to = match self.kind {
            Kind::Minutes | Kind::Notes => None,
            _ => self.to.take().or(self.to_guess.take()),
        };
        let kind = match self.kind {
            Kind::Report if lines::is_work_programme(&title) => Some("work-programme"),
            Kind::Report if lines::is_annual_report(&title) => Some("annual-report"),
            Kind::Report => None,
            Kind::Minutes => Some("minutes"),
            Kind::Decision => Some("decision"),
            Kind::Notes => Some("notes"),
        };
        let minuted = (self.kind == Kind::Minutes).then(|| Minuted {
            date: self.minutes_date,
            attendance: std::mem::take(&mut self.attendance),
            items: std::mem::take(&mut self.minute_items),
        });
        let front = Front {
            title,
            date: crate::base::dates::iso(date),
            meeting: self.ctx.meeting.clone(),
            item: self.item.take(),
            section: None,
            kind,
            to,
            from: self.from.take(),
            classification: self.classification.take(),
            exempt: self.exempt.take().map(|(_, reason)| reason),
            minutes_of,
            recommendations: std::mem::take(&mut self.recommendations),
            declarations,
            decisions,
            draft: true,
        };
        Converted {
            front,
            body: super::blocks::to_markdown(&self.blocks),
            notes: self.notes,
            minuted,
        }
    }

    /// Board notes are titled by the board ("Performance Board: meeting notes"), never
    /// "Meeting Notes" alone.
    fn notes_title(&mut self) {
        if self.kind != Kind::Notes || self.title.is_some() {
            return;
        }
        let board = self.to.take().or(self.to_guess.take());
        let date = self.date.map(crate::base::dates::medium);
        self.title = Some(match (board, date) {
            (Some(b), Some(d)) => format!("{b}: notes of the meeting on {d}"),
            (Some(b), None) => format!("{b}: meeting notes"),
            (None, Some(d)) => format!("Notes of the meeting on {d}"),
            (None, None) => return,
        });
    }

    /// "... is shown below:" with no table or list after it: the figure was an image the
    /// text lost.
    fn announced_figures(&mut self) {
        for k in 0..self.blocks.len() {
            let announces = match &self.blocks[k] {
                Block::Numbered { paras, subs, .. } if subs.is_empty() => {
                    paras.last().is_some_and(|p| lines::announces_figure(p))
                }
                Block::Para(p) => lines::announces_figure(p),
                _ => false,
            };
            let follows = matches!(
                self.blocks.get(k + 1),
                Some(Block::Table(_) | Block::Bullets(_))
            );
            if announces && !follows {
                self.notes.push(Note {
                    line: Some(self.block_lines[k]),
                    kind: NoteKind::Guess,
                    text: "the text announces a figure or table that is not in it: add it, or an attachment".into(),
                });
            }
        }
    }

    fn missing(&mut self, text: &str) {
        self.notes.push(Note {
            line: None,
            kind: NoteKind::Missing,
            text: text.to_string(),
        });
    }

    /// The header's date; for a record of decision, the last date signed; failing
    /// both, the meeting's.
    fn paper_date(&mut self) -> NaiveDate {
        if let Some(d) = self.date {
            return d;
        }
        if let Some(d) = self.body_dates.iter().map(|(d, _)| *d).max() {
            return d;
        }
        self.notes.push(Note {
            line: self
                .src
                .iter()
                .find(|(_, l)| !l.trim().is_empty())
                .map(|(n, _)| *n),
            kind: NoteKind::Guess,
            text: "no date found: the meeting's date stands in; set `date:`".into(),
        });
        self.ctx.meeting_date
    }

    /// Who took a record of decision: the heading of the block signed last (the
    /// Commissioner's, after the officers' comments), not the meeting's body.
    fn decision_maker(&self) -> Option<String> {
        let (_, heading) = self
            .body_dates
            .iter()
            .filter(|(_, h)| h.is_some())
            .max_by_key(|(d, _)| *d)?;
        heading.clone()
    }

    fn minutes_of(&mut self) -> Option<String> {
        let date = self.minutes_date?;
        let ids: Vec<&String> = self
            .ctx
            .meetings
            .iter()
            .filter(|(d, _)| *d == date)
            .map(|(_, id)| id)
            .collect();
        match ids[..] {
            [id] => Some(id.clone()),
            _ => {
                self.missing(&format!(
                    "the minutes record a meeting on {} that is not one meeting of the site: set `minutes_of:` to its id",
                    crate::base::dates::iso(date)
                ));
                None
            }
        }
    }

    fn decisions(&mut self) -> Vec<DecisionOut> {
        let date = self.minutes_date.map(crate::base::dates::iso);
        let mut out: Vec<DecisionOut> = self
            .resolutions
            .drain(..)
            .map(|(item, text)| DecisionOut {
                reference: None,
                item,
                date: date.clone(),
                by: None,
                text,
            })
            .collect();
        if !self.decision_texts.is_empty() {
            let by = self.decision_maker();
            out.push(DecisionOut {
                reference: self.reference.take(),
                item: None,
                date: None,
                by,
                text: self.decision_texts.join(" "),
            });
        }
        if let Some(r) = self.reference.take() {
            self.missing(&format!(
                "reference {r} found, but no DECISION section to give it to: add it to `decisions:` by hand"
            ));
        }
        out
    }
}

/// Markup left by export (HTML tags, bold around a whole line) taken off, as the line's
/// layout, not its styling, says what it is.
fn normalise(line: &str) -> String {
    let text = if lines::has_html(line) {
        lines::strip_html(line)
    } else {
        line.to_string()
    };
    lines::unbold(&text).unwrap_or(text)
}

fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['*', '_', ')', '\'', '"', '’', '”'])
        .ends_with(['.', ':', ';', '?', '!'])
}

fn join(target: Option<&mut String>, text: &str) {
    if let Some(t) = target {
        if !t.is_empty() {
            t.push(' ');
        }
        t.push_str(text);
    }
}

/// How a declaration read from the minutes is reported.
fn declared_note(d: &super::DeclarationOut) -> String {
    let mut text = format!("declaration of interest by {}", d.name);
    if let Some(item) = &d.item {
        text.push_str(&format!(" on item {item}"));
    }
    if let Some(kind) = d.kind {
        text.push_str(&format!(" ({kind})"));
    }
    if d.withdrew {
        text.push_str(", who left the room");
    }
    text.push_str(": added to `declarations:`; check it");
    text
}
