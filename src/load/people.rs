//! The `people/` folder beside `content/`: one Markdown file per person, read in
//! parallel as content is, with the same limits and the same refusal of symlinks.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Limits, PersonSource, attachments, fields, frontmatter};
use crate::base::error::{Diagnostic, ErrorKind, Location};
use crate::base::text::slugify;

pub(crate) const PEOPLE_DIR: &str = "people";

/// What reading `people/` found.
#[derive(Debug, Default)]
pub(crate) struct People {
    /// `None` when the site has no `people/` folder.
    pub people: Option<Vec<PersonSource>>,
    pub errors: Vec<Diagnostic>,
    pub warnings: Vec<Diagnostic>,
}

/// Reads every `.md` file under `<root>/people`, subfolders included (a person's id is
/// their file name alone, so ids must differ across folders).
pub(crate) fn load_people(root: &Path, limits: Limits) -> People {
    let dir = root.join(PEOPLE_DIR);
    let mut out = People::default();
    if !dir.is_dir() {
        return out;
    }
    let listing = match super::list_markdown(&dir, PEOPLE_DIR, "person's file") {
        Ok(listing) => listing,
        Err(d) => {
            out.errors.push(d);
            out.people = Some(Vec::new());
            return out;
        }
    };
    out.warnings = listing.not_followed;
    let results: Vec<Result<PersonSource, Vec<Diagnostic>>> = listing
        .files
        .par_iter()
        .map(|(path, rel)| load_person(path, rel, &dir, limits))
        .collect();
    let mut people = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for result in results {
        match result {
            Ok(person) => match seen.get(&person.id) {
                Some(first) => out.errors.push(
                    Diagnostic::new(
                        ErrorKind::Duplicate,
                        Location::file(&person.file),
                        format!(
                            "person id `{}` is already used by {}",
                            person.id,
                            first.display()
                        ),
                    )
                    .help("a person's id is their file name without `.md`, in any folder of people/: rename one of the files"),
                ),
                None => {
                    seen.insert(person.id.clone(), person.file.clone());
                    people.push(person);
                }
            },
            Err(errors) => out.errors.extend(errors),
        }
    }
    out.people = Some(people);
    out
}

/// Reads one person's file: `source` on disk, `rel` its path under `people/`.
fn load_person(
    source: &Path,
    rel: &str,
    people_dir: &Path,
    limits: Limits,
) -> Result<PersonSource, Vec<Diagnostic>> {
    let shown = Path::new(PEOPLE_DIR).join(rel);
    let path = shown.as_path();
    let text = super::read_text(source, path)?;
    let id = person_id(path, rel).map_err(|d| vec![d])?;
    let doc = frontmatter::split(path, &text).map_err(|d| vec![d])?;
    let (mut person, image) = fields::person(path, &doc, id)?;
    if let Some(image) = image {
        let dir = source.parent().unwrap_or(people_dir);
        let folder = rel.rsplit_once('/').map_or("", |(f, _)| f);
        match attachments::read_inside(&image.value, dir, folder, people_dir, limits) {
            Ok((name, bytes)) => {
                person.image = Some(super::ImageSource {
                    name,
                    bytes: bytes.into(),
                })
            }
            Err((why, help)) => {
                let inside = |t: &str| t.replace("content/", "people/");
                return Err(vec![
                    Diagnostic::new(
                        ErrorKind::Field,
                        Location::at(path, image.line),
                        format!("image `{}` {}", image.value, inside(&why)),
                    )
                    .help(inside(&help).replace("the paper", "the person's file")),
                ]);
            }
        }
    }
    Ok(person)
}

/// The file name without `.md`, which is also the last part of the person's address,
/// so it must be one a link can carry as it is: lower case, digits and hyphens.
fn person_id(path: &Path, rel: &str) -> Result<String, Diagnostic> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name
        .len()
        .checked_sub(3)
        .and_then(|cut| name.get(..cut))
        .unwrap_or(name);
    let slug = slugify(stem);
    if slug == stem && !stem.is_empty() {
        return Ok(stem.to_string());
    }
    let help = if slug.is_empty() {
        "name the file after the person, e.g. `peter-feacey.md`".to_string()
    } else {
        format!("rename the file `{slug}.md`")
    };
    Err(Diagnostic::new(
        ErrorKind::Field,
        Location::file(path),
        format!("`{name}` cannot be a person's id: it is the address of their page, so it may hold only lower-case letters, digits and hyphens"),
    )
    .help(help))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_addresses() {
        let p = Path::new("people/x.md");
        assert_eq!(person_id(p, "peter-feacey.md").unwrap(), "peter-feacey");
        assert_eq!(person_id(p, "pcc/jo-o-neill.md").unwrap(), "jo-o-neill");
        let bad = person_id(p, "Peter Feacey.md").unwrap_err();
        assert_eq!(
            bad.help.as_deref(),
            Some("rename the file `peter-feacey.md`")
        );
        assert!(person_id(p, "().md").is_err());
    }
}
