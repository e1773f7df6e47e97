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
