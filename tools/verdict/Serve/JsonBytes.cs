using System.Buffers;
using System.Text.Json;
using Verdict.Decisions;
using Verdict.Rendering;
using Verdict.Syntax;

namespace Verdict.Cli.Serve;

/// <summary>Decision JSON straight to bytes, without the string round trip of <see cref="DecisionJson.Write(Decision, ClockView?, bool)"/>.</summary>
public static class JsonBytes
{
    /// <summary>The bytes of <c>DecisionJson.Write(d)</c> (indented, final newline); a test holds them equal.</summary>
    public static byte[] Decision(Decision d)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = CanonicalJson.Encoder, NewLine = "\n" }))
            DecisionJson.Write(w, d);
        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// Drops the whitespace between tokens of JSON written by <see cref="Utf8JsonWriter"/>: the result is what the
    /// writer gives without indentation, at a fraction of the cost of writing it again.
    /// </summary>
    public static byte[] Compact(ReadOnlySpan<byte> json)
    {
        var result = new byte[json.Length];
        var n = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (inString)
            {
                result[n++] = b;
                if (b == '\\') result[n++] = json[++i];
                else if (b == '"') inString = false;
            }
            else if (b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t') { }
            else
            {
                if (b == '"') inString = true;
                result[n++] = b;
            }
        }
        return result.AsSpan(0, n).ToArray();
    }
}
