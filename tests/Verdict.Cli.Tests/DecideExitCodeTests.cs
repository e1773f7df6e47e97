using System.Diagnostics;
using System.Text.Json;

namespace Verdict.Cli.Tests;

/// <summary><c>verdict decide</c> with a policy that fails while deciding: the full decision, and exit code 4.</summary>
public sealed class DecideExitCodeTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verdict-decide-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_dir, recursive: true); } catch (IOException) { }
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private static (int Code, string Stdout, string Stderr) Verdict(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["exec", ServeRepo.VerdictDll, .. args]) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr.Result);
    }

    private const string Matrix = """
        apiVersion: verdict.dev/v1
        kind: SeverityMatrix
        id: severity/overlap
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        hitPolicy: unique
        inputs:
          - { id: records, expression: data.records }
        rows:
          - { id: small, when: { records: "< 1000" }, level: low }
          - { id: any, when: { records: "-" }, level: high }
        """;

    private const string Duty = """
        apiVersion: verdict.dev/v1
        kind: NotificationObligation
        id: notification/duty
        version: 1.0.0
        owner: test
        effective: { from: 2020-01-01 }
        citations: ["test"]
        regime: gdpr
        jurisdiction: EU
        territorial: always
        obligations:
          - id: to-regulator
            recipient: supervisory-authority
            citation: test
            stages: [{ stage: single, deadline: { from: awareAt, within: 72h } }]
        """;

    [Fact]
    public void A_decision_with_a_failed_policy_is_written_in_full_and_exits_4()
    {
        Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: t\nversion: 1.0.0\n");
        Write("severity/overlap.yaml", Matrix);
        Write("notification/duty.yaml", Duty);
        Write("facts.yaml", "id: F-1\ntimeline:\n  awareAt: 2026-06-01T10:00:00Z\ndata:\n  records: 10\n");

        var (code, stdout, stderr) = Verdict("decide", "--policies", _dir, "--facts", Path.Combine(_dir, "facts.yaml"));

        Assert.Equal(4, code);
        var decision = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal("2026-06-04T10:00:00Z", decision.GetProperty("obligations")[0].GetProperty("dueAt").GetString());
        Assert.Equal("VD1501", decision.GetProperty("failures")[0].GetProperty("code").GetString());
        Assert.Contains("overlap.yaml:12:5: error VD1501: unique severity matrix", stderr);
    }
}
