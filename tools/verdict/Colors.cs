namespace Verdict.Cli;

/// <summary>
/// ANSI colour for a terminal, never in a file or pipe, and never when <c>NO_COLOR</c> is set to anything
/// (https://no-color.org) or <c>TERM=dumb</c>.
/// </summary>
public static class Colors
{
    public const string Red = "31";
    public const string Green = "32";

    /// <summary>True when writing to <paramref name="output"/> may use colour.</summary>
    public static bool Enabled(TextWriter output) =>
        ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected &&
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")) &&
        Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary><paramref name="text"/> in colour when <paramref name="output"/> allows it, else as is.</summary>
    public static string Paint(TextWriter output, string text, string color) =>
        Enabled(output) ? $"\u001b[{color}m{text}\u001b[0m" : text;
}
