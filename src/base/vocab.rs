//! The vocabulary of the record that every stage speaks: a meeting's status, the kinds
//! of paper, of interest declared and of a vote's result, and a decision's call-in.

use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Scheduled,
    Held,
    Cancelled,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaperKind {
    Report,
    Minutes,
    Decision,
    WorkProgramme,
    AnnualReport,
    Notes,
    Other,
}

impl PaperKind {
    pub const ALL: [(&'static str, PaperKind); 7] = [
        ("report", PaperKind::Report),
        ("minutes", PaperKind::Minutes),
        ("decision", PaperKind::Decision),
        ("work-programme", PaperKind::WorkProgramme),
        ("annual-report", PaperKind::AnnualReport),
        ("notes", PaperKind::Notes),
        ("other", PaperKind::Other),
    ];

    pub fn label(self) -> &'static str {
        match self {
            PaperKind::Report => "Report",
            PaperKind::Minutes => "Minutes",
            PaperKind::Decision => "Record of decision",
            PaperKind::WorkProgramme => "Work programme",
            PaperKind::AnnualReport => "Annual report",
            PaperKind::Notes => "Notes",
            PaperKind::Other => "Paper",
        }
    }
}

/// What kind of interest was declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Hash)]
#[serde(rename_all = "kebab-case")]
pub enum InterestKind {
    /// `disclosable-pecuniary`: one the law requires to be registered and declared.
    DisclosablePecuniary,
    /// `other-registrable`: one the council's code requires to be registered.
    OtherRegistrable,
    /// `non-registrable`: declared at the meeting only.
    NonRegistrable,
    /// `other`, the default: the minutes say no more.
    Other,
}

impl InterestKind {
    /// Each kind as front matter writes it.
    pub const ALL: [(&'static str, InterestKind); 4] = [
        ("disclosable-pecuniary", InterestKind::DisclosablePecuniary),
        ("other-registrable", InterestKind::OtherRegistrable),
        ("non-registrable", InterestKind::NonRegistrable),
        ("other", InterestKind::Other),
    ];

    /// As a page shows it.
    pub fn label(self) -> &'static str {
        match self {
            InterestKind::DisclosablePecuniary => "Disclosable pecuniary interest",
            InterestKind::OtherRegistrable => "Other registrable interest",
            InterestKind::NonRegistrable => "Non-registrable interest",
            InterestKind::Other => "Interest",
        }
    }
}

/// What a vote decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, Hash)]
#[serde(rename_all = "lowercase")]
pub enum VoteResult {
    /// The motion was carried (also on a casting vote).
    Carried,
    /// The motion was lost.
    Lost,
    /// The votes were equal, and no casting vote decided it.
    Tied,
}

/// The call-in period of a decision, and whether it was called in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct CallIn {
    pub until: Option<NaiveDate>,
    pub called_in: bool,
    pub outcome: Option<String>,
}

impl VoteResult {
    /// Each result as front matter writes it.
    pub const ALL: [(&'static str, VoteResult); 3] = [
        ("carried", VoteResult::Carried),
        ("lost", VoteResult::Lost),
        ("tied", VoteResult::Tied),
    ];
}
