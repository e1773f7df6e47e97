using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Model;
using Verdict.Syntax;

namespace Verdict.Lint;

/// <summary>One family of lint rules.</summary>
internal interface ILintRule
{
    /// <summary>Adds findings to <see cref="LintContext.Findings"/>.</summary>
    void Check(LintContext context);
}

/// <summary>What every rule may look at: the read documents, the compiled bundle (when it compiled) and the engine's diagnostics.</summary>
internal sealed class LintContext(BundleSource source, PolicyBundle? bundle, IReadOnlyList<Diagnostic> engine, BundleOptions options)
{
    private IReadOnlyList<CompiledSeverity>? _severities;

    public BundleSource Source { get; } = source;

    /// <summary>The whole bundle compiled, or null when the compiler found errors.</summary>
    public PolicyBundle? Bundle { get; } = bundle;

    /// <summary>What the loader and compiler reported.</summary>
    public IReadOnlyList<Diagnostic> Engine { get; } = engine;

    public List<Diagnostic> Findings { get; } = [];

    /// <summary>
    /// Every severity matrix that compiles on its own: table analyses still run when an unrelated policy is broken.
    /// </summary>
    public IReadOnlyList<CompiledSeverity> Severities => _severities ??= CompileSeverities();

    /// <summary>The parsed files of one policy kind, including those the engine could not type (a kind it does not know yet).</summary>
    public IEnumerable<(string File, MapNode Node)> FilesOfKind(string kind) =>
        Source.Files.Where(f => f.Node is MapNode m && m.GetString("kind") == kind).Select(f => (Display(f.File), (MapNode)f.Node));

    /// <summary>The path of a bundle file as diagnostics show it.</summary>
    public string Display(string relative) => $"{Source.Root}/{relative}";

    public void Error(string code, string message, SourceLocation? at, string? help = null) =>
        Findings.Add(new Diagnostic(code, DiagnosticSeverity.Error, message, at, help));

    public void Warning(string code, string message, SourceLocation? at, string? help = null) =>
        Findings.Add(new Diagnostic(code, DiagnosticSeverity.Warning, message, at, help));

    /// <summary>Where a key of a mapping is written (better than its value's place for "this section" findings).</summary>
    public static SourceLocation KeyLocation(MapNode map, string key) =>
        map.Entries.FirstOrDefault(e => e.Key.Value == key).Key?.Location ?? map.Location;

    private IReadOnlyList<CompiledSeverity> CompileSeverities()
    {
        if (Bundle is not null) return Bundle.SeverityMatrices;
        var result = new List<CompiledSeverity>();
        foreach (var doc in Source.Documents.OfType<SeverityMatrixDocument>())
        {
            var alone = new BundleSource { Root = Source.Root, Manifest = Source.Manifest, Documents = [doc], Digest = Source.Digest, Files = [] };
            if (Scripting.ScriptLanguages.Compile(alone, [], options) is { } b) result.AddRange(b.SeverityMatrices);
        }
        return result;
    }
}
