using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
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
        FileLimits.RaiseToHardLimit();
        var connections = FileLimits.Connections(options.MaxConnections, FileLimits.OpenFiles());
        if (connections < options.MaxConnections)
            options.Say($"verdict serve: the open-file limit allows {connections} connections, not {options.MaxConnections}; " +
                        "raise it with `ulimit -n` to accept more");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            // Connections beyond the limit are closed at accept: idle sockets cannot exhaust the descriptors.
            k.Limits.MaxConcurrentConnections = connections;
            k.Limits.MaxConcurrentUpgradedConnections = 0;
            k.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            k.Limits.RequestHeadersTimeout = options.HeadersTimeout;
            k.Limits.KeepAliveTimeout = options.IdleTimeout;
            k.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            k.Limits.MaxRequestHeaderCount = 64;
            k.Limits.MaxRequestLineSize = 8 * 1024;
            k.Limits.Http2.MaxStreamsPerConnection = 16;
            // A client that trickles its body or does not read its response is cut off instead of holding a connection.
            k.Limits.MinRequestBodyDataRate = new MinDataRate(options.MinDataRate, options.MinDataRateGrace);
            k.Limits.MinResponseDataRate = new MinDataRate(options.MinDataRate, options.MinDataRateGrace);
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
        var access = new EndpointAccess(_options.Token);

        // Routing first, so that authorization reads the matched endpoint's metadata: `/V1/BUNDLE/RELOAD` and
        // `/v1/bundle/reload/` are the reload endpoint to routing, so they are to the check as well.
        app.UseRouting();
        app.Use(async (ctx, next) =>
        {
            // Pin one bundle for the whole request: a reload mid-request does not change its answer.
            var snap = Bundles.Current;
            ctx.Items[ServeEndpoints.SnapshotKey] = snap;
            try
            {
                if (access.Deny(ctx, EndpointAccess.Of(ctx)) is { } denial) await denial;
                else
                {
                    // The digest says which law decided; a caller without the token learns nothing about the bundle.
                    if (!access.TokenRequired || EndpointAccess.Of(ctx) != Access.Open || access.Authenticated(ctx))
                        ctx.Response.Headers[ServeEndpoints.DigestHeader] = snap.Bundle.Digest;
                    await next(ctx);
                }
                if (!ctx.Response.HasStarted && ctx.Response.ContentLength is null && ctx.Response.StatusCode is 404 or 405)
                    await (ctx.Response.StatusCode == 404
                        ? HttpProblems.Write(ctx, 404, "not-found", "no such endpoint", $"`{ctx.Request.Path}` is not an endpoint of this service")
                        : HttpProblems.Write(ctx, 405, "method-not-allowed", $"`{ctx.Request.Method}` is not allowed on `{ctx.Request.Path}`",
                            $"allowed: {ctx.Response.Headers.Allow}"));
            }
            catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
            {
                // The client went away: its decision was abandoned, nobody is left to answer.
                ctx.Abort();
            }
            catch (Exception e)
            {
                // Logged in one line; the answer never carries a stack or a .NET type name.
                _options.Say($"verdict serve: internal error on {ctx.Request.Method} {ctx.Request.Path}: {OneLine(e.Message)}");
                if (!ctx.Response.HasStarted)
                {
                    var digest = ctx.Response.Headers[ServeEndpoints.DigestHeader];
                    ctx.Response.Clear();
                    if (digest.Count > 0) ctx.Response.Headers[ServeEndpoints.DigestHeader] = digest;
                    await HttpProblems.Write(ctx, 500, "internal-error", "internal error", "the server failed on this request; it is logged");
                }
                else ctx.Abort();
            }
            Metrics.Rejected(ctx.Response.StatusCode);
        });

        app.MapPost("/v1/decisions", endpoints.Decide).WithAccess(Access.Token);
        app.MapPost("/v1/access", endpoints.Access).WithAccess(Access.Token);
        app.MapGet("/v1/bundle", endpoints.Bundle).WithAccess(Access.Token);
        app.MapPost("/v1/bundle/reload", endpoints.Reload).WithAccess(Access.StateChange);
        app.MapGet("/healthz", ServeEndpoints.Health).WithAccess(Access.Open);
        app.MapGet("/readyz", ctx => endpoints.Ready(ctx, lifetime?.ApplicationStopping.IsCancellationRequested == true, access.TokenRequired && !access.Authenticated(ctx)))
            .WithAccess(Access.Open);
        app.MapGet("/metrics", endpoints.Metrics).WithAccess(Access.Token);
    }

    private static string OneLine(string s) => string.Join(' ', s.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries));

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
