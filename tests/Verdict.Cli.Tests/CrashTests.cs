using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Verdict.Cli.DecisionLog;
using Verdict.Cli.Serve;

namespace Verdict.Cli.Tests;

/// <summary>SIGKILL in the middle of writing: nothing a client was answered for is lost, and the chain goes on.</summary>
public sealed class CrashTests : IDisposable
{
    private readonly ServeBundle _bundle = new();
    private readonly string _work = Directory.CreateTempSubdirectory("verdict-crash-").FullName;

    public void Dispose()
    {
        _bundle.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    [Fact]
    public async Task Sigkill_during_writes_loses_no_answered_record_and_a_restart_continues_the_chain()
    {
        var log = Path.Combine(_work, "decisions.jsonl");
        var s = await ServeProcess.StartAsync(_work, "--policies", _bundle.Dir, "--decision-log", log, "--no-watch");
        var acked = new ConcurrentDictionary<long, string>();
        using var stop = new CancellationTokenSource();

        async Task Client(int n)
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var id = $"INC-{n}-{i}";
                try
                {
                    var r = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts(id)));
                    if (r.StatusCode == HttpStatusCode.OK) acked[long.Parse(r.Headers.GetValues(ServeEndpoints.SeqHeader).Single())] = id;
                }
                catch (HttpRequestException) { } // the server is gone
                catch (TaskCanceledException) { }
            }
        }

        var clients = Enumerable.Range(0, 8).Select(n => Task.Run(() => Client(n))).ToArray();
        while (acked.Count < 100) await Task.Delay(10);
        s.Kill(); // SIGKILL while the clients keep writing
        stop.Cancel();
        await Task.WhenAll(clients);
        await s.DisposeAsync();

        // Every answered record is in the file, intact and chained (a torn tail, if any, was never answered).
        var result = LogVerifier.Verify([log]);
        Assert.True(result.Ok, result.Break?.ToString());
        var incidents = new Dictionary<long, string>();
        foreach (var line in File.ReadLines(log))
        {
            if (!line.EndsWith('}')) continue;
            var e = JsonDocument.Parse(line).RootElement;
            incidents[e.GetProperty("seq").GetInt64()] = e.GetProperty("decision").GetProperty("incidentId").GetString()!;
        }
        Assert.All(acked, a => Assert.Equal(a.Value, incidents.GetValueOrDefault(a.Key)));

        // A restart truncates any torn line and continues the chain from the last record.
        await using var again = await ServeProcess.StartAsync(_work, "--policies", _bundle.Dir, "--decision-log", log, "--no-watch");
        var next = await again.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts("INC-after")));
        Assert.Equal((result.LastSeq + 1).ToString(), next.Headers.GetValues(ServeEndpoints.SeqHeader).Single());
        var after = LogVerifier.Verify([log]);
        Assert.True(after.Ok, after.Break?.ToString());
        Assert.Empty(after.Notes);
        Assert.Equal(result.LastSeq + 1, after.LastSeq);
    }
}
