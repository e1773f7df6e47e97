using System.Text;
using System.Text.Json;
using Verdict.Cli.DecisionLog;

namespace Verdict.Cli.Tests;

/// <summary>The hash-chained decision log: writing, crash recovery, rotation and <c>verdict log verify</c>.</summary>
public sealed class LogVerifyTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verdict-log-").FullName;
    private string Active => Path.Combine(_dir, "decisions.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Records_are_numbered_and_each_prev_is_the_hash_of_the_one_before()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 5);
        var records = File.ReadAllLines(Active).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1L, 2, 3, 4, 5], records.Select(r => r.GetProperty("seq").GetInt64()));
        Assert.Equal(LogRecord.Genesis, records[0].GetProperty("prev").GetString());
        for (var i = 1; i < records.Count; i++)
            Assert.Equal(records[i - 1].GetProperty("hash").GetString(), records[i].GetProperty("prev").GetString());
        var result = LogVerifier.Verify([Active]);
        Assert.True(result.Ok);
        Assert.Equal(5, result.Records);
        Assert.Equal(records[^1].GetProperty("hash").GetString(), result.LastHash);
    }

    [Fact]
    public async Task The_hash_covers_the_exact_bytes_of_the_record_without_its_hash()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 1);
        var line = File.ReadAllText(Active).TrimEnd('\n');
        var cut = line.LastIndexOf(",\"hash\":", StringComparison.Ordinal);
        var expected = LogRecord.Sha256(Encoding.UTF8.GetBytes(line[..cut] + "}"));
        Assert.Equal(expected, JsonDocument.Parse(line).RootElement.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task Verify_detects_a_changed_byte_in_the_middle_and_names_file_and_line()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 9);
        var bytes = File.ReadAllBytes(Active);
        var lines = File.ReadAllLines(Active);
        var offset = lines.Take(4).Sum(l => l.Length + 1) + lines[4].IndexOf("INC-4", StringComparison.Ordinal) + 4;
        bytes[offset] = (byte)'7'; // INC-4 → INC-7 in record 5
        File.WriteAllBytes(Active, bytes);

        var result = LogVerifier.Verify([Active]);
        Assert.False(result.Ok);
        Assert.Equal(5, result.Break!.Line);
        Assert.Equal(5, result.Break.Seq);
        Assert.Equal(4, result.Records);
        Assert.Equal($"{Active}:5: error: record 5: the record's content does not match its `hash` (it was changed after it was written)", result.Break.ToString());

        var (exit, _, err) = VerdictRun.Run(_dir, "log", "verify", Active);
        Assert.Equal(1, exit);
        Assert.StartsWith($"{Active}:5: error: record 5:", err);
    }

    [Fact]
    public async Task Verify_detects_a_removed_record_and_a_recomputed_hash()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 5);
        var lines = File.ReadAllLines(Active).ToList();
        lines.RemoveAt(2);
        File.WriteAllLines(Active, lines);
        Assert.Equal("expected record 3: records 3..3 are missing", LogVerifier.Verify([Active]).Break!.Reason);

        // A forger who fixes the hash of a changed record still breaks the link to the next one.
        File.Delete(Active);
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 3);
        lines = File.ReadAllLines(Active).ToList();
        var forged = lines[1].Replace("INC-1", "INC-X", StringComparison.Ordinal);
        var body = forged[..forged.LastIndexOf(",\"hash\":", StringComparison.Ordinal)];
        lines[1] = body + ",\"hash\":\"" + LogRecord.Sha256(Encoding.UTF8.GetBytes(body + "}")) + "\"}";
        File.WriteAllLines(Active, lines);
        var broken = LogVerifier.Verify([Active]).Break!;
        Assert.Equal(3, broken.Line);
        Assert.StartsWith("`prev` is", broken.Reason);
    }

    [Fact]
    public async Task Opening_after_a_crash_truncates_a_torn_last_line_and_continues_the_chain()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 3);
        var head = LogVerifier.Verify([Active]).LastHash;
        await File.AppendAllTextAsync(Active, "{\"seq\":4,\"kind\":\"incident\",\"recei"); // the crash
        Assert.True(LogVerifier.Verify([Active]).Ok); // a torn tail is a note, not a break
        Assert.Single(LogVerifier.Verify([Active]).Notes);

        var said = new List<string>();
        await using (var w = DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, said.Add))
        {
            Assert.Equal(3, w.LastSeq);
            Assert.Equal(head, w.LastHash);
            Assert.Equal(4, await w.AppendAsync(LogFile.Entry("INC-4")));
        }
        Assert.Contains("removed a torn last line", Assert.Single(said));
        var result = LogVerifier.Verify([Active]);
        Assert.True(result.Ok);
        Assert.Empty(result.Notes);
        Assert.Equal(4, result.Records);
    }

    [Fact]
    public async Task Opening_refuses_a_log_whose_last_record_is_broken()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 2);
        File.WriteAllText(Active, File.ReadAllText(Active).Replace("INC-1", "INC-9", StringComparison.Ordinal));
        var e = Assert.Throws<DecisionLogException>(() => DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, _ => { }));
        Assert.Contains("verdict log verify", e.Message);
    }

    [Fact]
    public async Task A_second_writer_on_the_same_log_is_refused()
    {
        await using var first = DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, _ => { });
        var e = Assert.Throws<DecisionLogException>(() => DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, _ => { }));
        Assert.Contains("in use by another process", e.Message);
        await first.AppendAsync(LogFile.Entry());
        Assert.True(LogVerifier.Verify([Active]).Ok); // readers are welcome while it writes
    }

    [Fact]
    public async Task Rotation_by_size_keeps_one_chain_across_files_verified_in_any_order()
    {
        var options = new DecisionLogOptions { Path = Active, MaxBytes = 700 };
        await LogFile.WriteAsync(options, 10);
        await LogFile.WriteAsync(options, 4, "INC-again-"); // reopening continues from the active file
        var rotated = LogFiles.Rotated(Active).Select(r => r.Path).ToList();
        Assert.True(rotated.Count >= 3);
        Assert.All(rotated.Append(Active), f => Assert.True(new FileInfo(f).Length <= 700));

        var firstOfSecond = JsonDocument.Parse(File.ReadLines(rotated[1]).First()).RootElement;
        var lastOfFirst = JsonDocument.Parse(File.ReadLines(rotated[0]).Last()).RootElement;
        Assert.Equal(lastOfFirst.GetProperty("hash").GetString(), firstOfSecond.GetProperty("prev").GetString());

        var files = rotated.Append(Active).Reverse().ToList(); // order does not matter
        var result = LogVerifier.Verify(files);
        Assert.True(result.Ok, result.Break?.ToString());
        Assert.Equal(14, result.Records);
        Assert.Equal(1, result.FirstSeq);

        // Leaving a middle file out is a gap.
        var gap = LogVerifier.Verify(files.Where(f => f != rotated[1]).ToList());
        Assert.Contains("missing", gap.Break!.Reason);
    }

    [Fact]
    public async Task An_active_file_lost_after_rotation_continues_from_the_newest_rotated_file()
    {
        var options = new DecisionLogOptions { Path = Active, MaxBytes = 700 };
        await LogFile.WriteAsync(options, 6);
        File.Delete(Active); // e.g. a crash between the rename and the first write of the new file
        var last = LogVerifier.Verify(LogFiles.Rotated(Active).Select(r => r.Path).ToList()).LastSeq;
        await LogFile.WriteAsync(options, 1);
        var all = LogFiles.Rotated(Active).Select(r => r.Path).Append(Active).ToList();
        var result = LogVerifier.Verify(all);
        Assert.True(result.Ok, result.Break?.ToString());
        Assert.Equal(last + 1, result.LastSeq);
    }

    [Fact]
    public async Task Interval_flushing_writes_the_same_chain()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active, Flush = LogFlush.Interval, FlushIntervalMs = 10 }, 20);
        Assert.Equal(20, LogVerifier.Verify([Active]).Records);
    }

    [Fact]
    public async Task Concurrent_appends_get_distinct_consecutive_numbers_in_file_order()
    {
        await using (var w = DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, _ => { }))
        {
            var seqs = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => Task.Run(async () => await w.AppendAsync(LogFile.Entry($"INC-{i}")))));
            Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seqs.Order());
        }
        Assert.True(LogVerifier.Verify([Active]).Ok);
    }

    [Fact]
    public async Task Log_verify_command_says_ok_with_the_head_hash_and_exits_0()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 3);
        var (exit, output, _) = VerdictRun.Run(_dir, "log", "verify", Active);
        Assert.Equal(0, exit);
        Assert.StartsWith("ok: 3 records (1..3) in 1 file; head sha256:", output);
        Assert.Equal(ExitCodes.Usage, VerdictRun.Run(_dir, "log", "verify", Path.Combine(_dir, "missing.jsonl")).Exit);
    }
}
