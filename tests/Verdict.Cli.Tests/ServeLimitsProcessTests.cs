using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Verdict.Cli.Tests;

/// <summary><c>verdict serve</c> as a separate process against neighbours that hold connections open or trickle
/// bytes: bounded, loopback only.</summary>
public sealed class ServeLimitsProcessTests : IDisposable
{
    private readonly ServeBundle _bundle = new();
    private readonly string _work = Directory.CreateTempSubdirectory("verdict-limits-").FullName;

    public void Dispose()
    {
        _bundle.Dispose();
        Directory.Delete(_work, recursive: true);
    }

    private static async Task<List<TcpClient>> OpenIdle(Uri url, int count)
    {
        var sockets = new List<TcpClient>();
        for (var i = 0; i < count; i++)
        {
            var c = new TcpClient();
            try { await c.ConnectAsync(url.Host, url.Port); }
            catch (SocketException) { c.Dispose(); continue; } // refused at accept: what the limit is for
            sockets.Add(c);
        }
        return sockets;
    }

    [Fact]
    public async Task Idle_connections_beyond_the_open_file_limit_do_not_kill_the_server()
    {
        // 2,500 idle sockets against a process allowed 1,024 descriptors: the
        // connection limit is lowered to fit.
        await using var s = await ServeProcess.StartAsync(_work, 1024, "--policies", _bundle.Dir, "--no-decision-log", "--no-watch");
        var idle = await OpenIdle(new Uri(s.Url), 2500);
        try
        {
            await Task.Delay(1500);
            Assert.False(s.Process.HasExited, s.Stderr.ToString());
            // With every slot taken a request is refused cleanly (connection closed) or served; either way the process lives.
            try { await s.Client.GetAsync("/healthz"); }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            Assert.False(s.Process.HasExited, s.Stderr.ToString());
        }
        finally { foreach (var c in idle) c.Dispose(); }
        await Task.Delay(500);
        var ok = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts()));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("the open-file limit allows", s.Stderr.ToString());
    }

    [Fact]
    public async Task With_every_connection_slot_held_idle_a_request_is_served_once_the_idle_timeout_frees_them()
    {
        await using var s = await ServeProcess.StartAsync(_work, "--policies", _bundle.Dir, "--no-decision-log", "--no-watch",
            "--max-connections", "20", "--idle-timeout-seconds", "2");
        var idle = await OpenIdle(new Uri(s.Url), 60);
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(4)); // the idle ones are closed by the server
            var ok = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts()));
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            Assert.False(s.Process.HasExited);
        }
        finally { foreach (var c in idle) c.Dispose(); }
    }

    [Fact]
    public async Task A_client_that_trickles_its_body_is_cut_off_by_the_minimum_data_rate()
    {
        await using var s = await ServeProcess.StartAsync(_work, "--policies", _bundle.Dir, "--no-decision-log", "--no-watch", "--min-data-rate", "100");
        var url = new Uri(s.Url);
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(url.Host, url.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes("POST /v1/decisions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n"));
        var started = DateTime.UtcNow;
        var cut = false;
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            while (!budget.IsCancellationRequested)
            {
                await stream.WriteAsync("{"u8.ToArray(), budget.Token); // one byte a second, far below 100 bytes/s
                await Task.Delay(1000, budget.Token);
                if (tcp.Client.Poll(0, SelectMode.SelectRead)) { cut = true; break; } // answered or closed
            }
        }
        catch (IOException) { cut = true; }
        Assert.True(cut, "the trickling client was never cut off");
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(15));
        Assert.False(s.Process.HasExited);
        Assert.Equal(HttpStatusCode.OK, (await s.Client.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task SIGHUP_reloads_even_when_the_parent_started_the_server_ignoring_it_as_nohup_does()
    {
        await using var s = await ServeProcess.StartInShellAsync(_work, "trap '' HUP;", "--policies", _bundle.Dir, "--no-decision-log", "--no-watch");
        _bundle.Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: test-bundle\nversion: 2.0.0\n");
        s.Signal(1);
        for (var i = 0; i < 100 && !s.Stderr.ToString().Contains("reloaded (SIGHUP)", StringComparison.Ordinal); i++) await Task.Delay(100);
        Assert.False(s.Process.HasExited);
        Assert.Contains("reloaded (SIGHUP)", s.Stderr.ToString());
        Assert.Contains("SIGHUP was ignored when the process started", s.Stderr.ToString());
    }
}
