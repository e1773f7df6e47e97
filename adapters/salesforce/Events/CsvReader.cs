using System.Text;

namespace Verdict.Salesforce.Events;

/// <summary>
/// A streaming RFC 4180 CSV reader over bytes: one buffer (grown only for a record longer than it), fields returned as
/// slices of it, strings made only for the columns a caller asks for. Quoted fields may hold commas, doubled quotes and
/// line breaks; line numbers count physical lines so that errors point at the right place.
/// </summary>
internal sealed class CsvReader : IDisposable
{
    private const int MaxFields = 512;
    private const int MaxRecordBytes = 64 << 20;
    private readonly Stream _stream;
    private byte[] _buf;
    private int _pos, _len;
    private bool _eof;
    private long _nextLine = 1;
    private bool _bomChecked;
    private int _recordStart;
    private readonly int[] _start = new int[MaxFields];
    private readonly int[] _length = new int[MaxFields];
    private readonly bool[] _escaped = new bool[MaxFields];

    public CsvReader(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        _buf = new byte[bufferSize];
    }

    /// <summary>Bytes consumed so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The physical line on which the current record starts.</summary>
    public long Line { get; private set; }

    /// <summary>The physical line on which the current record ends.</summary>
    public long EndLine { get; private set; }

    /// <summary>Fields in the current record.</summary>
    public int FieldCount { get; private set; }

    /// <summary>
    /// Moves to the next record. Returns false at the end of input. A malformed record sets <paramref name="error"/>
    /// (and is skipped up to the end of its line): the caller reports it and reads on.
    /// </summary>
    public bool Next(out string? error)
    {
        while (true)
        {
            var r = TryParse(out error);
            if (r == Parse.Record) return true;
            if (r == Parse.End) return false;
            if (r == Parse.Blank) continue;
            if (!Fill()) { error = $"a record longer than {MaxRecordBytes >> 20} MiB"; SkipAll(); return true; }
        }
    }

    /// <summary>The raw bytes of field <paramref name="i"/> (quotes removed, doubled quotes not yet undone).</summary>
    public ReadOnlySpan<byte> Raw(int i) => _buf.AsSpan(_start[i], _length[i]);

    /// <summary>The 1-based column (in bytes) where field <paramref name="i"/> starts, counting its opening quote.</summary>
    public int Column(int i) => _start[i] - _recordStart + (_start[i] > _recordStart && _buf[_start[i] - 1] == (byte)'"' ? 0 : 1);

    /// <summary>Field <paramref name="i"/> as a string.</summary>
    public string String(int i)
    {
        var s = Encoding.UTF8.GetString(_buf, _start[i], _length[i]);
        return _escaped[i] ? s.Replace("\"\"", "\"", StringComparison.Ordinal) : s;
    }

    private enum Parse { Record, End, Blank, NeedMore }

    private Parse TryParse(out string? error)
    {
        error = null;
        var buf = _buf.AsSpan(0, _len);
        var i = _pos;
        if (i >= _len && _eof) return Parse.End;
        var fields = 0;
        long inner = 0;
        if (!_bomChecked)
        {
            if (_len < 3 && !_eof) return Parse.NeedMore;
            _bomChecked = true;
            if (_len >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF) i = _pos = 3;
        }
        _recordStart = i;
        while (true)
        {
            if (i >= _len)
            {
                if (!_eof) return Parse.NeedMore;
                // The last record has no line break after it.
                if (fields == 0 && i == _pos) return Parse.End;
                if (fields < MaxFields) { _start[fields] = i; _length[fields] = 0; _escaped[fields] = false; fields++; }
                return Finish(fields, inner, _len, ref error);
            }
            if (fields >= MaxFields) { error = $"more than {MaxFields} fields"; return SkipLine(i, inner); }
            if (buf[i] == (byte)'"')
            {
                var j = i + 1;
                var escaped = false;
                while (true)
                {
                    var k = buf[j..].IndexOf((byte)'"');
                    if (k < 0)
                    {
                        if (!_eof) return Parse.NeedMore;
                        error = "a quoted field is not closed before the end of the file";
                        inner += buf[i..].Count((byte)'\n');
                        _pos = _len;
                        return Done(fields, inner, true);
                    }
                    k += j;
                    if (k + 1 >= _len && !_eof) return Parse.NeedMore;
                    if (k + 1 < _len && buf[k + 1] == (byte)'"') { escaped = true; j = k + 2; continue; }
                    _start[fields] = i + 1; _length[fields] = k - i - 1; _escaped[fields] = escaped;
                    inner += buf.Slice(i, k - i).Count((byte)'\n');
                    fields++;
                    var next = k + 1;
                    if (next >= _len) return Finish(fields, inner, next, ref error);
                    var c = buf[next];
                    if (c == (byte)',') { i = next + 1; if (i >= _len && _eof) { _start[fields] = i; _length[fields] = 0; _escaped[fields] = false; fields++; return Finish(fields, inner, i, ref error); } break; }
                    if (c == (byte)'\n') return Finish(fields, inner, next + 1, ref error);
                    if (c == (byte)'\r')
                    {
                        if (next + 1 >= _len && !_eof) return Parse.NeedMore;
                        if (next + 1 >= _len || buf[next + 1] == (byte)'\n') return Finish(fields, inner, Math.Min(next + 2, _len), ref error);
                    }
                    error = "a character after the closing quote of a field";
                    return SkipLine(next, inner);
                }
                continue;
            }
            var rest = buf[i..];
            var e = rest.IndexOfAny((byte)',', (byte)'\n');
            if (e < 0)
            {
                if (!_eof) return Parse.NeedMore;
                e = rest.Length;
            }
            var end = i + e;
            var len = e;
            var term = end < _len ? buf[end] : (byte)'\n';
            if (term == (byte)'\n' && len > 0 && buf[end - 1] == (byte)'\r') len--;
            _start[fields] = i; _length[fields] = len; _escaped[fields] = false;
            fields++;
            if (term == (byte)',')
            {
                i = end + 1;
                if (i >= _len && _eof) { _start[fields] = i; _length[fields] = 0; _escaped[fields] = false; fields++; return Finish(fields, inner, i, ref error); }
                continue;
            }
            // A line with nothing on it holds no record.
            if (fields == 1 && len == 0) { _nextLine++; _pos = Math.Min(end + 1, _len); return Parse.Blank; }
            return Finish(fields, inner, Math.Min(end + 1, _len), ref error);
        }
    }

    private Parse Finish(int fields, long inner, int next, ref string? error)
    {
        _pos = next;
        return Done(fields, inner, error is not null);
    }

    private Parse Done(int fields, long inner, bool bad)
    {
        FieldCount = bad ? 0 : fields;
        Line = _nextLine;
        EndLine = _nextLine + inner;
        _nextLine = EndLine + 1;
        return Parse.Record;
    }

    private Parse SkipLine(int from, long inner)
    {
        var buf = _buf.AsSpan(from, _len - from);
        var nl = buf.IndexOf((byte)'\n');
        if (nl < 0 && !_eof) return Parse.NeedMore;
        _pos = nl < 0 ? _len : from + nl + 1;
        return Done(0, inner, true);
    }

    private void SkipAll()
    {
        _pos = _len;
        FieldCount = 0;
        Line = _nextLine;
        EndLine = _nextLine;
        while (!_eof) { _len = 0; _pos = 0; Fill(); _pos = _len; }
    }

    /// <summary>Keeps the unread tail, reads more behind it; grows the buffer only when one record fills it.</summary>
    private bool Fill()
    {
        if (_pos > 0)
        {
            Buffer.BlockCopy(_buf, _pos, _buf, 0, _len - _pos);
            _len -= _pos;
            _pos = 0;
        }
        if (_len == _buf.Length)
        {
            if (_buf.Length >= MaxRecordBytes) return false;
            Array.Resize(ref _buf, _buf.Length * 2);
        }
        var n = _stream.Read(_buf, _len, _buf.Length - _len);
        if (n == 0) _eof = true;
        _len += n;
        BytesRead += n;
        return true;
    }

    public void Dispose() => _stream.Dispose();
}
