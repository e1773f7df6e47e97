using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Lint.Rules;
using Verdict.Model;

namespace Verdict.Lint;

/// <summary>Options of one lint run.</summary>
public sealed record LintOptions
{
    /// <summary>A git revision to compare with: policies whose content changed since then must have a new version.</summary>
    public string? BaseRef { get; init; }

    /// <summary>Options for loading and compiling the bundle (limits, languages).</summary>
    public BundleOptions Bundle { get; init; } = new();
}

/// <summary>What a lint run found.</summary>
public sealed class LintResult
{
    /// <summary>The folder linted, as the caller named it.</summary>
    public required string Root { get; init; }

    /// <summary>Every finding, ordered by file, line, column and code.</summary>
    public required IReadOnlyList<Diagnostic> Findings { get; init; }

    /// <summary>How many policy and manifest files were read.</summary>
    public required int Files { get; init; }

    /// <summary>Number of errors.</summary>
    public int Errors => Findings.Count(f => f.Severity == DiagnosticSeverity.Error);

    /// <summary>Number of warnings.</summary>
    public int Warnings => Findings.Count(f => f.Severity == DiagnosticSeverity.Warning);

    /// <summary>True when nothing stops the bundle from loading (warnings and infos allowed).</summary>
    public bool Clean => Errors == 0;

    /// <summary>Whether the run passes: no errors, and with <paramref name="strict"/> no warnings either (notes never fail).</summary>
    public bool Passes(bool strict) => Errors == 0 && (!strict || Warnings == 0);
}

/// <summary>
/// Lints a policy folder: everything the loader and compiler report (schema, YAML safety, expressions, fact paths,
/// calendars, versions) plus the analyses only a linter does (decision-table gaps and overlaps, stage order, calendar
/// coverage, version bumps). Usable as a library; the <c>policy-lint</c> command is a thin shell around it.
/// </summary>
public sealed class Linter
{
    private static readonly ILintRule[] Rules =
    [
        new DecisionTableRules(),
        new EffectiveRangeRules(),
        new ObligationRules(),
        new CalendarCoverageRules(),
        new EscalationRules(),
    ];

    /// <summary>Lints the bundle in <paramref name="folder"/>.</summary>
    /// <exception cref="LintUsageException">The <c>--base</c> revision cannot be read.</exception>
    public LintResult Lint(string folder, LintOptions? options = null)
    {
        options ??= new LintOptions();
        var engine = new List<Diagnostic>();
        BundleSource? source;
        try { source = BundleSource.Read(folder, engine, options.Bundle.Limits); }
        catch (VerdictException e) { return Result(folder, [.. engine, .. e.Diagnostics], [], 0); }
        catch (Exception e)
        {
            // A parser failure the reader does not translate must not hide which file it was: read them one by one.
            // Whatever happens, a crash is an error, never a clean run.
            var each = ReadEachFile(folder, options.Bundle).ToList();
            if (!each.Any(d => d.Severity == DiagnosticSeverity.Error)) each.Add(Crash(folder, "reading the bundle", e));
            return Result(folder, [.. engine, .. each], [], 0);
        }
        if (source is null)
        {
            if (!engine.Any(d => d.Severity == DiagnosticSeverity.Error))
                engine.Add(Diagnostic.Error(Codes.LoaderFailed, "the bundle could not be read", new SourceLocation($"{folder.TrimEnd('/', '\\')}/bundle.yaml", 1, 1)));
            return Result(folder, engine, [], 0);
        }

        // The full compile is what `verdict decide` would do; its diagnostics are the user's first problems.
        PolicyBundle? bundle = null;
        try { bundle = Scripting.ScriptLanguages.Compile(source, engine, options.Bundle); }
        catch (VerdictException e) { engine.AddRange(e.Diagnostics); }
        catch (Exception e) { engine.Add(Crash(folder, "compiling the bundle", e)); }
        var context = new LintContext(source, bundle, engine, options.Bundle);
        foreach (var rule in Rules)
        {
            try { rule.Check(context); }
            catch (VerdictException e) { engine.AddRange(e.Diagnostics); }
            catch (Exception e) { engine.Add(Crash(folder, $"running the {rule.GetType().Name} checks", e)); }
        }
        if (options.BaseRef is { } baseRef) new VersionBumpRules(baseRef).Check(context);
        return Result(source.Root, engine, context.Findings, source.Files.Count);
    }

    /// <summary>An unexpected failure, reported as an error at the manifest so that the exit code says so.</summary>
    private static Diagnostic Crash(string folder, string doing, Exception e)
    {
        var message = e.Message.Split('\n')[0].Trim().TrimEnd('.');
        if (message.Length > 200) message = message[..197] + "...";
        return Diagnostic.Error(Codes.LoaderFailed, $"internal error while {doing}: {(message.Length > 0 ? char.ToLowerInvariant(message[0]) + message[1..] : "no message")}",
            new SourceLocation($"{folder.TrimEnd('/', '\\')}/bundle.yaml", 1, 1),
            "this is a defect in verdict, not in the policy; the bundle is not usable until it is fixed: please report it with the files");
    }

    private static IEnumerable<Diagnostic> ReadEachFile(string folder, BundleOptions options)
    {
        var display = folder.TrimEnd('/', '\\');
        foreach (var path in Directory.EnumerateFiles(folder, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var rel = Path.GetRelativePath(folder, path).Replace('\\', '/');
            if (rel.Split('/').SkipLast(1).Any(BundleSource.NonPolicyFolders.Contains)) continue;
            IReadOnlyList<Diagnostic> problems = [];
            try { Syntax.NodeReader.ReadFile(path, $"{display}/{rel}", options.Limits); }
            catch (VerdictException e) { problems = e.Diagnostics; }
            catch (Exception e)
            {
                problems = [Diagnostic.Error(Codes.Syntax, $"invalid YAML/JSON: {e.Message.TrimEnd('.').ToLowerInvariant()}",
                    new SourceLocation($"{display}/{rel}", 1, 1), "fix the syntax of this file (an unclosed bracket or quote is the usual cause)")];
            }
            foreach (var p in problems) yield return p;
        }
    }

    private static LintResult Result(string root, List<Diagnostic> engine, List<Diagnostic> lint, int files)
    {
        // A lint finding where the compiler already reported an error says the same thing twice: keep the compiler's.
        var compilerPlaces = engine.Where(e => e.Severity == DiagnosticSeverity.Error && e.Location is not null)
            .Select(e => e.Location!).ToHashSet();
        var all = engine.Concat(lint.Where(l => l.Location is null || !compilerPlaces.Contains(l.Location)))
            .DistinctBy(d => d.ToString())
            .OrderBy(d => d.Location?.File ?? "", StringComparer.Ordinal)
            .ThenBy(d => d.Location?.Line ?? 0).ThenBy(d => d.Location?.Column ?? 0)
            .ThenBy(d => d.Code, StringComparer.Ordinal).ThenBy(d => d.Message, StringComparer.Ordinal)
            .ToList();
        return new LintResult { Root = root.TrimEnd('/', '\\'), Findings = all, Files = files };
    }
}

/// <summary>The linter was asked for something it cannot do (an unreadable git revision): exit code 2, not a finding.</summary>
public sealed class LintUsageException(string message, string? help = null) : Exception(message)
{
    /// <summary>How to fix the invocation.</summary>
    public string? Help { get; } = help;
}
