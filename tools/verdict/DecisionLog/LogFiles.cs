namespace Verdict.Cli.DecisionLog;

/// <summary>File plumbing of the decision log: rotated file names, the last line of a file, reading lines.</summary>
public static class LogFiles
{
    /// <summary>
    /// Rotated files of an active log, oldest first: <c>verdict-decisions.jsonl</c> rotates to
    /// <c>verdict-decisions-000001.jsonl</c>, <c>-000002</c>, … (so a shell glob lists them before the active file).
    /// </summary>
    public static IReadOnlyList<(int Number, string Path)> Rotated(string activePath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(activePath))!;
        var stem = Path.GetFileNameWithoutExtension(activePath);
        var ext = Path.GetExtension(activePath);
        if (!Directory.Exists(dir)) return [];
        var found = new List<(int, string)>();
        foreach (var f in Directory.EnumerateFiles(dir, $"{stem}-*{ext}"))
        {
            var middle = Path.GetFileName(f)[(stem.Length + 1)..^ext.Length];
            if (middle.Length == 6 && int.TryParse(middle, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n))
                found.Add((n, f));
        }
        return found.OrderBy(x => x.Item1).ToList();
    }

    /// <summary>The name the active file gets when it is rotated for the <paramref name="number"/>th time.</summary>
    public static string RotatedName(string activePath, int number)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(activePath))!;
        return Path.Combine(dir, $"{Path.GetFileNameWithoutExtension(activePath)}-{number:D6}{Path.GetExtension(activePath)}");
    }

    /// <summary>Index of the last <c>\n</c> before <paramref name="before"/>, or -1; reads backwards in blocks.</summary>
    public static long LastNewline(FileStream fs, long before)
    {
        var block = new byte[64 * 1024];
        var end = before;
        while (end > 0)
        {
            var start = Math.Max(0, end - block.Length);
            var n = (int)(end - start);
            fs.Position = start;
            fs.ReadExactly(block, 0, n);
            var i = block.AsSpan(0, n).LastIndexOf((byte)'\n');
            if (i >= 0) return start + i;
            end = start;
        }
        return -1;
    }

    /// <summary>The last complete line of a file (without its newline), or null when it has none.</summary>
    /// <param name="fs">An open, readable file.</param>
    /// <param name="completeLength">Bytes up to and including the last newline.</param>
    public static byte[]? LastLine(FileStream fs, long completeLength)
    {
        if (completeLength <= 0) return null;
        var start = LastNewline(fs, completeLength - 1) + 1;
        var line = new byte[completeLength - 1 - start];
        fs.Position = start;
        fs.ReadExactly(line);
        return line;
    }

    /// <summary>Lines of a stream with whether each ended in a newline (only the last one can be unterminated).</summary>
    public static IEnumerable<(byte[] Line, bool Terminated)> Lines(Stream s)
    {
        var buffer = new byte[64 * 1024];
        var pending = new MemoryStream();
        int n;
        while ((n = s.Read(buffer, 0, buffer.Length)) > 0)
        {
            var from = 0;
            int i;
            while ((i = Array.IndexOf(buffer, (byte)'\n', from, n - from)) >= 0)
            {
                pending.Write(buffer, from, i - from);
                yield return (pending.ToArray(), true);
                pending.SetLength(0);
                from = i + 1;
            }
            pending.Write(buffer, from, n - from);
        }
        if (pending.Length > 0) yield return (pending.ToArray(), false);
    }
}
