using NodaTime;
using NodaTime.Text;

namespace Verdict.Syntax;

/// <summary>The one text form of an instant in facts, decisions and messages: ISO-8601 UTC with seconds.</summary>
public static class InstantText
{
    private static readonly InstantPattern Pattern = InstantPattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFF'Z'");

    /// <summary><c>2026-11-23T16:30:00Z</c>.</summary>
    public static string Format(Instant i) => Pattern.Format(i);
}
