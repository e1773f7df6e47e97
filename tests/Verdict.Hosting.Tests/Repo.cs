namespace Verdict.Hosting.Tests;

/// <summary>Paths into the repository, found from the test's working directory.</summary>
public static class Repo
{
    public static string Root { get; } = Find();

    public static string Policies => Path.Combine(Root, "policies");

    public static string Example(string name = "fintech-credit-risk-sync") => Path.Combine(Policies, "examples", name + ".yaml");

    /// <summary>The example incident as a JSON facts body.</summary>
    public static byte[] ExampleJson(string name = "fintech-credit-risk-sync") =>
        System.Text.Encoding.UTF8.GetBytes(Rendering.FactsJson.Canonical(Facts.FactsLoader.LoadFile(Example(name))));

    private static string Find()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Directory.Packages.props"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("repository root not found");
    }
}
