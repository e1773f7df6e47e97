namespace Verdict.Lint.Tests;

/// <summary>Paths into the repository and this test project's source folder, found from the test's working directory.</summary>
public static class TestPaths
{
    public static string Root { get; } = Find();

    public static string Policies => Path.Combine(Root, "policies");

    /// <summary>The source folder of this project (cases/ and approved snapshots live there, not in bin/).</summary>
    public static string Project => Path.Combine(Root, "tests", "PolicyLint.Tests");

    public static string Cases => Path.Combine(Project, "cases");

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }

    /// <summary>
    /// Compares text with an approved file; with VERDICT_ACCEPT=1 in the environment the file is rewritten instead,
    /// to be reviewed as a diff.
    /// </summary>
    public static void MatchesApproved(string approvedPath, string actual)
    {
        if (Environment.GetEnvironmentVariable("VERDICT_ACCEPT") == "1")
        {
            File.WriteAllText(approvedPath, actual);
            return;
        }
        Assert.True(File.Exists(approvedPath), $"no approved file {approvedPath}: run the tests with VERDICT_ACCEPT=1 and review it");
        Assert.Equal(File.ReadAllText(approvedPath).ReplaceLineEndings("\n"), actual);
    }
}

/// <summary>A copy of a policy folder in a temporary directory, deleted afterwards.</summary>
public sealed class TempCopy : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("policy-lint-").FullName;

    public TempCopy(string from)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Dir, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string PathOf(string relative) => Path.Combine(Dir, relative);

    /// <summary>Replaces text in a file, failing the test if the text is not there (a stale test, not a pass).</summary>
    public void Replace(string relative, string from, string to)
    {
        var text = File.ReadAllText(PathOf(relative));
        Assert.Contains(from, text);
        File.WriteAllText(PathOf(relative), text.Replace(from, to));
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
