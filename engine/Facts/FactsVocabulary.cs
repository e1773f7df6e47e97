using Verdict.Diagnostics;
using Verdict.Syntax;

namespace Verdict.Facts;

/// <summary>
/// Checks the places facts name against <see cref="JurisdictionCodes"/>: the keys of <c>data.subjects</c> and the
/// items of <c>organization.establishments</c>. A place the engine does not know would match no policy, and every
/// duty of that place would vanish without a word.
/// </summary>
internal static class FactsVocabulary
{
    public static List<Diagnostic> Check(MapNode root, bool jsonPaths)
    {
        var errors = new List<Diagnostic>();
        if ((root.GetValue("data") as MapNode)?.GetValue("subjects") is MapNode subjects)
            foreach (var (key, _) in subjects.Entries)
            {
                if (JurisdictionCodes.IsPlace(key.Value)) continue;
                var near = JurisdictionCodes.Suggestion(key.Value);
                errors.Add(Located(Diagnostic.Error(Codes.NotAllowedValue, $"`{key.Value}` is not a jurisdiction code in `data.subjects`", key.Location,
                    (near is not null ? $"did you mean `{near}`? " : "") +
                    "use an ISO 3166-1 country code (`DE`) or an ISO 3166-2 subdivision (`US-CA`)"), "data.subjects." + key.Value, jsonPaths));
            }
        if ((root.GetValue("organization") as MapNode)?.GetValue("establishments") is SeqNode establishments)
            foreach (var item in establishments.Items)
            {
                if (item is not ScalarNode { Kind: ScalarKind.String } s || JurisdictionCodes.IsCountry(s.Value)) continue;
                var near = JurisdictionCodes.Suggestion(s.Value, countryOnly: true);
                errors.Add(Located(Diagnostic.Error(Codes.NotAllowedValue, $"`{s.Value}` is not a country code in `organization.establishments`", s.Location,
                    (near is not null ? $"did you mean `{near}`? " : "") + "use an ISO 3166-1 country code such as `DE` or `US`"), s.Path, jsonPaths));
            }
        return errors;
    }

    private static Diagnostic Located(Diagnostic d, string path, bool jsonPaths) =>
        jsonPaths ? d with { JsonPath = JsonNodeReader.JsonPathOf(path) } : d;
}
