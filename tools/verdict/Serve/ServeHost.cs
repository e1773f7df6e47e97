using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using System.Security.Cryptography;
using System.Text;
using Verdict.Cli.Commands;
using Verdict.Cli.DecisionLog;
using Verdict.Compilation;

namespace Verdict.Cli.Serve;

/// <summary>
/// The decision service: the bundle holder, the decision log, reload triggers and a minimal-API app on Kestrel.
/// Build it with <see cref="Create"/>, then <see cref="StartAsync"/>; tests pass a configure callback that swaps
/// Kestrel for the in-memory test server.
/// </summary>
public sealed class ServeHost : IAsyncDisposable
{
    private readonly ServeOptions _options;
    private ReloadTriggers? _triggers;

    /// <summary>The web application.</summary>
    public WebApplication App { get; }
    /// <summary>The bundle in service and its reloads.</summary>
    public BundleHolder Bundles { get; }
    /// <summary>The decision log, or null when disabled.</summary>
    public DecisionLogWriter? Log { get; }
    /// <summary>The counters behind <c>GET /metrics</c>.</summary>
    public ServeMetrics Metrics { get; }

    private ServeHost(ServeOptions options, WebApplication app, BundleHolder bundles, DecisionLogWriter? log, ServeMetrics metrics)
    {
        _options = options;
        App = app;
        Bundles = bundles;
        Log = log;
        Metrics = metrics;
    }

    /// <summary>
    /// Loads the bundle (throws <see cref="Diagnostics.VerdictException"/> when invalid), opens the decision log (throws
    /// <see cref="DecisionLogException"/>) and builds the app.
    /// </summary>
    public static ServeHost Create(ServeOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var metrics = new ServeMetrics();
        var bundleOptions = new BundleOptions { AllowCSharp = options.AllowCSharp };
        PolicyBundle Load() => BundleCache.Load(options.Policies, bundleOptions);
        // The first load (most of the start-up time) runs while the web host is built.
        var first = Task.Run(Load);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Logging.ClearProviders(); // the service writes its own one-line messages
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.Limits.RequestHeadersTimeout = options.HeadersTimeout;
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(60);
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            // A client that trickles its body or does not read its response is cut off instead of holding a connection.
            k.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
            k.Limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 1024, gracePeriod: TimeSpan.FromSeconds(5));
        });
        configure?.Invoke(builder);
        var app = builder.Build();
        var bundles = new BundleHolder(first.GetAwaiter().GetResult(), Load, options.Say, metrics);
        var log = options.DecisionLog is { } lo ? DecisionLogWriter.Open(lo, options.Say) : null;
        var host = new ServeHost(options, app, bundles, log, metrics);
        host.Configure(app);
        return host;
    }

    private void Configure(WebApplication app)
    {
        var endpoints = new ServeEndpoints(_options, Bundles, Log, Metrics);
        var lifetime = app.Services.GetService(typeof(IHostApplicationLifetime)) as IHostApplicationLifetime;
        var tokenHash = _options.Token is { } t ? SHA256.HashData(Encoding.UTF8.GetBytes(t)) : null;

        app.Use(async (ctx, next) =>
        {
            // Pin one bundle for the whole request: a reload mid-request does not change its answer.
            var snap = Bundles.Current;
            ctx.Items[ServeEndpoints.SnapshotKey] = snap;
            ctx.Response.Headers[ServeEndpoints.DigestHeader] = snap.Bundle.Digest;
            try
            {
                if (Denied(ctx, tokenHash) is { } denial) await denial;
                else await next(ctx);
                if (!ctx.Response.HasStarted && ctx.Response.ContentLength is null && ctx.Response.StatusCode is 404 or 405)
                    await (ctx.Response.StatusCode == 404
                        ? HttpProblems.Write(ctx, 404, "not-found", "no such endpoint", $"`{ctx.Request.Path}` is not an endpoint of this service")
                        : HttpProblems.Write(ctx, 405, "method-not-allowed", $"`{ctx.Request.Method}` is not allowed on `{ctx.Request.Path}`",
                            $"allowed: {ctx.Response.Headers.Allow}"));
            }
            catch (Exception e) when (!ctx.RequestAborted.IsCancellationRequested && e is not OperationCanceledException)
            {
                _options.Say($"verdict serve: internal error on {ctx.Request.Method} {ctx.Request.Path}: {e.Message}");
                if (!ctx.Response.HasStarted)
                {
                    ctx.Response.Clear();
                    ctx.Response.Headers[ServeEndpoints.DigestHeader] = snap.Bundle.Digest;
                    await HttpProblems.Write(ctx, 500, "internal-error", "internal error", "the server failed on this request; it is logged");
                }
            }
            Metrics.Rejected(ctx.Response.StatusCode);
        });

        app.MapPost("/v1/decisions", endpoints.Decide);
        app.MapPost("/v1/access", endpoints.Access);
        app.MapGet("/v1/bundle", endpoints.Bundle);
        app.MapPost("/v1/bundle/reload", endpoints.Reload);
        app.MapGet("/healthz", ServeEndpoints.Health);
        app.MapGet("/readyz", ctx => endpoints.Ready(ctx, lifetime?.ApplicationStopping.IsCancellationRequested == true));
        app.MapGet("/metrics", endpoints.Metrics);
    }

    /// <summary>A 401/403 response when the request may not proceed, else null. Health probes stay open so that a
    /// load balancer can probe without the token; they reveal nothing but "up".</summary>
    private Task? Denied(HttpContext ctx, byte[]? tokenHash)
    {
        var path = ctx.Request.Path.Value ?? "";
        var reload = path == "/v1/bundle/reload";
        if (path is "/healthz" or "/readyz") return null;
        if (tokenHash is null)
            return reload && HttpMethods.IsPost(ctx.Request.Method)
                ? HttpProblems.Write(ctx, 403, "forbidden", "reloading over HTTP needs a token",
                    "start the server with --token-file or VERDICT_TOKEN, or send it SIGHUP, or change a policy file")
                : null;
        var header = ctx.Request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var given = SHA256.HashData(Encoding.UTF8.GetBytes(header[7..].Trim()));
            if (CryptographicOperations.FixedTimeEquals(given, tokenHash)) return null;
        }
        ctx.Response.Headers.WWWAuthenticate = "Bearer";
        return HttpProblems.Write(ctx, 401, "unauthorized", "a valid bearer token is required", "send `Authorization: Bearer <token>`");
    }

    /// <summary>Starts listening and watching for reloads.</summary>
    public async Task StartAsync(CancellationToken cancel = default)
    {
        await App.StartAsync(cancel);
        _triggers = new ReloadTriggers(_options, Bundles);
    }

    /// <summary>The addresses actually bound (useful with port 0).</summary>
    public IReadOnlyList<string> Addresses =>
        App.Services.GetService(typeof(Microsoft.AspNetCore.Hosting.Server.IServer)) is Microsoft.AspNetCore.Hosting.Server.IServer s &&
        s.Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>() is { } f ? f.Addresses.ToList() : [];

    /// <summary>Stops taking requests, finishes those in flight, then closes the decision log.</summary>
    public async ValueTask DisposeAsync()
    {
        _triggers?.Dispose();
        try { await App.StopAsync(); } catch (OperationCanceledException) { }
        await App.DisposeAsync();
        if (Log is not null) await Log.DisposeAsync();
    }
}
