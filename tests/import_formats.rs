//! `panelpress import` of Word documents and PDFs: files the tests make themselves (a
//! .docx written part by part as Word writes it, a PDF written object by object) are
//! imported into a temp site, the site is built, and the built page is compared with
//! what the source shows.

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;

use common::{Fixture, attrs, build_drafts, front_matter, texts};
use panelpress::clerk::import;

const MEETING: &str = "2025-03-11";

fn site() -> Fixture {
    let f = Fixture::new();
    f.write(
        &format!("content/2025/{MEETING}/_meeting.md"),
        &format!("---\ndate: {MEETING}\n---\n"),
    );
    f
}

// ---- Word documents, written as Word writes them --------------------------------

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Paragraph and character styles: Word's built-in headings, a house style based on
/// Heading 1, and a numbered-paragraph style that carries list 1.
const STYLES: &str = r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="HouseHeading"><w:name w:val="House Heading"/><w:basedOn w:val="Heading1"/></w:style>
<w:style w:type="paragraph" w:styleId="NumberedPara"><w:name w:val="Numbered Para"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>"#;

/// List 1 and 2 share one definition (so 2 would continue 1), but 2 restarts at 1;
/// list 3 is bullets.
const NUMBERING: &str = r#"<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="lowerRoman"/><w:lvlText w:val="(%3)"/></w:lvl>
</w:abstractNum>
<w:abstractNum w:abstractNumId="1">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val=""/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="1"/></w:num>"#;

fn esc(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn run(text: &str) -> String {
    format!(
        r#"<w:r><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

fn run_with(props: &str, text: &str) -> String {
    format!(
        r#"<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

fn link(id: &str, text: &str) -> String {
    format!(r#"<w:hyperlink r:id="{id}">{}</w:hyperlink>"#, run(text))
}

fn para(props: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{props}</w:pPr>{runs}</w:p>")
}

fn styled(style: &str, text: &str) -> String {
    para(&format!(r#"<w:pStyle w:val="{style}"/>"#), &run(text))
}

fn listed(num: u32, level: u32, runs: &str) -> String {
    para(
        &format!(r#"<w:numPr><w:ilvl w:val="{level}"/><w:numId w:val="{num}"/></w:numPr>"#),
        runs,
    )
}

fn cell(text: &str) -> String {
    format!("<w:tc>{}</w:tc>", para("", &run(text)))
}

fn row(header: bool, cells: &[&str]) -> String {
    let props = if header {
        "<w:trPr><w:tblHeader/></w:trPr>"
    } else {
        ""
    };
    let cells: String = cells.iter().map(|c| cell(c)).collect();
    format!("<w:tr>{props}{cells}</w:tr>")
}

/// A .docx with `body` as its document, the styles and numbering above, and
/// `links` as the document's hyperlink relationships.
fn docx(body: &str, links: &[(&str, &str)]) -> Vec<u8> {
    docx_with(body, links, STYLES, NUMBERING)
}

fn docx_with(body: &str, links: &[(&str, &str)], styles: &str, numbering: &str) -> Vec<u8> {
    let rels: String = links
        .iter()
        .map(|(id, target)| format!(r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="{}" TargetMode="External"/>"#, esc(target)))
        .collect();
    let parts = [
        ("[Content_Types].xml", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>"#.to_string()),
        ("_rels/.rels", r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#.to_string()),
        ("word/_rels/document.xml.rels", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdN" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/><Relationship Id="rIdF" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>{rels}</Relationships>"#)),
        ("word/document.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}<w:sectPr/></w:body></w:document>"#)),
        ("word/styles.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="{W}">{styles}</w:styles>"#)),
        ("word/footnotes.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{W}" xmlns:r="{R}"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:id="1"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> Figures from the force's own records.</w:t></w:r></w:p></w:footnote><w:footnote w:id="2"><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> As agreed in 2023.</w:t></w:r></w:p></w:footnote></w:footnotes>"#)),
        ("word/numbering.xml", format!(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering xmlns:w="{W}">{numbering}</w:numbering>"#)),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, text) in parts {
        zip.start_file(name, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A report as an officer writes it in Word: header lines, a title, headings, list
/// 1 numbering paragraphs 1–6 across headings (three levels deep at paragraph 3, one
/// paragraph numbered by its style), a table with a header row, bold, italic, links,
/// then recommendations restarting at 1 and a bulleted list.
fn report() -> Vec<u8> {
    let body = [
        para("", &run("To: Testshire Police and Crime Panel")),
        para("", &run("Date: 3 March 2025")),
        para("", &run("Agenda Item: B4")),
        styled("Title", "Community Speed Watch review"),
        styled("Heading1", "Purpose of the report"),
        listed(
            1,
            0,
            &run("This report reviews the first year of the scheme."),
        ),
        listed(1, 0, &run("The Panel asked for it in September.")),
        styled("Heading1", "Background"),
        listed(1, 0, &run("Volunteer groups check speeds where:")),
        listed(1, 1, &run("residents have asked for checks;")),
        listed(1, 1, &run("the force has seen collisions, in particular:")),
        listed(1, 2, &run("near schools;")),
        listed(1, 2, &run("on rural through-roads.")),
        listed(1, 1, &run("the parish council agrees.")),
        listed(
            1,
            0,
            &[
                run("The scheme relies on "),
                run_with("<w:b/>", "trained volunteers"),
                run(" and on "),
                run_with("<w:i/>", "local knowledge"),
                run(", as the "),
                link("rIdL1", "national guidance"),
                run(" says; the "),
                link("rIdL2", "tracking form"),
                run(" is no longer used."),
            ]
            .concat(),
        ),
        styled("HouseHeading", "Findings"),
        format!(
            "<w:tbl>{}{}{}</w:tbl>",
            row(true, &["District", "Checks", "Letters sent"]),
            row(false, &["Northdale", "41", "212"]),
            row(false, &["Eastmere", "35", "190"])
        ),
        styled(
            "NumberedPara",
            "Letters went to the keepers of vehicles seen speeding.",
        ),
        styled("Heading1", "Recommendations"),
        listed(2, 0, &run("That the Panel notes the review.")),
        listed(
            2,
            0,
            &run("That the Panel asks for a further report in a year."),
        ),
        styled("Heading2", "Background papers"),
        listed(3, 0, &run("Scheme handbook, 2024")),
        listed(3, 0, &run("Letters sent, 2024-25")),
    ]
    .concat();
    docx(
        &body,
        &[
            ("rIdL1", "https://www.example.org/speed-watch guidance"),
            ("rIdL2", "javascript:alert('form')"),
        ],
    )
}

/// The page of the one paper an import wrote.
fn import_and_build(f: &Fixture, name: &str, bytes: &[u8]) -> (PathBuf, scraper::Html) {
    let path = f.root().join(name);
    std::fs::write(&path, bytes).unwrap();
    let reports = import::import(f.root(), &[path], MEETING, None)
        .unwrap_or_else(|e| panic!("import {name}: {e}"));
    let written = reports[0].written.clone();
    build_drafts(f);
    let rel = written.strip_prefix(f.root().join("content")).unwrap();
    let page = f.page(&format!(
        "papers/{}/index.html",
        rel.with_extension("").display()
    ));
    (written, page)
}

fn values(page: &scraper::Html) -> Vec<String> {
    attrs(page, "ol.paras > li", "value")
}

#[test]
fn word_numbering_gives_the_paragraph_numbers_word_shows() {
    let f = site();
    let (_, page) = import_and_build(&f, "speed-watch.docx", &report());
    // 1–6 run on across four headings (6 is numbered by its style); the
    // recommendations' list restarts at 1, as Word shows it.
    assert_eq!(values(&page), ["1", "2", "3", "4", "5", "1", "2"]);
    let ids = attrs(&page, "ol.paras > li", "id");
    assert_eq!(ids[..5], ["p1", "p2", "p3", "p4", "p5"]);
    assert!(
        texts(&page, "li#p5")
            .join(" ")
            .contains("keepers of vehicles")
    );
}

#[test]
fn word_headings_come_from_heading_styles_and_styles_based_on_them() {
    let f = site();
    let (written, page) = import_and_build(&f, "speed-watch.docx", &report());
    let fm = front_matter(&written);
    assert_eq!(fm["title"].as_str(), Some("Community Speed Watch review"));
    assert_eq!(fm["to"].as_str(), Some("Testshire Police and Crime Panel"));
    assert_eq!(fm["date"].as_str(), Some("2025-03-03"));
    assert_eq!(fm["item"].as_str(), Some("B4"));
    assert_eq!(
        texts(&page, "main .prose h2"),
        [
            "Purpose of the report",
            "Background",
            "Findings",
            "Recommendations",
            "Background papers"
        ]
    );
    assert_eq!(
        texts(&page, "main .prose ul:not(ol ul) > li"),
        ["Scheme handbook, 2024", "Letters sent, 2024-25"]
    );
    let recs: Vec<&str> = fm["recommendations"]
        .as_sequence()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert_eq!(
        recs,
        [
            "That the Panel notes the review.",
            "That the Panel asks for a further report in a year."
        ]
    );
}

#[test]
fn word_lists_keep_three_levels_under_their_paragraph() {
    let f = site();
    let (_, page) = import_and_build(&f, "speed-watch.docx", &report());
    let first = texts(&page, "li#p3 > ul > li");
    let labels: Vec<&str> = first.iter().map(|t| &t[..2]).collect();
    assert_eq!(labels, ["a)", "b)", "c)"], "{first:?}");
    assert!(first[1].starts_with("b) the force has seen collisions, in particular:"));
    let second = texts(&page, "li#p3 > ul > li > ul > li");
    assert_eq!(
        second,
        ["(i) near schools;", "(ii) on rural through-roads."]
    );
    assert_eq!(
        texts(&page, "li#p3 > ul > li:nth-child(2) > ul > li").len(),
        2
    );
}

#[test]
fn numbered_sub_steps_in_word_stay_under_their_paragraph() {
    let f = site();
    let numbering = r#"<w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="23"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%2."/></w:lvl>
</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#;
    let body = [
        styled("Title", "Custody visiting"),
        listed(1, 0, &run("Visitors called at every suite.")),
        listed(1, 0, &run("Each visit follows four steps:")),
        listed(1, 1, &run("arrive unannounced;")),
        listed(1, 1, &run("see the detainees who agree;")),
        listed(1, 1, &run("check the cells and records;")),
        listed(1, 1, &run("report to the Commissioner.")),
        listed(1, 0, &run("No visit was refused.")),
    ]
    .concat();
    let bytes = docx_with(&body, &[], STYLES, numbering);
    let (_, page) = import_and_build(&f, "custody.docx", &bytes);
    assert_eq!(values(&page), ["23", "24", "25"]);
    let steps = texts(&page, "li#p24 > ul > li");
    assert_eq!(steps.len(), 4, "{steps:?}");
    assert!(steps[0].starts_with("1. arrive") && steps[3].starts_with("4. report"));
}

#[test]
fn word_footnotes_become_the_papers_footnotes() {
    let f = site();
    let reference = |id: u32| format!(r#"<w:r><w:footnoteReference w:id="{id}"/></w:r>"#);
    let body = [
        styled("Title", "Footnoted"),
        styled("Heading1", "Recommendations"),
        listed(
            1,
            0,
            &format!(
                "{}{}{}",
                run("Thefts fell by a third."),
                reference(1),
                run(" So did calls.")
            ),
        ),
        listed(
            1,
            0,
            &format!("{}{}", run("The target stands."), reference(2)),
        ),
    ]
    .concat();
    let (written, page) = import_and_build(&f, "notes.docx", &docx(&body, &[]));
    let refs = texts(&page, "li#p1 sup.footnote-ref");
    assert_eq!(refs, ["1"]);
    let notes = texts(&page, ".footnote");
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].contains("Figures from the force\u{2019}s own records."),
        "{notes:?}"
    );
    assert!(notes[1].contains("As agreed in 2023."), "{notes:?}");
    // The notes are no recommendations, though they come after that heading.
    let fm = front_matter(&written);
    assert_eq!(fm["recommendations"].as_sequence().map(Vec::len), Some(2));
}

#[test]
fn a_header_block_laid_out_as_a_word_table_gives_the_front_matter() {
    let f = site();
    let body = [
        format!(
            "<w:tbl>{}{}{}{}</w:tbl>",
            row(false, &["To:", "Testshire Police and Crime Panel"]),
            row(false, &["From:", "Chief Constable"]),
            row(false, &["Subject:", "Custody review"]),
            row(false, &["Date:", "5 March 2025"])
        ),
        listed(1, 0, &run("The review is complete.")),
    ]
    .concat();
    let (written, page) = import_and_build(&f, "header-table.docx", &docx(&body, &[]));
    let fm = front_matter(&written);
    assert_eq!(fm["title"].as_str(), Some("Custody review"));
    assert_eq!(fm["to"].as_str(), Some("Testshire Police and Crime Panel"));
    assert_eq!(fm["from"].as_str(), Some("Chief Constable"));
    assert_eq!(fm["date"].as_str(), Some("2025-03-05"));
    assert!(texts(&page, "main table").is_empty());
    assert_eq!(values(&page), ["1"]);
}

#[test]
fn the_same_word_document_imports_to_the_same_bytes() {
    let (a, b) = (site(), site());
    let (wa, _) = import_and_build(&a, "speed-watch.docx", &report());
    let (wb, _) = import_and_build(&b, "speed-watch.docx", &report());
    assert_eq!(std::fs::read(&wa).unwrap(), std::fs::read(&wb).unwrap());
    assert_eq!(common::snapshot(&a.output()), common::snapshot(&b.output()));
}

#[test]
fn word_tables_bold_italic_and_links_are_kept_and_script_links_dropped() {
    let f = site();
    let (_, page) = import_and_build(&f, "speed-watch.docx", &report());
    assert_eq!(
        texts(&page, "table thead th"),
        ["District", "Checks", "Letters sent"]
    );
    assert_eq!(
        texts(&page, "table tbody tr"),
        ["Northdale 41 212", "Eastmere 35 190"]
    );
    assert_eq!(texts(&page, "li#p4 strong"), ["trained volunteers"]);
    assert_eq!(texts(&page, "li#p4 em"), ["local knowledge"]);
    assert_eq!(
        attrs(&page, "li#p4 a:not(.pnum)", "href"),
        ["https://www.example.org/speed-watch%20guidance"]
    );
    let p4 = texts(&page, "li#p4").join(" ");
    assert!(p4.contains("the tracking form is no longer used"), "{p4}");
    for (file, bytes) in common::snapshot(&f.output()) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("javascript:alert"),
            "in {file}"
        );
    }
}

#[test]
fn a_word_table_without_a_header_row_gets_none() {
    let f = site();
    let body = [
        styled("Title", "Panel membership"),
        para("", &run("The members are:")),
        format!(
            "<w:tbl>{}{}</w:tbl>",
            row(false, &["Cllr A Ashdown", "Northby Borough Council"]),
            row(false, &["Cllr B Brereton", "Eastmere District Council"])
        ),
    ]
    .concat();
    let (_, page) = import_and_build(&f, "members.docx", &docx(&body, &[]));
    assert!(texts(&page, "table th").is_empty());
    assert_eq!(
        texts(&page, "table tr"),
        [
            "Cllr A Ashdown Northby Borough Council",
            "Cllr B Brereton Eastmere District Council"
        ]
    );
}

#[test]
fn line_breaks_page_breaks_text_boxes_and_fields_do_not_break_the_import() {
    let f = site();
    let text_box = r#"<w:r><w:drawing><wp:inline xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData><wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:txbx><w:txbxContent><w:p><w:r><w:t>BOXED-NOTE stays.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#;
    let field = r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://www.example.org/plan" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>the plan</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>"#;
    let body = [
        styled("Title", "Odd layout"),
        listed(
            1,
            0,
            &format!(
                "{}<w:r><w:br/></w:r>{}<w:r><w:br w:type=\"page\"/></w:r>{}",
                run("A first line"),
                run("and a second"),
                run("after a page break.")
            ),
        ),
        listed(1, 0, &format!("{}{field}{}", run("See "), run("."))),
        para("", text_box),
        listed(1, 0, &run("Third.")),
    ]
    .concat();
    let (_, page) = import_and_build(&f, "odd.docx", &docx(&body, &[]));
    assert_eq!(values(&page), ["1", "2", "3"]);
    let p1 = texts(&page, "li#p1").join(" ");
    assert!(
        p1.ends_with("A first line and a second after a page break."),
        "{p1}"
    );
    assert_eq!(
        attrs(&page, "li#p2 a:not(.pnum)", "href"),
        ["https://www.example.org/plan"]
    );
    assert!(texts(&page, "main").join(" ").contains("BOXED-NOTE stays."));
}

#[test]
fn odd_word_documents_still_give_a_paper_that_builds() {
    let choice = r#"<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>Boxed text, once only.</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>Boxed text, once only.</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"#;
    let odd: Vec<(String, &str, &str)> = vec![
        (String::new(), STYLES, NUMBERING),
        (
            "<w:p/><w:p><w:pPr/></w:p><w:tbl/><w:tbl><w:tr/></w:tbl>".into(),
            STYLES,
            NUMBERING,
        ),
        (
            [
                listed(99, 0, &run("Unknown list.")),
                listed(1, 42, &run("Level far too deep.")),
                para(
                    r#"<w:numPr><w:ilvl w:val="x"/><w:numId w:val="1"/></w:numPr>"#,
                    &run("Bad level."),
                ),
                para(
                    r#"<w:numPr><w:numId w:val="0"/></w:numPr>"#,
                    &run("Numbering removed."),
                ),
            ]
            .concat(),
            STYLES,
            NUMBERING,
        ),
        (
            listed(1, 0, &run("Refers to levels that are not there.")),
            STYLES,
            r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%9.%8.%1"/></w:lvl></w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
        ),
        (
            styled("A", "Styles based on each other in a loop."),
            r#"<w:style w:type="paragraph" w:styleId="A"><w:name w:val="A"/><w:basedOn w:val="B"/></w:style><w:style w:type="paragraph" w:styleId="B"><w:name w:val="B"/><w:basedOn w:val="A"/></w:style>"#,
            "",
        ),
        (
            format!(
                r#"<w:tbl><w:tr><w:tc><w:tcPr><w:gridSpan w:val="100000"/></w:tcPr>{}</w:tc><w:tc><w:tcPr><w:vMerge/></w:tcPr>{}</w:tc><w:tc><w:tbl>{}</w:tbl></w:tc></w:tr></w:tbl>"#,
                para("", &run("wide")),
                para("", &run("merged")),
                row(false, &["inner | cell"])
            ),
            STYLES,
            NUMBERING,
        ),
        (
            format!(
                r#"{}<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt><w:p>{choice}</w:p><w:p><w:r><w:fldChar w:fldCharType="end"/><w:fldChar w:fldCharType="separate"/></w:r><w:hyperlink r:id="rIdMissing"><w:r><w:t>no target</w:t></w:r></w:hyperlink></w:p>"#,
                para("", &run("Subject: Controls and boxes")),
                para("", &run("In a content control."))
            ),
            STYLES,
            NUMBERING,
        ),
        (
            [
                "Subject: Odd text",
                "<script>alert(1)</script>",
                "# not a heading",
                "> not a quote",
                "| not | a table |",
                "**stars** and _under_ [brackets](javascript:x)",
            ]
            .iter()
            .map(|t| para("", &run(t)))
            .collect(),
            STYLES,
            NUMBERING,
        ),
    ];
    let f = site();
    for (n, (body, styles, numbering)) in odd.iter().enumerate() {
        let path = f.root().join(format!("odd-{n}.docx"));
        std::fs::write(&path, docx_with(body, &[], styles, numbering)).unwrap();
        let out = f.root().join(format!("content/2025/{MEETING}/odd-{n}"));
        import::import(f.root(), &[path], MEETING, Some(&out))
            .unwrap_or_else(|e| panic!("odd document {n}: {e}"));
    }
    build_drafts(&f);
    let mut once = 0;
    for (file, bytes) in common::snapshot(&f.output()) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("<script>alert"), "in {file}");
        if file.ends_with(".html") {
            let html = scraper::Html::parse_document(&text);
            for href in attrs(&html, "a", "href") {
                assert!(
                    !href.to_lowercase().starts_with("javascript:"),
                    "{href} in {file}"
                );
            }
        }
        if file.ends_with("index.html") && file.contains("odd-6") {
            once += text.matches("once only").count();
        }
    }
    assert_eq!(once, 1, "a text box's fallback copy is not read");
    let page = f.page(&format!("papers/2025/{MEETING}/odd-7/odd-text/index.html"));
    let shown = texts(&page, "main .prose p");
    for t in ["# not a heading", "> not a quote", "| not | a table |"] {
        assert!(shown.iter().any(|s| s == t), "{t} in {shown:?}");
    }
    assert!(texts(&page, "main .prose table").is_empty());
}

/// A .docx whose document part unpacks to more than the cap, though the file is small.
fn zip_bomb() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..60 {
        zip.write_all(&zeros).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn damaged_and_hostile_word_files_get_a_clear_error_and_nothing_is_written() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("bomb.docx", zip_bomb(), "unpacks to more than 50 MB"),
        (
            "not-zip.docx",
            b"plain text, not a zip".to_vec(),
            "not a Word document",
        ),
        (
            "no-body.docx",
            {
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                zip.start_file("other.xml", zip::write::SimpleFileOptions::default())
                    .unwrap();
                zip.write_all(b"<x/>").unwrap();
                zip.finish().unwrap().into_inner()
            },
            "no main document part",
        ),
        (
            "bad-xml.docx",
            docx("<w:p><w:r><w:t>unclosed</w:r></w:p>", &[]),
            "word/document.xml",
        ),
        (
            "entities.docx",
            {
                let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
                zip.start_file(
                    "word/document.xml",
                    zip::write::SimpleFileOptions::default(),
                )
                .unwrap();
                zip.write_all(b"<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><d>&b;</d>").unwrap();
                zip.finish().unwrap().into_inner()
            },
            "damaged",
        ),
        (
            "deep.docx",
            docx(
                &format!(
                    "<w:p>{}{}</w:p>",
                    "<w:ins>".repeat(100_000),
                    "</w:ins>".repeat(100_000)
                ),
                &[],
            ),
            "more than 256 deep",
        ),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0".to_vec(),
            "save it as a Word document (.docx)",
        ),
    ];
    for (name, bytes, expected) in cases {
        let f = site();
        let path = f.root().join(name);
        std::fs::write(&path, bytes).unwrap();
        let before = common::snapshot(&f.root().join("content"));
        let err = import::import(f.root(), &[path], MEETING, None)
            .expect_err(&format!("{name} must be refused"));
        let shown = err.to_string();
        assert!(shown.contains(name), "names the file: {shown}");
        assert!(shown.contains(expected), "{name}: {shown}");
        assert_eq!(common::snapshot(&f.root().join("content")), before);
    }
}

// ---- PDFs, written object by object ----------------------------------------------

/// A PDF of `pages`, each a list of (x, y, text) in points on an A4 page, in
/// Helvetica (a standard font, so nothing is embedded).
fn pdf(pages: &[Vec<(u32, u32, &str)>]) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 page tree, 3 font, then a page and its content per page.
    let mut objects: Vec<String> = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} >>",
            (0..n)
                .map(|i| format!("{} 0 R", 4 + 2 * i))
                .collect::<Vec<_>>()
                .join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".into(),
    ];
    for (i, page) in pages.iter().enumerate() {
        let stream: String = page
            .iter()
            .map(|(x, y, t)| {
                let t = t
                    .replace('\\', "\\\\")
                    .replace('(', "\\(")
                    .replace(')', "\\)");
                format!("BT /F1 11 Tf {x} {y} Td ({t}) Tj ET\n")
            })
            .collect();
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(format!(
            "<< /Length {} >>\nstream\n{stream}endstream",
            stream.len()
        ));
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

/// Two pages of a report with a running head, "Page N of 2" feet, hanging numbers,
/// a word hyphenated at a line's end, paragraph 3 cut by the page break, and a table.
fn pdf_report() -> Vec<u8> {
    let head = (72, 800, "Testshire Police and Crime Panel - 11 March 2025");
    let page1 = vec![
        head,
        (72, 760, "To: Testshire Police and Crime Panel"),
        (72, 740, "Subject: Victim services update"),
        (72, 720, "Date: 4 March 2025"),
        (72, 690, "Background:"),
        (72, 670, "1."),
        (100, 670, "The service began in April and has helped"),
        (100, 656, "many victims."),
        (72, 636, "2."),
        (
            100,
            636,
            "Its funding for the coming year needs the Panel's sup-",
        ),
        (100, 622, "port at this meeting."),
        (72, 602, "3."),
        (100, 602, "Referrals rose in the winter, when the"),
        (280, 60, "Page 1 of 2"),
    ];
    let page2 = vec![
        head,
        (100, 760, "helpline opened for longer hours."),
        (72, 740, "4."),
        (100, 740, "The team will report again in the autumn."),
        (100, 700, "District"),
        (250, 700, "Referrals"),
        (100, 686, "Northdale"),
        (250, 686, "412"),
        (100, 672, "Eastmere"),
        (250, 672, "380"),
        (280, 60, "Page 2 of 2"),
    ];
    pdf(&[page1, page2])
}

#[test]
fn a_pdf_is_read_without_its_page_furniture() {
    if Command::new("pdftotext").arg("-v").output().is_err() {
        panic!("pdftotext is needed: .ci/test installs poppler-utils");
    }
    let f = site();
    let (written, page) = import_and_build(&f, "victims.pdf", &pdf_report());
    let fm = front_matter(&written);
    assert_eq!(fm["title"].as_str(), Some("Victim services update"));
    assert_eq!(fm["date"].as_str(), Some("2025-03-04"));
    assert_eq!(values(&page), ["1", "2", "3", "4"]);
    let p2 = texts(&page, "li#p2").join(" ");
    assert!(
        p2.ends_with("needs the Panel\u{2019}s support at this meeting."),
        "{p2}"
    );
    let p3 = texts(&page, "li#p3").join(" ");
    assert!(
        p3.ends_with("Referrals rose in the winter, when the helpline opened for longer hours."),
        "{p3}"
    );
    // Layout columns are a table's cells.
    assert_eq!(texts(&page, "table th"), ["District", "Referrals"]);
    assert_eq!(
        texts(&page, "table tbody tr"),
        ["Northdale 412", "Eastmere 380"]
    );
    let main = texts(&page, "main").join(" ");
    assert!(
        !main.contains("Page 1 of 2") && !main.contains("Page 2"),
        "{main}"
    );
    assert!(!main.contains("- 11 March 2025"), "{main}");
}

#[test]
fn a_pdf_whose_name_looks_like_an_option_is_still_read_as_a_file() {
    let f = site();
    std::fs::write(f.root().join("-v.pdf"), pdf_report()).unwrap();
    // After `--` the name is a file to panelpress; pdftotext must see a file too.
    let run = Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["import", "--meeting", MEETING, "--", "-v.pdf"])
        .current_dir(f.root())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    build_drafts(&f);
    let written = f
        .root()
        .join(format!("content/2025/{MEETING}/victim-services-update.md"));
    assert!(written.is_file());
}

#[test]
fn without_pdftotext_the_error_names_the_package_to_install() {
    let f = site();
    let path = f.root().join("victims.pdf");
    std::fs::write(&path, pdf_report()).unwrap();
    let before = common::snapshot(&f.root().join("content"));
    let run = Command::new(env!("CARGO_BIN_EXE_panelpress"))
        .args(["import", path.to_str().unwrap(), "--meeting", MEETING])
        .current_dir(f.root())
        .env("PATH", "")
        .output()
        .unwrap();
    assert!(!run.status.success());
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(stderr.contains("victims.pdf"), "{stderr}");
    assert!(stderr.contains("`pdftotext` is not installed"), "{stderr}");
    assert!(stderr.contains("poppler-utils"), "{stderr}");
    assert_eq!(common::snapshot(&f.root().join("content")), before);
}

#[test]
fn a_damaged_pdf_gets_a_clear_error() {
    let f = site();
    let path = f.root().join("broken.pdf");
    std::fs::write(&path, b"%PDF-1.4\nthis is not really a PDF\n").unwrap();
    let err = import::import(f.root(), &[path], MEETING, None).expect_err("refused");
    let shown = err.to_string();
    assert!(shown.contains("broken.pdf"), "{shown}");
    assert!(
        shown.contains("could not read the PDF") || shown.contains("no text to read"),
        "{shown}"
    );
}
