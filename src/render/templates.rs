//! Tera set-up and template errors pointed at the template file and line.

use std::collections::HashMap;
use std::path::PathBuf;

use tera::{Context, Tera};

use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::load::theme::Theme;

/// The page templates every theme must provide.
pub(crate) const REQUIRED: &[&str] = &[
    "index.html",
    "meetings.html",
    "meeting.html",
    "paper.html",
    "items.html",
    "decisions.html",
    "topics.html",
    "topic.html",
    "404.html",
    "pack.html",
    "body.html",
    "year.html",
    "series.html",
    "series-index.html",
    "accessibility.html",
    "search.html",
];

/// The templates of the people pages, which only a site with a `people/` folder has: a
/// theme made before them still builds a site without one.
pub(crate) const PEOPLE: &[&str] = &["people.html", "body-people.html", "person.html"];

/// The theme's templates, compiled once per build.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, PathBuf>,
    /// Where the theme's templates are, to name a missing one.
    template_dir: PathBuf,
}

impl Templates {
    /// Compiles every template, reporting each broken one.
    pub fn new(theme: &Theme) -> Result<Templates, Vec<Diagnostic>> {
        let origins: HashMap<String, PathBuf> = theme
            .templates
            .iter()
            .map(|(name, f)| (name.clone(), f.origin.clone()))
            .collect();
        let mut sources = Vec::new();
        let mut errors = Vec::new();
        for (name, file) in &theme.templates {
            match String::from_utf8(file.bytes.clone()) {
                Ok(text) => sources.push((name.clone(), text)),
                Err(_) => errors.push(Diagnostic::new(
                    ErrorKind::Encoding,
                    Location::file(&file.origin),
                    "the template is not valid UTF-8 text",
                )),
            }
        }
        // Parse each template alone first, so that every syntax error is reported.
        for (name, text) in &sources {
            let mut alone = Tera::new();
            if let Err(e) = alone.add_raw_template(name, text)
                && matches!(e.kind(), tera::ErrorKind::SyntaxError(_))
            {
                errors.push(template_error(&e, &origins));
            }
        }
        let mut tera = Tera::new();
        if errors.is_empty()
            && let Err(e) =
                tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        {
            errors.push(template_error(&e, &origins));
        }
        for name in REQUIRED {
            if !origins.contains_key(*name) {
                errors.push(Diagnostic::new(
                    ErrorKind::Template,
                    Location::file(theme.template_dir.join(name)),
                    format!("the theme has no `{name}` template"),
                ).help("copy it from the default theme (`panelpress init` writes one) and adapt it"));
            }
        }
        if errors.is_empty() {
            Ok(Templates {
                tera,
                origins,
                template_dir: theme.template_dir.clone(),
            })
        } else {
            Err(errors)
        }
    }

    /// The values every template sees.
    pub fn global(&mut self) -> &mut Context {
        self.tera.global_context()
    }

    /// Whether the theme has this (optional) template.
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Renders the template `name` with `context` and the globals.
    pub fn render(&self, name: &str, context: &Context) -> Result<String, Diagnostic> {
        if !self.origins.contains_key(name) && PEOPLE.contains(&name) {
            return Err(Diagnostic::new(
                ErrorKind::Template,
                Location::file(self.template_dir.join(name)),
                format!(
                    "the theme has no `{name}` template, which a site with a people/ folder needs"
                ),
            )
            .help("copy it from the default theme (`panelpress init` writes one) and adapt it"));
        }
        self.tera
            .render(name, context)
            .map_err(|e| template_error(&e, &self.origins))
    }
}

fn template_error(e: &tera::Error, origins: &HashMap<String, PathBuf>) -> Diagnostic {
    let origin = |name: &str| {
        origins
            .get(name)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(name))
    };
    match e.kind() {
        tera::ErrorKind::SyntaxError(r) | tera::ErrorKind::RenderingError(r) => {
            let span = r.span();
            let location = Location::at(origin(r.filename()), span.start_line.max(1))
                .with_column(span.start_col + 1);
            Diagnostic::new(
                ErrorKind::Template,
                location,
                format!("template error: {}", r.message()),
            )
        }
        tera::ErrorKind::MissingParent { current, parent } => Diagnostic::new(
            ErrorKind::Template,
            Location::file(origin(current)),
            format!("template extends `{parent}`, which does not exist"),
        ),
        other => Diagnostic::new(
            ErrorKind::Template,
            Location::file("templates"),
            format!("template error: {other}"),
        ),
    }
}
