using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PeerBot.Slack;

/// <summary>
/// Slack's request signature: <c>v0=</c> + hex HMAC-SHA256(signing secret, <c>v0:{timestamp}:{raw body}</c>).
/// A request is genuine only if the signature matches (compared in constant time) and its timestamp is
/// within five minutes of our clock in either direction, so a captured request cannot be replayed later.
/// </summary>
public static class SlackSignature
{
    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private const string Prefix = "v0=";

    public static string Compute(string signingSecret, string timestamp, ReadOnlySpan<byte> body) =>
        Prefix + Convert.ToHexStringLower(Hash(signingSecret, timestamp, body));

    public static bool IsValid(string signingSecret, string? timestamp, string? signature, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signingSecret) || string.IsNullOrEmpty(timestamp) || signature is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return false;
        }
        var skew = now.ToUnixTimeSeconds() - seconds;
        if (skew > Window.TotalSeconds || skew < -Window.TotalSeconds)
        {
            return false;
        }
        if (!signature.StartsWith(Prefix, StringComparison.Ordinal) || signature.Length != Prefix.Length + 64)
        {
            return false;
        }
        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(signature.AsSpan(Prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }
        return CryptographicOperations.FixedTimeEquals(claimed, Hash(signingSecret, timestamp, body));
    }

    private static byte[] Hash(string signingSecret, string timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(signingSecret));
        hmac.AppendData(Encoding.UTF8.GetBytes($"v0:{timestamp}:"));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
