//! One pass over a plain-text paper: the title block becomes front matter, the rest
//! becomes blocks, and whatever fits nowhere is noted for the clerk.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::blocks::Block;
use super::lines;
use super::{Context, Converted, DecisionOut, Front, Note, NoteKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Report,
    Minutes,
    Decision,
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
    title: Option<String>,
    title_guess: Option<(usize, String)>,
    date: Option<NaiveDate>,
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
    body_dates: Vec<NaiveDate>,
    blocks: Vec<Block>,
    table: Vec<Vec<String>>,
    in_body: bool,
    in_item: bool,
    after_blank: bool,
    section: Section,
    current_item: Option<String>,
    notes: Vec<Note>,
}

pub fn convert(text: &str, ctx: &Context) -> Converted {
    // pdftotext marks page breaks with form feeds; some editors start files with a BOM.
    let text = text.trim_start_matches('\u{feff}').replace('\u{c}', "\n");
    let lines: Vec<&str> = text.lines().collect();
    let mut s = State::new(ctx);
    let dropped = s.drop_address_blocks(&lines);
    let mut skip = BTreeSet::new();
    for (i, raw) in lines.iter().enumerate() {
        if dropped.contains(&i) || skip.contains(&i) {
            continue;
        }
        let line = raw.trim_end();
        if line.trim().is_empty() {
            s.flush_table();
            s.after_blank = true;
            continue;
        }
        if let Some(next) = s.line(i, line, &lines) {
            skip.insert(next);
        }
        s.after_blank = false;
    }
    s.flush_table();
    s.finish()
}

impl<'a> State<'a> {
    fn new(ctx: &'a Context) -> Self {
        State {
            ctx,
            title: None,
            title_guess: None,
            date: None,
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
            table: Vec::new(),
            in_body: false,
            in_item: false,
            after_blank: false,
            section: Section::Other,
            current_item: None,
            notes: Vec::new(),
        }
    }

    fn note(&mut self, i: usize, kind: NoteKind, text: impl Into<String>) {
        self.notes.push(Note {
            line: Some(i + 1),
            kind,
            text: text.into(),
        });
    }

    /// Blocks of short lines with a postcode (an address), or made only of telephone,
    /// email and web lines (contact details): the archive needs neither.
    fn drop_address_blocks(&mut self, lines: &[&str]) -> BTreeSet<usize> {
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
    fn line(&mut self, i: usize, line: &str, all: &[&str]) -> Option<usize> {
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
        self.body(i, &line, all)
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
        if let Some(date) = lines::minutes_date(plain) {
            self.minutes(i, date);
            return true;
        }
        if let Some(who) = lines::report_of(plain) {
            self.report_of(&who);
            return true;
        }
        if let Some(date) = lines::parse_date(plain)
            && self.date.is_none()
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
        let heading_like = lines::numbered(plain).is_some()
            || lines::colon_heading(plain).is_some()
            || (lines::capitals_heading(plain).is_some() && self.title_guess.is_some());
        if heading_like {
            return false;
        }
        let capitals = lines::capitals_heading(plain).is_some();
        if capitals && lines::names_committee(plain) && !self.report_of_seen {
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
            "to" => self.to = Some(value),
            "subject" | "title" => self.title = Some(lines::sentence_case(&value)),
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
                    crate::dates::medium(d)
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

    fn body(&mut self, i: usize, line: &str, all: &[&str]) -> Option<usize> {
        if line.contains('\t') {
            let row = line.split('\t').map(|c| self.clean(i, c.trim())).collect();
            self.table.push(row);
            return None;
        }
        self.flush_table();
        if let Some(h) = lines::markdown_heading(line) {
            self.heading(&h);
            return None;
        }
        if self.kind != Kind::Minutes && lines::minutes_date(line).is_some() {
            // An agenda pack: the minutes inside it are a paper of their own.
            let what =
                "minutes start here, inside another paper: import them as a file of their own";
            self.note(i, NoteKind::NotMapped, what);
        }
        if let Some(found) = self.minute_heading(line, all.get(i + 1..).unwrap_or(&[])) {
            let (n, title, item, consumed) = found;
            self.blocks.push(Block::Heading(format!("{n}. {title}")));
            self.current_item = Some(item);
            self.section = Section::Other;
            self.in_item = false;
            return consumed.map(|k| i + 1 + k);
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
        if let Some(h) = lines::colon_heading(line).or_else(|| lines::capitals_heading(line)) {
            self.heading(&h);
            return None;
        }
        if let Some((n, text)) = lines::numbered(line) {
            self.numbered(i, n, &text);
            return None;
        }
        if let Some((label, text)) = lines::sub_item(line) {
            self.sub_item(i, label, &text);
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

    /// `112. Draft plan` followed by `(Item A1)`, on that line or the next.
    fn minute_heading(
        &self,
        line: &str,
        rest: &[&str],
    ) -> Option<(u64, String, String, Option<usize>)> {
        let (n, text) = lines::numbered(line)?;
        if let Some((title, item)) = lines::item_ref(&text)
            && !title.is_empty()
        {
            return Some((n, title.replace("**", ""), item, None));
        }
        let k = rest.iter().position(|l| !l.trim().is_empty())?;
        match lines::item_ref(rest[k].trim()) {
            Some((before, item)) if before.is_empty() => {
                Some((n, text.replace("**", ""), item, Some(k)))
            }
            _ => None,
        }
    }

    fn heading(&mut self, text: &str) {
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
        self.blocks.push(Block::Heading(text));
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
        self.blocks
            .push(Block::Para(format!("**RESOLVED** {rest}")));
        self.in_item = false;
    }

    fn numbered(&mut self, i: usize, n: u64, text: &str) {
        let text = self.clean(i, text);
        self.collect(&text);
        self.blocks.push(Block::Numbered {
            n,
            paras: vec![text],
            subs: Vec::new(),
        });
        self.in_item = true;
    }

    fn sub_item(&mut self, i: usize, label: Option<String>, text: &str) {
        let text = self.clean(i, text);
        let text = match label {
            Some(l) => format!("{l} {text}"),
            None => text,
        };
        self.collect(&text);
        if self.in_item
            && let Some(Block::Numbered { subs, .. }) = self.blocks.last_mut()
        {
            subs.push(text);
            return;
        }
        if let Some(Block::Bullets(items)) = self.blocks.last_mut() {
            items.push(text);
        } else {
            self.blocks.push(Block::Bullets(vec![text]));
        }
    }

    fn labelled(&mut self, i: usize, label: &str, text: &str) {
        if label.eq_ignore_ascii_case("date")
            && let Some(d) = lines::parse_date(text)
        {
            self.body_dates.push(d);
        }
        let text = self.clean(i, text);
        self.collect(&text);
        let label = lines::sentence_case(label);
        self.blocks
            .push(Block::Para(format!("**{label}:** {text}")));
        self.in_item = false;
    }

    /// Text with no marker: a wrapped or page-broken line joins what it continues, a
    /// line straight under a numbered paragraph belongs to it, anything else stands alone.
    fn text(&mut self, i: usize, line: &str) {
        let text = self.clean(i, line);
        let lower_start = text.chars().next().is_some_and(char::is_lowercase);
        let joins = lower_start || !self.after_blank;
        match self.blocks.last_mut() {
            // A wrapped sub-item goes on under its bullet.
            Some(Block::Numbered { subs, .. }) if self.in_item && !subs.is_empty() && joins => {
                join(subs.last_mut(), &text);
                self.extend_collected(&text);
                return;
            }
            Some(Block::Numbered { paras, subs, .. }) if self.in_item && subs.is_empty() => {
                if lower_start {
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
                join(items.last_mut(), &text);
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
        self.blocks.push(Block::Para(text));
        self.in_item = false;
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
            let url = crate::html::shorten(&url);
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
        let rows = std::mem::take(&mut self.table);
        self.blocks.push(Block::Table(rows));
        self.in_item = false;
    }

    fn finish(mut self) -> Converted {
        self.promote_title_guess();
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
        if self.item.is_none() {
            self.missing("no agenda item number: add `item:` if the paper has one");
        }
        let to = match self.kind {
            Kind::Minutes => None,
            _ => self.to.take().or(self.to_guess.take()),
        };
        let kind = match self.kind {
            Kind::Report => None,
            Kind::Minutes => Some("minutes"),
            Kind::Decision => Some("decision"),
        };
        let front = Front {
            title,
            date: crate::dates::iso(date),
            meeting: self.ctx.meeting.clone(),
            item: self.item.take(),
            kind,
            to,
            from: self.from.take(),
            classification: self.classification.take(),
            exempt: self.exempt.take().map(|(_, reason)| reason),
            minutes_of,
            recommendations: std::mem::take(&mut self.recommendations),
            decisions,
            draft: true,
        };
        Converted {
            front,
            body: super::blocks::to_markdown(&self.blocks),
            notes: self.notes,
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
        if let Some(&d) = self.body_dates.iter().max() {
            return d;
        }
        self.missing("no date found: the meeting's date stands in; set `date:`");
        self.ctx.meeting_date
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
                    crate::dates::iso(date)
                ));
                None
            }
        }
    }

    fn decisions(&mut self) -> Vec<DecisionOut> {
        let date = self.minutes_date.map(crate::dates::iso);
        let mut out: Vec<DecisionOut> = self
            .resolutions
            .drain(..)
            .map(|(item, text)| DecisionOut {
                reference: None,
                item,
                date: date.clone(),
                text,
            })
            .collect();
        if !self.decision_texts.is_empty() {
            out.push(DecisionOut {
                reference: self.reference.take(),
                item: None,
                date: None,
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

fn join(target: Option<&mut String>, text: &str) {
    if let Some(t) = target {
        if !t.is_empty() {
            t.push(' ');
        }
        t.push_str(text);
    }
}
