using System.Collections.Frozen;

namespace Verdict.Facts;

/// <summary>
/// The jurisdiction vocabulary policies may name: ISO 3166-1 alpha-2 countries, the ISO 3166-2 subdivisions of the
/// countries whose law is subdivided in the shipped policies (US, CA, AU), the EU's own codes (EL, UK) and the groups
/// of <see cref="Jurisdictions"/>. A code outside it (<c>US-XX</c>, <c>california</c>) is a typo that would silently match
/// nothing.
/// </summary>
public static class JurisdictionCodes
{
    /// <summary>ISO 3166-1 alpha-2 (as in the IANA time zone database's iso3166.tab), with EL and UK.</summary>
    public static readonly FrozenSet<string> Countries = new[]
    {
        "AD", "AE", "AF", "AG", "AI", "AL", "AM", "AO", "AQ", "AR", "AS", "AT", "AU", "AW", "AX", "AZ", "BA", "BB", "BD", "BE", "BF", "BG", "BH", "BI", "BJ", "BL", "BM", "BN", "BO", "BQ", "BR", "BS", "BT", "BV", "BW", "BY", "BZ", "CA", "CC", "CD", "CF", "CG", "CH", "CI", "CK", "CL", "CM", "CN", "CO", "CR", "CU", "CV", "CW", "CX", "CY", "CZ", "DE", "DJ", "DK", "DM", "DO", "DZ", "EC", "EE", "EG", "EH", "ER", "ES", "ET", "FI", "FJ", "FK", "FM", "FO", "FR", "GA", "GB", "GD", "GE", "GF", "GG", "GH", "GI", "GL", "GM", "GN", "GP", "GQ", "GR", "GS", "GT", "GU", "GW", "GY", "HK", "HM", "HN", "HR", "HT", "HU", "ID", "IE", "IL", "IM", "IN", "IO", "IQ", "IR", "IS", "IT", "JE", "JM", "JO", "JP", "KE", "KG", "KH", "KI", "KM", "KN", "KP", "KR", "KW", "KY", "KZ", "LA", "LB", "LC", "LI", "LK", "LR", "LS", "LT", "LU", "LV", "LY", "MA", "MC", "MD", "ME", "MF", "MG", "MH", "MK", "ML", "MM", "MN", "MO", "MP", "MQ", "MR", "MS", "MT", "MU", "MV", "MW", "MX", "MY", "MZ", "NA", "NC", "NE", "NF", "NG", "NI", "NL", "NO", "NP", "NR", "NU", "NZ", "OM", "PA", "PE", "PF", "PG", "PH", "PK", "PL", "PM", "PN", "PR", "PS", "PT", "PW", "PY", "QA", "RE", "RO", "RS", "RU", "RW", "SA", "SB", "SC", "SD", "SE", "SG", "SH", "SI", "SJ", "SK", "SL", "SM", "SN", "SO", "SR", "SS", "ST", "SV", "SX", "SY", "SZ", "TC", "TD", "TF", "TG", "TH", "TJ", "TK", "TL", "TM", "TN", "TO", "TR", "TT", "TV", "TW", "TZ", "UA", "UG", "UM", "US", "UY", "UZ", "VA", "VC", "VE", "VG", "VI", "VN", "VU", "WF", "WS", "YE", "YT", "ZA", "ZM", "ZW",
        "EL", "UK",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>ISO 3166-2 subdivisions of the countries whose subdivisions carry their own law in the shipped policies.</summary>
    public static readonly FrozenDictionary<string, FrozenSet<string>> Subdivisions = new Dictionary<string, string[]>
    {
        ["US"] = ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
            "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
            "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC", "AS", "GU", "MP", "PR", "UM", "VI"],
        ["CA"] = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"],
        ["AU"] = ["ACT", "NSW", "NT", "QLD", "SA", "TAS", "VIC", "WA"],
    }.ToFrozenDictionary(kv => kv.Key, kv => kv.Value.ToFrozenSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>
    /// True when <paramref name="code"/> names a place or one of <paramref name="groups"/>: a country, a listed
    /// subdivision, or, for a country whose subdivisions are not listed, a well-formed ISO 3166-2 code.
    /// </summary>
    public static bool IsKnown(string code, IEnumerable<string> groups)
    {
        if (Countries.Contains(code) || groups.Contains(code, StringComparer.Ordinal)) return true;
        if (code.Length < 4 || code.Length > 6 || code[2] != '-' || !Countries.Contains(code[..2])) return false;
        var sub = code[3..];
        if (Subdivisions.TryGetValue(code[..2], out var listed)) return listed.Contains(sub);
        foreach (var c in sub) if (!(c is >= 'A' and <= 'Z' || c is >= '0' and <= '9')) return false;
        return true;
    }

    /// <summary>Every listed code and group, for "did you mean".</summary>
    public static IEnumerable<string> All(IEnumerable<string> groups) =>
        Countries.Concat(Subdivisions.SelectMany(kv => kv.Value.Select(s => $"{kv.Key}-{s}"))).Concat(groups).Order(StringComparer.Ordinal);
}
