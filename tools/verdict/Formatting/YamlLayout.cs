using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Verdict.Cli.Formatting;

/// <summary>
/// The canonical layout of a policy file, as <c>verdict fmt</c> writes it: two-space indentation, list items indented
/// under their key, one space after <c>:</c> and <c>-</c>, flow collections as <c>{ a: 1, b: 2 }</c> and
/// <c>[a, b]</c>, at most one blank line in a row, no trailing spaces, one final newline. What the author chose is
/// kept: key order, flow or block style of each collection, the quoting of each scalar, block scalars (<c>|</c>,
/// <c>&gt;</c>) as written, every comment, and single blank lines between entries.
/// </summary>
public static class YamlLayout
{
    /// <summary>The text in canonical layout.</summary>
    /// <exception cref="FormatRefusedException">The file uses something the formatter does not lay out (anchors, tags, several documents).</exception>
    /// <exception cref="YamlException">The text is not YAML.</exception>
    public static string Format(string text)
    {
        text = text.ReplaceLineEndings("\n");
        var reader = new Reader(text);
        var doc = reader.ReadStream();
        var w = new Writer(text);
        w.Document(doc);
        return w.ToString();
    }

    internal abstract class FNode
    {
        public List<string> Comments { get; } = [];   // full-line comments before the node (entry or item)
        public bool BlankBefore { get; set; }
        public string? Trailing { get; set; }          // an inline comment after the node, on its last line
        public Mark Start { get; init; }
        public Mark End { get; set; }
    }

    internal sealed class FScalar : FNode
    {
        public required string Value { get; init; }
        public ScalarStyle Style { get; init; }
    }

    internal sealed class FMap : FNode
    {
        public bool Flow { get; init; }
        public List<(FScalar Key, FNode Value)> Entries { get; } = [];
        public List<string> EndComments { get; } = [];  // comments after the last entry, at the map's indentation
    }

    internal sealed class FSeq : FNode
    {
        public bool Flow { get; init; }
        public List<FNode> Items { get; } = [];
        public List<string> EndComments { get; } = [];
    }

    internal sealed class FDoc
    {
        public List<string> Head { get; } = [];
        public FNode? Root { get; set; }
        public List<string> Tail { get; } = [];
    }

    /// <summary>Reads parser events, with comments, into a tree that remembers what layout needs.</summary>
    private sealed class Reader(string text)
    {
        private readonly IParser _p = new Parser(new Scanner(new StringReader(text), skipComments: false));
        private readonly string[] _source = text.Split('\n');
        private List<(string Text, long Line, long Column)> _pending = [];
        private long _lastLine;
        private long _pendingFirstLine = -1;
        private FNode? _last;

        public FDoc ReadStream()
        {
            var doc = new FDoc();
            _p.Consume<StreamStart>();
            TakeComments();
            if (_p.Accept<StreamEnd>(out _)) throw new FormatRefusedException("the file holds no document");
            _p.Consume<DocumentStart>();
            TakeComments();
            doc.Head.AddRange(_pending.Select(c => c.Text));
            _pending = [];
            _pendingFirstLine = -1;
            doc.Root = Node();
            TakeComments();
            _p.Consume<DocumentEnd>();
            TakeComments();
            if (!_p.Accept<StreamEnd>(out _)) throw new FormatRefusedException("the file holds more than one document");
            doc.Tail.AddRange(_pending.Select(c => c.Text));
            return doc;
        }

        /// <summary>Consumes comment events: inline ones go to the node just read, others wait for the next node.</summary>
        private void TakeComments()
        {
            while (_p.Accept<Comment>(out var c))
            {
                _p.MoveNext();
                // The comment as written (`#   indented text` keeps its spaces), from the source line.
                var line = _source[(int)c.Start.Line - 1];
                var raw = line[Math.Min(line.Length, (int)c.Start.Column - 1)..].TrimEnd();
                if (!raw.StartsWith('#')) raw = "# " + c.Value;
                if (c.IsInline && _last is not null && _last.Trailing is null && c.Start.Line == _lastLine) _last.Trailing = raw;
                else
                {
                    if (_pending.Count == 0) _pendingFirstLine = c.Start.Line;
                    _pending.Add((raw, c.Start.Line, c.Start.Column));
                }
            }
        }

        private void Lead(FNode n)
        {
            n.Comments.AddRange(_pending.Select(c => c.Text));
            var first = _pending.Count > 0 ? _pendingFirstLine : n.Start.Line;
            n.BlankBefore = _lastLine > 0 && first - _lastLine > 1;
            _pending = [];
            _pendingFirstLine = -1;
        }

        private FNode Node()
        {
            TakeComments();
            var e = _p.Current ?? throw new FormatRefusedException("the document ends early");
            if (e is AnchorAlias) throw new FormatRefusedException("the file uses aliases (`*name`)");
            if (e is NodeEvent { Anchor.IsEmpty: false }) throw new FormatRefusedException("the file uses anchors (`&name`)");
            if (e is NodeEvent { Tag.IsEmpty: false } ne && !(ne is Scalar)) throw new FormatRefusedException("the file uses tags (`!tag`)");
            switch (e)
            {
                case Scalar s:
                    if (!s.Tag.IsEmpty) throw new FormatRefusedException("the file uses tags (`!tag`)");
                    _p.MoveNext();
                    var scalar = new FScalar { Value = s.Value, Style = s.Style, Start = s.Start, End = s.End };
                    Done(scalar, s.End);
                    return scalar;
                case MappingStart ms:
                {
                    _p.MoveNext();
                    var map = new FMap { Flow = ms.Style == MappingStyle.Flow, Start = ms.Start };
                    TakeComments();
                    while (!_p.Accept<MappingEnd>(out _))
                    {
                        TakeComments();
                        if (_p.Accept<MappingEnd>(out _)) break;
                        if (_p.Current is not Scalar keyEvent) throw new FormatRefusedException("a mapping key that is not a plain value");
                        var key = new FScalar { Value = keyEvent.Value, Style = keyEvent.Style, Start = keyEvent.Start, End = keyEvent.End };
                        if (!keyEvent.Anchor.IsEmpty || !keyEvent.Tag.IsEmpty) throw new FormatRefusedException("the file uses anchors or tags on keys");
                        _p.MoveNext();
                        Lead(key);
                        Done(key, keyEvent.End);
                        var value = Node();
                        map.Entries.Add((key, value));
                        TakeComments();
                    }
                    var end = _p.Consume<MappingEnd>();
                    if (!map.Flow && map.Entries.Count > 0) Keep(map.EndComments, map.Entries[0].Key.Start.Column);
                    map.End = end.End;
                    Done(map, map.Flow ? end.End : new Mark(end.End.Index, _lastLine, 1));
                    return map;
                }
                case SequenceStart ss:
                {
                    _p.MoveNext();
                    var seq = new FSeq { Flow = ss.Style == SequenceStyle.Flow, Start = ss.Start };
                    TakeComments();
                    while (!_p.Accept<SequenceEnd>(out _))
                    {
                        TakeComments();
                        if (_p.Accept<SequenceEnd>(out _)) break;
                        var before = _lastLine;
                        var pending = _pending;
                        var first = pending.Count > 0 ? _pendingFirstLine : _p.Current!.Start.Line;
                        _pending = [];
                        _pendingFirstLine = -1;
                        var item = Node();
                        item.Comments.InsertRange(0, pending.Select(c => c.Text));
                        item.BlankBefore = seq.Items.Count > 0 && first - before > 1;
                        seq.Items.Add(item);
                        TakeComments();
                    }
                    var end = _p.Consume<SequenceEnd>();
                    if (!seq.Flow) Keep(seq.EndComments, seq.Start.Column);
                    seq.End = end.End;
                    Done(seq, seq.Flow ? end.End : new Mark(end.End.Index, _lastLine, 1));
                    return seq;
                }
                default:
                    throw new FormatRefusedException($"unexpected YAML at line {e.Start.Line}");
            }
        }

        /// <summary>
        /// Comments after a block collection's last entry that are indented like its entries stay with it; those to
        /// the left belong to what follows (the parser ends the collection only when it sees the next, outer entry).
        /// </summary>
        private void Keep(List<string> into, long column)
        {
            var inner = _pending.TakeWhile(c => c.Column >= column).ToList();
            into.AddRange(inner.Select(c => c.Text));
            _pending = _pending.Skip(inner.Count).ToList();
            if (_pending.Count > 0) _pendingFirstLine = _pending[0].Line;
        }

        private void Done(FNode n, Mark end)
        {
            n.End = end;
            // A block scalar ends at the start of the line after it; its last content line is the one before.
            var line = end.Column == 1 && end.Line > 1 && n is FScalar { Style: ScalarStyle.Literal or ScalarStyle.Folded } ? end.Line - 1 : end.Line;
            _lastLine = Math.Max(_lastLine, line);
            _last = n;
        }
    }

    /// <summary>Writes the tree in canonical layout.</summary>
    private sealed class Writer(string source)
    {
        private readonly StringBuilder _out = new();
        private readonly string[] _lines = source.Split('\n');

        public override string ToString()
        {
            var text = string.Join("\n", _out.ToString().Split('\n').Select(l => l.TrimEnd()));
            while (text.Contains("\n\n\n", StringComparison.Ordinal)) text = text.Replace("\n\n\n", "\n\n", StringComparison.Ordinal);
            return text.Trim('\n') + "\n";
        }

        public void Document(FDoc d)
        {
            foreach (var c in d.Head) Line(0, Hash(c));
            switch (d.Root)
            {
                case FMap { Flow: false } m: MapBody(m, 0); break;
                case FSeq { Flow: false } s: SeqBody(s, 0); break;
                case { } n: _out.Append(Inline(n)).Append(Trail(n)).Append('\n'); break;
            }
            foreach (var c in d.Tail) Line(0, Hash(c));
        }

        /// <summary>A comment as the author wrote it, from its hash on.</summary>
        private static string Hash(string c) => c;

        private void Line(int indent, string text) => _out.Append(' ', indent).Append(text).Append('\n');

        private static string Trail(FNode n) => n.Trailing is { } t ? "  " + Hash(t) : "";

        private void Leading(FNode n, int indent, bool first)
        {
            if (n.BlankBefore && !first) _out.Append('\n');
            foreach (var c in n.Comments) Line(indent, Hash(c));
        }

        private void MapBody(FMap m, int indent, bool firstInline = false)
        {
            for (var i = 0; i < m.Entries.Count; i++)
            {
                var (key, value) = m.Entries[i];
                // The first entry of a map that is a list item goes on the dash's line.
                var pad = i == 0 && firstInline ? 0 : indent;
                if (!(i == 0 && firstInline)) Leading(key, indent, i == 0);
                _out.Append(' ', pad).Append(Scalar(key)).Append(':');
                Value(value, indent, key);
            }
            foreach (var c in m.EndComments) Line(indent, Hash(c));
        }

        private void SeqBody(FSeq s, int indent)
        {
            for (var i = 0; i < s.Items.Count; i++)
            {
                var item = s.Items[i];
                Leading(item, indent, i == 0);
                _out.Append(' ', indent).Append('-');
                switch (item)
                {
                    case FMap { Flow: false, Entries.Count: > 0 } m:
                        _out.Append(' ');
                        // Comments before the first key were read as the item's; the key keeps its own.
                        foreach (var c in m.Entries[0].Key.Comments) { _out.Append(Hash(c)).Append('\n').Append(' ', indent + 2); }
                        MapBody(m, indent + 2, firstInline: true);
                        break;
                    case FSeq { Flow: false, Items.Count: > 0 } inner:
                        _out.Append(Trail(item)).Append('\n');
                        SeqBody(inner, indent + 2);
                        break;
                    default:
                        _out.Append(' ');
                        Scalarish(item, indent + 2);
                        break;
                }
            }
            foreach (var c in s.EndComments) Line(indent, Hash(c));
        }

        /// <summary>After <c>key:</c>: a scalar or flow collection on the line, a block collection below it.</summary>
        private void Value(FNode value, int indent, FScalar key)
        {
            switch (value)
            {
                case FMap { Flow: false, Entries.Count: > 0 } m:
                    _out.Append(Trail(key)).Append('\n');
                    MapBody(m, indent + 2);
                    break;
                case FSeq { Flow: false, Items.Count: > 0 } s:
                    _out.Append(Trail(key)).Append('\n');
                    SeqBody(s, indent + 2);
                    break;
                case FScalar { Style: ScalarStyle.Plain, Value.Length: 0 }:
                    _out.Append(Trail(key)).Append(Trail(value)).Append('\n');
                    break;
                default:
                    _out.Append(' ');
                    Scalarish(value, indent + 2);
                    break;
            }
        }

        /// <summary>A scalar or flow collection (or empty block collection) and its trailing comment; block scalars as written.</summary>
        private void Scalarish(FNode n, int indent)
        {
            if (n is FScalar { Style: ScalarStyle.Literal or ScalarStyle.Folded } block) { BlockScalar(block, indent); return; }
            _out.Append(Inline(n)).Append(Trail(n)).Append('\n');
        }

        /// <summary>A block scalar: its header and its lines as the author wrote them, re-indented.</summary>
        private void BlockScalar(FScalar s, int indent)
        {
            var headerLine = _lines[(int)s.Start.Line - 1];
            var header = headerLine[((int)s.Start.Column - 1)..];
            var hash = header.IndexOf(" #", StringComparison.Ordinal);
            _out.Append((hash >= 0 ? header[..hash] : header).TrimEnd()).Append(Trail(s)).Append('\n');
            var last = (int)s.End.Line - (s.End.Column == 1 ? 1 : 0);
            var body = new List<string>();
            for (var l = (int)s.Start.Line; l < last && l < _lines.Length; l++) body.Add(_lines[l]);
            while (body.Count > 0 && body[^1].Trim().Length == 0) body.RemoveAt(body.Count - 1);
            var common = body.Where(b => b.Trim().Length > 0).Select(b => b.Length - b.TrimStart(' ').Length).DefaultIfEmpty(0).Min();
            foreach (var b in body) _out.Append(b.Trim().Length == 0 ? "" : new string(' ', indent) + b[common..]).Append('\n');
        }

        private string Inline(FNode n) => n switch
        {
            FScalar s => Scalar(s),
            FMap m => m.Entries.Count == 0 ? "{}" : "{ " + string.Join(", ", m.Entries.Select(e => $"{Scalar(e.Key)}: {Inline(e.Value)}")) + " }",
            FSeq q => q.Items.Count == 0 ? "[]" : "[" + string.Join(", ", q.Items.Select(Inline)) + "]",
            _ => "",
        };

        private static string Scalar(FScalar s) => s.Style switch
        {
            ScalarStyle.SingleQuoted => "'" + s.Value.Replace("'", "''") + "'",
            ScalarStyle.DoubleQuoted => DoubleQuoted(s.Value),
            // Literal and folded scalars only reach here inside flow collections, where YAML does not allow them.
            ScalarStyle.Literal or ScalarStyle.Folded => DoubleQuoted(s.Value),
            _ => s.Value,
        };

        private static string DoubleQuoted(string v)
        {
            var t = new StringBuilder("\"");
            foreach (var c in v)
                t.Append(c switch
                {
                    '"' => "\\\"", '\\' => "\\\\", '\n' => "\\n", '\t' => "\\t", '\r' => "\\r",
                    _ when c < ' ' => $"\\x{(int)c:X2}",
                    _ => c.ToString(),
                });
            return t.Append('"').ToString();
        }
    }
}

/// <summary>A file the formatter will not lay out, with the reason; it is left as it is.</summary>
public sealed class FormatRefusedException(string message) : Exception(message);
