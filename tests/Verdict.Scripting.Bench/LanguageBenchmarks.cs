using BenchmarkDotNet.Attributes;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Facts;
using Verdict.Model;

namespace Verdict.Scripting.Bench;

/// <summary>Where the repository is, from the benchmark's working directory or its binaries.</summary>
internal static class Repo
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            var dir = start;
            while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
            if (dir is not null) return dir;
        }
        throw new InvalidOperationException("repository root not found");
    }

    public static BundleSource Read(string folder)
    {
        var diagnostics = new List<Diagnostic>();
        return BundleSource.Read(folder, diagnostics) ?? throw new VerdictException(diagnostics);
    }

    /// <summary>The shipped bundle with its severity matrix swapped for the copy written in <paramref name="language"/> (lambda: as shipped).</summary>
    public static BundleSource Shipped(string language, bool severityOnly)
    {
        var shipped = Read(PathOf("policies"));
        var severity = language == "lambda"
            ? shipped.Documents.OfType<SeverityMatrixDocument>().Cast<PolicyDocument>()
            : Read(PathOf("tests", "equivalence", language)).Documents;
        var rest = severityOnly ? [] : shipped.Documents.Where(d => d is not SeverityMatrixDocument);
        return new BundleSource
        {
            Root = shipped.Root, Manifest = shipped.Manifest, Files = shipped.Files, Digest = shipped.Digest + "+" + language,
            Documents = rest.Concat(severity).OrderBy(d => d.Header.Id, StringComparer.Ordinal).ThenBy(d => d.Header.From).ToList(),
        };
    }

    public static PolicyBundle Compile(BundleSource source)
    {
        var diagnostics = new List<Diagnostic>();
        return ScriptLanguages.Compile(source, diagnostics, new BundleOptions { AllowCSharp = true }) ?? throw new VerdictException(diagnostics);
    }
}

/// <summary>
/// A decision's cost with the shipped severity matrix (3 inputs, 9 rows, 9 modifiers) written in each language, over
/// the four example incidents. <c>SeverityOnly</c> = true measures the matrix alone; false the whole shipped bundle.
/// </summary>
[MemoryDiagnoser]
public class LanguageDecideBenchmarks
{
    private PolicyBundle _bundle = null!;
    private IncidentFacts[] _facts = null!;

    [Params("lambda", "js", "csharp")]
    public string Language { get; set; } = "lambda";

    [Params(true, false)]
    public bool SeverityOnly { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _bundle = Repo.Compile(Repo.Shipped(Language, SeverityOnly));
        _facts = Directory.GetFiles(Repo.PathOf("policies", "examples"), "*.yaml").Order(StringComparer.Ordinal).Select(f => FactsLoader.LoadFile(f)).ToArray();
        foreach (var f in _facts) _bundle.Decide(f); // engines and JIT warm
    }

    [Benchmark(OperationsPerInvoke = 4)]
    public int Decide()
    {
        var n = 0;
        foreach (var f in _facts) n += _bundle.Decide(f).Severity.Level.Length;
        return n;
    }
}

/// <summary>
/// Compiling the shipped bundle (read once) with its severity matrix in lambda, js or csharp. For csharp, <c>Cold</c>
/// empties the check and code caches before each compile (the compiler itself stays warm in the process); otherwise the
/// csharp figure is a reload of unchanged content, served from the cache.
/// </summary>
[MemoryDiagnoser]
public class LanguageCompileBenchmarks
{
    private BundleSource _lambda = null!, _js = null!, _csharp = null!;

    /// <summary>True: the severity matrix alone; false: the whole shipped bundle around it.</summary>
    [Params(true, false)]
    public bool SeverityOnly { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _lambda = Repo.Shipped("lambda", SeverityOnly);
        _js = Repo.Shipped("js", SeverityOnly);
        _csharp = Repo.Shipped("csharp", SeverityOnly);
        Repo.Compile(_csharp);
    }

    [Benchmark(Baseline = true)]
    public PolicyBundle Lambda() => Repo.Compile(_lambda);

    [Benchmark]
    public PolicyBundle Js() => Repo.Compile(_js);

    [Benchmark]
    public PolicyBundle CSharpCold()
    {
        CSharpLanguage.ResetCaches();
        return Repo.Compile(_csharp);
    }

    [Benchmark]
    public PolicyBundle CSharpCached() => Repo.Compile(_csharp);
}
