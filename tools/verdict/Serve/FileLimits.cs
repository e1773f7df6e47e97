using System.Globalization;

namespace Verdict.Cli.Serve;

/// <summary>The process's open-file limit, so the connection limit can stay below it: running out of descriptors
/// makes the runtime fail in ways it cannot recover from.</summary>
public static class FileLimits
{
    /// <summary>Descriptors kept back for the bundle, the decision log, the runtime and the file watcher.</summary>
    public const long Reserve = 128;

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

    /// <summary>The connection limit to apply: <paramref name="wanted"/>, lowered to fit the open-file limit.</summary>
    public static long Connections(long wanted, long? openFiles) =>
        openFiles is { } n ? Math.Max(1, Math.Min(wanted, n - Reserve)) : wanted;
}
