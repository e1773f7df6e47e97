using System.Buffers;
using System.Threading.Channels;

namespace Verdict.Cli.DecisionLog;

/// <summary>When records reach the disk.</summary>
public enum LogFlush
{
    /// <summary>Every record is fsynced before its response is sent (records of concurrent requests share one fsync).</summary>
    Always,
    /// <summary>Every record is handed to the operating system before its response is sent (survives a crash of the
    /// process, not of the machine); the file is fsynced every <see cref="DecisionLogOptions.FlushIntervalMs"/>.</summary>
    Interval,
}

/// <summary>Settings of the decision log.</summary>
public sealed record DecisionLogOptions
{
    /// <summary>The active file; rotated files sit next to it.</summary>
    public required string Path { get; init; }
    /// <summary>When records reach the disk.</summary>
    public LogFlush Flush { get; init; } = LogFlush.Always;
    /// <summary>With <see cref="LogFlush.Interval"/>: milliseconds between fsyncs.</summary>
    public int FlushIntervalMs { get; init; } = 100;
    /// <summary>Rotate the active file before it grows past this many bytes; 0 never rotates.</summary>
    public long MaxBytes { get; init; }
    /// <summary>The operator's key for checkpoint MACs (<c>--log-key-file</c>); null writes unsigned checkpoints.</summary>
    public byte[]? Key { get; init; }
    /// <summary>Write a checkpoint record after this many records; 0 never (except after a recovered fault, and at
    /// open when a key is set).</summary>
    public long CheckpointEvery { get; init; } = 10_000;
    /// <summary>After a write failure, milliseconds between attempts to write again (a freed disk is noticed).</summary>
    public int RetryMs { get; init; } = 1000;
    /// <summary>Opens the active file for appending; replaceable to inject faults in tests.</summary>
    public Func<string, Stream> OpenForAppend { get; init; } = OpenAtEnd;

    /// <summary>Opens (or creates) a file for writing at its end. Not <see cref="FileMode.Append"/>: recovering from
    /// a failed write must be able to cut the file back.</summary>
    public static Stream OpenAtEnd(string path)
    {
        var fs = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        fs.Seek(0, SeekOrigin.End);
        return fs;
    }
}

/// <summary>The log cannot be opened or written.</summary>
public sealed class DecisionLogException(string message) : Exception(message);

/// <summary>
/// Appends hash-chained decision records to a JSON-lines file. One background loop owns the file: requests enqueue
/// records and wait; the loop numbers and chains them in arrival order, writes the whole batch with one write,
/// syncs it once (group commit) and only then releases every waiter. So the chain order is the file order, and no
/// response is sent for a record the file does not hold. A write failure fails the batch (those requests get 503),
/// cuts the file back to the last synced record and faults the log; every <see cref="DecisionLogOptions.RetryMs"/>
/// it tries again by writing a checkpoint, and once that is on disk decisions resume.
/// </summary>
public sealed class DecisionLogWriter : IAsyncDisposable
{
    private sealed class Pending(LogEntry entry)
    {
        public LogEntry Entry { get; } = entry;
        public long Seq;
        public TaskCompletionSource<long> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private readonly DecisionLogOptions _options;
    private readonly Action<string> _say;
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Lock _io = new();
    private readonly Task _loop;
    private readonly Timer? _syncTimer;
    private readonly Timer _retryTimer;
    private readonly ArrayBufferWriter<byte> _batch = new(64 * 1024);
    private Stream _stream;
    // What is synced (or, with Interval, handed to the OS): the state a failed batch falls back to.
    private long _size, _seq, _sinceCheckpoint;
    private string _prev;
    private bool _dirty;
    private volatile Exception? _fault;
    private FileStream? _lock;
    private long _fsyncs, _records;

    /// <summary>Sequence number of the last record written.</summary>
    public long LastSeq => Interlocked.Read(ref _seq);
    /// <summary>Hash of the last record written (the head of the chain).</summary>
    public string LastHash => Volatile.Read(ref _prev);
    /// <summary>The active file.</summary>
    public string Path => _options.Path;
    /// <summary>Null while the log works; the failure once it does not.</summary>
    public Exception? Fault => _fault;
    /// <summary>fsyncs (or, with Interval, writes) of batches so far: records / fsyncs is the group-commit factor.</summary>
    public long Fsyncs => Interlocked.Read(ref _fsyncs);
    /// <summary>Records written since the log was opened.</summary>
    public long RecordsWritten => Interlocked.Read(ref _records);

    private DecisionLogWriter(DecisionLogOptions options, Action<string> say, Stream stream, long size, long seq, string prev)
    {
        _options = options;
        _say = say;
        _stream = stream;
        _size = size;
        _seq = seq;
        _prev = prev;
        _loop = Task.Run(RunAsync);
        if (options.Flush == LogFlush.Interval)
            _syncTimer = new Timer(_ => SyncIfDirty(), null, options.FlushIntervalMs, options.FlushIntervalMs);
        _retryTimer = new Timer(_ => TryRecover(), null, Timeout.Infinite, Timeout.Infinite);
    }

    /// <summary>
    /// Opens the log for appending: removes a torn last line left by a crash, verifies the whole active file (a log
    /// corrupted in the middle is refused, never appended to), then continues the chain from its last record or,
    /// when it is empty, from the newest rotated file.
    /// </summary>
    /// <param name="options">Where and how to write.</param>
    /// <param name="say">Receives one-line notes (a torn line removed, checkpoints, faults and recoveries).</param>
    public static DecisionLogWriter Open(DecisionLogOptions options, Action<string> say)
    {
        try
        {
            var dir = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(options.Path))!;
            Directory.CreateDirectory(dir);
            // One writer per log: a second server appending to the same file would interleave two chains.
            FileStream lockFile;
            try { lockFile = new FileStream(options.Path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None); }
            catch (IOException)
            {
                throw new DecisionLogException($"decision log `{options.Path}` is in use by another process; give each server its own --decision-log");
            }
            try
            {
                var (seq, prev) = Recover(options.Path, say);
                if (seq == 0)
                    foreach (var (_, rotated) in LogFiles.Rotated(options.Path).Reverse())
                    {
                        (seq, prev) = Recover(rotated, say);
                        if (seq > 0) break;
                    }
                var stream = options.OpenForAppend(options.Path);
                var w = new DecisionLogWriter(options, say, stream, stream.CanSeek ? stream.Length : 0, seq, prev) { _lock = lockFile };
                if (options.Key is not null) w.Checkpoint("open");
                return w;
            }
            catch
            {
                lockFile.Dispose();
                throw;
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DecisionLogException($"cannot open decision log `{options.Path}`: {e.Message}");
        }
    }

    /// <summary>Truncates a torn last line, verifies the file and returns its chain head (0 and genesis when it has no record).</summary>
    private static (long Seq, string Prev) Recover(string path, Action<string> say)
    {
        // Nothing to read in a missing or empty file (or in a device such as /dev/full, which reads forever).
        if (!File.Exists(path)) return (0, LogRecord.Genesis);
        using (var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read))
        {
            if (fs.Length == 0) return (0, LogRecord.Genesis);
            var complete = LogFiles.LastNewline(fs, fs.Length) + 1;
            if (complete < fs.Length)
            {
                var tail = new byte[Math.Min(64, fs.Length - complete)];
                fs.Position = complete;
                fs.ReadExactly(tail);
                if (!LogVerifier.LooksTorn(tail))
                    throw new DecisionLogException($"decision log `{path}` ends in {fs.Length - complete} bytes that are not a record; " +
                                                   $"refusing to append. run `verdict log verify {path}` and move the file aside");
                say($"decision log `{path}`: removed a torn last line ({fs.Length - complete} bytes) left by a crash; that record was never answered");
                fs.SetLength(complete);
                fs.Flush(true);
            }
        }
        // The whole file, not only its last line: appending after a corrupted middle would bury the damage.
        var check = LogVerifier.Verify([path], new VerifyOptions { AllowLaterStart = true });
        if (check.Break is { } b)
            throw new DecisionLogException($"decision log `{path}` is broken at line {b.Line}: {b.Reason}; refusing to append. " +
                                           $"run `verdict log verify {path}` and move the file aside");
        return check.Records == 0 ? (0, LogRecord.Genesis) : (check.LastSeq, check.LastHash);
    }

    /// <summary>Appends a record; completes with its sequence number once it is as durable as the flush mode promises.</summary>
    public async ValueTask<long> AppendAsync(LogEntry entry, CancellationToken cancel = default)
    {
        if (_fault is { } f) throw Failed(f);
        var p = new Pending(entry);
        await _queue.Writer.WriteAsync(p, cancel);
        return await p.Done.Task;
    }

    private DecisionLogException Failed(Exception e) =>
        new($"decision log `{_options.Path}` failed: {e.Message}; retrying every {_options.RetryMs} ms");

    private async Task RunAsync()
    {
        var batch = new List<Pending>(256);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < 1024 && reader.TryRead(out var p)) batch.Add(p);
            if (_fault is { } f)
            {
                foreach (var p in batch) p.Done.TrySetException(Failed(f));
                batch.Clear();
                continue;
            }
            try
            {
                lock (_io) Commit(batch);
                foreach (var p in batch) p.Done.TrySetResult(p.Seq);
            }
            catch (Exception e)
            {
                Fail(e);
                foreach (var p in batch) p.Done.TrySetException(Failed(e));
            }
            batch.Clear();
        }
    }

    /// <summary>Chains, writes and syncs a batch, with a checkpoint inside it wherever one falls due. The synced
    /// state (size, number, head) moves only after a write has succeeded, so a failure falls back to a state that
    /// matches the file.</summary>
    private void Commit(List<Pending> batch)
    {
        var seq = _seq;
        var prev = _prev;
        var since = _sinceCheckpoint;
        var count = 0;
        string? announce = null;
        _batch.Clear();
        foreach (var p in batch)
        {
            var (line, hash) = LogRecord.Build(seq + 1, p.Entry, prev);
            if (_options.MaxBytes > 0 && _size + _batch.WrittenCount > 0 && _size + _batch.WrittenCount + line.Length > _options.MaxBytes)
            {
                WriteBatch(seq, prev, count, since);
                count = 0;
                Rotate();
            }
            _batch.Write(line);
            p.Seq = ++seq;
            prev = hash;
            count++;
            since++;
            if (_options.CheckpointEvery > 0 && since >= _options.CheckpointEvery)
            {
                var (cp, cpHash) = CheckpointLine(seq + 1, prev, "interval");
                _batch.Write(cp);
                announce = Announcement(++seq, cpHash, "interval");
                prev = cpHash;
                count++;
                since = 0;
            }
        }
        WriteBatch(seq, prev, count, since);
        if (announce is not null) _say(announce);
    }

    /// <summary>Writes what <see cref="_batch"/> holds in one write, syncs it as the flush mode says, then takes
    /// <paramref name="seq"/> and <paramref name="head"/> as the synced state.</summary>
    private void WriteBatch(long seq, string head, int count, long since)
    {
        if (_batch.WrittenCount == 0) return;
        _stream.Write(_batch.WrittenSpan);
        if (_options.Flush == LogFlush.Always) Sync();
        else { _stream.Flush(); _dirty = true; }
        Interlocked.Increment(ref _fsyncs);
        Interlocked.Add(ref _records, count);
        _size += _batch.WrittenCount;
        _sinceCheckpoint = since;
        Volatile.Write(ref _prev, head);
        Interlocked.Exchange(ref _seq, seq);
        _batch.Clear();
    }

    private (byte[] Line, string Hash) CheckpointLine(long seq, string head, string reason) =>
        LogRecord.Build(seq, new LogEntry(LogCheckpoint.Kind, DateTime.UtcNow, "", "",
            LogCheckpoint.Payload(seq, head, reason, _options.CheckpointEvery, _options.Key)), head);

    private string Announcement(long seq, string hash, string reason) =>
        $"verdict serve: decision log checkpoint ({reason}) `{_options.Path}` record {seq} after {seq - 1} records, head {hash}" +
        (_options.Key is null ? "" : " (signed)");

    /// <summary>Writes a checkpoint record on its own (at open, after a recovered fault) and prints it.</summary>
    private void Checkpoint(string reason)
    {
        var seq = _seq + 1;
        var (line, hash) = CheckpointLine(seq, _prev, reason);
        _batch.Clear();
        _batch.Write(line);
        WriteBatch(seq, hash, 1, 0);
        _say(Announcement(seq, hash, reason));
    }

    private void Sync()
    {
        if (_stream is FileStream fs) fs.Flush(flushToDisk: true);
        else _stream.Flush();
    }

    /// <summary>Faults the log: cuts the file back to the last synced record and schedules retries.</summary>
    private void Fail(Exception e)
    {
        lock (_io)
        {
            if (_fault is null) _say($"verdict serve: decision log `{_options.Path}` cannot be written ({e.Message}); decisions are refused until it can");
            _fault = e;
            _batch.Clear();
            try { _stream.Dispose(); } catch (Exception) { } // a failed write may fail again on close; the file is reopened
        }
        _retryTimer.Change(_options.RetryMs, Timeout.Infinite);
    }

    /// <summary>Reopens the file, cuts any partial batch and proves the disk takes writes again with a checkpoint.</summary>
    private void TryRecover()
    {
        lock (_io)
        {
            if (_fault is null) return;
            try
            {
                var stream = _options.OpenForAppend(_options.Path);
                if (stream.CanSeek && stream.Length != _size)
                {
                    stream.SetLength(_size);
                    stream.Seek(0, SeekOrigin.End);
                }
                _stream = stream;
                Checkpoint("recovered");
                _say($"verdict serve: decision log `{_options.Path}` writable again; decisions resume after record {_seq}");
                _fault = null;
                return;
            }
            catch (Exception e)
            {
                try { _stream.Dispose(); } catch (Exception) { }
                _fault = e;
            }
        }
        try { _retryTimer.Change(_options.RetryMs, Timeout.Infinite); } catch (ObjectDisposedException) { }
    }

    /// <summary>Syncs and closes the active file, renames it to the next rotated name and starts an empty one. The chain
    /// simply goes on: the first record of the new file carries the hash of the last record of the old one.</summary>
    private void Rotate()
    {
        Sync();
        _stream.Dispose();
        var next = (LogFiles.Rotated(_options.Path).LastOrDefault().Number) + 1;
        File.Move(_options.Path, LogFiles.RotatedName(_options.Path, next));
        _stream = _options.OpenForAppend(_options.Path);
        _size = 0;
    }

    private void SyncIfDirty()
    {
        try
        {
            lock (_io)
            {
                if (!_dirty || _fault is not null) return;
                Sync();
                _dirty = false;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { Fail(e); }
    }

    /// <summary>Writes what is queued, syncs and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_syncTimer is not null) await _syncTimer.DisposeAsync();
        await _retryTimer.DisposeAsync();
        lock (_io)
        {
            try { if (_fault is null) Sync(); } catch (IOException) { } catch (ObjectDisposedException) { }
            try { _stream.Dispose(); } catch (IOException) { } // a failed log has already said why
        }
        _lock?.Dispose();
    }
}
