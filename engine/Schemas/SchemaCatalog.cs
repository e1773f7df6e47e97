using System.Collections.Concurrent;
using System.Reflection;

namespace Verdict.Schemas;

/// <summary>The JSON Schemas shipped in <c>schemas/</c>, embedded in the engine and parsed once per process.</summary>
public static class SchemaCatalog
{
    /// <summary>Incident facts.</summary>
    public const string IncidentFacts = "incident-facts.schema.json";

    /// <summary>The bundle manifest.</summary>
    public const string Bundle = "bundle.schema.json";

    // Lazy: files validated in parallel must not parse one schema twice.
    private static readonly ConcurrentDictionary<string, Lazy<SchemaDocument>> Cache = new();

    /// <summary>The schema file name for a policy kind: <c>SeverityMatrix</c> → <c>policy-severity-matrix.schema.json</c>.</summary>
    public static string ForKind(string kind)
    {
        var chars = new System.Text.StringBuilder("policy-");
        for (var i = 0; i < kind.Length; i++)
        {
            if (char.IsUpper(kind[i]) && i > 0) chars.Append('-');
            chars.Append(char.ToLowerInvariant(kind[i]));
        }
        return chars.Append(".schema.json").ToString();
    }

    /// <summary>True when a schema with this file name is embedded.</summary>
    public static bool Exists(string name) =>
        typeof(SchemaCatalog).Assembly.GetManifestResourceInfo("schemas/" + name) is not null;

    /// <summary>The raw text of an embedded schema.</summary>
    public static string Text(string name)
    {
        using var stream = typeof(SchemaCatalog).Assembly.GetManifestResourceStream("schemas/" + name)
            ?? throw new InvalidOperationException($"schema {name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The parsed schema.</summary>
    public static SchemaDocument Get(string name) =>
        Cache.GetOrAdd(name, n => new Lazy<SchemaDocument>(() => new SchemaDocument(n, Text(n)))).Value;

    /// <summary>The kinds of policy that have a schema.</summary>
    public static IReadOnlyList<string> PolicyKinds { get; } =
        ["SeverityMatrix", "NotificationObligation", "Calendar", "PurposeBinding", "EscalationPath", "ActionPlan", "RiskAssessment"];

    internal static Assembly Assembly => typeof(SchemaCatalog).Assembly;
}
