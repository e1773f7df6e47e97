using System.IO.Compression;
using System.Text;
using Verdict.Diagnostics;

namespace Verdict.Hosting.Tests;

/// <summary>The facade: load from a folder, files in memory or a zip; decide from bytes; the same answer each way.</summary>
public class VerdictBundleTests
{
    private static Dictionary<string, string> PolicyFiles() =>
        Directory.EnumerateFiles(Repo.Policies, "*.yaml", SearchOption.AllDirectories)
            .Select(p => Path.GetRelativePath(Repo.Policies, p).Replace('\\', '/'))
            .Where(p => !p.StartsWith("examples/", StringComparison.Ordinal) && !p.StartsWith("tests/", StringComparison.Ordinal))
            .ToDictionary(p => p, p => File.ReadAllText(Path.Combine(Repo.Policies, p)), StringComparer.Ordinal);

    [Fact]
    public void A_bundle_loaded_from_memory_has_the_digest_and_decisions_of_the_folder()
    {
        var folder = VerdictBundle.Load(Repo.Policies);
        var memory = VerdictBundle.Load(PolicyFiles());
        Assert.Equal(folder.Digest, memory.Digest);
        Assert.Equal(folder.DecideJson(Repo.ExampleJson()), memory.DecideJson(Repo.ExampleJson()));
    }

    [Fact]
    public void A_zip_of_the_folder_loads_as_the_folder()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, text) in PolicyFiles())
            {
                using var w = new StreamWriter(archive.CreateEntry("policies/" + name).Open(), new UTF8Encoding(false));
                w.Write(text);
            }
        zip.Position = 0;
        Assert.Equal(VerdictBundle.Load(Repo.Policies).Digest, VerdictBundle.LoadZip(zip).Digest);
    }

    [Fact]
    public void A_file_path_that_leaves_the_bundle_is_refused()
    {
        var files = PolicyFiles();
        files["../outside.yaml"] = "x: 1";
        var e = Assert.Throws<VerdictException>(() => VerdictBundle.Load(files));
        Assert.Equal("`../outside.yaml` is not a path inside the bundle", Assert.Single(e.Diagnostics).Message);
    }

    [Fact]
    public void Diagnostics_of_an_in_memory_bundle_name_the_files_as_given()
    {
        var files = PolicyFiles();
        files["severity/broken.yaml"] = "apiVersion: verdict.dev/v1\nkind: SeverityMatrx\n";
        var e = Assert.Throws<VerdictException>(() => VerdictBundle.Load(files));
        var d = Assert.Single(e.Diagnostics, d => d.Code == Codes.UnknownKind);
        Assert.Equal(("severity/broken.yaml", 2, 7), (d.Location!.File, d.Location.Line, d.Location.Column));
    }

    [Fact]
    public void Facts_that_are_not_valid_are_an_error_with_a_place_not_a_crash()
    {
        var bundle = VerdictBundle.Load(Repo.Policies);
        var e = Assert.Throws<VerdictException>(() => bundle.Decide("{\"id\": 5}"u8));
        Assert.NotEmpty(e.Diagnostics);
    }
}
