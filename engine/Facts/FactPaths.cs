namespace Verdict.Facts;

/// <summary>
/// Every fact path an expression may name, each with a presence bit. Section paths (<c>data</c>) cover all their leaves.
/// Kept in step with <c>schemas/incident-facts.schema.json</c> by a test.
/// </summary>
public static class FactPaths
{
    /// <summary>The leaf paths, in schema order.</summary>
    public static readonly IReadOnlyList<string> Leaves =
    [
        "id",
        "timeline.occurredAt", "timeline.detectedAt", "timeline.awareAt", "timeline.assessedAt",
        "timeline.classifiedMajorAt", "timeline.materialityDeterminedAt", "timeline.containedAt",
        "organization.role", "organization.sector", "organization.regulatedAs", "organization.establishments", "organization.smallAgent",
        "source.system", "source.surface", "source.vector", "source.connectedApp", "source.integration", "source.credentials",
        "ai.involved", "ai.systems",
        "ai.seriousIncident.death", "ai.seriousIncident.healthHarm", "ai.seriousIncident.criticalInfrastructureDisruption",
        "ai.seriousIncident.fundamentalRightsInfringement", "ai.seriousIncident.propertyOrEnvironmentHarm", "ai.seriousIncident.widespread",
        "breach.types", "breach.cause", "breach.exfiltration", "breach.dataHolder", "breach.dataRecovered", "breach.restoredWithin",
        "breach.misuseObserved",
        "breach.recipient", "breach.recovery", "breach.intentional", "breach.medium", "breach.unintendedRecipients",
        "breach.backupAvailable", "breach.accountsAccessed",
        "data.records", "data.recordsEstimated", "data.categories", "data.subjects", "data.subjectTypes", "data.encryption",
        "data.recordsBound", "data.identifiability",
        "access", "notices",
        "assessment.riskToRights", "assessment.material", "assessment.consequences", "assessment.lawEnforcementDelay",
        // Where the facts come from (adapters write it); presence only, no policy reads it.
        "evidence",
        // Derived by earlier stages of a decision, visible to later ones.
        "severity.level", "severity.rank",
        "purpose.violations",
        "risk.level", "risk.rank", "risk.high", "risk.unlikely",
        "obligations",
    ];

    private static readonly Dictionary<string, UInt128> Masks = Build();

    private static Dictionary<string, UInt128> Build()
    {
        var masks = new Dictionary<string, UInt128>(StringComparer.Ordinal);
        for (var i = 0; i < Leaves.Count; i++)
        {
            var bit = UInt128.One << i;
            var path = Leaves[i];
            masks[path] = bit;
            // every prefix (section) covers the leaf
            for (var dot = path.IndexOf('.'); dot > 0; dot = path.IndexOf('.', dot + 1))
            {
                var prefix = path[..dot];
                masks[prefix] = masks.GetValueOrDefault(prefix) | bit;
            }
        }
        return masks;
    }

    /// <summary>All paths, sections included.</summary>
    public static IEnumerable<string> All => Masks.Keys.OrderBy(k => k, StringComparer.Ordinal);

    /// <summary>True when <paramref name="path"/> names a fact or section.</summary>
    public static bool Exists(string path) => Masks.ContainsKey(path);

    /// <summary>The presence mask of a path.</summary>
    public static bool TryMask(string path, out UInt128 mask) => Masks.TryGetValue(path, out mask);

    /// <summary>The mask of a path, which must exist.</summary>
    public static UInt128 Bit(string path) =>
        Masks.TryGetValue(path, out var m) ? m : throw new ArgumentException($"unknown fact path {path}", nameof(path));

    /// <summary>True for paths computed during a decision rather than given by the incident.</summary>
    public static bool IsDerived(string path) =>
        path.StartsWith("severity", StringComparison.Ordinal) || path.StartsWith("purpose", StringComparison.Ordinal) || path == "obligations"
        || path.StartsWith("risk", StringComparison.Ordinal);
}
