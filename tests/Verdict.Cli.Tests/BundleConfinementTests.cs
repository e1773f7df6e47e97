using System.Diagnostics;
using Verdict.Compilation;
using Verdict.Diagnostics;
using Verdict.Model;

namespace Verdict.Cli.Tests;

/// <summary>A bundle reads only regular files inside its own folder, whatever its includes, links or special files
/// say; refusals are located errors that never echo the content of a foreign file.</summary>
public sealed class BundleConfinementTests : IDisposable
{
    private readonly ServeBundle _bundle = new();
    private readonly string _outside = Directory.CreateTempSubdirectory("verdict-outside-").FullName;

    public BundleConfinementTests() =>
        // A policy-shaped file outside the bundle, with a key name that must never show up in an error.
        File.WriteAllText(Path.Combine(_outside, "secret.yaml"), "secretKeyName: 1\nanotherSecret: 2\n");

    public void Dispose()
    {
        _bundle.Dispose();
        Directory.Delete(_outside, recursive: true);
    }

    private void Manifest(string includeYaml) =>
        _bundle.Write("bundle.yaml", $"apiVersion: verdict.dev/v1\nkind: Bundle\nname: test-bundle\nversion: 1.0.0\ninclude: {includeYaml}\n");

    private List<Diagnostic> Errors()
    {
        var diagnostics = new List<Diagnostic>();
        BundleSource.Read(_bundle.Dir, diagnostics);
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.DoesNotContain("secret", e.ToString(), StringComparison.OrdinalIgnoreCase));
        return errors;
    }

    [Fact]
    public void An_absolute_include_is_refused_at_its_line_and_column()
    {
        Manifest($"[severity, {_outside}]");
        var e = Assert.Single(Errors());
        Assert.Equal(Codes.PathOutsideBundle, e.Code);
        Assert.EndsWith("bundle.yaml", e.Location!.File);
        Assert.Equal(5, e.Location.Line);
        Assert.Equal(21, e.Location.Column);
    }

    [Fact]
    public void An_include_that_climbs_out_with_dot_dot_is_refused()
    {
        Manifest($"[severity, ../{Path.GetFileName(_outside)}]");
        Assert.Equal(Codes.PathOutsideBundle, Assert.Single(Errors()).Code);
    }

    [Fact]
    public void A_misspelt_include_folder_is_an_error_with_a_suggestion_not_an_empty_bundle()
    {
        Manifest("[severty, purpose]");
        var e = Assert.Single(Errors());
        Assert.Equal(Codes.IncludeNotFound, e.Code);
        Assert.Contains("did you mean `severity`?", e.Help);
    }

    [Fact]
    public void A_bundle_with_no_policies_is_an_error()
    {
        Directory.Delete(Path.Combine(_bundle.Dir, "severity"), recursive: true);
        Directory.Delete(Path.Combine(_bundle.Dir, "purpose"), recursive: true);
        Assert.Equal(Codes.NoPolicies, Assert.Single(Errors()).Code);
    }

    [Fact]
    public void A_symlinked_policy_file_is_refused_unread()
    {
        File.CreateSymbolicLink(Path.Combine(_bundle.Dir, "severity", "passwd.yaml"), Path.Combine(_outside, "secret.yaml"));
        var e = Assert.Single(Errors());
        Assert.Equal(Codes.PathOutsideBundle, e.Code);
        Assert.Contains("passwd.yaml", e.Message);
    }

    [Fact]
    public void A_symlinked_folder_is_refused_whether_found_by_default_or_through_an_include()
    {
        Directory.CreateSymbolicLink(Path.Combine(_bundle.Dir, "linked"), _outside);
        Assert.Equal(Codes.PathOutsideBundle, Assert.Single(Errors()).Code);
        Manifest("[severity, linked]");
        Assert.Equal(Codes.PathOutsideBundle, Assert.Single(Errors()).Code);
    }

    [Fact]
    public void A_symlinked_manifest_is_refused()
    {
        File.Delete(Path.Combine(_bundle.Dir, "bundle.yaml"));
        File.CreateSymbolicLink(Path.Combine(_bundle.Dir, "bundle.yaml"), Path.Combine(_outside, "secret.yaml"));
        Assert.Equal(Codes.PathOutsideBundle, Assert.Single(Errors()).Code);
    }

    [Fact]
    public void A_link_to_an_endless_device_is_refused_before_it_is_read()
    {
        if (!File.Exists("/dev/zero")) return;
        File.CreateSymbolicLink(Path.Combine(_bundle.Dir, "severity", "zero.yaml"), "/dev/zero");
        Assert.Equal(Codes.PathOutsideBundle, Assert.Single(Errors()).Code);
    }

    [Fact]
    public async Task A_fifo_named_like_a_policy_is_refused_without_blocking()
    {
        if (OperatingSystem.IsWindows()) return;
        var fifo = Path.Combine(_bundle.Dir, "severity", "pipe.yaml");
        using (var p = Process.Start("mkfifo", [fifo])) p.WaitForExit();
        var read = Task.Run(Errors);
        Assert.Same(read, await Task.WhenAny(read, Task.Delay(TimeSpan.FromSeconds(10))));
        var e = Assert.Single(await read);
        Assert.Equal(Codes.NotRegularFile, e.Code);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_by_the_size_of_its_handle()
    {
        _bundle.Write("severity/big.yaml", "# " + new string('x', 5000) + "\n");
        var diagnostics = new List<Diagnostic>();
        BundleSource.Read(_bundle.Dir, diagnostics, new Verdict.Syntax.ReaderLimits(MaxBytes: 4096));
        Assert.Contains(diagnostics, d => d.Code == Codes.FileTooLarge && d.Location!.File.EndsWith("big.yaml", StringComparison.Ordinal));
    }

    [Fact]
    public void The_bundle_folder_itself_may_be_a_link_as_atomic_rollouts_use()
    {
        var link = Path.Combine(_outside, "current");
        Directory.CreateSymbolicLink(link, _bundle.Dir);
        Assert.Equal("test-bundle", PolicyBundle.Load(link).Name);
    }

    [Fact]
    public async Task A_reload_onto_a_link_outside_keeps_the_old_bundle_and_echoes_nothing_of_the_foreign_file()
    {
        await using var s = await ServeInProcess.StartAsync(_bundle.Dir, o => o with { Token = "s3cret-token-0123456789" });
        s.Client.DefaultRequestHeaders.Authorization = new("Bearer", "s3cret-token-0123456789");
        File.CreateSymbolicLink(Path.Combine(_bundle.Dir, "purpose", "x.yaml"), Path.Combine(_outside, "secret.yaml"));
        var r = await s.Client.PostAsync("/v1/bundle/reload", null);
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, r.StatusCode);
        Assert.DoesNotContain("secretKeyName", await r.Content.ReadAsStringAsync());
        Assert.DoesNotContain("secretKeyName", await s.Client.GetStringAsync("/v1/bundle"));
        Assert.Contains("VD1009", await s.Client.GetStringAsync("/v1/bundle"));
    }
}
