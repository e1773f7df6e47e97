using System.Text;
using Verdict.Compilation;
using Verdict.Salesforce.Events;
using Verdict.Salesforce.Facts;
using Verdict.Salesforce.Mapping;
using Verdict.Syntax;

namespace Verdict.Salesforce.Tests;

/// <summary>Paths into the repository and the adapter's pipeline as the command line runs it.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string Fixtures(params string[] parts) => Path.Combine([Root, "tests", "Verdict.Salesforce.Tests", "Fixtures", .. parts]);

    public static string Events(string scenario) => PathOf("policies", "examples", "events", scenario);

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    private static readonly Lazy<PolicyBundle> Shipped = new(() => Verdict.Scripting.ScriptLanguages.Load(PathOf("policies"), new BundleOptions()));

    /// <summary>The shipped bundle, loaded once.</summary>
    public static PolicyBundle Bundle => Shipped.Value;
}

/// <summary>Runs logs through a map into a collector and facts, the way <c>verdict facts salesforce</c> does.</summary>
public static class Pipeline
{
    public static Collector Collect(string events, string map, bool judge = true, NodaTime.Instant? from = null, NodaTime.Instant? to = null)
    {
        var m = MapLoader.LoadFile(map, Path.GetRelativePath(Repo.Root, map).Replace('\\', '/'));
        var c = new Collector(m, judge ? new BundleJudge(Repo.Bundle) : null, from, to);
        EventLogs.Read(EventLogs.Expand([events], Repo.Root), m, c);
        return c;
    }

    public static string Facts(Collector c, string? baseIncident)
    {
        var node = baseIncident is null ? null : NodeReader.ReadFile(baseIncident, Path.GetRelativePath(Repo.Root, baseIncident));
        return FactsDocument.Write(FactsDocument.Build(c, node, baseIncident));
    }

    public static string BadLines(Collector c) =>
        string.Concat(c.BadLines.Select(b => b + "\n")) + $"{c.BadLineCount} bad lines, {c.Events} events, {c.Unmapped} unmapped, {c.WithoutData} without data\n";
}

/// <summary>Approved text files: a difference fails; <c>VERDICT_ACCEPT=1</c> rewrites them (review the diff, then commit).</summary>
public static class Approval
{
    public static void Verify(string approvedPath, string actual)
    {
        if (Environment.GetEnvironmentVariable("VERDICT_ACCEPT") == "1")
        {
            File.WriteAllText(approvedPath, actual, new UTF8Encoding(false));
            return;
        }
        Assert.True(File.Exists(approvedPath), $"no approved file {approvedPath}; run with VERDICT_ACCEPT=1 to create it");
        Assert.Equal(File.ReadAllText(approvedPath), actual);
    }
}

/// <summary>A throwaway folder of files for one test.</summary>
public sealed class TempDir : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("verdict-sf-").FullName;

    public string Write(string name, string text)
    {
        var p = Path.Combine(Dir, name);
        File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, true); } catch (IOException) { }
    }
}
