using System.Diagnostics;
using System.Text;

namespace Verdict.Cli.Tests;

/// <summary><c>verdict test --watch</c>: a policy edit reruns the cases without restarting the command.</summary>
public class WatchTests
{
    [Fact]
    public void Test_watch_runs_again_after_a_policy_edit()
    {
        using var copy = new TestPolicyCopy();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = copy.Dir };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "verdict.dll"), "test", "policies", "--watch", "--quiet" }) info.ArgumentList.Add(a);
        using var p = Process.Start(info)!;
        var output = new StringBuilder();
        var err = new StringBuilder();
        p.OutputDataReceived += (_, e) => { lock (output) output.AppendLine(e.Data); };
        p.ErrorDataReceived += (_, e) => { lock (err) err.AppendLine(e.Data); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        try
        {
            Assert.True(WaitFor(err, "watching for changes", 60), $"{output}\n{err}");
            // stdout and stderr are separate pipes: the first run's summary may arrive after the watch notice.
            Assert.True(WaitFor(output, " passed, 0 failed", 60), $"{output}\n{err}");
            copy.Replace("policies/notification/eu/gdpr.yaml", "within: 72h", "within: 96h");
            Assert.True(WaitFor(output, "gdpr-art33-sa dueAt", 60), $"{output}\n{err}");
            Assert.True(WaitFor(output, " failed", 60));
            Assert.Contains("change detected: running again", Snapshot(err));
        }
        finally
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }
    }

    private static string Snapshot(StringBuilder sb) { lock (sb) return sb.ToString(); }

    /// <summary>Polls for a text with a generous limit: this waits for an event, it does not time anything.</summary>
    private static bool WaitFor(StringBuilder sb, string text, int seconds)
    {
        for (var i = 0; i < seconds * 10; i++)
        {
            if (Snapshot(sb).Contains(text, StringComparison.Ordinal)) return true;
            Thread.Sleep(100);
        }
        return false;
    }
}
