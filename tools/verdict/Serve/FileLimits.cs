using System.Globalization;
using System.Runtime.InteropServices;

namespace Verdict.Cli.Serve;

/// <summary>The process's open-file limit, so the connection limit can stay below it: running out of descriptors
/// makes the runtime fail in ways it cannot recover from ("Out of memory." and exit).</summary>
public static class FileLimits
{
    /// <summary>Descriptors kept back for the runtime's own files (a running service holds about 230: assemblies,
    /// pipes, the listener), the bundle, the decision log and the file watcher.</summary>
    public const long Reserve = 256;

    /// <summary>The soft limit on open files, or null when it cannot be read (not Linux, or unlimited).</summary>
    public static long? OpenFiles()
    {
        try
        {
            if (!File.Exists("/proc/self/limits")) return null;
            foreach (var line in File.ReadLines("/proc/self/limits"))
            {
                if (!line.StartsWith("Max open files", StringComparison.Ordinal)) continue;
                var parts = line["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length > 0 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;
            }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    /// <summary>Raises the soft open-file limit to the hard one (as the Go runtime and nginx do); Linux only, best effort.</summary>
    public static void RaiseToHardLimit()
    {
        if (!OperatingSystem.IsLinux() || IntPtr.Size != 8) return;
        try
        {
            if (GetRLimit(NoFile, out var l) == 0 && l.Current < l.Max)
            {
                l.Current = l.Max;
                _ = SetRLimit(NoFile, in l);
            }
        }
        catch (DllNotFoundException) { }
        catch (EntryPointNotFoundException) { }
    }

    /// <summary>The connection limit to apply: <paramref name="wanted"/>, lowered to half of what the open-file limit
    /// leaves after <see cref="Reserve"/>. The other half is headroom: connections over the limit are accepted
    /// (each a descriptor) before they are closed, and a burst of them must not reach the limit either.</summary>
    public static long Connections(long wanted, long? openFiles) =>
        openFiles is { } n ? Math.Max(1, Math.Min(wanted, (n - Reserve) / 2)) : wanted;

    private const int NoFile = 7; // RLIMIT_NOFILE on Linux

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Max;
    }

#pragma warning disable SYSLIB1054 // DllImport of a blittable struct needs no unsafe code, LibraryImport would
    [DllImport("libc", EntryPoint = "getrlimit")]
    private static extern int GetRLimit(int resource, out RLimit limit);

    [DllImport("libc", EntryPoint = "setrlimit")]
    private static extern int SetRLimit(int resource, in RLimit limit);
#pragma warning restore SYSLIB1054
}
