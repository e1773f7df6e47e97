using System.Runtime.InteropServices;

namespace Verdict.Cli.Serve;

/// <summary>
/// Starts reloads when the policy folder changes (debounced, so an editor's save or a checkout of many files
/// gives one reload) and on SIGHUP.
/// </summary>
public sealed class ReloadTriggers : IDisposable
{
    /// <summary>The trigger name of watched file changes.</summary>
    public const string FileChange = "file change";

    private readonly BundleHolder _holder;
    private FileSystemWatcher? _watcher;
    private readonly Timer _debounce;
    private readonly PosixSignalRegistration? _hup;
    private readonly int _debounceMs;

    /// <summary>Starts watching as <paramref name="options"/> asks.</summary>
    public ReloadTriggers(ServeOptions options, BundleHolder holder)
    {
        _holder = holder;
        _debounceMs = options.DebounceMs;
        _debounce = new Timer(_ => _holder.ReloadInBackground(FileChange));
        if (options.Watch)
        {
            _watcher = new FileSystemWatcher(Path.GetFullPath(options.Policies))
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += OnChange;
            _watcher.Created += OnChange;
            _watcher.Deleted += OnChange;
            _watcher.Renamed += OnChange;
            _watcher.Error += (_, _) => Poke(); // events were lost: reload to be sure
            try { _watcher.EnableRaisingEvents = true; }
            catch (IOException e) // e.g. the inotify watch limit is reached: serve on, reload by signal or endpoint
            {
                options.Say($"verdict serve: cannot watch `{options.Policies}` for changes ({e.Message}); reload with SIGHUP or POST /v1/bundle/reload");
                _watcher.Dispose();
                _watcher = null;
            }
        }
        if (options.ReloadOnSighup && !OperatingSystem.IsWindows())
        {
            var ignored = SighupIgnoredAtStart();
            if (ignored) RestoreDefault(SigHup); // the runtime leaves an inherited "ignore" alone; take the signal back
            try
            {
                _hup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, ctx =>
                {
                    ctx.Cancel = true; // reload, do not terminate
                    _holder.ReloadInBackground("SIGHUP");
                });
            }
            catch (Exception e) when (e is PlatformNotSupportedException or IOException or UnauthorizedAccessException)
            {
                options.Say($"verdict serve: cannot reload on SIGHUP ({e.Message}); reload with POST /v1/bundle/reload or a file change");
            }
            if (_hup is not null && ignored && SighupIgnoredAtStart())
                options.Say("verdict serve: SIGHUP is ignored by this process (started under nohup?) and will not reload; " +
                            "reload with POST /v1/bundle/reload or a file change, or start it without nohup");
            else if (_hup is not null && ignored)
                options.Say("verdict serve: SIGHUP was ignored when the process started (nohup?); it now reloads the bundle");
        }
    }

    /// <summary>True when the parent started us with SIGHUP ignored (as <c>nohup</c> does); Linux only.</summary>
    private static bool SighupIgnoredAtStart()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("SigIgn:", StringComparison.Ordinal))
                    return (ulong.Parse(line[7..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture) & 1UL) != 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return false;
    }

    private const int SigHup = 1;

    private static void RestoreDefault(int signal)
    {
        try { _ = SetSignal(signal, IntPtr.Zero); } // SIG_DFL
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

#pragma warning disable SYSLIB1054 // no marshalling involved
    [DllImport("libc", EntryPoint = "signal")]
    private static extern IntPtr SetSignal(int signal, IntPtr handler);
#pragma warning restore SYSLIB1054

    private void OnChange(object sender, FileSystemEventArgs e)
    {
        // Policy files and folders only: a decision log or an editor's swap file in the folder must not cause reloads.
        var ext = Path.GetExtension(e.FullPath);
        if (ext is ".yaml" or ".yml" or "" || (e is RenamedEventArgs r && Path.GetExtension(r.OldFullPath) is ".yaml" or ".yml")) Poke();
    }

    private void Poke() => _debounce.Change(_debounceMs, Timeout.Infinite);

    /// <inheritdoc />
    public void Dispose()
    {
        _watcher?.Dispose();
        _hup?.Dispose();
        _debounce.Dispose();
    }
}
