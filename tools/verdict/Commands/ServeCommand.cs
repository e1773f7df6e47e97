using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Verdict.Cli.DecisionLog;
using Verdict.Cli.Serve;
using Verdict.Diagnostics;

namespace Verdict.Cli.Commands;

/// <summary><c>verdict serve</c>: the HTTP decision service.</summary>
public static class ServeCommand
{
    /// <summary>Creates the command.</summary>
    public static Command Create()
    {
        var policies = new Option<string>("--policies") { Description = "policy bundle folder (holds bundle.yaml)", Required = true };
        var urls = new Option<string>("--urls") { Description = "where to listen, e.g. http://127.0.0.1:8080 (several separated by ;)", DefaultValueFactory = _ => "http://127.0.0.1:8080" };
        var tokenFile = new Option<string?>("--token-file") { Description = "file holding the bearer token (else env VERDICT_TOKEN); required beyond loopback" };
        var logFile = new Option<string>("--decision-log") { Description = "decision log file (JSON lines, hash-chained)", DefaultValueFactory = _ => "verdict-decisions.jsonl" };
        var noLog = new Option<bool>("--no-decision-log") { Description = "do not keep a decision log" };
        var flush = new Option<string>("--log-flush") { Description = "always: fsync each record before answering; interval: fsync every --log-flush-ms", DefaultValueFactory = _ => "always" };
        flush.AcceptOnlyFromAmong("always", "interval");
        var flushMs = new Option<int>("--log-flush-ms") { Description = "milliseconds between fsyncs with --log-flush interval", DefaultValueFactory = _ => 100 };
        var maxBytes = new Option<long>("--log-max-bytes") { Description = "rotate the decision log past this size (0: never)", DefaultValueFactory = _ => 0 };
        var maxBody = new Option<long>("--max-body-bytes") { Description = "largest request body accepted", DefaultValueFactory = _ => 1024 * 1024 };
        var noWatch = new Option<bool>("--no-watch") { Description = "do not reload when policy files change (SIGHUP and POST /v1/bundle/reload still do)" };
        var allowCSharp = new Option<bool>("--allow-csharp") { Description = "allow policies written in C#" };
        var maxConnections = new Option<long>("--max-connections") { Description = "most connections open at once; more are closed at accept", DefaultValueFactory = _ => 1000 };
        var idle = new Option<int>("--idle-timeout-seconds") { Description = "close a connection idle this long (before or between requests)", DefaultValueFactory = _ => 15 };
        var headers = new Option<int>("--headers-timeout-seconds") { Description = "a client must send its request headers within this time", DefaultValueFactory = _ => 10 };
        var minRate = new Option<int>("--min-data-rate") { Description = "slowest body upload and response download, bytes/s (after a 5 s grace)", DefaultValueFactory = _ => 1024 };
        var maxErrors = new Option<int>("--max-errors") { Description = "most errors listed in one 400 answer (the total is always given)", DefaultValueFactory = _ => 20 };
        var logKey = new Option<string?>("--log-key-file") { Description = "file holding the key (32+ bytes) that signs decision-log checkpoints (HMAC-SHA256)" };
        var checkpointEvery = new Option<long>("--log-checkpoint-every") { Description = "write a checkpoint record (count and head hash) after this many records; 0 never", DefaultValueFactory = _ => 10_000 };
        var cmd = new Command("serve", "serve decisions over HTTP, reloading the bundle when it changes")
            { policies, urls, tokenFile, logFile, noLog, flush, flushMs, maxBytes, maxBody, noWatch, allowCSharp, maxConnections, idle, headers, minRate, maxErrors, logKey, checkpointEvery };
        cmd.SetAction(r =>
        {
            if (r.GetValue(flushMs) < 1 || r.GetValue(maxBytes) < 0 || r.GetValue(maxBody) < 1 || r.GetValue(maxConnections) < 1 ||
                r.GetValue(idle) < 1 || r.GetValue(headers) < 1 || r.GetValue(minRate) < 1 || r.GetValue(maxErrors) < 1)
            {
                Console.Error.WriteLine("error: --log-flush-ms, --max-body-bytes, --max-connections, --idle-timeout-seconds, --headers-timeout-seconds, " +
                                        "--min-data-rate and --max-errors must be positive, --log-max-bytes 0 or more");
                return ExitCodes.Usage;
            }
            string? token;
            try { token = ReadToken(r.GetValue(tokenFile)); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Console.Error.WriteLine($"error: {e.Message}\n  help: put the token alone in the file, or set VERDICT_TOKEN");
                return ExitCodes.Usage;
            }
            byte[]? key = null;
            if (r.GetValue(logKey) is { } kf)
            {
                try { key = LogCheckpoint.ReadKey(kf); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
                {
                    Console.Error.WriteLine($"error: cannot use the log key: {e.Message}");
                    return ExitCodes.Usage;
                }
            }
            if (r.GetValue(checkpointEvery) < 0)
            {
                Console.Error.WriteLine("error: --log-checkpoint-every must be 0 or more");
                return ExitCodes.Usage;
            }
            var options = new ServeOptions
            {
                Policies = r.GetValue(policies)!,
                Urls = r.GetValue(urls)!,
                Token = token,
                MaxBodyBytes = r.GetValue(maxBody),
                MaxConnections = r.GetValue(maxConnections),
                IdleTimeout = TimeSpan.FromSeconds(r.GetValue(idle)),
                HeadersTimeout = TimeSpan.FromSeconds(r.GetValue(headers)),
                MinDataRate = r.GetValue(minRate),
                MaxErrorsPerAnswer = r.GetValue(maxErrors),
                AllowCSharp = r.GetValue(allowCSharp),
                Watch = !r.GetValue(noWatch),
                ReloadOnSighup = true,
                DecisionLog = r.GetValue(noLog) ? null : new DecisionLogOptions
                {
                    Path = r.GetValue(logFile)!,
                    Flush = r.GetValue(flush) == "interval" ? LogFlush.Interval : LogFlush.Always,
                    FlushIntervalMs = r.GetValue(flushMs),
                    MaxBytes = r.GetValue(maxBytes),
                    Key = key,
                    CheckpointEvery = r.GetValue(checkpointEvery),
                },
            };
            return Run(options);
        });
        return cmd;
    }

    private static string? ReadToken(string? file)
    {
        var token = file is not null ? File.ReadAllText(file).Trim() : Environment.GetEnvironmentVariable("VERDICT_TOKEN")?.Trim();
        if (token is null) return null;
        if (token.Length < 16 || token.Any(char.IsWhiteSpace))
            throw new InvalidDataException($"the token {(file is null ? "in VERDICT_TOKEN" : $"in `{file}`")} must be at least 16 characters without spaces");
        return token;
    }

    private static int Run(ServeOptions options)
    {
        if (options.CheckExposure() is { } refusal)
        {
            Console.Error.WriteLine($"error: {refusal}");
            return ExitCodes.Usage;
        }
        var clock = Stopwatch.StartNew();
        ServeHost host;
        try { host = ServeHost.Create(options); }
        catch (VerdictException e) { Cli.Print(e.Diagnostics); return ExitCodes.PoliciesInvalid; }
        catch (DecisionLogException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return ExitCodes.Usage;
        }
        try
        {
            try { host.StartAsync().GetAwaiter().GetResult(); }
            catch (IOException e)
            {
                var why = e.Message[(e.Message.LastIndexOf(": ", StringComparison.Ordinal) + 1)..].Trim().TrimEnd('.');
                Console.Error.WriteLine($"error: cannot listen on `{options.Urls}`: {why}\n  help: stop the other server or pick another port with --urls");
                return ExitCodes.Internal;
            }
            var b = host.Bundles.Current.Bundle;
            options.Say($"verdict serve: {b.Name} {b.Version} {b.Digest} on {string.Join(", ", host.Addresses)}; " +
                        (options.DecisionLog is { } lo ? $"decision log {lo.Path} (flush {lo.Flush.ToString().ToLowerInvariant()}, from record {host.Log!.LastSeq + 1})" : "no decision log") +
                        (options.Token is null ? "" : "; bearer token required") + $"; ready in {clock.ElapsedMilliseconds} ms");
            host.App.WaitForShutdownAsync().GetAwaiter().GetResult();
            options.Say("verdict serve: stopping");
            return ExitCodes.Ok;
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
