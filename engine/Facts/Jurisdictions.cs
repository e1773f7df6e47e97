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

    /// <summary>
    /// The built-in groups: EU, and EEA (the EU plus Iceland, Liechtenstein and Norway, for the GDPR), and the aliases
    /// UK (of GB) and EL (of GR).
    /// </summary>
    public static Jurisdictions Default { get; } = new(new Dictionary<string, IReadOnlyList<string>>());

    private readonly FrozenDictionary<string, Group> _groups;
    private readonly (string Name, Group Group)[] _groupList;

    /// <summary>A group's members, also searchable by a slice of a code (the country of a subdivision) without a copy.</summary>
    private sealed class Group(FrozenSet<string> members)
    {
        public readonly FrozenSet<string> Members = members;
        public readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> BySpan = members.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>Creates the table with extra groups declared by a bundle manifest.</summary>
    public Jurisdictions(IReadOnlyDictionary<string, IReadOnlyList<string>> extra)
    {
        // Facts sometimes use the codes EU institutions use: EL for Greece, UK for the United Kingdom, and EU for
        // people counted only as "in the Union". Each is covered wherever its ISO counterpart is.
        var groups = new Dictionary<string, FrozenSet<string>>(StringComparer.Ordinal)
        {
            ["EU"] = EuMembers.Append("EL").ToFrozenSet(StringComparer.Ordinal),
            ["EEA"] = EuMembers.Concat(["EL", "EU", "IS", "LI", "NO"]).ToFrozenSet(StringComparer.Ordinal),
            ["GB"] = new[] { "UK" }.ToFrozenSet(StringComparer.Ordinal),
            ["GR"] = new[] { "EL" }.ToFrozenSet(StringComparer.Ordinal),
        };
        foreach (var (name, codes) in extra) groups[name] = codes.ToFrozenSet(StringComparer.Ordinal);
        _groups = groups.ToFrozenDictionary(g => g.Key, g => new Group(g.Value), StringComparer.Ordinal);
        _groupList = _groups.Count <= 8 ? _groups.Select(g => (g.Key, g.Value)).ToArray() : [];
    }

    /// <summary>The group names known.</summary>
    public IEnumerable<string> GroupNames => _groups.Keys;

    /// <summary>
    /// True when a facts code (<c>DE</c>, <c>US-CA</c>) falls under a policy jurisdiction (<c>EU</c>, <c>US</c>, <c>US-CA</c>).
    /// A country covers its subdivisions; a group covers its members and their subdivisions.
    /// </summary>
    public bool Covers(string jurisdiction, string code) => Covers(jurisdiction, GroupOf(jurisdiction), code);

    // Bundles declare few groups: a scan by length and content beats a dictionary look-up for every helper call.
    private Group? GroupOf(string jurisdiction)
    {
        foreach (var (name, group) in _groupList)
            if (string.Equals(name, jurisdiction, StringComparison.Ordinal)) return group;
        return _groupList.Length < _groups.Count ? _groups.GetValueOrDefault(jurisdiction) : null;
    }

    private static bool Covers(string jurisdiction, Group? group, string code)
    {
        if (string.Equals(jurisdiction, code, StringComparison.Ordinal)) return true;
        // US-CA: its country is the first two letters, compared in place rather than cut out.
        var subdivision = code.Length > 2 && code[2] == '-';
        if (subdivision && jurisdiction.Length == 2 && code[0] == jurisdiction[0] && code[1] == jurisdiction[1]) return true;
        return group is not null && (group.Members.Contains(code) || (subdivision && group.BySpan.Contains(code.AsSpan(0, 2))));
    }

    /// <summary>People affected under <paramref name="jurisdiction"/>.</summary>
    public long Count(IncidentFacts facts, string jurisdiction)
    {
        var group = GroupOf(jurisdiction);
        long n = 0;
        foreach (var (code, count) in facts.Data.SubjectArray)
            if (Covers(jurisdiction, group, code)) n = checked(n + count);
        return n;
    }
}
