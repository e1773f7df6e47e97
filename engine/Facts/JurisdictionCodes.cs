using System.Collections.Frozen;
using Verdict.Diagnostics;

namespace Verdict.Facts;

/// <summary>
/// The places facts may name: ISO 3166-1 alpha-2 countries, the EU's own codes (<c>EU</c>, <c>EL</c>, <c>UK</c>), and
/// ISO 3166-2 subdivisions. Subdivisions are checked in full for the countries whose laws turn on them (US, CA, AU, BR);
/// for any other country a well-formed subdivision of a real country is accepted. A misspelt code would silently drop
/// every duty of that place, so an unknown one is refused with a suggestion.
/// </summary>
public static class JurisdictionCodes
{
    /// <summary>ISO 3166-1 alpha-2, officially assigned codes.</summary>
    public static readonly FrozenSet<string> Countries = (
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP " +
        "KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT " +
        "MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW " +
        "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
        "UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW").Split(' ').ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Codes EU institutions use beside ISO's: the Union itself, Greece (EL) and the United Kingdom (UK).</summary>
    public static readonly FrozenSet<string> Aliases = new[] { "EU", "EL", "UK" }.ToFrozenSet(StringComparer.Ordinal);

    // ISO 3166-2 subdivision codes with the names people write instead of them.
    private static readonly (string Code, string Name)[] Listed =
    [
        ("US-AL", "alabama"), ("US-AK", "alaska"), ("US-AZ", "arizona"), ("US-AR", "arkansas"), ("US-CA", "california"),
        ("US-CO", "colorado"), ("US-CT", "connecticut"), ("US-DE", "delaware"), ("US-FL", "florida"), ("US-GA", "georgia"),
        ("US-HI", "hawaii"), ("US-ID", "idaho"), ("US-IL", "illinois"), ("US-IN", "indiana"), ("US-IA", "iowa"), ("US-KS", "kansas"),
        ("US-KY", "kentucky"), ("US-LA", "louisiana"), ("US-ME", "maine"), ("US-MD", "maryland"), ("US-MA", "massachusetts"),
        ("US-MI", "michigan"), ("US-MN", "minnesota"), ("US-MS", "mississippi"), ("US-MO", "missouri"), ("US-MT", "montana"),
        ("US-NE", "nebraska"), ("US-NV", "nevada"), ("US-NH", "new hampshire"), ("US-NJ", "new jersey"), ("US-NM", "new mexico"),
        ("US-NY", "new york"), ("US-NC", "north carolina"), ("US-ND", "north dakota"), ("US-OH", "ohio"), ("US-OK", "oklahoma"),
        ("US-OR", "oregon"), ("US-PA", "pennsylvania"), ("US-RI", "rhode island"), ("US-SC", "south carolina"),
        ("US-SD", "south dakota"), ("US-TN", "tennessee"), ("US-TX", "texas"), ("US-UT", "utah"), ("US-VT", "vermont"),
        ("US-VA", "virginia"), ("US-WA", "washington"), ("US-WV", "west virginia"), ("US-WI", "wisconsin"), ("US-WY", "wyoming"),
        ("US-DC", "district of columbia"), ("US-AS", "american samoa"), ("US-GU", "guam"), ("US-MP", "northern mariana islands"),
        ("US-PR", "puerto rico"), ("US-UM", "united states minor outlying islands"), ("US-VI", "virgin islands"),
        ("CA-AB", "alberta"), ("CA-BC", "british columbia"), ("CA-MB", "manitoba"), ("CA-NB", "new brunswick"),
        ("CA-NL", "newfoundland and labrador"), ("CA-NS", "nova scotia"), ("CA-NT", "northwest territories"), ("CA-NU", "nunavut"),
        ("CA-ON", "ontario"), ("CA-PE", "prince edward island"), ("CA-QC", "quebec"), ("CA-SK", "saskatchewan"), ("CA-YT", "yukon"),
        ("AU-ACT", "australian capital territory"), ("AU-NSW", "new south wales"), ("AU-NT", "northern territory"),
        ("AU-QLD", "queensland"), ("AU-SA", "south australia"), ("AU-TAS", "tasmania"), ("AU-VIC", "victoria"),
        ("AU-WA", "western australia"),
        ("BR-AC", "acre"), ("BR-AL", "alagoas"), ("BR-AP", "amapa"), ("BR-AM", "amazonas"), ("BR-BA", "bahia"), ("BR-CE", "ceara"),
        ("BR-DF", "distrito federal"), ("BR-ES", "espirito santo"), ("BR-GO", "goias"), ("BR-MA", "maranhao"),
        ("BR-MT", "mato grosso"), ("BR-MS", "mato grosso do sul"), ("BR-MG", "minas gerais"), ("BR-PA", "para"),
        ("BR-PB", "paraiba"), ("BR-PR", "parana"), ("BR-PE", "pernambuco"), ("BR-PI", "piaui"), ("BR-RJ", "rio de janeiro"),
        ("BR-RN", "rio grande do norte"), ("BR-RS", "rio grande do sul"), ("BR-RO", "rondonia"), ("BR-RR", "roraima"),
        ("BR-SC", "santa catarina"), ("BR-SP", "sao paulo"), ("BR-SE", "sergipe"), ("BR-TO", "tocantins"),
    ];

    private static readonly FrozenSet<string> Subdivisions = Listed.Select(x => x.Code).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenSet<string> ListedCountries = Listed.Select(x => x.Code[..2]).ToFrozenSet(StringComparer.Ordinal);
    private static readonly FrozenDictionary<string, string> ByName =
        Listed.ToFrozenDictionary(x => x.Name, x => x.Code, StringComparer.Ordinal);

    /// <summary>True when <paramref name="code"/> names a place facts may count people in.</summary>
    public static bool IsPlace(string code)
    {
        if (code.Length == 2) return Countries.Contains(code) || Aliases.Contains(code);
        if (code.Length < 4 || code.Length > 6 || code[2] != '-') return false;
        var country = code[..2];
        if (ListedCountries.Contains(country)) return Subdivisions.Contains(code);
        if (!Countries.Contains(country)) return false;
        for (var i = 3; i < code.Length; i++)
            if (!(char.IsAsciiLetterUpper(code[i]) || char.IsAsciiDigit(code[i]))) return false;
        return true;
    }

    /// <summary>True when <paramref name="code"/> names a country (or an EU alias of one).</summary>
    public static bool IsCountry(string code) => code.Length == 2 && (Countries.Contains(code) || code is "EL" or "UK");

    /// <summary>The code a misspelt or spelt-out place most likely meant (<c>california</c> → <c>US-CA</c>), or null.</summary>
    public static string? Suggestion(string written, bool countryOnly = false)
    {
        var lower = written.Trim().ToLowerInvariant().Replace('_', ' ');
        if (!countryOnly && ByName.TryGetValue(lower, out var byName)) return byName;
        var upper = written.Trim().ToUpperInvariant().Replace('_', '-');
        if (countryOnly ? IsCountry(upper) : IsPlace(upper)) return upper;
        // Any two letters are one edit from some country: a guess there would be noise.
        if (upper.Length <= 2) return null;
        // A subdivision written too long (`US-CAL`) most likely meant the code it starts with.
        if (!countryOnly && upper.Length > 5)
            for (var n = upper.Length - 1; n >= 4; n--)
                if (Subdivisions.Contains(upper[..n])) return upper[..n];
        IEnumerable<string> candidates = countryOnly
            ? Countries.Concat(Aliases)
            : upper.Length >= 2 && ListedCountries.Contains(upper[..2]) ? Subdivisions.Where(s => s.StartsWith(upper[..2], StringComparison.Ordinal)) : Subdivisions;
        return Suggest.Nearest(upper, candidates.Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// True when a policy may name <paramref name="code"/>: a place (<see cref="IsPlace"/>) or one of the jurisdiction
    /// <paramref name="groups"/> (EU, EEA, …). A code outside them (<c>US-XX</c>) would silently match nothing.
    /// </summary>
    public static bool IsKnown(string code, IEnumerable<string> groups) => IsPlace(code) || groups.Contains(code, StringComparer.Ordinal);

    /// <summary>Every listed code and group, for "did you mean".</summary>
    public static IEnumerable<string> All(IEnumerable<string> groups) =>
        Countries.Concat(Aliases).Concat(Subdivisions).Concat(groups).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
}
