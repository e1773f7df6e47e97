using NodaTime;
using Verdict.Facts;

namespace Verdict.Bench.W1;

/// <summary>
/// Maps a W1 line onto Verdict's incident facts. W1's vocabulary is narrower than Verdict's, so each W1 field lands
/// on the fact that means the same thing; nothing here knows about W1's rules.
/// </summary>
public static class W1Adapter
{
    /// <summary>
    /// W1 counts EU subjects as one bloc; Verdict facts name real places, so they are filed under a member state,
    /// which the built-in `EU` group covers.
    /// </summary>
    public const string EuMemberCode = "DE";

    private static readonly IReadOnlyList<string> SecRegistrant = new List<string> { "sec-registrant" };
    private static readonly IReadOnlyList<string> NotRegulated = new List<string>();

    /// <summary>The Verdict facts for one W1 incident.</summary>
    public static IncidentFacts ToFacts(W1Incident w)
    {
        var subjects = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var (code, n) in w.Subjects) subjects[code == "EU" ? EuMemberCode : code] = n;
        // The same shapes FactsLoader builds: sorted lists, subjects sorted by code.
        var categories = new List<string>(w.DataCategories);
        categories.Sort(StringComparer.Ordinal);
        var facts = new IncidentFacts
        {
            Id = w.Id,
            Timeline = new TimelineFacts { AwareAt = Instant.FromDateTimeUtc(w.AwareAt) },
            Organization = new OrganizationFacts { Sector = w.Sector, RegulatedAs = w.Listed ? SecRegistrant : NotRegulated },
            Ai = new AiFacts
            {
                Involved = w.AiInvolved,
                Systems = new List<AiSystemFact> { new() { Id = "w1-ai-system", Autonomy = w.Autonomy, RiskClass = w.RiskClass } },
            },
            Data = new DataFacts
            {
                Records = w.Records,
                Categories = categories,
                Subjects = subjects,
                Encryption = w.Encrypted ? "encrypted" : "none",
            },
            Assessment = new AssessmentFacts { Material = w.Material },
        };
        foreach (var path in Given) facts.MarkPresent(path);
        return facts;
    }

    /// <summary>The fact paths every W1 line gives.</summary>
    private static readonly string[] Given =
    [
        "id", "timeline.awareAt", "organization.sector", "organization.regulatedAs", "ai.involved", "ai.systems",
        "data.records", "data.categories", "data.subjects", "data.encryption", "assessment.material",
    ];
}
