using System.Globalization;
using MspasTramite.Core.Procedures;

namespace MspasTramite.Core.Publishing;

/// What changed between two versions of one procedure: the public "Historial de cambios", and the
/// message to a citizen whose draft moves to the new version.
public static class VersionChanges
{
    /// Requirements, categories and extra fees are matched by Code (stable within a procedure), so a
    /// renamed requirement is one change, not one removed and one added. Texts are compared with line
    /// endings and surrounding blanks ignored: a browser posts CRLF, the seed has LF.
    public static IReadOnlyList<VersionChange> Between(ProcedureVersion before, ProcedureVersion after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);

        var changes = new List<VersionChange>();
        AddIfChanged(changes, ChangeKind.WhoMayApplyChanged, before.WhoMayApply.ToString(), after.WhoMayApply.ToString());
        CompareRequirements(before.Requirements, after.Requirements, changes);
        AddIfChanged(changes, ChangeKind.FeeChanged, FeeHeadline(before), FeeHeadline(after));
        CompareCategories(before.Categories, after.Categories, changes);
        CompareExtraFees(before.ExtraFees, after.ExtraFees, changes);
        AddIfChanged(changes, ChangeKind.LegalTimeChanged, LegalTime(before), LegalTime(after));
        AddIfChanged(changes, ChangeKind.InspectionChanged, Invariant(before.RequiresInspection), Invariant(after.RequiresInspection));
        AddIfChanged(changes, ChangeKind.ProfessionalChanged, before.ProfessionalTitle, after.ProfessionalTitle);
        AddIfChanged(changes, ChangeKind.LicenceValidityChanged, Invariant(before.LicenceValidityYears), Invariant(after.LicenceValidityYears));
        AddIfChanged(changes, ChangeKind.OutputDocumentChanged, before.OutputDocument, after.OutputDocument);
        CompareSteps(before.Steps, after.Steps, changes);
        AddIfChanged(changes, ChangeKind.NameChanged, before.Name, after.Name);
        AddIfChanged(changes, ChangeKind.SummaryChanged, before.Summary, after.Summary);
        AddIfChanged(changes, ChangeKind.DescriptionChanged, before.Description, after.Description);
        AddIfChanged(changes, ChangeKind.FeeNoteChanged, before.FeeNote, after.FeeNote);
        AddIfChanged(changes, ChangeKind.LegalBasisChanged, before.LegalBasis, after.LegalBasis);
        AddIfChanged(changes, ChangeKind.FaqChanged, before.Faq, after.Faq);
        if (!before.Simplifications.Select(Simplification).SequenceEqual(after.Simplifications.Select(Simplification)))
        {
            changes.Add(new(ChangeKind.SimplificationChanged, null, Invariant(before.Simplifications.Count), Invariant(after.Simplifications.Count)));
        }

        foreach (var language in before.PlainSummaries.Concat(after.PlainSummaries).Select(p => p.Language).Distinct())
        {
            var old = before.PlainSummaries.FirstOrDefault(p => p.Language == language);
            var now = after.PlainSummaries.FirstOrDefault(p => p.Language == language);
            if (!SameText(old?.Text, now?.Text) || !SameText(old?.ProvidedBy, now?.ProvidedBy))
            {
                changes.Add(new(ChangeKind.PlainSummaryChanged, language, old?.Text, now?.Text));
            }
        }

        // Stable: within a kind, items keep the order the versions list them in.
        return [.. changes.OrderBy(c => c.Kind)];
    }

    /// Whether a citizen with a draft under the older version needs to hear of the change: who may apply,
    /// what to bring, what to pay, what is checked and how long it takes, what they get. The rest (the
    /// procedure's wording, the steps as described, a legal citation) is editorial.
    public static bool AffectsApplicant(VersionChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        return change.Kind switch
        {
            // A new citation for the same document asks nothing new of the applicant.
            ChangeKind.RequirementChanged => (change.Aspects & ~ChangedAspects.LegalBasis) != ChangedAspects.None,
            // Same code, same amount: the category the applicant chose is still theirs.
            ChangeKind.CategoryRenamed => false,
            ChangeKind.ExtraFeeChanged => change.Aspects.HasFlag(ChangedAspects.Question),
            ChangeKind.WhoMayApplyChanged
                or ChangeKind.RequirementAdded
                or ChangeKind.RequirementRemoved
                or ChangeKind.FeeChanged
                or ChangeKind.CategoryAdded
                or ChangeKind.CategoryRemoved
                or ChangeKind.CategoryFeeChanged
                or ChangeKind.ExtraFeeAdded
                or ChangeKind.ExtraFeeRemoved
                or ChangeKind.ExtraFeeAmountChanged
                or ChangeKind.LegalTimeChanged
                or ChangeKind.InspectionChanged
                or ChangeKind.ProfessionalChanged
                or ChangeKind.LicenceValidityChanged
                or ChangeKind.OutputDocumentChanged => true,
            ChangeKind.StepAdded
                or ChangeKind.StepRemoved
                or ChangeKind.StepsReordered
                or ChangeKind.NameChanged
                or ChangeKind.SummaryChanged
                or ChangeKind.DescriptionChanged
                or ChangeKind.FeeNoteChanged
                or ChangeKind.LegalBasisChanged
                or ChangeKind.FaqChanged
                or ChangeKind.SimplificationChanged
                or ChangeKind.PlainSummaryChanged => false,
            // Every kind is decided above: a new one must be placed on one side or the other.
            _ => throw new ArgumentOutOfRangeException(nameof(change), change.Kind, "ChangeKind not classified"),
        };
    }

    private static void CompareRequirements(List<Requirement> before, List<Requirement> after, List<VersionChange> changes)
    {
        var old = ByCode(before, r => r.Code);
        var current = ByCode(after, r => r.Code);

        foreach (var r in after)
        {
            if (!old.TryGetValue(r.Code, out var was))
            {
                changes.Add(new(ChangeKind.RequirementAdded, r.Name, null, null) { Code = r.Code });
                continue;
            }

            var aspects = RequirementAspects(was, r);
            if (aspects != ChangedAspects.None)
            {
                var renamed = aspects.HasFlag(ChangedAspects.Name);
                changes.Add(new(ChangeKind.RequirementChanged, r.Name, renamed ? was.Name : null, renamed ? r.Name : null)
                {
                    Code = r.Code,
                    Aspects = aspects,
                });
            }
        }

        foreach (var r in before.Where(r => !current.ContainsKey(r.Code)))
        {
            changes.Add(new(ChangeKind.RequirementRemoved, r.Name, null, null) { Code = r.Code });
        }
    }

    private static ChangedAspects RequirementAspects(Requirement was, Requirement now)
    {
        var aspects = ChangedAspects.None;
        if (!SameText(was.Name, now.Name))
        {
            aspects |= ChangedAspects.Name;
        }

        if (!SameText(was.Description, now.Description))
        {
            aspects |= ChangedAspects.Description;
        }

        if (!SameText(was.LegalBasis, now.LegalBasis))
        {
            aspects |= ChangedAspects.LegalBasis;
        }

        if (was.Condition != now.Condition)
        {
            aspects |= ChangedAspects.Condition;
        }

        if (was.Required != now.Required)
        {
            aspects |= now.Required ? ChangedAspects.NowRequired : ChangedAspects.NowOptional;
        }

        if (was.MaxFiles != now.MaxFiles)
        {
            aspects |= ChangedAspects.MaxFiles;
        }

        if (!string.Equals(was.SatisfiedByIdentifier, now.SatisfiedByIdentifier, StringComparison.OrdinalIgnoreCase))
        {
            aspects |= ChangedAspects.SatisfiedByIdentifier;
        }

        if (was.Reusable != now.Reusable)
        {
            aspects |= ChangedAspects.Reusable;
        }

        return aspects;
    }

    private static void CompareCategories(List<FeeCategory> before, List<FeeCategory> after, List<VersionChange> changes)
    {
        var old = ByCode(before, c => c.Code);
        var current = ByCode(after, c => c.Code);

        foreach (var c in after)
        {
            if (!old.TryGetValue(c.Code, out var was))
            {
                changes.Add(new(ChangeKind.CategoryAdded, c.Name, null, Fees.Format(c.Amount)) { Code = c.Code });
                continue;
            }

            if (was.Amount != c.Amount)
            {
                changes.Add(new(ChangeKind.CategoryFeeChanged, c.Name, Fees.Format(was.Amount), Fees.Format(c.Amount)) { Code = c.Code });
            }

            if (!SameText(was.Name, c.Name))
            {
                changes.Add(new(ChangeKind.CategoryRenamed, c.Name, was.Name, c.Name) { Code = c.Code });
            }
        }

        foreach (var c in before.Where(c => !current.ContainsKey(c.Code)))
        {
            changes.Add(new(ChangeKind.CategoryRemoved, c.Name, Fees.Format(c.Amount), null) { Code = c.Code });
        }
    }

    private static void CompareExtraFees(List<ExtraFee> before, List<ExtraFee> after, List<VersionChange> changes)
    {
        var old = ByCode(before, e => e.Code);
        var current = ByCode(after, e => e.Code);

        foreach (var e in after)
        {
            if (!old.TryGetValue(e.Code, out var was))
            {
                changes.Add(new(ChangeKind.ExtraFeeAdded, e.Name, null, Fees.Format(e.Amount)) { Code = e.Code });
                continue;
            }

            if (was.Amount != e.Amount)
            {
                changes.Add(new(ChangeKind.ExtraFeeAmountChanged, e.Name, Fees.Format(was.Amount), Fees.Format(e.Amount)) { Code = e.Code });
            }

            var aspects = (SameText(was.Name, e.Name) ? ChangedAspects.None : ChangedAspects.Name)
                | (SameText(was.Question, e.Question) ? ChangedAspects.None : ChangedAspects.Question);
            if (aspects != ChangedAspects.None)
            {
                var renamed = aspects.HasFlag(ChangedAspects.Name);
                changes.Add(new(ChangeKind.ExtraFeeChanged, e.Name, renamed ? was.Name : null, renamed ? e.Name : null)
                {
                    Code = e.Code,
                    Aspects = aspects,
                });
            }
        }

        foreach (var e in before.Where(e => !current.ContainsKey(e.Code)))
        {
            changes.Add(new(ChangeKind.ExtraFeeRemoved, e.Name, Fees.Format(e.Amount), null) { Code = e.Code });
        }
    }

    /// Steps have no code: they are compared as lists of texts, counting repeats. What is in one list and
    /// not the other is added or removed; if what both have is in another order, that is one reorder.
    private static void CompareSteps(List<string> before, List<string> after, List<VersionChange> changes)
    {
        var (keptBefore, removed) = Split(before, after);
        var (keptAfter, added) = Split(after, before);

        changes.AddRange(added.Select(s => new VersionChange(ChangeKind.StepAdded, s, null, null)));
        changes.AddRange(removed.Select(s => new VersionChange(ChangeKind.StepRemoved, s, null, null)));
        if (!keptBefore.SequenceEqual(keptAfter, StringComparer.Ordinal))
        {
            changes.Add(new(ChangeKind.StepsReordered, null, null, null));
        }
    }

    /// The items of list that other also has (each of other's items matched once), and those it lacks.
    private static (List<string> Kept, List<string> Missing) Split(List<string> list, List<string> other)
    {
        var available = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var s in other)
        {
            var key = Normalise(s);
            available[key] = available.GetValueOrDefault(key) + 1;
        }

        var kept = new List<string>();
        var missing = new List<string>();
        foreach (var s in list)
        {
            var key = Normalise(s);
            if (available.GetValueOrDefault(key) > 0)
            {
                available[key]--;
                kept.Add(key);
            }
            else
            {
                missing.Add(s);
            }
        }

        return (kept, missing);
    }

    private static string FeeHeadline(ProcedureVersion v) =>
        !v.FeeIsPublished ? VersionChange.FeeToBeConfirmed
        : v.HasCategories ? VersionChange.FeeByCategory
        : Fees.Format(v.FixedFee!.Value);

    private static string LegalTime(ProcedureVersion v) => Invariant(v.LegalTimeDays) + " " + v.LegalTimeUnit;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(bool value) => value ? "true" : "false";

    private static void AddIfChanged(List<VersionChange> changes, ChangeKind kind, string? before, string? after)
    {
        if (!SameText(before, after))
        {
            changes.Add(new(kind, null, before, after));
        }
    }

    // Codes are unique within a version; should a version ever repeat one, its first item stands.
    private static Dictionary<string, T> ByCode<T>(List<T> items, Func<T, string> code)
    {
        var byCode = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            byCode.TryAdd(code(item), item);
        }

        return byCode;
    }

    // Null and blank are the same: an emptied field posts "", the seed leaves it null.
    private static string Simplification(SimplificationItem s) => $"{s.Aspect}\u001f{Normalise(s.Before)}\u001f{Normalise(s.After)}\u001f{Normalise(s.Reason)}";

    private static bool SameText(string? a, string? b) => Normalise(a) == Normalise(b);

    private static string Normalise(string? s) => (s ?? "").ReplaceLineEndings("\n").Trim();
}
