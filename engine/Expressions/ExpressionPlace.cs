using Verdict.Diagnostics;

namespace Verdict.Expressions;

/// <summary>Turns an offset inside an expression's text into the policy file's line and column, in every language.</summary>
public static class ExpressionPlace
{
    /// <summary>
    /// The place of character <paramref name="index"/> of <paramref name="text"/>, written at <paramref name="at"/> with its
    /// content starting <paramref name="contentOffset"/> columns in (past a quote). A block scalar's location is its first
    /// content line at its indentation (see the YAML reader), so later lines keep that column.
    /// </summary>
    public static SourceLocation At(SourceLocation at, int contentOffset, string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        var lastBreak = index == 0 ? -1 : text.LastIndexOf('\n', index - 1);
        if (lastBreak < 0) return new SourceLocation(at.File, at.Line, at.Column + contentOffset + index);
        var lines = 0;
        for (var i = 0; i < index; i++) if (text[i] == '\n') lines++;
        return new SourceLocation(at.File, at.Line + lines, at.Column + (index - lastBreak - 1));
    }
}
