namespace Verdict.Tests;

/// <summary>Paths into the repository, found from the test's working directory.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Policies => Path.Combine(Root, "policies");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}

/// <summary>A throwaway policy folder for a test.</summary>
public sealed class TempBundle : IDisposable
{
    public string Dir { get; } = Directory.CreateTempSubdirectory("verdict-test-").FullName;

    public TempBundle(string name = "test-bundle")
    {
        Write("bundle.yaml", $"apiVersion: verdict.dev/v1\nkind: Bundle\nname: {name}\nversion: 1.0.0\n");
    }

    public TempBundle Write(string relative, string text)
    {
        var path = Path.Combine(Dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public void Dispose()
    {
        try { Directory.Delete(Dir, recursive: true); } catch (IOException) { }
    }
}
