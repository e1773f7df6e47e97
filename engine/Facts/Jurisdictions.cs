using System.Collections.Frozen;

namespace Verdict.Facts;

/// <summary>
/// Jurisdiction codes and groups. Facts name real places (ISO 3166-1 countries, ISO 3166-2 subdivisions such as
/// <c>US-CA</c>); policies may name a group (<c>EU</c>, <c>EEA</c>) or a country that covers its subdivisions (<c>US</c>).
/// </summary>
public sealed class Jurisdictions
{
    /// <summary>The 27 member states of the European Union (as of 2026).</summary>
    public static readonly IReadOnlyList<string> EuMembers =
        ["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU", "IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"];

    /// <summary>The built-in groups: EU, and EEA (the EU plus Iceland, Liechtenstein and Norway, for the GDPR).</summary>
    public static Jurisdictions Default { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    private readonly FrozenDictionary<string, FrozenSet<string>> _groups;

    /// <summary>Creates the table with extra groups declared by a bundle manifest.</summary>
    public Jurisdictions(IReadOnlyDictionary<string, IReadOnlyList<string>> extra)
    {
        var groups = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
        {
            ["EU"] = EuMembers.ToFrozenSet(StringComparer.Ordinal),
            ["EEA"] = EuMembers.Concat(["IS", "LI", "NO"]).ToFrozenSet(StringComparer.Ordinal),
        };
        foreach (var (name, codes) in extra) groups[name] = codes.ToFrozenSet(StringComparer.Ordinal);
        _groups = groups.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The group names known.</summary>
    public IEnumerable<string> GroupNames => _groups.Keys;

    /// <summary>
    /// True when a facts code (<c>DE</c>, <c>US-CA</c>) falls under a policy jurisdiction (<c>EU</c>, <c>US</c>, <c>US-CA</c>).
    /// A country covers its subdivisions; a group covers its members and their subdivisions.
    /// </summary>
    public bool Covers(string jurisdiction, string code)
    {
        if (string.Equals(jurisdiction, code, StringComparison.Ordinal)) return true;
        var country = code.Length > 2 && code[2] == '-' ? code[..2] : code;
        if (string.Equals(jurisdiction, country, StringComparison.Ordinal)) return true;
        return _groups.TryGetValue(jurisdiction, out var members) && (members.Contains(code) || members.Contains(country));
    }

    /// <summary>People affected under <paramref name="jurisdiction"/>.</summary>
    public long Count(IncidentFacts facts, string jurisdiction)
    {
        long n = 0;
        foreach (var (code, count) in facts.Data.SubjectArray)
            if (Covers(jurisdiction, code)) n += count;
        return n;
    }
}
