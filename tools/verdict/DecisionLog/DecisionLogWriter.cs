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
}

/// <summary>The log cannot be opened or written.</summary>
public sealed class DecisionLogException(string message) : Exception(message);

/// <summary>
/// Appends hash-chained decision records to a JSON-lines file. One background loop owns the file: requests enqueue
/// records and wait; the loop numbers and chains them in arrival order, writes a batch, syncs it once (group commit)
/// and then releases every waiter. So the chain order is the file order, and no response is sent for a record the
/// file does not hold. A write failure faults the log: later appends fail, and the service stops answering decisions
/// rather than answer without an audit trail.
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
    private readonly Channel<Pending> _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(10_000) { SingleReader = true });
    private readonly Lock _io = new();
    private readonly Task _loop;
    private readonly Timer? _syncTimer;
    private FileStream _stream;
    private long _size;
    private long _seq;
    private string _prev;
    private bool _dirty;
    private volatile Exception? _fault;
    private FileStream? _lock;

    /// <summary>Sequence number of the last record written.</summary>
    public long LastSeq => Interlocked.Read(ref _seq);
    /// <summary>Hash of the last record written (the head of the chain).</summary>
    public string LastHash => Volatile.Read(ref _prev);
    /// <summary>The active file.</summary>
    public string Path => _options.Path;
    /// <summary>Null while the log works; the failure once it does not.</summary>
    public Exception? Fault => _fault;

    private DecisionLogWriter(DecisionLogOptions options, FileStream stream, long seq, string prev)
    {
        _options = options;
        _stream = stream;
        _size = stream.Length;
        _seq = seq;
        _prev = prev;
        _loop = Task.Run(RunAsync);
        if (options.Flush == LogFlush.Interval)
            _syncTimer = new Timer(_ => SyncIfDirty(), null, options.FlushIntervalMs, options.FlushIntervalMs);
    }

    /// <summary>
    /// Opens the log for appending: removes a torn last line left by a crash, then continues the chain from the last
    /// record of the active file or, when it is empty, of the newest rotated file.
    /// </summary>
    /// <param name="options">Where and how to write.</param>
    /// <param name="say">Receives one-line notes (a torn line removed).</param>
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
                var stream = new FileStream(options.Path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
                return new DecisionLogWriter(options, stream, seq, prev) { _lock = lockFile };
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

    /// <summary>Truncates a torn last line and returns the chain head of a file (0 and genesis when it has no record).</summary>
    private static (long Seq, string Prev) Recover(string path, Action<string> say)
    {
        if (!File.Exists(path)) return (0, LogRecord.Genesis);
        using var fs = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
        var complete = LogFiles.LastNewline(fs, fs.Length) + 1;
        if (complete < fs.Length)
        {
            say($"decision log `{path}`: removed a torn last line ({fs.Length - complete} bytes) left by a crash; that record was never answered");
            fs.SetLength(complete);
            fs.Flush(true);
        }
        var last = LogFiles.LastLine(fs, complete);
        if (last is null) return (0, LogRecord.Genesis);
        var problem = LogRecord.TryParse(last, out var record);
        if (problem is not null)
            throw new DecisionLogException($"the last record of decision log `{path}` is broken: {problem}; run `verdict log verify {path}` and move the file aside");
        return (record.Seq, record.Hash);
    }

    /// <summary>Appends a record; completes with its sequence number once it is as durable as the flush mode promises.</summary>
    public async ValueTask<long> AppendAsync(LogEntry entry, CancellationToken cancel = default)
    {
        if (_fault is { } f) throw new DecisionLogException($"decision log `{_options.Path}` failed: {f.Message}");
        var p = new Pending(entry);
        await _queue.Writer.WriteAsync(p, cancel);
        return await p.Done.Task;
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(256);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync())
        {
            while (batch.Count < 1024 && reader.TryRead(out var p)) batch.Add(p);
            try
            {
                lock (_io)
                {
                    foreach (var p in batch) Write(p);
                    if (_options.Flush == LogFlush.Always) _stream.Flush(flushToDisk: true);
                    else { _stream.Flush(flushToDisk: false); _dirty = true; }
                }
                foreach (var p in batch) p.Done.TrySetResult(p.Seq);
            }
            catch (Exception e)
            {
                _fault = e;
                foreach (var p in batch) p.Done.TrySetException(new DecisionLogException($"decision log `{_options.Path}` failed: {e.Message}"));
                _queue.Writer.TryComplete();
                while (reader.TryRead(out var rest)) rest.Done.TrySetException(new DecisionLogException($"decision log `{_options.Path}` failed: {e.Message}"));
                return;
            }
            batch.Clear();
        }
    }

    private void Write(Pending p)
    {
        var seq = _seq + 1;
        var (line, hash) = LogRecord.Build(seq, p.Entry, _prev);
        if (_options.MaxBytes > 0 && _size > 0 && _size + line.Length > _options.MaxBytes) Rotate();
        _stream.Write(line);
        _size += line.Length;
        p.Seq = seq;
        Interlocked.Exchange(ref _seq, seq);
        Volatile.Write(ref _prev, hash);
    }

    /// <summary>Syncs and closes the active file, renames it to the next rotated name and starts an empty one. The chain
    /// simply goes on: the first record of the new file carries the hash of the last record of the old one.</summary>
    private void Rotate()
    {
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        var next = (LogFiles.Rotated(_options.Path).LastOrDefault().Number) + 1;
        File.Move(_options.Path, LogFiles.RotatedName(_options.Path, next));
        _stream = new FileStream(_options.Path, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
        _size = 0;
    }

    private void SyncIfDirty()
    {
        try
        {
            lock (_io)
            {
                if (!_dirty || _fault is not null) return;
                _stream.Flush(flushToDisk: true);
                _dirty = false;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException) { _fault ??= e; }
    }

    /// <summary>Writes what is queued, syncs and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        if (_syncTimer is not null) await _syncTimer.DisposeAsync();
        lock (_io)
        {
            try { _stream.Flush(flushToDisk: true); } catch (IOException) { } catch (ObjectDisposedException) { }
            try { _stream.Dispose(); } catch (IOException) { } // a failed log has already said why
        }
        _lock?.Dispose();
    }
}
