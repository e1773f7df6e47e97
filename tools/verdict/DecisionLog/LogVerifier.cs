namespace Verdict.Cli.DecisionLog;

/// <summary>The first place where a chain breaks.</summary>
/// <param name="File">The file as given.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Seq">The record's sequence number when it could be read.</param>
/// <param name="Reason">What broke, in words.</param>
public sealed record ChainBreak(string File, int Line, long? Seq, string Reason)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: error: " + (Seq is { } s ? $"record {s}: " : "") + Reason;
}

/// <summary>The outcome of checking one or more log files.</summary>
public sealed record VerifyResult(long Records, long FirstSeq, long LastSeq, string LastHash, ChainBreak? Break, IReadOnlyList<string> Notes)
{
    /// <summary>True when every record verifies and links to the one before.</summary>
    public bool Ok => Break is null;
}

/// <summary>How strictly to verify.</summary>
public sealed record VerifyOptions
{
    /// <summary>Accept a chain that starts after record 1 (its first <c>prev</c> taken on trust). Off for
    /// <c>verdict log verify</c>, which proves completeness from the first record; on when the writer checks only the
    /// active file of a rotated log.</summary>
    public bool AllowLaterStart { get; init; }
    /// <summary>The operator's key: every checkpoint's MAC must verify, at least one checkpoint must exist, and no
    /// stretch between checkpoints may be longer than the interval they declare.</summary>
    public byte[]? Key { get; init; }
}

/// <summary>
/// Checks hash chains: each record's hash over its own bytes, consecutive sequence numbers from record 1 (whose
/// <c>prev</c> is the genesis value), and each <c>prev</c> equal to the hash of the record before, across files in
/// chain order. Checkpoint records must name the count and head before them (and, with a key, carry a valid MAC).
/// A missing final newline on the very last line is a crash that cut a record short (never answered; <c>verdict
/// serve</c> removes it on start), reported as a note, but only when those bytes are the start of the next record:
/// anything else after the last record is an error. What a chain cannot show by itself is records cut off the end:
/// compare the head with the last checkpoint kept elsewhere (see docs/security.md).
/// </summary>
public static class LogVerifier
{
    /// <summary>True when an unterminated last line is the start of a record (a torn write), not foreign bytes.</summary>
    public static bool LooksTorn(ReadOnlySpan<byte> tail)
    {
        ReadOnlySpan<byte> start = "{\"seq\":"u8;
        if (tail.Length <= start.Length) return start.StartsWith(tail);
        if (!tail.StartsWith(start)) return false;
        foreach (var b in tail[start.Length..])
        {
            if (b == (byte)',') return true;
            if (b is < (byte)'0' or > (byte)'9') return false;
        }
        return true;
    }

    /// <summary>Verifies files; they are put in chain order by their first sequence number.</summary>
    public static VerifyResult Verify(IReadOnlyList<string> files, VerifyOptions? options = null)
    {
        options ??= new VerifyOptions();
        var notes = new List<string>();
        var ordered = Order(files);
        long records = 0, first = 0, expectedSeq = 0, lastCheckpoint = 0, every = 0, checkpoints = 0;
        string? prevHash = null;
        for (var f = 0; f < ordered.Count; f++)
        {
            var file = ordered[f];
            using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var lineNo = 0;
            foreach (var (bytes, terminated) in LogFiles.Lines(fs))
            {
                lineNo++;
                if (!terminated)
                {
                    if (f != ordered.Count - 1)
                        return Broken(new ChainBreak(file, lineNo, null, "the line is incomplete (no final newline) but later files follow"));
                    if (!LooksTorn(bytes))
                        return Broken(new ChainBreak(file, lineNo, null, "the file ends in bytes that are not a record (no final newline, not the start of one)"));
                    notes.Add($"{file}:{lineNo}: note: the last line is incomplete (a crash cut it short before it was answered); ignored");
                    break;
                }
                var problem = LogRecord.TryParse(bytes, out var r);
                if (problem is not null)
                    return Broken(new ChainBreak(file, lineNo, r.Seq == 0 ? null : r.Seq, problem));
                if (prevHash is null)
                {
                    first = r.Seq;
                    if (r.Seq == 1 && r.Prev != LogRecord.Genesis)
                        return Broken(new ChainBreak(file, lineNo, r.Seq, $"the first record's `prev` is `{r.Prev}`, expected the genesis value"));
                    if (r.Seq < 1)
                        return Broken(new ChainBreak(file, lineNo, r.Seq, "records are numbered from 1"));
                    if (r.Seq != 1 && !options.AllowLaterStart)
                        return Broken(new ChainBreak(file, lineNo, r.Seq,
                            $"the chain starts at record {r.Seq}: records 1..{r.Seq - 1} are missing (the head of the log was cut off, or not every rotated file was given)"));
                    if (r.Seq != 1) notes.Add($"{file}:{lineNo}: note: the chain starts at record {r.Seq}; its `prev` is taken on trust");
                }
                else
                {
                    if (r.Seq != expectedSeq)
                        return Broken(new ChainBreak(file, lineNo, r.Seq,
                            r.Seq > expectedSeq ? $"expected record {expectedSeq}: records {expectedSeq}..{r.Seq - 1} are missing" : $"expected record {expectedSeq}: the record is out of order or repeated"));
                    if (r.Prev != prevHash)
                        return Broken(new ChainBreak(file, lineNo, r.Seq, $"`prev` is `{r.Prev}` but the record before hashes to `{prevHash}`"));
                }
                if (r.DecisionBundleDigest is not null && r.BundleDigest is not null && r.DecisionBundleDigest != r.BundleDigest)
                    return Broken(new ChainBreak(file, lineNo, r.Seq, $"`bundleDigest` is `{r.BundleDigest}` but the decision names bundle `{r.DecisionBundleDigest}`"));
                if (Checkpoint(bytes) is { } cp)
                {
                    if (cp.Records != r.Seq - 1 || cp.Head != r.Prev)
                        return Broken(new ChainBreak(file, lineNo, r.Seq, $"the checkpoint names {cp.Records} records and head `{cp.Head}`, not what precedes it"));
                    if (options.Key is { } key && (cp.Mac is null || !System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                            System.Text.Encoding.ASCII.GetBytes(cp.Mac), System.Text.Encoding.ASCII.GetBytes(LogCheckpoint.Mac(key, r.Seq, cp.Head, cp.Every)))))
                        return Broken(new ChainBreak(file, lineNo, r.Seq, "the checkpoint's `mac` does not verify with this key (the log was rewritten, or signed with another key)"));
                    if (options.Key is not null && every > 0 && checkpoints > 0 && r.Seq - lastCheckpoint - 1 > every)
                        return Broken(new ChainBreak(file, lineNo, r.Seq, $"{r.Seq - lastCheckpoint - 1} records since the last checkpoint, more than its interval of {every}"));
                    lastCheckpoint = r.Seq;
                    every = cp.Every;
                    checkpoints++;
                }
                prevHash = r.Hash;
                expectedSeq = r.Seq + 1;
                records++;
            }
        }
        if (options.Key is not null && records > 0)
        {
            if (checkpoints == 0)
                return Broken(new ChainBreak(ordered[^1], 1, null, "a key was given but the log has no checkpoint: it was not written with this key, or its checkpoints were removed"));
            var after = expectedSeq - 1 - lastCheckpoint;
            if (every > 0 && after > every)
                return Broken(new ChainBreak(ordered[^1], 1, null, $"{after} records after the last checkpoint (record {lastCheckpoint}), more than its interval of {every}"));
            if (after > 0) notes.Add($"note: records {lastCheckpoint + 1}..{expectedSeq - 1} come after the last checkpoint and are not anchored by it");
        }
        return new VerifyResult(records, first, expectedSeq - 1, prevHash ?? LogRecord.Genesis, null, notes);

        VerifyResult Broken(ChainBreak b) => new(records, first, expectedSeq - 1, prevHash ?? LogRecord.Genesis, b, notes);
    }

    private sealed record CheckpointInfo(long Records, string Head, long Every, string? Mac);

    /// <summary>The checkpoint a record holds, or null for a decision record.</summary>
    private static CheckpointInfo? Checkpoint(byte[] line)
    {
        if (line.AsSpan().IndexOf("\"kind\":\"checkpoint\""u8) < 0) return null;
        using var doc = System.Text.Json.JsonDocument.Parse(line);
        var root = doc.RootElement;
        if (!root.TryGetProperty("kind", out var k) || k.GetString() != LogCheckpoint.Kind) return null;
        if (!root.TryGetProperty("decision", out var d) || !d.TryGetProperty("checkpoint", out var c)) return new CheckpointInfo(-1, "", 0, null);
        return new CheckpointInfo(
            c.TryGetProperty("records", out var n) && n.TryGetInt64(out var nv) ? nv : -1,
            c.TryGetProperty("head", out var h) ? h.GetString() ?? "" : "",
            c.TryGetProperty("every", out var e) && e.TryGetInt64(out var ev) ? ev : 0,
            c.TryGetProperty("mac", out var m) ? m.GetString() : null);
    }
    /// <summary>Files sorted by the sequence number of their first record; files whose first line cannot be read keep
    /// their place at the front so that the problem is reported.</summary>
    private static List<string> Order(IReadOnlyList<string> files)
    {
        var keyed = files.Select((f, i) => (File: f, Index: i, Seq: FirstSeq(f))).ToList();
        return keyed.OrderBy(k => k.Seq ?? long.MinValue).ThenBy(k => k.Index).Select(k => k.File).ToList();
    }

    private static long? FirstSeq(string file)
    {
        using var fs = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        foreach (var (bytes, _) in LogFiles.Lines(fs))
            return LogRecord.TryParse(bytes, out var r) is null ? r.Seq : null;
        return long.MaxValue; // empty files go last
    }
}
