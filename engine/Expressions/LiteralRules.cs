using System.Globalization;
using Verdict.Diagnostics;
using Verdict.Facts;

namespace Verdict.Expressions;

/// <summary>
/// The checks every condition language applies, at compile time, to the literals a policy writes: a value compared
/// with a closed fact (<c>breach.cause == "intrusoin"</c>) must be one of the schema's values, and each helper's literal
/// argument must be one it can match (<c>severity.atLeast("hihg")</c>, <c>owes("gdrp")</c>, <c>subjectsIn("US-XX")</c>,
/// <c>earliestDueWithinHours(-1)</c>). Each would otherwise be a condition that is silently never true.
/// </summary>
public sealed class LiteralRules
{
    private readonly HashSet<string> _regimes;
    private readonly string[] _groups;

    /// <summary>Rules for a bundle with these regimes (the built-in vocabulary plus the manifest's) and jurisdiction groups.</summary>
    public LiteralRules(IEnumerable<string> regimes, IEnumerable<string> groups)
    {
        _regimes = regimes.ToHashSet(StringComparer.Ordinal);
        _groups = groups.Concat(Jurisdictions.Default.GroupNames).Distinct().ToArray();
    }

    /// <summary>The built-in vocabularies.</summary>
    public static LiteralRules Default { get; } = new(Model.Vocabulary.Regimes, []);

    /// <summary>Rules for a bundle's manifest.</summary>
    public static LiteralRules For(Model.BundleManifest manifest) =>
        new(Model.Vocabulary.Regimes.Concat(manifest.ExtraRegimes), manifest.JurisdictionGroups.Keys);

    /// <summary>The largest <c>earliestDueWithinHours</c> argument that makes sense (ten years).</summary>
    public const double MaxHours = 24 * 366 * 10;

    /// <summary>
    /// The fact path a member of an expression-visible type stands for, by the type's name (<c>BreachFacts</c>,
    /// <c>Cause</c> gives <c>breach.cause</c>; <c>AiSystemFact</c>, <c>Autonomy</c> gives <c>ai.systems[].autonomy</c>); null
    /// for any other type.
    /// </summary>
    public static string? FactPathOf(string typeName, string member)
    {
        foreach (var (type, prefix) in LambdaLanguage.Prefixes)
            if (type.Name == typeName)
            {
                var name = member.Length == 0 ? member : char.ToLowerInvariant(member[0]) + member[1..];
                return prefix.Length == 0 ? name : $"{prefix}.{name}";
            }
        return null;
    }

    /// <summary>A diagnostic when <paramref name="literal"/> is not a value of the closed fact at <paramref name="path"/>.</summary>
    public static Diagnostic? Compare(string path, string literal, SourceLocation at)
    {
        if (FactEnums.Of(path) is not { } values || values.Contains(literal, StringComparer.Ordinal)) return null;
        return Diagnostic.Error(Codes.UnknownEnumValue, $"`{Show(literal)}` is not a value of `{path}`", at,
            (Suggest.Nearest(literal, values) is { } near ? $"did you mean `{near}`? " : "") + $"the values are: {string.Join(", ", values)}");
    }

    /// <summary>A diagnostic when a helper's literal argument can never match; null for helpers without a closed domain.</summary>
    public Diagnostic? Helper(string helper, object? argument, SourceLocation at)
    {
        switch (helper.ToLowerInvariant())
        {
            case "atleast":
                return argument is string level ? Compare("severity.level", level, at) : null;
            case "owes":
                if (argument is not string regime || _regimes.Contains(regime)) return null;
                return Diagnostic.Error(Codes.BadHelperArgument, $"owes() names `{Show(regime)}`, which is not a regime of this bundle", at,
                    (Suggest.Nearest(regime, _regimes) is { } r ? $"did you mean `{r}`? " : "") + "name a regime such as `gdpr`, or declare it under `vocabulary.regimes` in bundle.yaml");
            case "subjectsin" or "establishedin":
                if (argument is not string code || JurisdictionCodes.IsKnown(code, _groups)) return null;
                return Diagnostic.Error(Codes.UnknownJurisdiction, $"{Camel(helper)}() names `{Show(code)}`, which is not a jurisdiction", at,
                    (Suggest.Nearest(code.ToUpperInvariant(), JurisdictionCodes.All(_groups)) is { } j ? $"did you mean `{j}`? " : "") +
                    "use an ISO 3166 code (`DE`, `US-CA`) or a group (`EU`, `EEA`, or one under `jurisdictionGroups` in bundle.yaml)");
            case "earliestduewithinhours":
                if (ToDouble(argument) is not { } hours || hours is > 0 and <= MaxHours) return null;
                return Diagnostic.Error(Codes.BadHelperArgument,
                    $"earliestDueWithinHours() is given `{hours.ToString(CultureInfo.InvariantCulture)}`, expected more than 0 and at most {MaxHours} hours", at,
                    "write the number of hours after timeline.awareAt, e.g. `earliestDueWithinHours(24)`");
            default:
                return null;
        }
    }

    /// <summary>A policy's own <c>jurisdiction:</c>.</summary>
    public Diagnostic? Jurisdiction(string code, SourceLocation at) =>
        JurisdictionCodes.IsKnown(code, _groups) ? null : Diagnostic.Error(Codes.UnknownJurisdiction, $"`{Show(code)}` is not a jurisdiction", at,
            (Suggest.Nearest(code.ToUpperInvariant(), JurisdictionCodes.All(_groups)) is { } j ? $"did you mean `{j}`? " : "") +
            "use an ISO 3166 code (`DE`, `US-CA`) or a group (`EU`, `EEA`, or one under `jurisdictionGroups` in bundle.yaml)");

    private static double? ToDouble(object? v) => v switch
    {
        int i => i,
        long l => l,
        double d => d,
        decimal m => (double)m,
        float f => f,
        _ => null,
    };

    private static string Camel(string helper) => helper.Length == 0 ? helper : char.ToLowerInvariant(helper[0]) + helper[1..];

    private static string Show(string s) => s.Length <= 60 ? s : s[..57] + "...";
}
