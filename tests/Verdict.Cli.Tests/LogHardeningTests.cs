using System.Net;
using System.Text;
using System.Text.Json;
using Verdict.Cli.Commands;
using Verdict.Cli.DecisionLog;

namespace Verdict.Cli.Tests;

/// <summary>The decision log under faults and tampering: a full disk that is freed again, a head cut off, garbage
/// at the end, corruption in the middle, a chain rewritten by someone without the key.</summary>
public sealed class LogHardeningTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("verdict-loghard-").FullName;
    private string Active => Path.Combine(_dir, "decisions.jsonl");

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A log file whose writes fail with "no space left on device" while <see cref="Full"/> is set.</summary>
    private sealed class Disk
    {
        public volatile bool Full;
        public Stream Open(string path) => new DiskStream((FileStream)DecisionLogOptions.OpenAtEnd(path), this);
    }

    private sealed class DiskStream(FileStream inner, Disk disk) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => true;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => inner.Position = value; }
        public override void Flush() => inner.Flush(flushToDisk: true);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);
        public override void SetLength(long value) => inner.SetLength(value);
        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (disk.Full)
            {
                inner.Write(buffer[..Math.Min(10, buffer.Length)]); // a partial write, as a filling disk leaves
                throw new IOException("No space left on device");
            }
            inner.Write(buffer);
        }
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }

    private static byte[] Key => Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef-operator");

    [Fact]
    public async Task After_a_full_disk_is_freed_the_log_writes_again_and_readiness_returns()
    {
        var disk = new Disk();
        var bundle = new ServeBundle();
        try
        {
            await using var s = await ServeInProcess.StartAsync(bundle.Dir, o => o with
            {
                DecisionLog = new DecisionLogOptions { Path = Active, OpenForAppend = disk.Open, RetryMs = 100 },
            });
            Assert.Equal(HttpStatusCode.OK, (await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts("INC-1")))).StatusCode);
            disk.Full = true;
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts("INC-2")))).StatusCode);
            await Task.Delay(300);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, (await s.Client.GetAsync("/readyz")).StatusCode);
            disk.Full = false;
            var ready = HttpStatusCode.ServiceUnavailable;
            for (var i = 0; i < 50 && ready != HttpStatusCode.OK; i++)
            {
                await Task.Delay(100);
                ready = (await s.Client.GetAsync("/readyz")).StatusCode;
            }
            Assert.Equal(HttpStatusCode.OK, ready);
            Assert.Equal(HttpStatusCode.OK, (await s.Client.PostAsync("/v1/decisions", ServeInProcess.Json(ServeBundle.Facts("INC-3")))).StatusCode);
            lock (s.Said) Assert.Contains(s.Said, l => l.Contains("writable again", StringComparison.Ordinal));
        }
        finally { bundle.Dispose(); }
        var result = LogVerifier.Verify([Active]);
        Assert.True(result.Ok, result.Break?.ToString());
        Assert.Equal(3, result.Records); // INC-1, the recovery checkpoint, INC-3: the failed record left no bytes
    }

    [Fact]
    public async Task After_a_failed_write_the_sequence_number_is_that_of_the_last_record_on_disk()
    {
        var disk = new Disk();
        await using var w = DecisionLogWriter.Open(new DecisionLogOptions { Path = Active, OpenForAppend = disk.Open, RetryMs = 60_000 }, _ => { });
        await w.AppendAsync(LogFile.Entry("INC-1"));
        disk.Full = true;
        await Assert.ThrowsAsync<DecisionLogException>(async () => await w.AppendAsync(LogFile.Entry("INC-2")));
        Assert.NotNull(w.Fault);
        Assert.Equal(1, w.LastSeq);
        Assert.Equal(LogVerifier.Verify([Active]).LastHash, w.LastHash);
    }

    [Fact]
    public async Task Verify_rejects_a_log_whose_first_records_were_cut_off()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 5);
        File.WriteAllLines(Active, File.ReadAllLines(Active).Skip(2));
        var result = LogVerifier.Verify([Active]);
        Assert.False(result.Ok);
        Assert.Contains("records 1..2 are missing", result.Break!.Reason);
        Assert.Equal(LogCommand.Broken, VerdictRun.Run(_dir, "log", "verify", Active).Exit);
    }

    [Fact]
    public async Task Verify_rejects_unterminated_garbage_after_the_last_record_but_notes_a_torn_record()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 3);
        var good = File.ReadAllBytes(Active);
        File.WriteAllBytes(Active, [.. good, .. "{\"seq\":4,\"kind\":\"inc"u8.ToArray()]);
        Assert.True(LogVerifier.Verify([Active]).Ok);
        File.WriteAllBytes(Active, [.. good, .. "rm -rf / # not a record"u8.ToArray()]);
        var result = LogVerifier.Verify([Active]);
        Assert.False(result.Ok);
        Assert.Contains("not a record", result.Break!.Reason);
    }

    [Fact]
    public async Task Opening_refuses_to_append_after_corruption_in_the_middle()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 5);
        var lines = File.ReadAllLines(Active);
        lines[2] = lines[2].Replace("INC-2", "INC-X", StringComparison.Ordinal);
        File.WriteAllText(Active, string.Join('\n', lines) + "\n");
        var before = File.ReadAllBytes(Active);
        var e = Assert.Throws<DecisionLogException>(() => DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, _ => { }));
        Assert.Contains("line 3", e.Message);
        Assert.Contains("refusing to append", e.Message);
        Assert.Equal(before, File.ReadAllBytes(Active));
    }

    [Fact]
    public async Task Opening_refuses_a_log_that_ends_in_garbage_rather_than_cut_it_away()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active }, 2);
        await File.AppendAllTextAsync(Active, "garbage without newline");
        var e = Assert.Throws<DecisionLogException>(() => DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, _ => { }));
        Assert.Contains("not a record", e.Message);
        Assert.EndsWith("garbage without newline", File.ReadAllText(Active));
    }

    [Fact]
    public async Task A_checkpoint_every_n_records_names_the_count_and_head_before_it()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active, CheckpointEvery = 4 }, 9);
        var records = File.ReadAllLines(Active).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var checkpoints = records.Where(r => r.GetProperty("kind").GetString() == "checkpoint").ToList();
        Assert.Equal([5L, 10L], checkpoints.Select(c => c.GetProperty("seq").GetInt64()));
        var c = checkpoints[0].GetProperty("decision").GetProperty("checkpoint");
        Assert.Equal(4, c.GetProperty("records").GetInt64());
        Assert.Equal(records[3].GetProperty("hash").GetString(), c.GetProperty("head").GetString());
        Assert.True(LogVerifier.Verify([Active]).Ok);
    }

    [Fact]
    public async Task Signed_checkpoints_verify_with_the_key_and_a_chain_rewritten_without_it_does_not()
    {
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active, Key = Key, CheckpointEvery = 3 }, 7);
        Assert.True(LogVerifier.Verify([Active], new VerifyOptions { Key = Key }).Ok);

        // Someone who can write the file, but holds no key, rebuilds a consistent chain with other decisions.
        var forged = Path.Combine(_dir, "forged.jsonl");
        await LogFile.WriteAsync(new DecisionLogOptions { Path = forged, Key = Encoding.UTF8.GetBytes(new string('k', 40)), CheckpointEvery = 3 }, 7, "FORGED-");
        Assert.True(LogVerifier.Verify([forged]).Ok); // the chain alone cannot tell
        var result = LogVerifier.Verify([forged], new VerifyOptions { Key = Key });
        Assert.False(result.Ok);
        Assert.Contains("`mac` does not verify", result.Break!.Reason);

        // Nor can the checkpoints simply be left out.
        var unsigned = Path.Combine(_dir, "unsigned.jsonl");
        await LogFile.WriteAsync(new DecisionLogOptions { Path = unsigned, CheckpointEvery = 0 }, 7);
        Assert.Contains("no checkpoint", LogVerifier.Verify([unsigned], new VerifyOptions { Key = Key }).Break!.Reason);
    }

    [Fact]
    public async Task Log_verify_takes_the_key_file_and_fails_a_log_signed_with_another_key()
    {
        var keyFile = Path.Combine(_dir, "log.key");
        await File.WriteAllBytesAsync(keyFile, Key);
        await LogFile.WriteAsync(new DecisionLogOptions { Path = Active, Key = Key, CheckpointEvery = 3 }, 4);
        Assert.Equal(0, VerdictRun.Run(_dir, "log", "verify", "--log-key-file", keyFile, Active).Exit);
        await File.WriteAllTextAsync(keyFile, new string('z', 40));
        Assert.Equal(LogCommand.Broken, VerdictRun.Run(_dir, "log", "verify", "--log-key-file", keyFile, Active).Exit);
    }

    [Fact]
    public async Task Concurrent_records_share_fsyncs()
    {
        await using var w = DecisionLogWriter.Open(new DecisionLogOptions { Path = Active }, _ => { });
        await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () => await w.AppendAsync(LogFile.Entry($"INC-{i}")))));
        Assert.Equal(400, w.RecordsWritten);
        Assert.True(w.Fsyncs < 400, $"{w.Fsyncs} fsyncs for 400 records");
    }
}
