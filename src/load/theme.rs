//! Themes: Tera templates and static files, from `themes/<name>/` or, for the default
//! theme, from the copy built into the binary. A site's own `templates/` and `static/`
//! override the theme's files of the same name.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};
use walkdir::WalkDir;

use crate::base::error::{Diagnostic, ErrorKind, Location};

static DEFAULT_THEME: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The template of a redirect page, left at a moved paper's or meeting's old address.
pub(crate) const REDIRECT_TEMPLATE: &str = "redirect.html";

/// Templates taken from the default theme when a theme has none of its own.
const FALLBACKS: &[&str] = &[REDIRECT_TEMPLATE];

/// A file of the theme: where it came from (for error messages) and its bytes.
#[derive(Debug, Clone)]
pub struct ThemeFile {
    pub origin: PathBuf,
    pub bytes: Vec<u8>,
}

/// Templates by file name and static files by path, after overrides.
#[derive(Debug, Default)]
pub struct Theme {
    /// Where the theme's templates live, for messages about missing ones.
    pub template_dir: PathBuf,
    /// Tera templates by name (`paper.html`).
    pub templates: BTreeMap<String, ThemeFile>,
    /// Files copied to the output as they are, by output path.
    pub statics: BTreeMap<String, ThemeFile>,
}

impl Theme {
    /// The theme `name`: the built-in one, or the folder `themes/<name>` at `root`.
    pub fn load(root: &Path, name: &str) -> Result<Theme, Diagnostic> {
        let mut theme = Theme::default();
        let dir = root.join("themes").join(name);
        theme.template_dir = dir.join("templates");
        if dir.is_dir() {
            theme.add_dir(&dir.join("templates"), true)?;
            theme.add_dir(&dir.join("static"), false)?;
        } else if name == "default" {
            theme.add_embedded();
        } else {
            return Err(Diagnostic::new(
                ErrorKind::Config,
                Location::file(root.join(crate::config::FILE_NAME)),
                format!("theme `{name}` not found: there is no folder {}", dir.display()),
            )
            .help("set `theme` in site.toml to a folder under themes/, or remove it to use the default theme"));
        }
        theme.add_dir(&root.join("templates"), true)?;
        theme.add_dir(&root.join("static"), false)?;
        theme.add_fallbacks();
        Ok(theme)
    }

    /// The default theme's templates for pages every site must have but an older or
    /// smaller theme may not know: a moved paper's old address must still redirect.
    fn add_fallbacks(&mut self) {
        for name in FALLBACKS {
            let path = format!("templates/{name}");
            if let (false, Some(f)) = (
                self.templates.contains_key(*name),
                DEFAULT_THEME.get_file(&path),
            ) {
                let file = ThemeFile {
                    origin: Path::new("(built-in theme)").join(&path),
                    bytes: f.contents().to_vec(),
                };
                self.templates.insert(name.to_string(), file);
            }
        }
    }

    fn add_dir(&mut self, dir: &Path, templates: bool) -> Result<(), Diagnostic> {
        if !dir.is_dir() {
            return Ok(());
        }
        for entry in WalkDir::new(dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Diagnostic::new(
                    ErrorKind::Io,
                    Location::file(dir),
                    format!("cannot read the theme: {e}"),
                )
            })?;
            if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.')
            {
                continue;
            }
            let rel = rel_path(entry.path(), dir);
            let bytes = std::fs::read(entry.path()).map_err(|e| {
                Diagnostic::new(
                    ErrorKind::Io,
                    Location::file(entry.path()),
                    format!("cannot read: {e}"),
                )
            })?;
            let file = ThemeFile {
                origin: entry.path().to_path_buf(),
                bytes,
            };
            let map = if templates {
                &mut self.templates
            } else {
                &mut self.statics
            };
            map.insert(rel, file);
        }
        Ok(())
    }

    fn add_embedded(&mut self) {
        for (sub, templates) in [("templates", true), ("static", false)] {
            let Some(dir) = DEFAULT_THEME.get_dir(sub) else {
                continue;
            };
            let mut files = Vec::new();
            collect_embedded(dir, &mut files);
            for f in files {
                let rel = rel_path(f.path(), Path::new(sub));
                let origin = Path::new("(built-in theme)").join(f.path());
                let file = ThemeFile {
                    origin,
                    bytes: f.contents().to_vec(),
                };
                let map = if templates {
                    &mut self.templates
                } else {
                    &mut self.statics
                };
                map.insert(rel, file);
            }
        }
    }
}

fn collect_embedded<'a>(dir: &'a Dir<'a>, out: &mut Vec<&'a include_dir::File<'a>>) {
    out.extend(dir.files());
    for d in dir.dirs() {
        collect_embedded(d, out);
    }
}

fn rel_path(path: &Path, base: &Path) -> String {
    path.strip_prefix(base)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// Writes the built-in default theme into `dir` (for `panelpress init`).
pub(crate) fn write_default_theme(dir: &Path) -> std::io::Result<()> {
    let mut files = Vec::new();
    collect_embedded(&DEFAULT_THEME, &mut files);
    for f in files {
        let target = dir.join(f.path());
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(target, f.contents())?;
    }
    Ok(())
}
