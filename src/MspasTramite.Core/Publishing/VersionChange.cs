namespace MspasTramite.Core.Publishing;

/// One difference between two versions of a procedure, as data: the web project words it in Spanish
/// through its resources.
///
/// Subject names the item that changed, as it reads in the newer version (or the older, when removed):
/// a requirement's, category's or extra fee's name, or a step's text. Code is that item's code, so a page
/// can look it up in either version. Before and After hold the values in the format the kind documents;
/// null where a kind has nothing to put there.
public sealed record VersionChange(ChangeKind Kind, string? Subject, string? Before, string? After)
{
    /// FeeChanged: the fee depends on the category chosen (the categories come as their own changes).
    public const string FeeByCategory = "by-category";

    /// FeeChanged: no fee is published, or the department has not confirmed it.
    public const string FeeToBeConfirmed = "to-be-confirmed";

    public string? Code { get; init; }

    /// RequirementChanged and ExtraFeeChanged: what changed about the item.
    public ChangedAspects Aspects { get; init; }
}

/// The order of these values is the order of VersionChanges.Between's list: what decides whether a
/// citizen may apply, then what they must bring and pay, then how long it takes, then the rest.
/// Amounts are written with Fees.Format ("Q1,234.56"); numbers, booleans ("true"/"false") and enum
/// names are invariant, so the web project can read them back.
public enum ChangeKind
{
    /// Before/After: WhoMayApply names ("Both", "PersonsOnly", "CompaniesOnly"). First: it can make a
    /// draft impossible to submit.
    WhoMayApplyChanged,

    /// Subject: name; Code.
    RequirementAdded,

    /// Subject: name in the older version; Code.
    RequirementRemoved,

    /// Subject: name; Code; Aspects. Before/After: the old and new name when Aspects has Name, else null.
    RequirementChanged,

    /// Before/After: Fees.Format of the fixed fee, VersionChange.FeeByCategory or VersionChange.FeeToBeConfirmed.
    FeeChanged,

    /// Subject: name; Code; After: amount.
    CategoryAdded,

    /// Subject: name in the older version; Code; Before: amount.
    CategoryRemoved,

    /// Subject: name; Code; Before/After: amounts.
    CategoryFeeChanged,

    /// Subject: new name; Code; Before/After: names.
    CategoryRenamed,

    /// Subject: name; Code; After: amount.
    ExtraFeeAdded,

    /// Subject: name in the older version; Code; Before: amount.
    ExtraFeeRemoved,

    /// Subject: name; Code; Before/After: amounts.
    ExtraFeeAmountChanged,

    /// Subject: name; Code; Aspects (Name, Question). Before/After: the old and new name when Aspects has
    /// Name, else null.
    ExtraFeeChanged,

    /// Before/After: "{days} {LegalTimeUnit}", e.g. "30 WorkingDays".
    LegalTimeChanged,

    /// Before/After: "true" or "false".
    InspectionChanged,

    /// Before/After: the professional's title; null when none is needed.
    ProfessionalChanged,

    /// Before/After: years; "0" for an output that does not expire.
    LicenceValidityChanged,

    /// Before/After: the output document's name.
    OutputDocumentChanged,

    /// Subject: the step's text. A step whose text was edited is one removed and one added.
    StepAdded,

    /// Subject: the step's text.
    StepRemoved,

    /// The steps both versions have are in another order. One change, whatever moved.
    StepsReordered,

    /// Before/After: names.
    NameChanged,

    /// Before/After: texts.
    SummaryChanged,

    /// Before/After: the Markdown texts.
    DescriptionChanged,

    /// Before/After: texts; null when none.
    FeeNoteChanged,

    /// Before/After: texts.
    LegalBasisChanged,

    /// Before/After: the Markdown texts.
    FaqChanged,

    /// "Cómo simplificamos este trámite" was edited. Before/After: the number of items.
    SimplificationChanged,

    /// Subject: the language code (PlainSummary.Languages). Before/After: texts; null when none.
    PlainSummaryChanged,
}

[Flags]
public enum ChangedAspects
{
    None = 0,
    Name = 1 << 0,
    Description = 1 << 1,
    LegalBasis = 1 << 2,
    Condition = 1 << 3,
    NowRequired = 1 << 4,
    NowOptional = 1 << 5,
    MaxFiles = 1 << 6,
    SatisfiedByIdentifier = 1 << 7,
    Reusable = 1 << 8,

    /// An extra fee's question, which the applicant answered to say whether it applies.
    Question = 1 << 9,
}
