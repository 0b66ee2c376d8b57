//! Writes the corpus as a Hugo site with templates comparable to a minimal panelpress
//! theme: a page per paper (title, meeting link, body, recommendations, decisions), a
//! list page per meeting, a page per topic and a home page listing the meetings.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

use super::corpus::{Corpus, Paper};
use super::native::{list, quote};

const CONFIG: &str = r#"baseURL = "/"
title = "Westmarch committee papers"
languageCode = "en-GB"
disableKinds = ["RSS", "sitemap", "robotsTXT"]
[taxonomies]
  topic = "topics"
[markup.highlight]
  noClasses = false
"#;

const BASEOF: &str = r#"<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ site.Title }}</title><link rel="stylesheet" href="/style.css"></head>
<body>
<header><a href="/">{{ site.Title }}</a>
<nav><ul><li><a href="/">Home</a></li><li><a href="/meetings/">Meetings</a></li><li><a href="/topics/">Topics</a></li></ul></nav></header>
<main id="main">{{ block "main" . }}{{ end }}</main>
</body>
</html>
"#;

const SINGLE: &str = r#"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<dl>
<dt>Meeting</dt><dd>{{ with .Parent }}<a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</dd>
<dt>Date</dt><dd>{{ .Date.Format "2 January 2006" }}</dd>
{{ with .Params.item }}<dt>Item</dt><dd>{{ . }}</dd>{{ end }}
</dl>
{{ with .Params.exempt }}<p>Not for publication: {{ . }}</p>{{ else }}
{{ with .Params.recommendations }}<section><h2>Recommendations</h2><ol>{{ range . }}<li>{{ . | markdownify }}</li>{{ end }}</ol></section>{{ end }}
{{ with .Params.decisions }}<section><h2>Decisions</h2><ul>{{ range . }}<li id="{{ .ref | urlize }}"><strong>{{ .ref }}</strong> {{ .text | markdownify }}</li>{{ end }}</ul></section>{{ end }}
{{ with .Params.topics }}<p>Topics: {{ range . }}<a href="{{ (printf "/topics/%s/" (. | urlize)) }}">{{ . }}</a> {{ end }}</p>{{ end }}
<div class="paper-body">{{ .Content }}</div>
{{ end }}
</article>
{{ end }}
"#;

const LIST: &str = r#"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ol>
{{ range .Pages.ByParam "order" }}<li><a href="{{ .RelPermalink }}">{{ with .Params.item }}{{ . }}: {{ end }}{{ .Title }}</a>{{ with .Params.exempt }} (not for publication: {{ . }}){{ end }}</li>
{{ end }}
</ol>
{{ end }}
"#;

const HOME: &str = r#"{{ define "main" }}
<h1>{{ site.Title }}</h1>
<h2>Meetings</h2>
<ul>
{{ range (site.GetPage "/meetings").Sections.ByDate.Reverse }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }} papers)</li>
{{ end }}
</ul>
{{ end }}
"#;

pub fn write(corpus: &Corpus, out: &Path) -> io::Result<()> {
    let layouts = out.join("layouts/_default");
    fs::create_dir_all(&layouts)?;
    fs::create_dir_all(out.join("static"))?;
    fs::write(out.join("hugo.toml"), CONFIG)?;
    fs::write(layouts.join("baseof.html"), BASEOF)?;
    fs::write(layouts.join("single.html"), SINGLE)?;
    fs::write(layouts.join("list.html"), LIST)?;
    fs::write(out.join("layouts/index.html"), HOME)?;
    fs::write(
        out.join("static/style.css"),
        "body { max-width: 45rem; margin: auto; }\n",
    )?;
    let content = out.join("content");
    fs::create_dir_all(content.join("meetings"))?;
    fs::write(content.join("_index.md"), "---\ntitle: Home\n---\n")?;
    fs::write(
        content.join("meetings/_index.md"),
        "---\ntitle: Meetings\n---\n",
    )?;
    for (m, meeting) in corpus.meetings.iter().enumerate() {
        let dir = content.join("meetings").join(&meeting.id);
        fs::create_dir_all(&dir)?;
        let title = match &meeting.title {
            Some(t) => format!("{t}, {}", meeting.date.format("%A %-d %B %Y")),
            None => format!(
                "{}, {}",
                corpus.body_of(m).name,
                meeting.date.format("%A %-d %B %Y")
            ),
        };
        fs::write(
            dir.join("_index.md"),
            format!(
                "---\ntitle: {}\ndate: {}\n---\n\n{}",
                quote(&title),
                meeting.date,
                meeting.intro
            ),
        )?;
        for (order, &p) in meeting.papers.iter().enumerate() {
            let paper = &corpus.papers[p];
            fs::write(
                dir.join(format!("{}.md", paper.stem)),
                paper_file(paper, order),
            )?;
        }
    }
    Ok(())
}

fn paper_file(paper: &Paper, order: usize) -> String {
    let mut s = String::from("---\n");
    let _ = writeln!(s, "title: {}\ndate: {}", quote(&paper.title), paper.date);
    let _ = writeln!(s, "item: {}\norder: {order}", quote(&paper.item));
    if let Some(reason) = paper.exempt {
        let _ = writeln!(s, "exempt: {}\n---", quote(reason));
        return s;
    }
    list(&mut s, "topics", &paper.topics);
    list(&mut s, "recommendations", &paper.recommendations);
    if !paper.decisions.is_empty() {
        s.push_str("decisions:\n");
        for d in &paper.decisions {
            let _ = writeln!(
                s,
                "  - ref: {}\n    text: {}",
                quote(&d.reference),
                quote(&d.text)
            );
        }
    }
    s.push_str("---\n\n");
    s.push_str(&paper.body);
    s
}
