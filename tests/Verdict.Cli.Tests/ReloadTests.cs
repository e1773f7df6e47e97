using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Verdict.Cli.Serve;

namespace Verdict.Cli.Tests;

/// <summary>Hot reload in process: the endpoint, failures that keep the last good bundle, file changes, pinning.</summary>
public sealed class ReloadTests : IDisposable
{
    private const string Token = "reload-token-0123456789";
    private readonly ServeBundle _bundle = new();

    public void Dispose() => _bundle.Dispose();

    private async Task<ServeInProcess> Start(Func<ServeOptions, ServeOptions>? tweak = null, Action<WebApplicationBuilder>? configure = null)
    {
        var s = await ServeInProcess.StartAsync(_bundle.Dir, o => (tweak ?? (x => x))(o with { Token = Token }), configure);
        s.Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return s;
    }

    private static async Task<string> Digest(ServeInProcess s) =>
        JsonDocument.Parse(await s.Client.GetStringAsync("/v1/bundle")).RootElement.GetProperty("digest").GetString()!;

    [Fact]
    public async Task Reload_endpoint_swaps_in_a_changed_bundle_and_reports_both_digests()
    {
        await using var s = await Start();
        var before = await Digest(s);
        _bundle.Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: test-bundle\nversion: 2.0.0\n");
        var r = await s.Client.PostAsync("/v1/bundle/reload", null);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        var b = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.True(b.GetProperty("changed").GetBoolean());
        Assert.Equal(before, b.GetProperty("previousDigest").GetString());
        Assert.Equal("2.0.0", b.GetProperty("version").GetString());
        Assert.NotEqual(before, await Digest(s));
        Assert.Contains(s.Said, l => l.Contains("reloaded (POST /v1/bundle/reload)") && l.Contains(before));
    }

    [Fact]
    public async Task A_failed_reload_keeps_the_last_good_bundle_and_says_why_in_bundle_and_log_line()
    {
        await using var s = await Start();
        var good = await Digest(s);
        _bundle.Write("severity/matrix.yaml", ServeBundle.Matrix.Replace("HIT", "first").Replace("data.records", "data.recrods"));
        var r = await s.Client.PostAsync("/v1/bundle/reload", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, r.StatusCode);
        var p = JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(good, p.GetProperty("digest").GetString());
        Assert.Contains("VD1203", p.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("code").GetString()));

        var b = JsonDocument.Parse(await s.Client.GetStringAsync("/v1/bundle")).RootElement;
        Assert.Equal(good, b.GetProperty("digest").GetString());
        var error = b.GetProperty("lastReloadError");
        Assert.Equal("POST /v1/bundle/reload", error.GetProperty("trigger").GetString());
        var first = error.GetProperty("errors")[0];
        Assert.EndsWith("severity/matrix.yaml", first.GetProperty("file").GetString());
        Assert.True(first.GetProperty("line").GetInt32() > 0);
        Assert.Contains("data.recrods", first.GetProperty("message").GetString());
        Assert.Contains(s.Said, l => l.Contains("failed, still serving") && l.Contains(good) && l.Contains("VD1203"));

        // Decisions go on with the good bundle; fixing the file and reloading clears the error.
        var d = await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts()));
        Assert.Equal(good, d.Headers.GetValues(ServeEndpoints.DigestHeader).Single());
        _bundle.Write("severity/matrix.yaml", ServeBundle.Matrix.Replace("HIT", "first"));
        Assert.Equal(HttpStatusCode.OK, (await s.Client.PostAsync("/v1/bundle/reload", null)).StatusCode);
        b = JsonDocument.Parse(await s.Client.GetStringAsync("/v1/bundle")).RootElement;
        Assert.Equal(JsonValueKind.Null, b.GetProperty("lastReloadError").ValueKind);
    }

    [Fact]
    public async Task A_changed_policy_file_is_reloaded_after_the_debounce()
    {
        await using var s = await Start(o => o with { Watch = true, DebounceMs = 50 });
        var before = await Digest(s);
        _bundle.Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: test-bundle\nversion: 3.0.0\n");
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Digest(s) == before && DateTime.UtcNow < deadline) await Task.Delay(25);
        Assert.NotEqual(before, await Digest(s));
        Assert.Contains(s.Host.Bundles.Current.Bundle.Version, "3.0.0");
    }

    [Fact]
    public async Task A_request_in_flight_finishes_on_the_bundle_it_started_with()
    {
        // Tells the test when the handler first reads the body: by then the request has pinned its bundle.
        var reading = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var s = await Start(configure: b => b.Services.AddSingleton<IStartupFilter>(new BodyReadSignal(reading)));
        var before = await Digest(s);
        var release = new TaskCompletionSource();
        var pending = s.Client.PostAsync("/v1/decisions", new SlowBody(Encoding.UTF8.GetBytes(ServeBundle.Facts()), release.Task));
        await reading.Task;

        _bundle.Write("bundle.yaml", "apiVersion: verdict.dev/v1\nkind: Bundle\nname: test-bundle\nversion: 4.0.0\n");
        Assert.Equal(HttpStatusCode.OK, (await s.Client.PostAsync("/v1/bundle/reload", null)).StatusCode);
        Assert.NotEqual(before, await Digest(s));

        release.SetResult();
        var r = await pending;
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.Equal(before, r.Headers.GetValues(ServeEndpoints.DigestHeader).Single());
        Assert.Equal(before, JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("bundle").GetProperty("digest").GetString());
    }

    /// <summary>A body that sends its first byte, then waits before sending the rest.</summary>
    private sealed class SlowBody(byte[] bytes, Task release) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, 1));
            await stream.FlushAsync();
            await release;
            await stream.WriteAsync(bytes.AsMemory(1));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}

/// <summary>Wraps each POST body so that its first read completes <paramref name="reading"/>.</summary>
internal sealed class BodyReadSignal(TaskCompletionSource reading) : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (ctx, nxt) =>
        {
            if (HttpMethods.IsPost(ctx.Request.Method) && ctx.Request.Path == "/v1/decisions") ctx.Request.Body = new Signal(ctx.Request.Body, reading);
            await nxt(ctx);
        });
        next(app);
    };

    private sealed class Signal(Stream inner, TaskCompletionSource reading) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            reading.TrySetResult();
            return inner.ReadAsync(buffer, cancellationToken);
        }
        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
