using System.Reflection;
using System.Text.RegularExpressions;
using Verdict.Diagnostics;

namespace Verdict.Lint.Output;

/// <summary>A rule as SARIF and <c>--list-rules</c> describe it.</summary>
public sealed record RuleInfo(string Id, string Name, string Description, DiagnosticSeverity DefaultSeverity);

/// <summary>
/// Every diagnostic code the linter can report, from the engine's <see cref="Codes"/> (loader, schema, compiler) and
/// the lint-only VD16xx codes, with a one-line description each.
/// </summary>
public static partial class RuleCatalog
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        [Codes.FileUnreadable] = "a file or folder cannot be read",
        [Codes.FileTooLarge] = "a file is over the size limit",
        [Codes.Syntax] = "a file is not valid YAML or JSON",
        [Codes.TooDeep] = "a file nests deeper than the limit",
        [Codes.AliasNotAllowed] = "a YAML anchor or alias (alias bombs are refused)",
        [Codes.EmptyDocument] = "a file is empty",
        [Codes.DuplicateKey] = "a mapping names the same key twice",
        [Codes.MultipleDocuments] = "a file holds more than one YAML document",
        [Codes.UnknownKey] = "a key the schema does not know",
        [Codes.WrongType] = "a value of the wrong type",
        [Codes.MissingKey] = "a required key is missing",
        [Codes.NotAllowedValue] = "a value outside the allowed set",
        [Codes.BadFormat] = "a value that does not have the required format",
        [Codes.SchemaOther] = "a schema constraint is not met",
        [Codes.BadValue] = "a value is out of range",
        [Codes.ExpressionSyntax] = "an expression does not parse",
        [Codes.ExpressionType] = "an expression has the wrong type",
        [Codes.UnknownFactPath] = "an expression names a fact path the incident facts do not have",
        [Codes.ForbiddenMember] = "an expression calls something outside the sandbox",
        [Codes.UnknownLanguage] = "a condition language that is not available",
        [Codes.ScriptLimit] = "a script exceeded its limits",
        [Codes.NoManifest] = "a policy folder has no bundle.yaml",
        [Codes.UnknownKind] = "an unknown policy kind",
        [Codes.DuplicatePolicy] = "an id is defined twice",
        [Codes.OverlappingEffective] = "two versions of a policy are in force at the same time",
        [Codes.UnknownReference] = "a reference to something the bundle does not define (calendar, zone, input)",
        [Codes.Cycle] = "a dependency cycle",
        [Codes.UnknownVocabulary] = "a regime or recipient outside the controlled vocabulary",
        [Codes.BadCell] = "a decision-table cell that does not fit its input",
        [Codes.NoPolicyInForce] = "no policy version is in force",
        [Codes.UniqueMultipleHits] = "a unique decision table matched several rows",
        [Codes.UniqueNoHit] = "a decision table matched no row",
        [Codes.EvaluationFailed] = "an expression failed during evaluation",
        [Codes.TableOverlap] = "rows of a unique decision table overlap",
        [Codes.TableGap] = "a decision table has inputs no row covers",
        [Codes.RowShadowed] = "a decision-table row is always decided by other rows",
        [Codes.RowUnreachable] = "a decision-table row can never match",
        [Codes.EffectiveHole] = "versions of a policy leave dates with no policy in force",
        [Codes.VersionNotBumped] = "a policy changed without a higher version",
        [Codes.MissingCitation] = "an obligation or exemption cites no law",
        [Codes.StagesNotIncreasing] = "the stages of an obligation are not due later and later",
        [Codes.UnknownClockEvent] = "a deadline counts from an event no incident can provide",
        [Codes.CalendarTooShort] = "a deadline needs calendar years the calendar does not cover",
        [Codes.UndefinedRole] = "an escalation step escalates to an undefined role",
        [Codes.BundleVersionNotBumped] = "the bundle changed without a higher bundle version",
    };

    /// <summary>Every rule, ordered by id.</summary>
    public static IReadOnlyList<RuleInfo> All { get; } = Build();

    private static List<RuleInfo> Build()
    {
        var warnings = new HashSet<string>(StringComparer.Ordinal)
        {
            Codes.RowShadowed, Codes.RowUnreachable, Codes.EffectiveHole, Codes.StagesNotIncreasing, Codes.CalendarTooShort,
        };
        return typeof(Codes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (Name: f.Name, Id: (string)f.GetRawConstantValue()!))
            .GroupBy(x => x.Id).Select(g => g.First())
            .Select(x => new RuleInfo(x.Id, x.Name,
                Descriptions.GetValueOrDefault(x.Id) ?? Words(x.Name),
                warnings.Contains(x.Id) ? DiagnosticSeverity.Warning : DiagnosticSeverity.Error))
            .OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>A constant name as words: <c>UnknownFactPath</c> → "unknown fact path".</summary>
    private static string Words(string name) => CamelHumps().Replace(name, " $1").Trim().ToLowerInvariant();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex CamelHumps();
}
