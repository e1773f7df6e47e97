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

/// <summary>
/// Checks hash chains: each record's hash over its own bytes, consecutive sequence numbers, and each <c>prev</c>
/// equal to the hash of the record before, across files in chain order. A missing final newline on the very last
/// line is a crash that cut a record short (never answered; <c>verdict serve</c> removes it on start), reported as a
/// note. What a chain cannot show by itself is records cut off the end: compare the head hash with a copy kept
/// elsewhere (see docs/serve.md).
/// </summary>
public static class LogVerifier
{
    /// <summary>Verifies files; they are put in chain order by their first sequence number.</summary>
    public static VerifyResult Verify(IReadOnlyList<string> files)
    {
        var notes = new List<string>();
        var ordered = Order(files);
        long records = 0, first = 0, expectedSeq = 0;
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
                    if (f == ordered.Count - 1)
                    {
                        notes.Add($"{file}:{lineNo}: note: the last line is incomplete (a crash cut it short before it was answered); ignored");
                        break;
                    }
                    return Broken(new ChainBreak(file, lineNo, null, "the line is incomplete (no final newline) but later files follow"));
                }
                var problem = LogRecord.TryParse(bytes, out var r);
                if (problem is not null)
                    return Broken(new ChainBreak(file, lineNo, r.Seq == 0 ? null : r.Seq, problem));
                if (prevHash is null)
                {
                    first = r.Seq;
                    if (r.Seq == 1 && r.Prev != LogRecord.Genesis)
                        return Broken(new ChainBreak(file, lineNo, r.Seq, $"the first record's `prev` is `{r.Prev}`, expected the genesis value"));
                    if (r.Seq != 1) notes.Add($"{file}:{lineNo}: note: the chain starts at record {r.Seq}; earlier files were not given, so its `prev` is taken on trust");
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
                prevHash = r.Hash;
                expectedSeq = r.Seq + 1;
                records++;
            }
        }
        return new VerifyResult(records, first, expectedSeq - 1, prevHash ?? LogRecord.Genesis, null, notes);

        VerifyResult Broken(ChainBreak b) => new(records, first, expectedSeq - 1, prevHash ?? LogRecord.Genesis, b, notes);
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
