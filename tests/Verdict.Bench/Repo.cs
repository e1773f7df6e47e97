namespace Verdict.Bench;

/// <summary>Finds the repository root (the folder holding Verdict.slnx) from the working or the build folder.</summary>
public static class Repo
{
    /// <summary>The repository root.</summary>
    public static string Root { get; } = Find();

    /// <summary>A path under the root.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(System.IO.Path.Combine(d.FullName, "Verdict.slnx"))) return d.FullName;
        throw new DirectoryNotFoundException("cannot find the repository root (the folder with Verdict.slnx)");
    }
}
