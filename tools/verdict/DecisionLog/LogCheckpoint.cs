using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verdict.Cli.DecisionLog;

/// <summary>
/// Checkpoint records anchor the chain. A checkpoint is an ordinary record of kind <c>checkpoint</c> whose payload
/// says how many records precede it and the hash of the last one (the head); with an operator's key it also carries
/// <c>mac</c>, an HMAC-SHA256 over the record's number and that head, so whoever can write the file but does not hold
/// the key cannot rewrite the chain and re-sign it. Each checkpoint is also printed as one line for an external
/// store to keep, which catches what no file can show by itself: records cut off the end.
/// </summary>
public static class LogCheckpoint
{
    /// <summary>The record kind of checkpoints.</summary>
    public const string Kind = "checkpoint";

    /// <summary>The payload of the checkpoint at <paramref name="seq"/> (compact JSON).</summary>
    public static byte[] Payload(long seq, string head, string reason, long every, byte[]? key)
    {
        var sb = new StringBuilder(256);
        sb.Append(CultureInfo.InvariantCulture, $"{{\"checkpoint\":{{\"records\":{seq - 1},\"head\":\"{head}\",\"every\":{every},\"reason\":\"{reason}\"");
        if (key is not null) sb.Append(CultureInfo.InvariantCulture, $",\"mac\":\"{Mac(key, seq, head, every)}\"");
        sb.Append("}}");
        return Encoding.UTF8.GetBytes(sb.ToString());
    }

    /// <summary><c>hmac-sha256:</c> and the hex HMAC over <c>verdict-log-checkpoint:v1:SEQ:HEAD:EVERY</c>.</summary>
    public static string Mac(byte[] key, long seq, string head, long every) =>
        "hmac-sha256:" + Convert.ToHexStringLower(HMACSHA256.HashData(key,
            Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"verdict-log-checkpoint:v1:{seq}:{head}:{every}"))));

    /// <summary>Reads the key file: its bytes, trailing newline removed; at least 32 bytes.</summary>
    public static byte[] ReadKey(string file)
    {
        var bytes = File.ReadAllBytes(file);
        var text = Encoding.UTF8.GetString(bytes).TrimEnd('\r', '\n');
        var key = Encoding.UTF8.GetBytes(text);
        if (key.Length < 32)
            throw new InvalidDataException($"the log key in `{file}` is {key.Length} bytes; use at least 32 (e.g. `head -c 32 /dev/urandom | base64 > {file}`)");
        return key;
    }
}
