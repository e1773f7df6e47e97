using System.Net;
using Verdict.Cli.DecisionLog;

namespace Verdict.Cli.Serve;

/// <summary>Settings of <c>verdict serve</c>.</summary>
public sealed record ServeOptions
{
    /// <summary>The policy bundle folder.</summary>
    public required string Policies { get; init; }
    /// <summary>Where to listen, ASP.NET Core syntax, several separated by <c>;</c>.</summary>
    public string Urls { get; init; } = "http://127.0.0.1:8080";
    /// <summary>The bearer token; null serves without authentication (loopback only).</summary>
    public string? Token { get; init; }
    /// <summary>Largest request body accepted; larger ones get 413.</summary>
    public long MaxBodyBytes { get; init; } = 1024 * 1024;
    /// <summary>The decision log; null disables it.</summary>
    public DecisionLogOptions? DecisionLog { get; init; }
    /// <summary>Allow policies written in C#.</summary>
    public bool AllowCSharp { get; init; }
    /// <summary>Reload when files under <see cref="Policies"/> change.</summary>
    public bool Watch { get; init; } = true;
    /// <summary>Reload on SIGHUP (off in tests, which share one process).</summary>
    public bool ReloadOnSighup { get; init; }
    /// <summary>Quiet time after the last file change before a reload starts.</summary>
    public int DebounceMs { get; init; } = 300;
    /// <summary>A client must send its request headers within this time.</summary>
    public TimeSpan HeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);
    /// <summary>A client must send its whole request body within this time.</summary>
    public TimeSpan BodyTimeout { get; init; } = TimeSpan.FromSeconds(30);
    /// <summary>Most connections open at once; more are closed at accept, so idle sockets cannot exhaust file
    /// descriptors. Lowered at start when the process's open-file limit is smaller.</summary>
    public long MaxConnections { get; init; } = 1000;
    /// <summary>A connection idle between requests (or before its first one) is closed after this time.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(15);
    /// <summary>Slowest request body and response accepted, in bytes per second, after a grace period.</summary>
    public double MinDataRate { get; init; } = 1024;
    /// <summary>Grace period before <see cref="MinDataRate"/> applies.</summary>
    public TimeSpan MinDataRateGrace { get; init; } = TimeSpan.FromSeconds(5);
    /// <summary>Most errors listed in one 400 answer (the total is always given).</summary>
    public int MaxErrorsPerAnswer { get; init; } = 20;
    /// <summary>Receives one-line operational messages (stderr by default).</summary>
    public Action<string> Say { get; init; } = Console.Error.WriteLine;

    /// <summary>
    /// Null when the addresses may be served, else why not: listening beyond loopback without a token would hand
    /// decisions (and reloads) to anyone on the network.
    /// </summary>
    public string? CheckExposure()
    {
        if (Token is not null) return null;
        foreach (var url in Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (!IsLoopback(url))
                return $"refusing to listen on `{url}` without a token: set --token-file or VERDICT_TOKEN, or listen on 127.0.0.1";
        return null;
    }

    /// <summary>True for <c>localhost</c>, 127.0.0.0/8 and ::1.</summary>
    public static bool IsLoopback(string url)
    {
        var rest = url.Contains("://", StringComparison.Ordinal) ? url[(url.IndexOf("://", StringComparison.Ordinal) + 3)..] : url;
        var slash = rest.IndexOf('/');
        if (slash >= 0) rest = rest[..slash];
        string host;
        if (rest.StartsWith('[')) host = rest[1..Math.Max(1, rest.IndexOf(']'))];
        else host = rest.LastIndexOf(':') is var colon and >= 0 ? rest[..colon] : rest;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase)) return true;
        return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
    }
}
