using NodaTime;
using Verdict.Diagnostics;
using Verdict.Expressions;
using Verdict.Model;
using Verdict.Time;

namespace Verdict.Compilation;

/// <summary>Options for loading and compiling a bundle.</summary>
public sealed record BundleOptions
{
    /// <summary>Allow policies written in C# (Roslyn scripting). Off unless the runtime opts in.</summary>
    public bool AllowCSharp { get; init; }

    /// <summary>File size and nesting limits for policy files.</summary>
    public Syntax.ReaderLimits Limits { get; init; } = Syntax.ReaderLimits.Default;

    /// <summary>
    /// The host's ceiling on a bundle's script limits (<c>limits:</c> in bundle.yaml): a bundle can lower them, never
    /// raise them past this.
    /// </summary>
    public ScriptLimits ScriptCeiling { get; init; } = ScriptLimits.Ceiling;

    /// <summary>Extra condition languages (js, csharp) by name.</summary>
    public IReadOnlyDictionary<string, Func<BundleManifest, IConditionLanguage>> Languages { get; init; } =
        new Dictionary<string, Func<BundleManifest, IConditionLanguage>>();
}

/// <summary>What compiling one bundle needs to know across policies: languages, zones, calendars, vocabularies.</summary>
internal sealed class CompileContext
{
    private readonly Dictionary<string, IConditionLanguage> _languages = new(StringComparer.Ordinal);
    private readonly BundleOptions _options;
    private readonly BundleManifest _manifest;
    public Dictionary<string, BusinessCalendar> Calendars { get; } = new(StringComparer.Ordinal);
    private readonly HashSet<string> _regimes;
    private readonly HashSet<string> _recipients;

    public CompileContext(BundleManifest manifest, BundleOptions options)
    {
        _manifest = manifest;
        _options = options;
        _regimes = Vocabulary.Regimes.Concat(manifest.ExtraRegimes).ToHashSet(StringComparer.Ordinal);
        Literals = LiteralRules.For(manifest);
        _languages["lambda"] = new LambdaLanguage(Literals);
        _recipients = Vocabulary.Recipients.Concat(manifest.ExtraRecipients).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The bundle's literal checks (regimes, jurisdiction groups), shared by every language.</summary>
    public LiteralRules Literals { get; }

    public IConditionLanguage Language(string name, Diagnostics.SourceLocation at)
    {
        if (_languages.TryGetValue(name, out var l)) return l;
        if (name == "csharp" && !_options.AllowCSharp)
            throw VerdictException.Single(Codes.UnknownLanguage, "this policy is written in `csharp`, which this runtime does not allow", at,
                "run with --allow-csharp (or BundleOptions.AllowCSharp) to opt in to C# policies");
        if (_options.Languages.TryGetValue(name, out var factory)) return _languages[name] = factory(_manifest);
        throw VerdictException.Single(Codes.UnknownLanguage, $"condition language `{name}` is not available", at,
            "use `lambda` (the default); `js` and `csharp` need their language packages");
    }

    public static DateTimeZone Zone(string id, Diagnostics.SourceLocation at) =>
        DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) ?? throw VerdictException.Single(Codes.UnknownReference,
            $"unknown time zone `{id}`", at, Suggest.Nearest(id, DateTimeZoneProviders.Tzdb.Ids) is { } near ? $"did you mean `{near}`?" : "use an IANA zone id such as Europe/Brussels");

    public DeadlineRule Rule(ClockSpec c)
    {
        var zoneNode = c.Node.Get("zone") ?? c.Node;
        BusinessCalendar? calendar = null;
        if (c.Calendar is { } calId)
        {
            if (!Calendars.TryGetValue(calId, out calendar))
                throw VerdictException.Single(Codes.UnknownReference, $"unknown calendar `{calId}`", c.Node.Get("calendar")!.Location,
                    Suggest.Nearest(calId, Calendars.Keys) is { } near ? $"did you mean `{near}`?" : $"known calendars: {string.Join(", ", Calendars.Keys.Order(StringComparer.Ordinal))}");
        }
        else if (c.Unit == "bd")
            throw VerdictException.Single(Codes.UnknownReference, "a business-day deadline needs a `calendar`", c.Node.Location,
                "add `calendar: calendars/<id>` naming a Calendar policy");
        var zone = c.Zone is { } z ? Zone(z, zoneNode.Location) : calendar?.Zone ?? DateTimeZone.Utc;
        return new DeadlineRule(c, zone, calendar);
    }

    public void CheckVocabulary(string what, string value, Diagnostics.SourceLocation at, List<Diagnostic> errors)
    {
        var set = what == "regime" ? _regimes : _recipients;
        if (set.Contains(value)) return;
        errors.Add(Diagnostic.Error(Codes.UnknownVocabulary, $"unknown {what} `{value}`", at,
            (Suggest.Nearest(value, set) is { } near ? $"did you mean `{near}`? " : "") +
            $"or declare it under `vocabulary.{what}s` in bundle.yaml"));
    }
}
