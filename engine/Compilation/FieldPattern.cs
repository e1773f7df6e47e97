using Verdict.Diagnostics;
using Verdict.Model;

namespace Verdict.Compilation;

/// <summary>
/// One part of an <c>Object.Field</c> pattern: exact text, or text with <c>*</c> wildcards. Matching ignores case,
/// as CRM API names do, so a deny rule cannot be dodged by writing <c>creditscore__c</c>.
/// </summary>
internal sealed class Glob
{
    private readonly string[] _pieces;
    private readonly bool _anchoredStart, _anchoredEnd;

    /// <summary>The part as written.</summary>
    public string Text { get; }

    /// <summary>True for <c>*</c> alone.</summary>
    public bool IsAny { get; }

    /// <summary>True when the part has no wildcard.</summary>
    public bool IsExact { get; }

    public Glob(string text)
    {
        Text = text;
        IsAny = text.Length > 0 && text.All(c => c == '*');
        IsExact = !text.Contains('*');
        _pieces = text.Split('*', StringSplitOptions.RemoveEmptyEntries);
        _anchoredStart = !text.StartsWith('*');
        _anchoredEnd = !text.EndsWith('*');
    }

    /// <summary>True when <paramref name="s"/> matches. Allocation-free.</summary>
    public bool Matches(string s)
    {
        if (IsAny) return true;
        if (IsExact) return string.Equals(s, Text, StringComparison.OrdinalIgnoreCase);
        var span = s.AsSpan();
        var at = 0;
        for (var i = 0; i < _pieces.Length; i++)
        {
            var piece = _pieces[i].AsSpan();
            if (i == 0 && _anchoredStart)
            {
                if (!span.StartsWith(piece, StringComparison.OrdinalIgnoreCase)) return false;
                at = piece.Length;
                continue;
            }
            if (i == _pieces.Length - 1 && _anchoredEnd)
                return span.Length - piece.Length >= at && span[(span.Length - piece.Length)..].Equals(piece, StringComparison.OrdinalIgnoreCase);
            var found = span[at..].IndexOf(piece, StringComparison.OrdinalIgnoreCase);
            if (found < 0) return false;
            at += found + piece.Length;
        }
        // a pattern ending in a literal was handled above; one ending in * accepts any rest
        return !_anchoredEnd || at == span.Length;
    }
}

/// <summary>A compiled <c>Object.Field</c> pattern of a purpose binding.</summary>
internal sealed class FieldPattern
{
    public Glob Object { get; }
    public Glob Field { get; }
    public string Text { get; }

    private FieldPattern(Glob obj, Glob field, string text)
    {
        Object = obj;
        Field = field;
        Text = text;
    }

    /// <summary>Splits at the first dot; the schema has already checked the shape.</summary>
    public static FieldPattern Parse(Located l)
    {
        var dot = l.Text.IndexOf('.');
        if (dot <= 0 || dot == l.Text.Length - 1)
            throw VerdictException.Single(Codes.BadValue, $"`{l.Text}` is not an `Object.Field` pattern", l.Location,
                "write e.g. `Account.Name`, `Account.*` or `*.CreditScore__c`");
        return new FieldPattern(new Glob(l.Text[..dot]), new Glob(l.Text[(dot + 1)..]), l.Text);
    }
}

/// <summary>
/// Field patterns indexed by the first character of their literal start, so a field is tested only against patterns
/// that can match it: <c>Subject</c> never meets <c>Password*</c>. Patterns that start with <c>*</c> (or a
/// non-ASCII letter) are tested for every field, and a field that starts with a non-ASCII letter is tested against
/// all patterns, because case-insensitive matching maps some of those letters onto ASCII ones (<c>ı</c> → <c>I</c>).
/// </summary>
internal sealed class PatternIndex<T> where T : class
{
    private readonly (Glob? Object, Glob Field, T Value)[][] _byFirst = new (Glob?, Glob, T)[128][];
    private readonly (Glob? Object, Glob Field, T Value)[] _floating;

    /// <summary>Every pattern in the order given.</summary>
    public (Glob? Object, Glob Field, T Value)[] All { get; }

    public PatternIndex(IEnumerable<(Glob? Object, Glob Field, T Value)> items)
    {
        All = items.ToArray();
        _floating = All.Where(p => Key(p.Field.Text) < 0).ToArray();
        for (var c = 0; c < 128; c++)
        {
            var bucket = All.Where(p => Key(p.Field.Text) == c).ToArray();
            _byFirst[c] = bucket.Length == 0 ? [] : bucket;
        }
    }

    /// <summary>True when there is no pattern.</summary>
    public bool IsEmpty => All.Length == 0;

    /// <summary>Some pattern's value matching the object and field, or null. Allocation-free.</summary>
    public T? Any(string obj, string field)
    {
        var key = field.Length > 0 ? Key(field) : -1;
        if (key < 0) return Scan(All, obj, field);
        return Scan(_byFirst[key], obj, field) ?? Scan(_floating, obj, field);
    }

    private static T? Scan((Glob? Object, Glob Field, T Value)[] patterns, string obj, string field)
    {
        foreach (var (o, f, v) in patterns)
            if ((o is null || o.Matches(obj)) && f.Matches(field)) return v;
        return null;
    }

    // The lower-cased ASCII first character, or -1 for a leading wildcard or a non-ASCII letter.
    private static int Key(string text)
    {
        if (text.Length == 0 || text[0] == '*' || text[0] >= 128) return -1;
        return char.ToLowerInvariant(text[0]);
    }
}
