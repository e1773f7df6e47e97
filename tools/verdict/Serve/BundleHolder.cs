using Verdict.Compilation;
using Verdict.Diagnostics;

namespace Verdict.Cli.Serve;

/// <summary>The bundle being served and when it was loaded.</summary>
public sealed record BundleSnapshot(PolicyBundle Bundle, DateTimeOffset LoadedAt);

/// <summary>Why the last reload did not take.</summary>
public sealed record ReloadFailure(DateTimeOffset At, string Trigger, IReadOnlyList<Diagnostic> Errors);

/// <summary>What one reload did.</summary>
public sealed record ReloadOutcome(bool Ok, bool Changed, BundleSnapshot Serving, BundleSnapshot? Previous, ReloadFailure? Failure);

/// <summary>
/// Holds the bundle in service. A request reads <see cref="Current"/> once and keeps that bundle to the end, so a
/// reload never changes a decision half-way. Reloads load, validate and compile off the request path, one at a time,
/// then publish the new bundle with a single reference swap; a bundle that fails to load never replaces a good one.
/// </summary>
public sealed class BundleHolder
{
    private readonly Func<PolicyBundle> _load;
    private readonly Action<string> _say;
    private readonly ServeMetrics _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private BundleSnapshot _current;
    private ReloadFailure? _lastFailure;

    /// <summary>Serves <paramref name="first"/>; <paramref name="load"/> loads the folder again on each reload.</summary>
    public BundleHolder(PolicyBundle first, Func<PolicyBundle> load, Action<string> say, ServeMetrics metrics)
    {
        _load = load;
        _say = say;
        _metrics = metrics;
        _current = new BundleSnapshot(first, DateTimeOffset.UtcNow);
    }

    /// <summary>The bundle in service now.</summary>
    public BundleSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Why the last reload failed, until a later one succeeds.</summary>
    public ReloadFailure? LastFailure => Volatile.Read(ref _lastFailure);

    /// <summary>Loads the folder again and swaps it in when it is valid.</summary>
    /// <param name="trigger">What asked for it (<c>file change</c>, <c>SIGHUP</c>, <c>POST /v1/bundle/reload</c>), for the log line.</param>
    public async Task<ReloadOutcome> ReloadAsync(string trigger)
    {
        await _gate.WaitAsync();
        try
        {
            return await ReloadLockedAsync(trigger);
        }
        catch (Exception e)
        {
            // Nothing a reload does may go unrecorded, even a failure in the bookkeeping itself.
            Interlocked.Increment(ref _metrics.ReloadFailures);
            var failure = new ReloadFailure(DateTimeOffset.UtcNow, trigger, [Diagnostic.Error(Codes.FileUnreadable, $"the reload failed: {e.Message.Split('\n')[0]}")]);
            Volatile.Write(ref _lastFailure, failure);
            _say($"verdict serve: reload ({trigger}) failed, still serving {Current.Bundle.Digest}: {failure.Errors[0].Message}");
            return new ReloadOutcome(false, false, Current, null, failure);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Starts a reload nobody awaits (file watcher, SIGHUP); every outcome is recorded by <see cref="ReloadAsync"/>.</summary>
    public void ReloadInBackground(string trigger) => _ = Task.Run(() => ReloadAsync(trigger));

    private async Task<ReloadOutcome> ReloadLockedAsync(string trigger)
    {
        {
            var (bundle, errors) = await Task.Run(() =>
            {
                try { return ((PolicyBundle?)_load(), (IReadOnlyList<Diagnostic>?)null); }
                catch (VerdictException e) { return (null, e.Diagnostics); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    return (null, [Diagnostic.Error(Codes.FileUnreadable, $"cannot read the policy folder: {e.Message}")]);
                }
                catch (Exception e)
                {
                    // Any failure of a reload is recorded like a validation failure: the old bundle serves on, and
                    // the counters, lastReloadError and the log line say so.
                    return (null, [Diagnostic.Error(Codes.FileUnreadable, $"the bundle failed to load: {e.Message.Split('\n')[0]}")]);
                }
            });
            var old = Current;
            Interlocked.Increment(ref _metrics.Reloads);
            if (bundle is null)
            {
                Interlocked.Increment(ref _metrics.ReloadFailures);
                var failure = new ReloadFailure(DateTimeOffset.UtcNow, trigger, errors!);
                Volatile.Write(ref _lastFailure, failure);
                _say($"verdict serve: reload ({trigger}) failed, still serving {old.Bundle.Name} {old.Bundle.Version} {old.Bundle.Digest}: " +
                     $"{errors!.Count} error{(errors.Count == 1 ? "" : "s")}, first: {errors.FirstOrDefault()?.ToString().Split('\n')[0]}");
                return new ReloadOutcome(false, false, old, null, failure);
            }
            Volatile.Write(ref _lastFailure, null);
            if (bundle.Digest == old.Bundle.Digest)
            {
                if (trigger != ReloadTriggers.FileChange) _say($"verdict serve: reload ({trigger}): bundle unchanged ({old.Bundle.Digest})");
                return new ReloadOutcome(true, false, old, old, null);
            }
            var next = new BundleSnapshot(bundle, DateTimeOffset.UtcNow);
            Interlocked.Exchange(ref _current, next);
            _say($"verdict serve: reloaded ({trigger}) {bundle.Name} {bundle.Version} {bundle.Digest} (was {old.Bundle.Digest})");
            return new ReloadOutcome(true, true, next, old, null);
        }
    }
}
