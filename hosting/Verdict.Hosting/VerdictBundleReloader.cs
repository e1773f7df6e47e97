using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Verdict.Hosting;

/// <summary>
/// Reloads the bundle when a file under the policy folder changes, after the folder has been quiet for
/// <see cref="VerdictOptions.ReloadDebounce"/>. Failures are recorded by <see cref="VerdictBundles"/>; the last good
/// bundle keeps serving.
/// </summary>
public sealed class VerdictBundleReloader(VerdictBundles bundles, IOptions<VerdictOptions> options) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        if (!o.WatchForChanges || !Directory.Exists(o.PoliciesPath)) return;
        var changed = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(o.PoliciesPath) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        void Signal(object? _, EventArgs __) => changed.Release();
        watcher.Changed += Signal;
        watcher.Created += Signal;
        watcher.Deleted += Signal;
        watcher.Renamed += Signal;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await changed.WaitAsync(stoppingToken);
                // Wait until no event has come for the debounce interval.
                while (await changed.WaitAsync(o.ReloadDebounce, stoppingToken)) { }
                bundles.Reload("file change");
            }
        }
        catch (OperationCanceledException) { }
    }
}
